/**
 * Market trends: weekly chart CSVs as the streaming services publish them (country, week, rank,
 * track, artist, genre, streams), one file holding one or many countries and weeks. Columns are
 * matched by name or alias ("position", "week_start", "artist_names", …), every bad row is
 * reported with its line, and a file with any error yields no rows (table.ts). A chart has one
 * track per place, so a repeated (country, week, rank) is refused on the later line.
 *
 * @module
 */
import type { ChartRow } from "../types.ts";
import { Bad, parseCount, parseCountry, parseDate, parseText } from "./fields.ts";
import { type Column, type ImportOptions, type ImportResult, importTable } from "./table.ts";

/** The deepest chart place accepted (ChartRow's bound). */
export const MAX_RANK = 500;

/** In ChartRow's order; `read` below relies on it. */
export const CHART_COLUMNS: readonly Column[] = [
  { name: "country", aliases: ["country code", "region", "market", "territory"] },
  { name: "week", aliases: ["week start", "week of", "chart week", "date", "chart date"] },
  { name: "rank", aliases: ["position", "pos", "place", "chart position", "#"] },
  { name: "track", aliases: ["track name", "track title", "song", "song name", "title"] },
  { name: "artist", aliases: ["artist names", "artists", "artist name", "performer"] },
  { name: "genre", aliases: ["primary genre", "main genre"] },
  { name: "streams", aliases: ["plays", "stream count", "weekly streams"] },
];

/** A chart place: one track per country, week and rank. */
export function chartKey(row: Pick<ChartRow, "country" | "week" | "rank">): string {
  return `${row.country}|${row.week}|${row.rank}`;
}

function parseRank(raw: string | undefined): number | Bad {
  const n = parseCount(raw);
  if (n instanceof Bad) return n;
  if (n < 1 || n > MAX_RANK) return new Bad(`must be a chart place from 1 to ${MAX_RANK}`);
  return n;
}

function readChart(
  f: string[],
  at: readonly number[],
  bad: (field: string, message: string) => void,
): ChartRow | null {
  const country = parseCountry(f[at[0]], true);
  const week = parseDate(f[at[1]]);
  const rank = parseRank(f[at[2]]);
  const track = parseText(f[at[3]], 200);
  const artist = parseText(f[at[4]], 200);
  const genre = parseText(f[at[5]], 60);
  const streams = parseCount(f[at[6]]);
  if (
    typeof country === "string" && typeof week === "string" && typeof rank === "number" &&
    typeof track === "string" && typeof artist === "string" && typeof genre === "string" &&
    typeof streams === "number"
  ) {
    return { country, week, rank, track, artist, genre, streams };
  }
  [country, week, rank, track, artist, genre, streams].forEach((v, i) => {
    if (v instanceof Bad) bad(CHART_COLUMNS[i].name, v.message);
  });
  return null;
}

/**
 * The chart rows of `text`, or the errors that stop it from being imported (each with its line;
 * the header is line 1). See `ImportResult`.
 */
export function parseChartsCsv(text: string, opts?: ImportOptions): ImportResult<ChartRow> {
  return importTable<ChartRow>(text, {
    columns: CHART_COLUMNS,
    read: readChart,
    key: (r) => [r.country + r.week, r.rank],
    keyLabel: "country, week and rank",
  }, opts);
}
