/**
 * Signal analysis used to check (and later score) audio: RMS, an onset-strength envelope and a
 * tempo estimate from it, a chroma (pitch-class) profile and a key estimate against the
 * Krumhansl–Kessler key profiles.
 *
 * @module
 */
import { Biquad } from "./biquad.ts";
import { magnitudeSpectrum } from "./fft.ts";

/** Root mean square over one or more channels. */
export function rms(...channels: Float32Array[]): number {
  let sum = 0;
  let n = 0;
  for (const c of channels) {
    for (let i = 0; i < c.length; i++) sum += c[i] * c[i];
    n += c.length;
  }
  return n ? Math.sqrt(sum / n) : 0;
}

/** The mean of several channels (e.g. left and right, or stems) as one mono array. */
export function mixDown(...channels: Float32Array[]): Float32Array {
  const n = channels.reduce((m, c) => Math.max(m, c.length), 0);
  const out = new Float32Array(n);
  for (const c of channels) for (let i = 0; i < c.length; i++) out[i] += c[i] / channels.length;
  return out;
}

export interface OnsetEnvelope {
  /** Onset strength per frame (rectified rise of log energy, lightly smoothed). */
  values: Float64Array;
  /** Frames per second. */
  fps: number;
}

/**
 * Onset strength of a mono signal: frames of `hop` samples, each over a 2 × hop window, of the
 * signal below `cutoffHz` (kick, snare and claps mark the beat; hi-hats mostly subdivide it).
 */
export function onsetEnvelope(
  signal: Float32Array,
  sampleRate: number,
  { hop = 256, cutoffHz = 1500 } = {},
): OnsetEnvelope {
  const x = signal.slice();
  const lp = { kind: "lowpass" as const, freq: cutoffHz };
  new Biquad(sampleRate, lp).process(x);
  new Biquad(sampleRate, lp).process(x);
  const frames = Math.max(0, Math.floor((x.length - 2 * hop) / hop));
  const energy = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    let e = 0;
    const from = f * hop;
    for (let i = from; i < from + 2 * hop; i++) e += x[i] * x[i];
    energy[f] = Math.log(1 + 1000 * (e / (2 * hop)));
  }
  const raw = new Float64Array(frames);
  for (let f = 1; f < frames; f++) raw[f] = Math.max(0, energy[f] - energy[f - 1]);
  const values = new Float64Array(frames);
  for (let f = 1; f < frames - 1; f++) {
    values[f] = 0.25 * raw[f - 1] + 0.5 * raw[f] + 0.25 * raw[f + 1];
  }
  return { values, fps: sampleRate / hop };
}

/**
 * The tempo (BPM) of a mono signal: the autocorrelation of its onset envelope, read at the first
 * four multiples of each candidate beat period in [minBpm, maxBpm], weighted by a log-normal
 * preference around `center`. The preference settles the octave (half or double tempo) when the
 * autocorrelation cannot, as listeners do;
 */
export function estimateTempo(
  x: Float32Array,
  sampleRate: number,
  opts: TempoOptions = {},
): number {
  return tempoOfEnvelope(onsetEnvelope(x, sampleRate), opts).bpm;
}

export interface TempoOptions {
  minBpm?: number;
  maxBpm?: number;
  center?: number;
}

export interface TempoEstimate {
  bpm: number;
  /** The envelope's autocorrelation at the beat's multiples over its energy, 0–1. */
  confidence: number;
}

/** `estimateTempo` on an onset envelope already measured, with how steady the beat is. */
export function tempoOfEnvelope(
  { values, fps }: OnsetEnvelope,
  { minBpm = 50, maxBpm = 200, center = 120 }: TempoOptions = {},
): TempoEstimate {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] / n;
  const v = values.map((a) => a - mean);
  const maxLag = Math.max(0, Math.min(n - 1, Math.ceil(((4 * 60) / minBpm) * fps) + 2));
  const acf = new Float64Array(maxLag + 1);
  for (let lag = 0; lag <= maxLag; lag++) {
    let s = 0;
    for (let i = lag; i < n; i++) s += v[i] * v[i - lag];
    acf[lag] = n > lag ? s / (n - lag) : 0;
  }
  const at = (lag: number) => {
    const i = Math.floor(lag);
    if (i + 1 > maxLag) return 0;
    const t = lag - i;
    return acf[i] * (1 - t) + acf[i + 1] * t;
  };
  const comb = (bpm: number) => {
    const period = (60 / bpm) * fps;
    let s = 0;
    for (let k = 1; k <= 4; k++) s += at(k * period);
    return s;
  };

  let best = minBpm;
  let bestScore = -Infinity;
  for (let bpm = minBpm; bpm <= maxBpm; bpm += 0.05) {
    const w = Math.exp(-0.5 * (Math.log2(bpm / center) / 0.9) ** 2);
    const score = comb(bpm) * w;
    if (score > bestScore) {
      bestScore = score;
      best = bpm;
    }
  }
  const confidence = acf[0] > 0 ? Math.min(1, Math.max(0, comb(best) / (4 * acf[0]))) : 0;
  return { bpm: Math.round(best * 10) / 10, confidence };
}

/**
 * Pitch-class energy (C = 0 … B = 11) of a mono signal, summed over the whole signal. Only
 * spectral peaks count, each at its interpolated frequency, so a low note's window leakage does
 * not spill into the neighbouring pitch classes.
 */
export function chroma(
  x: Float32Array,
  sampleRate: number,
  { size = 8192, minHz = 60, maxHz = 2000 } = {},
): Float64Array {
  const out = new Float64Array(12);
  const lo = Math.max(2, Math.ceil((minHz * size) / sampleRate));
  const hi = Math.min(size / 2 - 2, Math.floor((maxHz * size) / sampleRate));
  for (let from = 0; from + size <= x.length; from += size / 2) {
    addChromaPeaks(magnitudeSpectrum(x, from, size), sampleRate, size, lo, hi, out);
  }
  return out;
}

/**
 * Adds the pitch-class energy of one magnitude spectrum (bins `lo`..`hi` of an FFT of `size`) to
 * `out`: spectral peaks only, each at its interpolated frequency (see `chroma`).
 */
export function addChromaPeaks(
  mag: Float64Array,
  sampleRate: number,
  size: number,
  lo: number,
  hi: number,
  out: Float64Array,
): void {
  let top = 0;
  for (let k = lo; k <= hi; k++) if (mag[k] > top) top = mag[k];
  for (let k = lo; k <= hi; k++) {
    const m = mag[k];
    if (m < top * 0.01 || m <= mag[k - 1] || m < mag[k + 1]) continue;
    // Parabolic interpolation on log magnitudes for the peak's true frequency.
    const a = Math.log(mag[k - 1] + 1e-12), b = Math.log(m), c = Math.log(mag[k + 1] + 1e-12);
    const delta = (0.5 * (a - c)) / (a - 2 * b + c || 1);
    const hz = ((k + delta) * sampleRate) / size;
    const pc = ((Math.round(69 + 12 * Math.log2(hz / 440)) % 12) + 12) % 12;
    out[pc] += m * m;
  }
}

const KK_MAJOR = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const KK_MINOR = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return da && db ? num / Math.sqrt(da * db) : 0;
}

export interface KeyEstimate {
  /** Tonic pitch class, C = 0. */
  tonic: number;
  mode: "major" | "minor";
  /** Pearson correlation with the winning profile. */
  score: number;
}

/** The best of the 24 major/minor keys for a chroma profile (Krumhansl–Schmuckler). */
export function estimateKey(profile: ArrayLike<number>): KeyEstimate {
  let best: KeyEstimate = { tonic: 0, mode: "major", score: -Infinity };
  for (let tonic = 0; tonic < 12; tonic++) {
    for (const [mode, p] of [["major", KK_MAJOR], ["minor", KK_MINOR]] as const) {
      const rotated = Array.from({ length: 12 }, (_, i) => p[(i - tonic + 12) % 12]);
      const score = pearson(profile, rotated);
      if (score > best.score) best = { tonic, mode, score };
    }
  }
  return best;
}
