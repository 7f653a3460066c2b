/**
 * Mastering in Matchering's spirit, against a reference (a genre preset or a user's own song,
 * each as its loudest pieces' mid/side spectrum and RMS):
 * 1. level: the input's loudest 4 s pieces are matched in RMS to the reference's (the level the
 *    spectra are compared at, as Matchering does);
 * 2. tone: a linear-phase EQ on mid and side from the smoothed ratio of the spectra (eq.ts);
 * 3. loudness: a make-up gain into a look-ahead true-peak limiter (limiter.ts), searched until
 *    the integrated loudness (loudness.ts) lands within 0.2 LU of the target: the limiter takes
 *    loudness away as it works, so the gain is corrected by secant steps, a few passes;
 * 4. safety: the finished file's true peak (loudness.ts) is checked against the ceiling and the
 *    whole file trimmed by any excess, so the file measures what the report claims.
 * Intensity blends in the EQ (its dB curve) and the level (between the input's own loudness and
 * the target); 0 gives the original samples, limited only if they are over the ceiling.
 * The report keeps both versions' loudness over time (storedSeries) for the page's meter.
 *
 * @module
 */
import { integratedLufs, loudnessSeries, measureLoudness, truePeakDb } from "../loudness.ts";
import type { LoudnessSeries, MasterAnalysis, Spectrum } from "../reports.ts";
import { convolveMidSide, designFir, firLength, matchCurve } from "./eq.ts";
import { limit, LimiterWork, lookaheadSamples, truePeakEnvelope } from "./limiter.ts";
import {
  loudestPieces,
  type MasterReference,
  measureSpectrum,
  resampleSpectrum,
  spectrumOf,
} from "./spectrum.ts";

/** Shorter than this, gated loudness has too few blocks to mean anything. */
export const MIN_SECONDS = 1;
const TOLERANCE_LU = 0.2;
const MAX_PASSES = 8;
const MAX_GAIN_DB = 48;
/** The stored loudness series: 0.5 s apart, at most this many points (the report stays small). */
const SERIES_STEP_S = 0.5;
const SERIES_MAX_POINTS = 600;

export type MasterErrorCode = "too_short" | "silent" | "invalid";

/** Audio that cannot be mastered, with a message a person can act on. */
export class MasterError extends Error {
  constructor(readonly code: MasterErrorCode, message: string) {
    super(message);
    this.name = "MasterError";
  }
}

export interface MasterInput {
  left: Float32Array;
  right: Float32Array;
  sampleRate: number;
}

export interface MasterOptions {
  targetLufs: number;
  ceilingDbtp: number;
  /** 0 (the original) to 1 (fully processed). */
  intensity: number;
  reference: MasterReference;
}

export interface Mastered {
  left: Float32Array;
  right: Float32Array;
  report: MasterAnalysis;
}

const dbToGain = (db: number) => 10 ** (db / 20);
const round2 = (x: number) => Math.round(x * 100) / 100;

export function masterAudio(
  input: MasterInput,
  settings: MasterOptions,
  opts: { onProgress?(percent: number): void } = {},
): Mastered {
  const { left, right, sampleRate } = input;
  let said = -1;
  const progress = (p: number) => {
    const percent = Math.round(p);
    if (percent > said) opts.onProgress?.(said = percent);
  };
  check(input, settings);
  const n = left.length;
  const channels = (l: Float32Array, r: Float32Array) => [l, r];
  progress(0);

  const before = measureLoudness(channels(left, right), sampleRate);
  if (before.integrated_lufs === null) {
    throw new MasterError(
      "silent",
      "This song is silent (or quieter than −70 LUFS): nothing to master.",
    );
  }
  const seriesBefore = storedSeries(left, right, sampleRate);
  const spectrumBefore = measureSpectrum(left, right, sampleRate);
  const pieces = loudestPieces(left, right, sampleRate);
  const inputSpectrum = spectrumOf(left, right, sampleRate, pieces.ranges);
  const reference = resampleSpectrum(settings.reference.spectrum, spectrumBefore.hz);
  progress(10);

  const intensity = Math.max(0, Math.min(1, settings.intensity));
  const curve = matchCurve(inputSpectrum, reference, intensity);
  const outL = new Float32Array(n);
  const outR = new Float32Array(n);
  // 1 + 2: the RMS match and the EQ (skipped at intensity 0: the original samples go on).
  const rmsMatchDb = intensity > 0 && pieces.rmsDb !== null
    ? settings.reference.loudestRmsDb - pieces.rmsDb
    : 0;
  let srcL = left, srcR = right;
  if (intensity > 0) {
    const taps = firLength(sampleRate);
    const mid = designFir(spectrumBefore.hz, curve.mid, sampleRate, taps);
    const side = designFir(spectrumBefore.hz, curve.side, sampleRate, taps);
    srcL = new Float32Array(n);
    srcR = new Float32Array(n);
    convolveMidSide(
      left,
      right,
      mid,
      side,
      dbToGain(rmsMatchDb),
      srcL,
      srcR,
      (f) => progress(10 + 30 * f),
    );
  }
  progress(40);

  // 3: the make-up gain and the limiter, searched onto the (blended) target.
  const target = before.integrated_lufs +
    intensity * (settings.targetLufs - before.integrated_lufs);
  const envelope = truePeakEnvelope(srcL, srcR);
  const work = new LimiterWork(n, lookaheadSamples(sampleRate));
  // The detector's peaks stay a hair under the ceiling: loudness.ts's true-peak filter differs.
  const ceiling = settings.ceilingDbtp - 0.05;
  const run = (gainDb: number) => {
    const reduction = limit(
      srcL,
      srcR,
      envelope,
      {
        sampleRate,
        gain: dbToGain(gainDb),
        ceilingDb: ceiling,
      },
      outL,
      outR,
      work,
    );
    return {
      gainDb,
      reduction,
      lufs: integratedLufs(channels(outL, outR), sampleRate) ?? -Infinity,
    };
  };
  let last: { gainDb: number; reduction: number; lufs: number };
  if (intensity === 0) {
    const own = before.true_peak_dbtp;
    if (own === null || own <= settings.ceilingDbtp) {
      outL.set(left);
      outR.set(right);
      last = { gainDb: 0, reduction: 0, lufs: before.integrated_lufs };
    } else last = run(0);
  } else {
    const eqLufs = integratedLufs(channels(srcL, srcR), sampleRate);
    let prev = run(eqLufs === null ? 0 : clampGain(rmsMatchDb + target - eqLufs) - rmsMatchDb);
    last = prev;
    progress(50);
    for (let pass = 1; pass < MAX_PASSES && Math.abs(target - last.lufs) > TOLERANCE_LU; pass++) {
      // Secant step where two passes disagree usefully; otherwise step by the miss.
      const slope = pass > 1 && last.lufs !== prev.lufs
        ? (last.lufs - prev.lufs) / (last.gainDb - prev.gainDb)
        : 1;
      const step = (target - last.lufs) / Math.max(0.05, Math.min(1, slope));
      prev = last;
      last = run(clampGain(last.gainDb + rmsMatchDb + step) - rmsMatchDb);
      progress(50 + (35 * pass) / MAX_PASSES);
    }
    if (isWorse(last, prev, target)) last = run(prev.gainDb);
  }
  progress(85);

  // 4: the ceiling, as loudness.ts measures it.
  const peak = truePeakDb(channels(outL, outR), sampleRate);
  let trimDb = 0;
  if (peak !== null && peak > settings.ceilingDbtp) {
    trimDb = settings.ceilingDbtp - peak - 0.01;
    const g = dbToGain(trimDb);
    for (let i = 0; i < n; i++) {
      outL[i] *= g;
      outR[i] *= g;
    }
  }
  const after = measureLoudness(channels(outL, outR), sampleRate);
  const seriesAfter = storedSeries(outL, outR, sampleRate);
  progress(95);
  const spectrumAfter = measureSpectrum(outL, outR, sampleRate);
  progress(100);
  return {
    left: outL,
    right: outR,
    report: {
      before,
      after,
      spectrum_before: spectrumBefore,
      spectrum_after: spectrumAfter,
      reference_spectrum: reference,
      eq: { hz: spectrumBefore.hz, gain_db: curve.mid.map(round2) },
      gain_db: round2(last.gainDb + rmsMatchDb + trimDb),
      limiter_max_reduction_db: round2(last.reduction - trimDb),
      series_before: seriesBefore,
      series_after: seriesAfter,
    },
  };
}

/** The series a report keeps: 0.5 s steps (coarser past 5 min), levels to 0.1 LU. */
export function storedSeries(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
): LoudnessSeries {
  const seconds = left.length / sampleRate;
  const step = Math.max(SERIES_STEP_S, Math.ceil((seconds * 10) / SERIES_MAX_POINTS) / 10);
  const s = loudnessSeries([left, right], sampleRate, step);
  const tenth = (v: number | null) => v === null ? null : Math.round(v * 10) / 10;
  return {
    step_s: s.step_s,
    momentary: s.momentary.map(tenth),
    short_term: s.short_term.map(tenth),
  };
}

function clampGain(db: number): number {
  return Math.max(-MAX_GAIN_DB, Math.min(MAX_GAIN_DB, db));
}

function isWorse(a: { lufs: number }, b: { lufs: number }, target: number): boolean {
  return Math.abs(target - a.lufs) > Math.abs(target - b.lufs);
}

function check(input: MasterInput, s: MasterOptions): void {
  const { left, right, sampleRate } = input;
  if (left.length !== right.length) {
    throw new MasterError("invalid", "The left and right channels differ in length.");
  }
  if (!Number.isFinite(sampleRate) || sampleRate < 8000 || sampleRate > 384000) {
    throw new MasterError("invalid", `Unsupported sample rate: ${sampleRate} Hz.`);
  }
  const seconds = left.length / sampleRate;
  if (seconds < MIN_SECONDS) {
    throw new MasterError(
      "too_short",
      `This audio is ${seconds.toFixed(1)} s long; mastering needs at least ${MIN_SECONDS} s.`,
    );
  }
  for (const x of [left, right]) {
    for (let i = 0; i < x.length; i++) {
      if (!Number.isFinite(x[i])) {
        throw new MasterError("invalid", "The audio has invalid samples (not numbers).");
      }
    }
  }
  for (const v of [s.targetLufs, s.ceilingDbtp, s.intensity, s.reference.loudestRmsDb]) {
    if (!Number.isFinite(v)) {
      throw new MasterError("invalid", "The mastering settings are not numbers.");
    }
  }
  const ref: Spectrum = s.reference.spectrum;
  if (
    ref.hz.length === 0 || ref.mid_db.length !== ref.hz.length ||
    ref.side_db.length !== ref.hz.length
  ) {
    throw new MasterError("invalid", "The reference spectrum is empty or malformed.");
  }
}
