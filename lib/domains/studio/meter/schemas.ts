/**
 * The hit meter's shapes (zod): category scores and an overall 0–100 from a transparent model
 * (model.ts: its weights and the reasoning for each), and insights that cite the measured
 * features. An insight, never a prediction.
 *
 * @module
 */
import { z } from "zod";
import { Features } from "../../../audio/reports.ts";

export const CATEGORIES = [
  "production_quality",
  "commercial_appeal",
  "innovation",
  "emotional_impact",
  "radio_readiness",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** One feature's part in a category's score, so the page can say why. */
export const Contribution = z.object({
  feature: z.string(),
  value: z.number().nullable(),
  points: z.number().describe("Points this feature added to the category (its weight × fit)"),
});

export const CategoryScore = z.object({
  score: z.number().min(0).max(100),
  contributions: z.array(Contribution),
});

export const HitScore = z.object({
  model_version: z.string(),
  overall: z.number().min(0).max(100),
  categories: z.record(z.enum(CATEGORIES), CategoryScore),
});
export type HitScore = z.infer<typeof HitScore>;

export const Insight = z.object({
  kind: z.enum(["strength", "suggestion"]),
  title: z.string().min(1).max(80),
  text: z.string().min(1).max(400),
  cites: z.array(z.string()).min(1).describe("The features (names in Features) it rests on"),
});
export type Insight = z.infer<typeof Insight>;

export const MeterReport = z.object({
  features: Features,
  score: HitScore,
  insights: z.array(Insight).max(8),
  insights_source: z.enum(["live", "offline"]),
});
export type MeterReport = z.infer<typeof MeterReport>;
