/**
 * A track's outcomes from its summed performance: save_rate = saves / streams, skip_rate =
 * skips / streams, and growth = exp(slope) − 1, the slope being Theil–Sen's (the median of the
 * pairwise slopes, robust to a spike or a partial last week) of ln(1 + weekly streams) over the
 * weeks after the first (the launch week is partial and spiky); growth needs three such weeks and
 * reads 0.05 as "+5 % a week". Under `minStreams` streams a rate is noise, so none is given.
 *
 * @module
 */
import { z } from "zod";
import type { TrackFacts } from "../types.ts";

export const TrackOutcome = z.object({
  track: z.string(),
  streams: z.number().int(),
  save_rate: z.number().nullable(),
  skip_rate: z.number().nullable(),
  growth: z.number().nullable().describe("Weekly change after the first week (0.05: +5 % a week)"),
  counted: z.boolean().describe("Has features and enough streams to take part in the tests"),
});
export type TrackOutcome = z.infer<typeof TrackOutcome>;

/**
 * The k-th smallest value (from 0), found in place by quickselect (Hoare): a median of the few
 * thousand pairwise slopes in linear time, where sorting them took most of the analysis's time.
 * On return everything before index k is at most the result.
 */
function nth(xs: Float64Array, k: number): number {
  let lo = 0, hi = xs.length - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1];
    let i = lo, j = hi;
    while (i <= j) {
      while (xs[i] < pivot) i++;
      while (xs[j] > pivot) j--;
      if (i <= j) {
        const t = xs[i];
        xs[i++] = xs[j];
        xs[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return xs[k];
}

/** Theil–Sen growth of weekly streams after the first week; null with under three such weeks. */
export function growthOf(weekly: readonly number[]): number | null {
  const ys = weekly.slice(1).map((w) => Math.log1p(w));
  if (ys.length < 3) return null;
  const slopes = new Float64Array((ys.length * (ys.length - 1)) / 2);
  let k = 0;
  for (let i = 0; i < ys.length; i++) {
    for (let j = i + 1; j < ys.length; j++) slopes[k++] = (ys[j] - ys[i]) / (j - i);
  }
  const mid = slopes.length >> 1;
  const upper = nth(slopes, mid);
  // An even count's median averages the two middle values: the lower is the largest below.
  let lower = -Infinity;
  if (slopes.length % 2 === 0) { for (let i = 0; i < mid; i++) lower = Math.max(lower, slopes[i]); }
  const m = slopes.length % 2 ? upper : (lower + upper) / 2;
  return Math.expm1(m);
}

/** The outcomes of one track; `counted` when it has features and `minStreams` streams. */
export function trackOutcome(f: TrackFacts, minStreams = 100): TrackOutcome {
  const p = f.performance;
  const enough = p.streams >= minStreams;
  return {
    track: p.track,
    streams: p.streams,
    save_rate: enough ? p.saves / p.streams : null,
    skip_rate: enough ? p.skips / p.streams : null,
    growth: enough ? growthOf(p.weekly_streams) : null,
    counted: enough && f.features !== null,
  };
}
