/**
 * Trends for an artist: genre momentum in every country of the imported charts, and a competitor
 * summary of the artist's market by the AI (or the offline template) whose every point cites the
 * chart rows it rests on; a live answer citing rows that do not exist is retried, then replaced.
 * The summary is kept until the charts it summarised change, so visits do not ask the AI again;
 * a new one takes one of the reader's daily AI requests (none left: the offline template).
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
import type { ChartRow, Persona } from "./types.ts";
import { createOfflineAi } from "../../ports/ai/offline.ts";
import { toHttpError } from "../../web/errors.ts";
import { asServer } from "../dj/run_store.ts";

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

/** A short hash of the rows a summary is written from. */
async function keyOf(market: string, rows: ChartRow[]): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify([market, rows]));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

interface Kept {
  charts_key: string;
  summary: CompetitorSummary;
  source: "live" | "offline";
}

/** The kept summary for these charts, or a new one written and kept. */
async function summaryFor(
  p: Platform,
  who: Who,
  artistId: string,
  persona: Persona,
  rows: ChartRow[],
): Promise<Kept> {
  const key = await keyOf(persona.market, rows);
  const [kept] = await p.db.asUser(who.claims, (tx) =>
    tx.query<Kept>(
      "select charts_key, summary, source from public.artist_summaries where artist_id = $1",
      [artistId],
    ));
  if (kept?.charts_key === key) return kept;
  let ai = p.ai;
  if (ai.mode === "live") {
    try {
      await p.db.asUser(
        who.claims,
        (tx) =>
          tx.query("select public.spend_ai_quota('artist_trends', $1)", [p.config.AI_DAILY_LIMIT]),
      );
    } catch (err) {
      if (toHttpError(err)?.status !== 429) throw err;
      ai = offlineAi;
    }
  }
  const run = await writeCompetitorSummary(ai, summaryInput(persona, rows), { log: p.log });
  const fresh: Kept = { charts_key: key, summary: run.value, source: run.source };
  await p.db.asUser(who.claims, (tx) =>
    asServer(tx, () =>
      tx.query(
        `insert into public.artist_summaries (artist_id, market, charts_key, summary, source)
         values ($1, $2, $3, $4::jsonb, $5)
         on conflict (artist_id) do update
            set market = excluded.market, charts_key = excluded.charts_key,
                summary = excluded.summary, source = excluded.source, created_at = now()`,
        [artistId, persona.market, key, JSON.stringify(fresh.summary), fresh.source],
      )));
  return fresh;
}

const offlineAi = createOfflineAi();

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
    const kept = await summaryFor(p, who, artistId, artist.persona, rows);
    summary = kept.summary;
    source = kept.source;
  }
  const citedKeys = new Set(
    summary?.points.flatMap((p) => p.cites.map((c) => `${c.country}|${c.week}|${c.rank}`)) ?? [],
  );
  const cited = rows.filter((r) => citedKeys.has(`${r.country}|${r.week}|${r.rank}`));
  return { market, weeks: 4, countries, summary, summary_source: source, cited };
}
