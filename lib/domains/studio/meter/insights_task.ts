/**
 * The hit meter's insights as an AI task. The live model gets only numbers and feature names
 * (the measured features, the category scores with each feature's points, and the ranges the
 * model looks for), never the song's title, lyrics or owner, and must answer with insights that
 * cite real feature names and quote numbers; the shared policy (run_task.ts) retries an invalid
 * answer once, then the offline writer (insights_offline.ts) answers. Insights, not predictions.
 *
 * @module
 */
import { z } from "zod";
import { Features } from "../../../audio/reports.ts";
import type { Logger } from "../../../platform/log.ts";
import type { AiPort } from "../../../ports/ai/port.ts";
import { type RunOptions, runTask } from "../../../ports/ai/run_task.ts";
import type { AiTask } from "../../../ports/ai/task.ts";
import { LANGS } from "../../dj/lexicon_words.ts";
import { OFFLINE_INSIGHTS_MODEL, offlineInsights } from "./insights_offline.ts";
import { RULES } from "./model.ts";
import { type HitScore, Insight } from "./schemas.ts";

/** The names an insight may cite: the keys of `Features`. */
export const FEATURE_NAMES = Object.keys(Features.shape) as [keyof Features, ...(keyof Features)[]];

const LiveInsight = Insight.extend({ cites: z.array(z.enum(FEATURE_NAMES)).min(1).max(4) });

/** The answer: 2–8 insights, each citing features and quoting at least one number. */
export const InsightsAnswer = z.object({ insights: z.array(LiveInsight).min(2).max(8) })
  .superRefine((a, ctx) => {
    a.insights.forEach((insight, i) => {
      if (!/\d/.test(insight.text)) {
        ctx.addIssue({
          code: "custom",
          path: ["insights", i, "text"],
          message: "quote the measured numbers of the features it cites",
        });
      }
    });
  });
export type InsightsAnswer = z.infer<typeof InsightsAnswer>;

export interface InsightsInput {
  features: Features;
  score: HitScore;
  /** A language code (en, es, pt, fr, de); the offline writer writes English. */
  language: string;
}

const LANGUAGE_NAMES: Record<string, string> = {
  en: "English",
  es: "Spanish",
  pt: "Portuguese",
  fr: "French",
  de: "German",
};

const SYSTEM =
  "You are Soundcheck's mastering engineer and A&R reader. You get a song's measured " +
  "audio features, the scores a transparent rule-of-thumb model gave it (each category's points " +
  "per feature) and the ranges that model looks for. Write 2 to 8 insights: the 2-3 strongest " +
  'points as kind "strength" and the 2-4 most useful fixes as kind "suggestion". Each insight ' +
  "cites the feature names it rests on (exactly as given) and quotes their measured numbers in " +
  "plain words a musician understands, with units (s, BPM, LUFS, dBTP, dB, Hz, %). These are " +
  "insights about measurements, never predictions of success: do not promise hits, streams or " +
  "chart places. title: at most 80 characters; text: at most 400. Answer with JSON that fits " +
  "the schema.";

/** The prompt: numbers and feature names only. */
export function insightsPrompt({ features, score, language }: InsightsInput): string {
  const ranges = Object.entries(RULES).flatMap(([category, rules]) =>
    rules.map((r) => ({ category, feature: r.feature, lo: r.lo, hi: r.hi, weight: r.weight }))
  );
  const categories = Object.fromEntries(
    Object.entries(score.categories).map(([c, s]) => [c, {
      score: s.score,
      points: Object.fromEntries(s.contributions.map((x) => [x.feature, x.points])),
    }]),
  );
  const lang = LANGUAGE_NAMES[language] ?? "English";
  return `Features: ${JSON.stringify(features)}\n` +
    `Scores (overall ${score.overall} of 100): ${JSON.stringify(categories)}\n` +
    `Ranges the model looks for: ${JSON.stringify(ranges)}\n` +
    `Write title and text in ${lang}.`;
}

export const insightsTask: AiTask<InsightsInput, InsightsAnswer> = {
  name: "studio_meter_insights",
  schemaName: "meter_insights",
  schema: InsightsAnswer,
  system: SYSTEM,
  prompt: insightsPrompt,
  offline: ({ features }) => ({ insights: offlineInsights(features) }) as InsightsAnswer,
  offlineModel: OFFLINE_INSIGHTS_MODEL,
};

export interface InsightsOptions extends RunOptions {
  log?: Logger;
  language?: string;
}

/** Live (one retry on invalid output), else offline. */
export async function writeInsights(
  ai: AiPort,
  features: Features,
  score: HitScore,
  opts: InsightsOptions = {},
): Promise<{ insights: Insight[]; source: "live" | "offline" }> {
  const language = opts.language && (LANGS as readonly string[]).includes(opts.language)
    ? opts.language
    : "en";
  const run = await runTask(ai, insightsTask, { features, score, language }, opts);
  return { insights: run.value.insights, source: run.source };
}
