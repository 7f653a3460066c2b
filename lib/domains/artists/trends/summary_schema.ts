/**
 * The competitor summary's shapes: what the task (summary_task.ts) asks the model for and what
 * the offline writer (summary_offline.ts) produces.
 *
 * @module
 */
import { z } from "zod";
import { type ChartRow, Country, type Persona } from "../types.ts";
import type { Momentum } from "./momentum.ts";

/** A cited chart row: the place that identifies it. */
export const ChartCite = z.object({
  country: Country,
  week: z.iso.date(),
  rank: z.number().int().min(1).max(500),
});
export type ChartCite = z.infer<typeof ChartCite>;

/** Strict-output friendly: every property required, nothing optional. */
export const CompetitorSummary = z.object({
  summary: z.string().trim().min(40).max(1200).describe("2–5 sentences on the market"),
  points: z.array(z.object({
    text: z.string().trim().min(10).max(400).describe("One observation, with its numbers"),
    cites: z.array(ChartCite).min(1).max(6).describe("The chart rows it rests on"),
  })).max(6),
});
export type CompetitorSummary = z.infer<typeof CompetitorSummary>;

export interface SummaryInput {
  persona: Pick<Persona, "genres" | "market">;
  /** Genre momentum in the persona's market. */
  momentum: Momentum[];
  /** The market's latest weekly chart, best rank first (at most 30 rows). */
  chart: ChartRow[];
}
