/**
 * The analysis in words: how each feature, outcome and number reads in an evidence summary, so
 * a finding says what was measured, on how many tracks, how sure it is, and nothing more.
 *
 * @module
 */

export const OUTCOMES = ["save_rate", "skip_rate", "growth"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const NUMERIC_FEATURES = [
  "tempo_bpm",
  "energy",
  "loudness_lufs",
  "sections",
  "duration_s",
  "posts",
] as const;
export type NumericFeature = (typeof NUMERIC_FEATURES)[number];

export const GROUP_FEATURES = ["mode", "mood", "genre", "pillar"] as const;
export type GroupFeature = (typeof GROUP_FEATURES)[number];

/** "save rate", "skip rate", "growth". */
export const outcomeLabel = (o: Outcome) => o.replace("_", " ");

/** Whether a higher value of the outcome is the better one. */
export const HIGHER_IS_BETTER: Record<Outcome, boolean> = {
  save_rate: true,
  skip_rate: false,
  growth: true,
};

const minus = (s: string) => s.replace(/^-/, "−");
export const fixed = (x: number, digits: number) => minus(x.toFixed(digits));
/** 0.0791 → "7.9 %". */
export const pct = (x: number) => `${fixed(x * 100, 1)} %`;
const mmss = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, "0")}`;

export const FEATURE_LABELS: Record<NumericFeature | GroupFeature, string> = {
  tempo_bpm: "Tempo",
  energy: "Energy",
  loudness_lufs: "Loudness",
  sections: "Number of sections",
  duration_s: "Length",
  posts: "Posts in the first 28 days",
  mode: "Mode (major or minor)",
  mood: "Mood",
  genre: "Genre",
  pillar: "Content pillar",
};

/** How tracks at or beyond a cut are described: [high side, low side]. */
export const NUMERIC_SIDES: Record<NumericFeature, (hi: number, lo: number) => [string, string]> = {
  tempo_bpm: (h, l) => [`at ${Math.round(h)} BPM or faster`, `at ${Math.round(l)} BPM or slower`],
  energy: (h, l) => [`with energy ${fixed(h, 2)} or more`, `with energy ${fixed(l, 2)} or less`],
  loudness_lufs: (h, l) => [
    `mastered at ${fixed(h, 1)} LUFS or louder`,
    `mastered at ${fixed(l, 1)} LUFS or quieter`,
  ],
  sections: (h, l) => [`with ${h} or more sections`, `with ${l} or fewer sections`],
  duration_s: (h, l) => [`of ${mmss(h)} or longer`, `of ${mmss(l)} or shorter`],
  posts: (h, l) => [
    `with ${h} or more posts in their first 28 days`,
    `with ${l} or fewer posts`,
  ],
};

/** How tracks in a group are described: "Tracks in minor keys". */
export const GROUP_SIDE: Record<GroupFeature, (v: string) => string> = {
  mode: (v) => `in ${v} keys`,
  mood: (v) => `with the mood "${v}"`,
  genre: (v) => `in ${v}`,
  pillar: (v) => `promoted mostly with "${v}" posts`,
};

/** "were saved 7.9 % of the time" on one side, "4.1 %" on the other. */
export function outcomeWords(
  o: Outcome,
): { verb: string; value: (x: number) => string; short: (x: number) => string } {
  if (o === "growth") {
    const signed = (x: number) => `${x > 0 ? "+" : ""}${pct(x)}`;
    return {
      verb: "changed by",
      value: (x) => `${signed(x)} a week after their first week`,
      short: signed,
    };
  }
  return {
    verb: o === "save_rate" ? "were saved" : "were skipped",
    value: (x) => `${pct(x)} of the time`,
    short: pct,
  };
}

/** A difference of two means in the outcome's unit: "2.1 points" or "1.3 points a week". */
export function differenceWords(o: Outcome, d: number): string {
  return `${d > 0 ? "+" : ""}${fixed(d * 100, 1)} points${o === "growth" ? " a week" : ""}`;
}

export function pWords(p: number): string {
  return p < 0.001 ? "p < 0.001" : `p = ${Number(p.toPrecision(2))}`;
}

/** The verdict that closes every summary: how far the numbers carry. */
export function verdict(p: number, tests: number, meaningful: boolean): string {
  const corrected = `${pWords(p)} after Holm correction for ${tests} relations tested`;
  if (p >= 0.05) return `${corrected}: this could well be chance`;
  return meaningful
    ? `${corrected}: unlikely to be chance`
    : `${corrected}: unlikely to be chance, but too small to act on`;
}
