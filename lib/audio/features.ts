/**
 * The hit meter's measurements of a stereo song (the `Features` contract in reports.ts): tempo
 * from the onset envelope's autocorrelation, key and mode from chroma against the
 * Krumhansl–Kessler profiles (analysis.ts), loudness, LRA and true peak per BS.1770
 * (loudness.ts), spectral shape (features_spectral.ts), crest factor, onset density, repetition
 * and sections from chroma self-similarity (features_structure.ts), intro length and duration.
 * Each is a plain measurement: judging them is the model's job (domains/studio/meter/model.ts).
 *
 * @module
 */
import {
  estimateKey,
  mixDown,
  type OnsetEnvelope,
  onsetEnvelope,
  tempoOfEnvelope,
} from "./analysis.ts";
import { spectralShape } from "./features_spectral.ts";
import { type ChromaCells, chromaCells, form } from "./features_structure.ts";
import { measureLoudness } from "./loudness.ts";
import { type Features, KEY_NAMES } from "./reports.ts";

/** Below this beat steadiness (0–1) there is no tempo to report. */
const MIN_TEMPO_CONFIDENCE = 0.1;
/** Below this key-profile correlation the key is a guess not worth naming. */
const MIN_KEY_CONFIDENCE = 0.5;

const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
const roundOrNull = (v: number | null, digits: number) => v === null ? null : round(v, digits);

/** Measures `Features` of a stereo signal (pass the same array twice for mono). */
export function measureFeatures(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
): Features {
  const duration = left.length / sampleRate;
  const mono = mixDown(left, right);
  const loud = measureLoudness([left, right], sampleRate);
  const shape = spectralShape(mono, sampleRate);

  // ~172 envelope frames a second whatever the rate (256 samples at 44.1 kHz).
  const env = onsetEnvelope(mono, sampleRate, { hop: Math.max(16, Math.round(sampleRate / 172)) });
  const tempo = tempoOfEnvelope(env);
  const steady = tempo.confidence >= MIN_TEMPO_CONFIDENCE;

  const cells = chromaCells(mono, sampleRate);
  const total = new Float64Array(12);
  for (let c = 0; c < cells.count; c++) {
    for (let p = 0; p < 12; p++) total[p] += cells.chroma[c * 12 + p];
  }
  const tonal = total.some((v) => v > 0);
  const key = tonal ? estimateKey(total) : null;
  const named = key !== null && key.score >= MIN_KEY_CONFIDENCE;
  const { repetition, sections } = form(cells);

  return {
    duration_s: round(duration, 2),
    tempo_bpm: steady ? tempo.bpm : null,
    tempo_confidence: round(tempo.confidence, 3),
    key: named ? KEY_NAMES[key.tonic] : null,
    mode: named ? key.mode : null,
    key_confidence: round(key?.score ?? 0, 3),
    integrated_lufs: roundOrNull(loud.integrated_lufs, 2),
    lra_lu: round(loud.lra_lu, 2),
    true_peak_dbtp: roundOrNull(loud.true_peak_dbtp, 2),
    crest_db: round(crestDb(left, right), 2),
    spectral_centroid_hz: Math.round(shape.centroidHz),
    spectral_rolloff_hz: Math.round(shape.rolloffHz),
    spectral_flatness: round(shape.flatness, 4),
    energy_low: round(shape.low, 4),
    energy_mid: round(shape.mid, 4),
    energy_high: round(shape.high, 4),
    onset_density: round(duration > 0 ? countOnsets(env) / duration : 0, 2),
    repetition: round(repetition, 3),
    sections,
    intro_s: round(introSeconds(cells), 1),
  };
}

/** Sample peak over RMS of both channels, in dB; 0 for silence. */
export function crestDb(left: Float32Array, right: Float32Array): number {
  let peak = 0;
  let sum = 0;
  for (const c of [left, right]) {
    for (let i = 0; i < c.length; i++) {
      const v = c[i];
      sum += v * v;
      const a = v < 0 ? -v : v;
      if (a > peak) peak = a;
    }
  }
  const n = left.length + right.length;
  const rms = n ? Math.sqrt(sum / n) : 0;
  return rms > 1e-9 && peak > 0 ? 20 * Math.log10(peak / rms) : 0;
}

/** A rise this small (in log-energy units) is no onset however quiet the surroundings. */
const ONSET_FLOOR = 0.1;

/**
 * Onsets in an onset envelope: local maxima above 1.5 × the mean of the surrounding second plus
 * a floor, at least 50 ms apart.
 */
export function countOnsets({ values, fps }: OnsetEnvelope): number {
  const n = values.length;
  const half = Math.max(1, Math.round(fps / 2));
  const gap = Math.max(1, Math.round(0.05 * fps));
  // Running sum over [i - half, i + half] for the local mean.
  let sum = 0;
  for (let i = 0; i < Math.min(n, half); i++) sum += values[i];
  let count = 0;
  let last = -gap;
  for (let i = 0; i < n; i++) {
    if (i + half < n) sum += values[i + half];
    if (i - half - 1 >= 0) sum -= values[i - half - 1];
    const width = Math.min(n - 1, i + half) - Math.max(0, i - half) + 1;
    const v = values[i];
    if (i === 0 || i === n - 1 || v <= values[i - 1] || v < values[i + 1]) continue;
    if (v < ONSET_FLOOR + 1.5 * (sum / width) || i - last < gap) continue;
    count++;
    last = i;
  }
  return count;
}

/** The loud, full part of a song sits within this many dB of its 80th-percentile cell level. */
const FULL_DB = 5;
/** Seconds a full part must hold (a lone hit in the intro is not the song arriving). */
const HOLD_S = 2;

/**
 * Seconds before the song first reaches its full level: the first stretch of HOLD_S whose mean
 * power is within FULL_DB of the 80th-percentile cell, starting at its first loud cell.
 */
export function introSeconds({ power, count, cellS }: ChromaCells): number {
  const levels = Array.from(power).filter((p) => p > 1e-10).sort((a, b) => a - b);
  if (!levels.length) return 0;
  const full = levels[Math.min(levels.length - 1, Math.floor(0.8 * levels.length))];
  const need = full * 10 ** (-FULL_DB / 10);
  const hold = Math.max(1, Math.round(HOLD_S / cellS));
  for (let i = 0; i < count; i++) {
    let sum = 0;
    const to = Math.min(count, i + hold);
    for (let c = i; c < to; c++) sum += power[c];
    if (sum / (to - i) < need) continue;
    for (let c = i; c < to; c++) {
      if (power[c] >= full * 10 ** (-(FULL_DB + 1) / 10)) return c * cellS;
    }
  }
  return 0;
}
