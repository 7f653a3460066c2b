/**
 * An artist's dashboard: totals, weekly series (streams, save rate, skip rate, followers), the
 * countries and the tracks, for the whole artist or one track or one country. Summed in SQL
 * under RLS (owner and members).
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import type { Dashboard } from "./api.ts";

const rate = (part: number, whole: number) => whole > 0 ? part / whole : null;

/**
 * Followers: the export repeats the artist's count on every track's row of a day and country,
 * so a day's followers are the largest count per country, summed over the countries.
 */
export async function dashboard(
  tx: Tx,
  artistId: string,
  q: { track?: string; country?: string },
): Promise<Dashboard> {
  const args = [artistId, q.track ?? null, q.country ?? null];
  const where = `m.artist_id = $1 and ($2::uuid is null or m.track_id = $2::uuid)
                 and ($3::text is null or m.country = $3::text)`;
  const [weekly, countries, tracks] = await Promise.all([
    tx.query<{ week: string; streams: number; saves: number; skips: number; followers: number }>(
      `with days as (
         select m.day, m.country, sum(m.streams) as streams, sum(m.saves) as saves,
                sum(m.skips) as skips, max(m.followers) as followers
           from public.artist_metrics m where ${where} group by m.day, m.country
       ), per_day as (
         select day, sum(streams) as streams, sum(saves) as saves, sum(skips) as skips,
                sum(followers) as followers from days group by day
       )
       select date_trunc('week', day)::date::text as week, sum(streams)::float8 as streams,
              sum(saves)::float8 as saves, sum(skips)::float8 as skips,
              (array_agg(followers order by day desc))[1]::float8 as followers
         from per_day group by 1 order by 1`,
      args,
    ),
    tx.query<{ country: string; streams: number; saves: number; skips: number }>(
      `select m.country, sum(m.streams)::float8 as streams, sum(m.saves)::float8 as saves,
              sum(m.skips)::float8 as skips
         from public.artist_metrics m where ${where}
        group by m.country order by 2 desc limit 50`,
      args,
    ),
    tx.query<
      {
        id: string;
        title: string;
        song_id: string | null;
        streams: number;
        saves: number;
        skips: number;
      }
    >(
      `select t.id, t.title, t.song_id, sum(m.streams)::float8 as streams,
              sum(m.saves)::float8 as saves, sum(m.skips)::float8 as skips
         from public.artist_metrics m join public.artist_tracks t on t.id = m.track_id
        where ${where} group by t.id, t.title, t.song_id order by 4 desc limit 200`,
      args,
    ),
  ]);
  const total = (k: "streams" | "saves" | "skips") => weekly.reduce((s, w) => s + w[k], 0);
  const streams = total("streams");
  const [listeners] = await tx.query<{ n: number }>(
    `select coalesce(sum(m.listeners), 0)::float8 as n from public.artist_metrics m where ${where}`,
    args,
  );
  return {
    totals: {
      streams,
      listeners: listeners.n,
      saves: total("saves"),
      skips: total("skips"),
      followers: weekly.at(-1)?.followers ?? 0,
      save_rate: rate(total("saves"), streams),
      skip_rate: rate(total("skips"), streams),
    },
    weekly: {
      streams: weekly.map((w) => ({ week: w.week, value: w.streams })),
      save_rate: weekly.map((w) => ({ week: w.week, value: rate(w.saves, w.streams) })),
      skip_rate: weekly.map((w) => ({ week: w.week, value: rate(w.skips, w.streams) })),
      followers: weekly.map((w) => ({ week: w.week, value: w.followers })),
    },
    countries: countries.map((c) => ({
      country: c.country,
      streams: c.streams,
      save_rate: rate(c.saves, c.streams),
      skip_rate: rate(c.skips, c.streams),
    })),
    tracks: tracks.map((t) => ({
      id: t.id,
      title: t.title,
      song_id: t.song_id,
      streams: t.streams,
      save_rate: rate(t.saves, t.streams),
      skip_rate: rate(t.skips, t.streams),
    })),
  };
}
