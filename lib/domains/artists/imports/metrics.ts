/**
 * Performance data: the CSV a streaming service's artist dashboard exports, one row per track,
 * day and country (date, track, country, streams, listeners, saves, skips, followers). Column
 * names are matched case-insensitively with the names exports use ("Day", "Song", "Country
 * code", …) and other columns are ignored. Every bad row is reported with its line; a file with
 * any error yields no rows (table.ts). Field rules (numbers, dates) are in fields.ts.
 *
 * Rows are keyed by (track, date, country), the track compared trimmed and lower-cased
 * (`metricKey`): importing the same file twice changes nothing, and a file that repeats a key is
 * refused on the later line.
 *
 * @module
 */
import type { MetricRow } from "../types.ts";
import { Bad, parseCount, parseCountry, parseDate, parseText } from "./fields.ts";
import { type Column, type ImportOptions, type ImportResult, importTable } from "./table.ts";

/** In MetricRow's order; `read` below relies on it. */
export const METRIC_COLUMNS: readonly Column[] = [
  { name: "date", aliases: ["day", "report date", "stream date", "dt"] },
  { name: "track", aliases: ["track name", "track title", "song", "song name", "title"] },
  { name: "country", aliases: ["country code", "region", "market", "territory"] },
  { name: "streams", aliases: ["plays", "stream count", "total streams"] },
  { name: "listeners", aliases: ["unique listeners", "listener count"] },
  { name: "saves", aliases: ["library saves", "save count"] },
  { name: "skips", aliases: ["skip count"] },
  { name: "followers", aliases: ["artist followers", "follower count"] },
];

/**
 * The idempotency key: the same track, day and country is the same row. (The import's duplicate
 * check compares the same parts, the track already trimmed.)
 */
export function metricKey(row: Pick<MetricRow, "track" | "date" | "country">): string {
  // Date and country never hold "|", so the track (last) cannot make two keys collide.
  return `${row.date}|${row.country}|${row.track.trim().toLowerCase()}`;
}

function readMetric(
  f: string[],
  at: readonly number[],
  bad: (field: string, message: string) => void,
): MetricRow | null {
  const date = parseDate(f[at[0]]);
  const track = parseText(f[at[1]], 200);
  const country = parseCountry(f[at[2]]);
  const streams = parseCount(f[at[3]]);
  const listeners = parseCount(f[at[4]]);
  const saves = parseCount(f[at[5]]);
  const skips = parseCount(f[at[6]]);
  const followers = parseCount(f[at[7]]);
  if (
    typeof date === "string" && typeof track === "string" && typeof country === "string" &&
    typeof streams === "number" && typeof listeners === "number" && typeof saves === "number" &&
    typeof skips === "number" && typeof followers === "number"
  ) {
    return { date, track, country, streams, listeners, saves, skips, followers };
  }
  const values = [date, track, country, streams, listeners, saves, skips, followers];
  values.forEach((v, i) => {
    if (v instanceof Bad) bad(METRIC_COLUMNS[i].name, v.message);
  });
  return null;
}

/**
 * The metric rows of `text`, or the errors that stop it from being imported (each with its line;
 * the header is line 1). See `ImportResult`.
 */
export function parseMetricsCsv(text: string, opts?: ImportOptions): ImportResult<MetricRow> {
  return importTable<MetricRow>(text, {
    columns: METRIC_COLUMNS,
    read: readMetric,
    key: (r) => [r.date + r.country, r.track.toLowerCase()],
    keyLabel: "track, date and country",
  }, opts);
}
