/**
 * What one artist's tracks say about what works: each track's features (features.ts) against its
 * outcomes, as effect sizes with intervals and sample sizes, corrected for testing many relations
 * at once (Holm), and with notes on what could not be tested. Outcomes (save rate, skip rate,
 * weekly growth) are defined in outcomes.ts.
 * A track takes part only with features and at least `minStreams` streams (rates of a few
 * streams are noise). Numeric features are related by Spearman's rho; categorical ones by the
 * best group against the rest (Welch), its p multiplied by the number of groups it was picked
 * from (the pick is part of the test). The key is not compared: twelve classes spread an
 * artist's tracks too thin, and the mode carries the usable part.
 *
 * @module
 */
import { z } from "zod";
import { Evidence, type TrackFacts, type TrackFeatures } from "../types.ts";
import { TrackOutcome, trackOutcome } from "./outcomes.ts";
import { correlationCi, correlationP, holm, mean, spearman, welch } from "./stats.ts";
import {
  differenceWords,
  FEATURE_LABELS,
  fixed,
  GROUP_FEATURES,
  GROUP_SIDE,
  type GroupFeature,
  HIGHER_IS_BETTER,
  NUMERIC_FEATURES,
  NUMERIC_SIDES,
  type NumericFeature,
  type Outcome,
  outcomeLabel,
  OUTCOMES,
  outcomeWords,
  verdict,
} from "./words.ts";

/** One tested relation: the evidence an item cites, plus what the plan needs to weigh it. */
export const Finding = Evidence.extend({
  test: z.enum(["spearman", "welch"]),
  meaningful: z.boolean().describe("|rho| ≥ 0.3, or a group difference of d ≥ 0.5 that matters"),
  better: z.enum(["higher", "lower"]).nullable()
    .describe("Numeric features: whether higher or lower values go with the better outcome"),
  best: z.string().nullable().describe("Group comparisons: the best group's value"),
});
export type Finding = z.infer<typeof Finding>;

export const Analysis = z.object({
  tracks: z.number().int(),
  tracks_with_features: z.number().int(),
  tracks_counted: z.number().int().describe("With features and at least min_streams streams"),
  streams: z.number().int(),
  min_streams: z.number().int(),
  tests: z.number().int().describe("Relations tested: the Holm correction's family"),
  outcomes: z.array(TrackOutcome),
  evidence: z.array(Finding),
  notes: z.array(z.string()),
});
export type Analysis = z.infer<typeof Analysis>;

export interface AnalyzeOptions {
  /** Streams a track needs to count (100). */
  minStreams?: number;
  /** Tracks a relation needs to be tested (8). */
  minTracks?: number;
  /** Tracks a group needs to be compared (3). */
  minGroup?: number;
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

interface Pending {
  raw: number;
  build: (p: number, tests: number) => Finding;
}

type Row = { f: TrackFeatures; o: TrackOutcome };

function numeric(rows: Row[], feature: NumericFeature, outcome: Outcome): Pending | string {
  const pairs = rows.flatMap(({ f, o }) =>
    f[feature] !== null && o[outcome] !== null ? [[f[feature]!, o[outcome]!] as const] : []
  );
  const n = pairs.length;
  const xs = pairs.map((p) => p[0]), ys = pairs.map((p) => p[1]);
  const rho = spearman(xs, ys);
  if (rho === null) {
    return new Set(xs).size === 1
      ? `${FEATURE_LABELS[feature]}: every track has the same value`
      : `${FEATURE_LABELS[feature]} against ${outcomeLabel(outcome)}: every track has the same ${
        outcomeLabel(outcome)
      }`;
  }
  const [lo, hi] = correlationCi(rho, n);
  // Groups for the words only: the top and bottom thirds by the feature.
  const sorted = [...xs].sort((a, b) => a - b);
  const k = Math.max(1, Math.floor(n / 3));
  const lowCut = sorted[k - 1], highCut = sorted[n - k];
  const top = pairs.filter(([x]) => x >= highCut && x > lowCut).map((p) => p[1]);
  const bottom = pairs.filter(([x]) => x <= lowCut && x < highCut).map((p) => p[1]);
  const [hiSide, loSide] = NUMERIC_SIDES[feature](highCut, lowCut);
  const good = HIGHER_IS_BETTER[outcome] ? rho : -rho;
  const meaningful = Math.abs(rho) >= 0.3;
  const w = outcomeWords(outcome);
  return {
    raw: correlationP(rho, n),
    build: (p, tests) => ({
      feature,
      outcome,
      n,
      effect: r4(rho),
      ci_low: r4(lo),
      ci_high: r4(hi),
      p,
      groups: top.length && bottom.length
        ? [
          { label: hiSide, n: top.length, mean: r6(mean(top)) },
          { label: loSide, n: bottom.length, mean: r6(mean(bottom)) },
        ]
        : [],
      summary:
        (top.length && bottom.length
          ? `Tracks ${hiSide} ${w.verb} ${w.value(mean(top))} (${top.length} tracks), against ${
            w.short(mean(bottom))
          } for tracks ${loSide} (${bottom.length} tracks); `
          : "") +
        `Spearman's ρ = ${fixed(rho, 2)}, 95 % CI ${fixed(lo, 2)} to ${fixed(hi, 2)}, n = ${n}; ` +
        verdict(p, tests, meaningful) + ".",
      test: "spearman",
      meaningful,
      better: good >= 0 ? "higher" : "lower",
      best: null,
    }),
  };
}

function grouped(
  rows: Row[],
  feature: GroupFeature,
  outcome: Outcome,
  minGroup: number,
): Pending | string {
  const byValue = new Map<string, number[]>();
  for (const { f, o } of rows) {
    const v = f[feature], y = o[outcome];
    if (v === null || y === null) continue;
    const ys = byValue.get(v);
    if (ys) ys.push(y);
    else byValue.set(v, [y]);
  }
  const eligible = [...byValue].filter(([, ys]) => ys.length >= minGroup);
  const sign = HIGHER_IS_BETTER[outcome] ? 1 : -1;
  const best =
    eligible.sort((a, b) => sign * (mean(b[1]) - mean(a[1])) || a[0].localeCompare(b[0]))[0];
  const rest = best ? [...byValue].filter(([v]) => v !== best[0]).flatMap(([, ys]) => ys) : [];
  if (!best || rest.length < minGroup) {
    return `${
      FEATURE_LABELS[feature]
    }: fewer than two groups of ${minGroup} or more tracks to compare`;
  }
  const t = welch(best[1], rest)!;
  const n = best[1].length + rest.length;
  // Picking the best of k groups is k chances at a fluke; two groups is one symmetric test.
  const picks = byValue.size === 2 ? 1 : eligible.length;
  const rel = Math.abs(t.diff) / Math.max(Math.abs(t.mean_b), 1e-9);
  const matters = outcome === "growth" ? Math.abs(t.diff) >= 0.01 : rel >= 0.1;
  const meaningful = Math.abs(t.d) >= 0.5 && matters;
  const w = outcomeWords(outcome);
  const side = GROUP_SIDE[feature](best[0]);
  return {
    raw: Math.min(1, t.p * picks),
    build: (p, tests) => ({
      feature,
      outcome,
      n,
      effect: r6(t.diff),
      ci_low: r6(t.ci_low),
      ci_high: r6(t.ci_high),
      p,
      groups: [
        { label: best[0], n: best[1].length, mean: r6(t.mean_a) },
        { label: "the rest", n: rest.length, mean: r6(t.mean_b) },
      ],
      summary:
        `Tracks ${side} ${w.verb} ${w.value(t.mean_a)} (${best[1].length} tracks), against ${
          w.short(t.mean_b)
        } for the other ${rest.length}: a difference of ${
          differenceWords(outcome, t.diff)
        } (95 % CI ${differenceWords(outcome, t.ci_low)} to ${
          differenceWords(outcome, t.ci_high)
        }), Cohen's d = ${fixed(t.d, 2)}, best of ${eligible.length} groups, n = ${n}; ` +
        verdict(p, tests, meaningful) + ".",
      test: "welch",
      meaningful,
      better: null,
      best: best[0],
    }),
  };
}

/** Every relation between the tracks' features and outcomes, with notes on what was not tested. */
export function analyzeTracks(tracks: readonly TrackFacts[], opts: AnalyzeOptions = {}): Analysis {
  const minStreams = opts.minStreams ?? 100, minTracks = opts.minTracks ?? 8;
  const minGroup = opts.minGroup ?? 3;
  const outcomes = tracks.map((t) => trackOutcome(t, minStreams));
  const rows: Row[] = tracks.flatMap((t, i) =>
    outcomes[i].counted && t.features ? [{ f: t.features, o: outcomes[i] }] : []
  );
  const withFeatures = tracks.filter((t) => t.features !== null).length;
  const notes: string[] = [];
  const few = outcomes.filter((o) => o.streams < minStreams).length;
  if (!tracks.length) notes.push("No track has performance data yet.");
  if (few) {
    notes.push(
      `${few} of ${tracks.length} tracks had fewer than ${minStreams} streams and were left out of the tests: their rates would be noise.`,
    );
  }
  if (tracks.length > withFeatures) {
    notes.push(
      `${
        tracks.length - withFeatures
      } tracks have no features (no song plan or measurements): they count in the totals but not in the tests.`,
    );
  }
  const shortGrowth = rows.filter((r) => r.o.growth === null).length;
  if (shortGrowth) {
    notes.push(`${shortGrowth} tracks have under four weeks of data, so no growth figure.`);
  }
  const pending: Pending[] = [];
  if (rows.length < minTracks) {
    notes.push(
      `Only ${rows.length} tracks have features and ${minStreams} or more streams; a relation needs at least ${minTracks}, so nothing was tested.`,
    );
  } else {
    const skip = (why: string) => notes.includes(why) || notes.push(why);
    const tryTest = (label: string, outcome: Outcome, n: number, test: () => Pending | string) => {
      if (n < minTracks) {
        if (n === 0) return skip(`${label}: no counted track has it, so it was not tested.`);
        return skip(
          `${label} against ${
            outcome.replace("_", " ")
          }: only ${n} tracks have both (${minTracks} needed).`,
        );
      }
      const r = test();
      if (typeof r === "string") skip(`${r}, so it was not tested.`);
      else pending.push(r);
    };
    const both = (feature: keyof TrackFeatures, o: Outcome) =>
      rows.filter((r) => r.f[feature] !== null && r.o[o] !== null).length;
    for (const feature of NUMERIC_FEATURES) {
      for (const o of OUTCOMES) {
        tryTest(FEATURE_LABELS[feature], o, both(feature, o), () => numeric(rows, feature, o));
      }
    }
    for (const feature of GROUP_FEATURES) {
      for (const o of OUTCOMES) {
        tryTest(
          FEATURE_LABELS[feature],
          o,
          both(feature, o),
          () => grouped(rows, feature, o, minGroup),
        );
      }
    }
  }
  const adjusted = holm(pending.map((p) => p.raw));
  return {
    tracks: tracks.length,
    tracks_with_features: withFeatures,
    tracks_counted: rows.length,
    streams: tracks.reduce((s, t) => s + t.performance.streams, 0),
    min_streams: minStreams,
    tests: pending.length,
    outcomes,
    evidence: pending.map((p, i) => p.build(adjusted[i], pending.length)),
    notes,
  };
}
