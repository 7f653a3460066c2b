/**
 * Trends for an artist: genre momentum in every country of the imported charts, and a competitor
 * summary of the artist's market by the AI (or the offline template) whose every point cites the
 * chart rows it rests on; a live answer citing rows that do not exist is retried, then replaced.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import { genreMomentum, type Momentum } from "./trends/momentum.ts";
import {
  type CompetitorSummary,
  summaryInput,
  writeCompetitorSummary,
} from "./trends/summary_task.ts";
import { artistView, type Platform, type Who } from "./service.ts";
import type { ChartRow } from "./types.ts";

export interface Trends {
  market: string;
  weeks: number;
  countries: { country: string; momentum: Momentum[] }[];
  summary: CompetitorSummary | null;
  summary_source: "live" | "offline" | null;
  /** The chart rows the summary cites, whole (track, artist, genre, streams). */
  cited: ChartRow[];
}

/** The last 12 weeks of charts imported for the artist. */
async function chartRows(tx: Tx, artistId: string): Promise<ChartRow[]> {
  const rows = await tx.query<ChartRow & { week: string }>(
    `select country, week::text as week, rank, track, artist_name as artist, genre, streams
       from public.artist_chart_entries
      where artist_id = $1
        and week >= (select max(week) - 84 from public.artist_chart_entries where artist_id = $1)
      order by country, week, rank`,
    [artistId],
  );
  return rows;
}

export async function artistTrends(p: Platform, who: Who, artistId: string): Promise<Trends> {
  const artist = await artistView(p, who, artistId);
  const rows = await p.db.asUser(who.claims, (tx) => chartRows(tx, artistId));
  const byCountry = new Map<string, ChartRow[]>();
  for (const r of rows) byCountry.set(r.country, [...(byCountry.get(r.country) ?? []), r]);
  const countries = [...byCountry].map(([country, list]) => ({
    country,
    momentum: genreMomentum(list),
  }));
  const market = artist.persona.market;
  let summary: CompetitorSummary | null = null;
  let source: Trends["summary_source"] = null;
  if (byCountry.has(market)) {
    const run = await writeCompetitorSummary(p.ai, summaryInput(artist.persona, rows), {
      log: p.log,
    });
    summary = run.value;
    source = run.source;
  }
  const citedKeys = new Set(
    summary?.points.flatMap((p) => p.cites.map((c) => `${c.country}|${c.week}|${c.rank}`)) ?? [],
  );
  const cited = rows.filter((r) => citedKeys.has(`${r.country}|${r.week}|${r.rank}`));
  return { market, weeks: 4, countries, summary, summary_source: source, cited };
}
