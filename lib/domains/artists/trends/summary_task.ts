/**
 * Competitor summaries as an AI task: what the market's chart says to a virtual artist, from
 * the genre momentum (momentum.ts) and the top of the latest weekly chart. Every point cites the
 * chart rows it rests on by (country, week, rank), and only rows the task was given count: the
 * schema is built per input and refuses an answer citing any other row, so the shared policy
 * (run_task.ts) retries once with the reason and then lets the offline writer
 * (summary_offline.ts) answer. `citedRowsExist` is the same check for summaries read back later.
 *
 * @module
 */
import { z } from "zod";
import { OFFLINE_WRITER_MODEL } from "../../../ports/ai/offline.ts";
import type { AiPort } from "../../../ports/ai/port.ts";
import { type RunOptions, runTask, type TaskRun } from "../../../ports/ai/run_task.ts";
import type { AiTask } from "../../../ports/ai/task.ts";
import type { ChartRow, Persona } from "../types.ts";
import { type ChartCite, CompetitorSummary, type SummaryInput } from "./summary_schema.ts";
import { genreMomentum, latestChart, type MomentumOptions } from "./momentum.ts";
import { offlineSummary } from "./summary_offline.ts";

export { ChartCite, CompetitorSummary, type SummaryInput } from "./summary_schema.ts";

/** The input for `persona` from all imported chart rows. */
export function summaryInput(
  persona: Pick<Persona, "genres" | "market">,
  rows: readonly ChartRow[],
  opts: MomentumOptions = {},
): SummaryInput {
  const market = rows.filter((r) => r.country === persona.market);
  return {
    persona,
    momentum: genreMomentum(market, opts),
    chart: latestChart(market, persona.market, { asOf: opts.asOf, max: 30 }),
  };
}

type Place = Pick<ChartCite, "country" | "week" | "rank">;
const placeKey = (r: Place) => `${r.country}|${r.week}|${r.rank}`;

/** Every row the task is given, and so may be cited: the chart and the momentum's rows. */
export function citableRows(input: SummaryInput): Place[] {
  return [
    ...input.chart,
    ...input.momentum.flatMap((m) => [...m.rows, ...m.rows_before]),
  ];
}

/** The cites of `summary` that name no row of `rows`, with the point they are in. */
export function unknownCites(
  summary: CompetitorSummary,
  rows: readonly Place[],
): { point: number; cite: ChartCite }[] {
  const known = new Set(rows.map(placeKey));
  return summary.points.flatMap((p, point) =>
    p.cites.filter((c) => !known.has(placeKey(c))).map((cite) => ({ point, cite }))
  );
}

/** True when every point cites only rows in `rows`: drop (or redo) a summary that does not. */
export function citedRowsExist(summary: CompetitorSummary, rows: readonly Place[]): boolean {
  return unknownCites(summary, rows).length === 0;
}

/** CompetitorSummary, refusing citations of rows not in `input`. */
export function competitorSummarySchema(input: SummaryInput): z.ZodType<CompetitorSummary> {
  const rows = citableRows(input);
  return CompetitorSummary.superRefine((s, ctx) => {
    for (const { point, cite } of unknownCites(s, rows)) {
      ctx.addIssue({
        code: "custom",
        path: ["points", point, "cites"],
        message: `${cite.country} ${cite.week} #${cite.rank} is not one of the rows given; ` +
          "cite only rows listed in the prompt",
      });
    }
  });
}

const SYSTEM = "You are Soundcheck's market analyst for virtual artists. You get a market's " +
  "weekly chart and each genre's momentum there: its rank-weighted share of the chart (rank r of " +
  "N weighs N − r + 1) in the latest week and in an earlier week, in %, and the change in " +
  "percentage points. Write `summary` in 2 to 5 sentences for the artist's team, and `points`: " +
  "2 to 6 observations (leading, rising and falling genres, where the artist's genres stand, " +
  "what the competition at the top sounds like). Quote the numbers. Each point cites the chart " +
  "rows it rests on by country, week and rank, exactly as given; never cite a row that is not " +
  "listed. Describe sounds and genres, never advise imitating a named artist, and do not " +
  "predict success. Answer with JSON that fits the schema.";

/** The prompt: the market, the artist's genres and the rows, as JSON the model can cite from. */
export function summaryPrompt(input: SummaryInput): string {
  const momentum = input.momentum.map((m) => ({
    genre: m.genre,
    week: m.week,
    from_week: m.from_week,
    share: m.share,
    share_before: m.share_before,
    change_pp: m.change_pp,
    trend: m.trend,
    rows: m.rows,
    rows_before: m.rows_before,
  }));
  return `Market: ${input.persona.market}\n` +
    `The artist's genres: ${input.persona.genres.join(", ")}\n` +
    `Genre momentum: ${JSON.stringify(momentum)}\n` +
    `Latest chart (top ${input.chart.length}): ${JSON.stringify(input.chart)}`;
}

export const competitorSummaryTask: AiTask<SummaryInput, CompetitorSummary> = {
  name: "artist_competitor_summary",
  schemaName: "competitor_summary",
  schema: competitorSummarySchema,
  system: SYSTEM,
  prompt: summaryPrompt,
  offline: offlineSummary,
  offlineModel: OFFLINE_WRITER_MODEL,
};

/** Live (one retry on invalid output or unknown cites), else offline. */
export function writeCompetitorSummary(
  ai: AiPort,
  input: SummaryInput,
  opts: RunOptions = {},
): Promise<TaskRun<CompetitorSummary>> {
  return runTask(ai, competitorSummaryTask, input, opts);
}
