/**
 * Loudness and peaks per ITU-R BS.1770-4 and EBU R128 (Tech 3341 "EBU mode", Tech 3342 loudness
 * range), for any sample rate and channel count.
 *
 * - Momentary: 400 ms windows; short-term: 3 s windows; both slide in 10 ms steps for the maxima.
 *   A window must fit in the file, except that a file shorter than 3 s (but with at least one
 *   400 ms block) is one short-term window.
 * - Integrated: 400 ms blocks every 100 ms (75 % overlap), gated at −70 LUFS, then at 10 LU
 *   below the loudness of the blocks that passed.
 * - Loudness range: 3 s windows every 100 ms, gated at −70 LUFS and 20 LU below their own
 *   loudness, the 10th to the 95th percentile.
 * - Peaks: sample peak, and the true peak from true_peak.ts.
 *
 * Levels of silence are null. Everything is summed from 10 ms segment energies
 * (loudness_filters.ts), so the audio is filtered once.
 *
 * @module
 */
import type { LoudnessReport, LoudnessSeries } from "./reports.ts";
import { SEGMENT_S, type SegmentEnergies, segmentEnergies } from "./loudness_filters.ts";
import { samplePeak, truePeakLinear } from "./true_peak.ts";

const MOMENTARY = Math.round(0.4 / SEGMENT_S);
const SHORT_TERM = Math.round(3 / SEGMENT_S);
const HOP = Math.round(0.1 / SEGMENT_S);
const ABSOLUTE_GATE = -70;
const RELATIVE_GATE = -10;
const LRA_GATE = -20;
/** Below this a window is taken as digital silence (a filter ringing down, not a signal). */
const SILENCE_LUFS = -150;

const lufs = (meanSquare: number) => -0.691 + 10 * Math.log10(meanSquare);
const level = (meanSquare: number): number | null => {
  if (!(meanSquare > 0)) return null;
  const l = lufs(meanSquare);
  return l < SILENCE_LUFS ? null : l;
};
const db = (linear: number): number | null => (linear > 0 ? 20 * Math.log10(linear) : null);
const round = (v: number | null, digits = 2) => v === null ? null : Number(v.toFixed(digits));

/**
 * Mean squares of the windows of `len` segments ending at segments `ends` (exclusive ends);
 * a window is summed directly (no running sum, whose rounding would leave a ghost level in the
 * silence after a loud passage).
 */
function windows(seg: SegmentEnergies, len: number, ends: number[]): Float64Array {
  const out = new Float64Array(ends.length);
  ends.forEach((end, w) => {
    let e = 0, n = 0;
    for (let s = end - len; s < end; s++) {
      e += seg.energy[s];
      n += seg.count[s];
    }
    out[w] = n > 0 ? e / n : 0;
  });
  return out;
}

/** Exclusive end segments of every window of `len` segments, `step` segments apart. */
function ends(segments: number, len: number, step: number): number[] {
  const out: number[] = [];
  for (let end = len; end <= segments; end += step) out.push(end);
  return out;
}

/** Short-term windows: 3 s, or the whole file when it is shorter but holds a 400 ms block. */
function shortTermLength(segments: number): number {
  return segments >= SHORT_TERM ? SHORT_TERM : segments >= MOMENTARY ? segments : 0;
}

function maxLevel(ms: Float64Array): number | null {
  let m = 0;
  for (const v of ms) if (v > m) m = v;
  return level(m);
}

/** Gated loudness of 400 ms blocks (BS.1770-4): null when every block is gated out. */
function gatedLoudness(blocks: Float64Array): number | null {
  const gate = (threshold: number) => {
    let sum = 0, n = 0;
    for (const v of blocks) {
      if (v > 0 && lufs(v) > threshold) {
        sum += v;
        n++;
      }
    }
    return n ? sum / n : 0;
  };
  const ungated = gate(ABSOLUTE_GATE);
  if (ungated === 0) return null;
  return level(gate(Math.max(ABSOLUTE_GATE, lufs(ungated) + RELATIVE_GATE)));
}

/** Loudness range (EBU Tech 3342) of short-term mean squares; 0 when nothing passes the gates. */
function loudnessRange(shortTerm: Float64Array): number {
  let sum = 0, n = 0;
  for (const v of shortTerm) {
    if (v > 0 && lufs(v) > ABSOLUTE_GATE) {
      sum += v;
      n++;
    }
  }
  if (n === 0) return 0;
  const gate = lufs(sum / n) + LRA_GATE;
  const kept: number[] = [];
  for (const v of shortTerm) {
    if (v > 0 && lufs(v) > ABSOLUTE_GATE && lufs(v) > gate) kept.push(lufs(v));
  }
  if (kept.length < 2) return 0;
  kept.sort((a, b) => a - b);
  const at = (p: number) => kept[Math.round((kept.length - 1) * p)];
  return at(0.95) - at(0.1);
}

function integratedFrom(seg: SegmentEnergies): number | null {
  const n = seg.energy.length;
  return gatedLoudness(windows(seg, MOMENTARY, ends(n, MOMENTARY, HOP)));
}

/** The full loudness report of a file (channels in WAV order; see loudness_filters.ts). */
export function measureLoudness(channels: Float32Array[], sampleRate: number): LoudnessReport {
  const seg = segmentEnergies(channels, sampleRate);
  const n = seg.energy.length;
  const stLen = shortTermLength(n);
  const stLra = stLen ? windows(seg, stLen, ends(n, stLen, HOP)) : new Float64Array(0);
  let sp = 0;
  for (const x of channels) sp = Math.max(sp, samplePeak(x));
  return {
    integrated_lufs: round(integratedFrom(seg)),
    momentary_max_lufs: round(maxLevel(windows(seg, MOMENTARY, ends(n, MOMENTARY, 1)))),
    short_term_max_lufs: round(stLen ? maxLevel(windows(seg, stLen, ends(n, stLen, 1))) : null),
    lra_lu: round(stLen === SHORT_TERM ? loudnessRange(stLra) : 0) ?? 0,
    sample_peak_dbfs: round(db(sp)),
    true_peak_dbtp: round(truePeakDb(channels, sampleRate)),
    duration_s: round(seg.frames / sampleRate, 3) ?? 0,
  };
}

/** Gated integrated loudness (LUFS), or null when every block is gated out (or none fits). */
export function integratedLufs(channels: Float32Array[], sampleRate: number): number | null {
  return integratedFrom(segmentEnergies(channels, sampleRate));
}

/** True peak (dBTP) over all channels, or null for digital silence. */
export function truePeakDb(channels: Float32Array[], sampleRate: number): number | null {
  let peak = 0;
  for (const x of channels) peak = truePeakLinear(x, sampleRate, peak);
  return db(peak);
}

/**
 * Momentary and short-term loudness every `stepS` seconds (at least 10 ms): value i is the
 * window ending at (i + 1) × stepS, null until a window fits and where silent.
 */
export function loudnessSeries(
  channels: Float32Array[],
  sampleRate: number,
  stepS = 0.1,
): LoudnessSeries {
  const seg = segmentEnergies(channels, sampleRate);
  const n = seg.energy.length;
  const step = Math.max(SEGMENT_S, stepS);
  const points: number[] = [];
  for (let i = 1; Math.round((i * step) / SEGMENT_S) <= n; i++) {
    points.push(Math.round((i * step) / SEGMENT_S));
  }
  const series = (len: number) => {
    if (len === 0) return points.map(() => null);
    const fit = points.filter((end) => end >= len);
    const ms = windows(seg, len, fit);
    const out: (number | null)[] = points.map(() => null);
    const skip = points.length - fit.length;
    ms.forEach((v, k) => (out[skip + k] = round(level(v))));
    return out;
  };
  return {
    step_s: step,
    momentary: series(n >= MOMENTARY ? MOMENTARY : 0),
    short_term: series(shortTermLength(n)),
  };
}
