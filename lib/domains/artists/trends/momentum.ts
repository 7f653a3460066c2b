/**
 * Genre momentum: how much of each country's weekly chart a genre holds now against a few weeks
 * earlier, so a persona can lean towards what is growing in its market.
 *
 * Share is rank-weighted and linear: in a chart whose deepest place is N, rank r weighs
 * N − r + 1, and a genre's share is its weight over the chart's total (×100, in %). Linear
 * weights count the whole chart; 1/r was rejected because it gives #1 the weight of places
 * 10–30 together, so one track moving at the top would swing a genre by tens of points. Charts
 * of different depths compare fairly because each is normalised to 100%.
 *
 * The latest week (at or before `asOf`) is compared with the earliest week in the `weeks` weeks
 * before it (exactly 4 weeks earlier when that chart exists; later when it does not). A country
 * with a single week has nothing to compare: `weeks_compared` 0 and no trend. Each result names
 * the rows that weigh most, so a summary can cite them.
 *
 * @module
 */
import { z } from "zod";
import { type ChartRow, Country } from "../types.ts";

/** A chart row as cited: enough to find it (country, week, rank) and to read it. */
export const ChartRef = z.object({
  country: Country,
  week: z.iso.date(),
  rank: z.number().int().min(1),
  track: z.string(),
  artist: z.string(),
});
export type ChartRef = z.infer<typeof ChartRef>;

export const TRENDS = ["rising", "falling", "steady"] as const;
export type Trend = (typeof TRENDS)[number];

export const Momentum = z.object({
  country: Country,
  genre: z.string().describe("Lower case, as charts are grouped"),
  week: z.iso.date().describe("The latest chart week"),
  from_week: z.iso.date().nullable().describe("The week compared with; null with one week"),
  weeks_compared: z.number().int().min(0).describe("Weeks between from_week and week"),
  share: z.number().min(0).max(100).describe("Rank-weighted share of the latest chart, %"),
  share_before: z.number().min(0).max(100).nullable(),
  change_pp: z.number().nullable().describe("share − share_before, in percentage points"),
  trend: z.enum(TRENDS).nullable().describe("null when there is no earlier week"),
  rows: z.array(ChartRef).describe("The genre's heaviest rows in the latest week, by rank"),
  rows_before: z.array(ChartRef).describe("…and in the week compared with"),
});
export type Momentum = z.infer<typeof Momentum>;

export interface MomentumOptions {
  /** How far back to compare, in weeks (default 4). */
  weeks?: number;
  /** Ignore charts after this day (YYYY-MM-DD); default: use the latest of each country. */
  asOf?: string;
  /** A change of at least this many points is rising or falling (default 2). */
  thresholdPp?: number;
  /** Rows cited per genre and week (default 3). */
  cite?: number;
}

interface GenreWeight {
  weight: number;
  rows: ChartRow[];
}

/** Each genre's weight in one country's chart of one week, and the chart's total weight. */
function weigh(chart: ChartRow[]): { total: number; genres: Map<string, GenreWeight> } {
  let deepest = 0;
  for (const r of chart) deepest = Math.max(deepest, r.rank);
  let total = 0;
  const genres = new Map<string, GenreWeight>();
  for (const r of [...chart].sort((a, b) => a.rank - b.rank)) {
    const w = deepest - r.rank + 1;
    total += w;
    const key = r.genre.trim().toLowerCase();
    const g = genres.get(key) ?? { weight: 0, rows: [] };
    g.weight += w;
    g.rows.push(r);
    genres.set(key, g);
  }
  return { total, genres };
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const round1 = (x: number) => Math.round(x * 10) / 10;

function refs(g: GenreWeight | undefined, n: number): ChartRef[] {
  return (g?.rows ?? []).slice(0, n).map(({ country, week, rank, track, artist }) => ({
    country,
    week,
    rank,
    track,
    artist,
  }));
}

/** Charts by country, then by week. */
function byCountryWeek(rows: readonly ChartRow[], asOf?: string) {
  const out = new Map<string, Map<string, ChartRow[]>>();
  for (const r of rows) {
    if (asOf && r.week > asOf) continue;
    let weeks = out.get(r.country);
    if (!weeks) out.set(r.country, weeks = new Map());
    const chart = weeks.get(r.week);
    if (chart) chart.push(r);
    else weeks.set(r.week, [r]);
  }
  return out;
}

/** Every genre's momentum in every country of `rows`: by country, then by share (largest first). */
export function genreMomentum(rows: readonly ChartRow[], opts: MomentumOptions = {}): Momentum[] {
  const span = opts.weeks ?? 4;
  const threshold = opts.thresholdPp ?? 2;
  const cite = opts.cite ?? 3;
  const out: Momentum[] = [];
  const countries = byCountryWeek(rows, opts.asOf);
  for (const country of [...countries.keys()].sort()) {
    const charts = countries.get(country)!;
    const weeks = [...charts.keys()].sort();
    const week = weeks[weeks.length - 1];
    const earliest = dayNumber(week) - 7 * span;
    const from = weeks.find((w) => w < week && dayNumber(w) >= earliest) ?? null;
    const now = weigh(charts.get(week)!);
    const before = from ? weigh(charts.get(from)!) : null;
    const genres = new Set([...now.genres.keys(), ...(before?.genres.keys() ?? [])]);
    const found: Momentum[] = [];
    for (const genre of genres) {
      const g = now.genres.get(genre);
      const b = before?.genres.get(genre);
      const share = g ? (100 * g.weight) / now.total : 0;
      const shareBefore = before ? (b ? (100 * b.weight) / before.total : 0) : null;
      const change = shareBefore === null ? null : round1(share - shareBefore);
      found.push({
        country,
        genre,
        week,
        from_week: from,
        weeks_compared: from ? Math.round((dayNumber(week) - dayNumber(from)) / 7) : 0,
        share: round1(share),
        share_before: shareBefore === null ? null : round1(shareBefore),
        change_pp: change,
        trend: change === null
          ? null
          : change >= threshold
          ? "rising"
          : change <= -threshold
          ? "falling"
          : "steady",
        rows: refs(g, cite),
        rows_before: refs(b, cite),
      });
    }
    found.sort((x, y) =>
      y.share - x.share || (y.share_before ?? 0) - (x.share_before ?? 0) ||
      (x.genre < y.genre ? -1 : 1)
    );
    out.push(...found);
  }
  return out;
}

/** The latest week's chart of `country` (at or before `asOf`), best rank first, at most `max`. */
export function latestChart(
  rows: readonly ChartRow[],
  country: string,
  opts: { asOf?: string; max?: number } = {},
): ChartRow[] {
  let week = "";
  for (const r of rows) {
    if (r.country === country && (!opts.asOf || r.week <= opts.asOf) && r.week > week) {
      week = r.week;
    }
  }
  return rows.filter((r) => r.country === country && r.week === week)
    .sort((a, b) => a.rank - b.rank)
    .slice(0, opts.max ?? 30);
}
