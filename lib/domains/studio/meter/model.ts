/**
 * The hit meter's model: transparent rules of thumb, NOT a model trained on chart data. Each
 * category (CATEGORIES in schemas.ts) reads a few measured features (lib/audio/features.ts); each
 * feature has a target range, a fall-off width and a weight, with the reason on its line. A
 * feature's fit is 1 inside its range and falls off as a Gaussian outside it (one `soft` away
 * ≈ 0.61, two ≈ 0.14); a missing measurement (null) fits 0. A category's score is the weighted
 * mean of its fits × 100, split into per-feature points that add up to it; the overall score
 * is the weighted mean of the categories. Every number the score rests on lives in this file.
 *
 * The ranges describe today's streaming pop and rock as commonly reported by mastering and
 * songwriting guides (loudness targets, radio edit lengths, intro lengths); music outside that
 * mainstream can be excellent and score low here, which the page says.
 *
 * @module
 */
import type { Features } from "../../../audio/reports.ts";
import { type Category, HitScore } from "./schemas.ts";

export const MODEL_VERSION = "rules-of-thumb-2026.12";

/** Features the model can read: the numeric ones. */
export type NumericFeature = {
  [K in keyof Features]: Features[K] extends number | null ? K : never;
}[keyof Features];

export interface Rule {
  feature: NumericFeature;
  /** The target range, inclusive (−Infinity / Infinity for one-sided ranges). */
  lo: number;
  hi: number;
  /** How far outside the range the fit drops to 0.61 (in the feature's unit). */
  soft: number;
  weight: number;
  /** Why this range, in one line (the offline insights quote it). */
  reason: string;
}

const r = (
  feature: NumericFeature,
  lo: number,
  hi: number,
  soft: number,
  weight: number,
  reason: string,
): Rule => ({ feature, lo, hi, soft, weight, reason });

export const RULES: Record<Category, Rule[]> = {
  production_quality: [
    r(
      "true_peak_dbtp",
      -6,
      -1,
      1,
      3,
      "masters peaking above −1 dBTP distort when streaming services encode them",
    ),
    r("integrated_lufs", -16, -8, 3, 2, "finished masters sit between −16 and −8 LUFS"),
    r(
      "crest_db",
      7,
      16,
      3,
      2,
      "a crest factor under about 7 dB sounds squashed, over 16 dB unfinished",
    ),
    r(
      "energy_low",
      0.2,
      0.55,
      0.12,
      1.5,
      "a balanced mix keeps 20–55 % of its energy below 250 Hz",
    ),
    r("energy_high", 0.01, 0.2, 0.06, 1, "1–20 % above 4 kHz sounds clear without being harsh"),
    r(
      "spectral_centroid_hz",
      600,
      3500,
      800,
      1,
      "most mixed records centre between 600 Hz and 3.5 kHz",
    ),
  ],
  commercial_appeal: [
    r("tempo_bpm", 95, 130, 15, 2, "streaming pop centres on 95–130 BPM"),
    r("duration_s", 150, 240, 40, 2, "most streaming hits last 2:30–4:00"),
    r("intro_s", 0, 15, 8, 2.5, "listeners skip when the song takes over 15 s to arrive"),
    r("repetition", 0.4, 0.85, 0.15, 2, "hooks come back; hits repeat 40–85 % of their material"),
    r("key_confidence", 0.6, 1, 0.2, 1, "a clear tonal centre is easy to sing along to"),
  ],
  innovation: [
    r(
      "repetition",
      0.25,
      0.7,
      0.15,
      2,
      "some material that is not repeated keeps it from sounding formulaic",
    ),
    r("sections", 4, 9, 2, 2, "four or more distinct sections give the song a journey"),
    r("lra_lu", 5, 14, 3, 1.5, "a loudness range over 5 LU means the arrangement moves"),
    r(
      "spectral_flatness",
      0.05,
      0.35,
      0.08,
      1,
      "some noise-like texture (drums, air, grit) adds character",
    ),
    r("onset_density", 1.5, 6, 1.5, 1, "1.5–6 events a second is busy enough to hold interest"),
  ],
  emotional_impact: [
    r("lra_lu", 4, 12, 3, 2.5, "tension and release need a loudness range of at least 4 LU"),
    r("crest_db", 8, 16, 3, 1.5, "punchy dynamics (crest 8–16 dB) hit harder than a flat wall"),
    r("key_confidence", 0.65, 1, 0.2, 1.5, "a clear key makes the harmony's pull felt"),
    r("sections", 3, 9, 2, 1.5, "a build needs at least three sections to move between"),
    r("tempo_confidence", 0.25, 1, 0.15, 1, "a steady pulse carries the listener"),
  ],
  radio_readiness: [
    r("duration_s", 150, 215, 30, 2.5, "radio edits run about 2:30–3:35"),
    r("intro_s", 0, 10, 6, 2, "radio wants the song under way within 10 s"),
    r("integrated_lufs", -14, -8, 2.5, 1.5, "radio and streaming levels sit around −14 to −8 LUFS"),
    r("true_peak_dbtp", -6, -1, 1, 1.5, "broadcast chains clip peaks above −1 dBTP"),
    r("lra_lu", 3, 9, 3, 1, "a moderate loudness range survives broadcast compression"),
    r("tempo_confidence", 0.25, 1, 0.15, 1, "a steady beat suits radio's segues"),
  ],
};

/** How much each category counts in the overall score. */
export const CATEGORY_WEIGHTS: Record<Category, { weight: number; reason: string }> = {
  commercial_appeal: { weight: 3, reason: "what the meter is mostly asked about" },
  production_quality: {
    weight: 3,
    reason: "a flawed master is the easiest thing to fix and to hear",
  },
  radio_readiness: { weight: 2, reason: "one outlet among many today" },
  emotional_impact: {
    weight: 2,
    reason: "measured only through dynamics and form, so it counts less",
  },
  innovation: {
    weight: 1,
    reason: "the weakest proxy: novelty is not measurable from these numbers",
  },
};

/** 1 inside [lo, hi]; a Gaussian fall-off of width `soft` outside; 0 for a missing value. */
export function fit(rule: Rule, value: number | null): number {
  if (value === null || !Number.isFinite(value)) return 0;
  const d = value < rule.lo ? rule.lo - value : value > rule.hi ? value - rule.hi : 0;
  return Math.exp(-0.5 * (d / rule.soft) ** 2);
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/** The category scores and overall (deterministic; points add up to each category's score). */
export function scoreFeatures(f: Features): HitScore {
  const categories = {} as HitScore["categories"];
  let overall = 0;
  let weights = 0;
  for (const [category, rules] of Object.entries(RULES) as [Category, Rule[]][]) {
    const total = rules.reduce((s, rule) => s + rule.weight, 0);
    const contributions = rules.map((rule) => {
      const value = f[rule.feature];
      return {
        feature: rule.feature,
        value,
        points: r2((100 * rule.weight * fit(rule, value)) / total),
      };
    });
    const score = Math.min(100, r2(contributions.reduce((s, c) => s + c.points, 0)));
    categories[category] = { score, contributions };
    overall += CATEGORY_WEIGHTS[category].weight * score;
    weights += CATEGORY_WEIGHTS[category].weight;
  }
  return HitScore.parse({
    model_version: MODEL_VERSION,
    overall: r2(overall / weights),
    categories,
  });
}
