/**
 * The hit meter's harmony and form: chroma in fixed cells of time (0.5 s, longer for very long
 * files so the matrix stays small), the key from their sum, and a chroma self-similarity matrix
 * read two ways: repetition (the share of the song covered by a stretch that recurs elsewhere, a
 * strong off-diagonal path) and sections (peaks of a checkerboard novelty along the diagonal).
 *
 * @module
 */
import { addChromaPeaks } from "./analysis.ts";
import { Biquad } from "./biquad.ts";
import { StftFrame } from "./features_spectral.ts";

export interface ChromaCells {
  /** `count` × 12 pitch-class energies, C = 0. */
  chroma: Float64Array;
  /** Mean square of the signal in each cell. */
  power: Float64Array;
  count: number;
  cellS: number;
}

/** Chroma is read below 2 kHz, so the signal is decimated to about 11 kHz first (cheaper FFTs). */
const ANALYSIS_HZ = 11025;
const MAX_CELLS = 1200;

/** Chroma and power per cell of `cellS` seconds (two FFT frames a cell). */
export function chromaCells(x: Float32Array, sampleRate: number, cellS = 0.5): ChromaCells {
  const duration = x.length / sampleRate;
  cellS = Math.max(cellS, duration / MAX_CELLS);
  const count = Math.max(1, Math.ceil(duration / cellS - 1e-9));
  const power = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    const from = Math.round(c * cellS * sampleRate);
    const to = Math.min(x.length, Math.round((c + 1) * cellS * sampleRate));
    let s = 0;
    for (let i = from; i < to; i++) s += x[i] * x[i];
    power[c] = to > from ? s / (to - from) : 0;
  }

  const d = Math.max(1, Math.floor(sampleRate / ANALYSIS_HZ));
  const rate = sampleRate / d;
  let y = x;
  if (d > 1) {
    const filtered = x.slice();
    const lp = { kind: "lowpass" as const, freq: Math.min(2500, 0.4 * rate) };
    new Biquad(sampleRate, lp).process(filtered);
    new Biquad(sampleRate, lp).process(filtered);
    y = new Float32Array(Math.ceil(x.length / d));
    for (let i = 0; i < y.length; i++) y[i] = filtered[i * d];
  }
  const size = Math.max(256, 2 ** Math.round(Math.log2(0.37 * rate)));
  const frame = new StftFrame(size);
  const lo = Math.max(2, Math.ceil((60 * size) / rate));
  const hi = Math.min(size / 2 - 2, Math.floor((2000 * size) / rate));
  const chroma = new Float64Array(count * 12);
  const cell = cellS * rate;
  const one = new Float64Array(12);
  for (let c = 0; c < count; c++) {
    for (const at of [0.25, 0.75]) {
      const centre = Math.round((c + at) * cell);
      if (centre >= y.length) continue;
      const mag = frame.magnitudes(y, centre - size / 2);
      one.fill(0);
      addChromaPeaks(mag, rate, size, lo, hi, one);
      for (let p = 0; p < 12; p++) chroma[c * 12 + p] += one[p];
    }
  }
  return { chroma, power, count, cellS };
}

/** Cells quieter than this mean square (−60 dBFS) carry no harmony. */
const SILENT = 1e-6;
/** A recurring stretch lasts at least this long (seconds) … */
const PATH_S = 4;
/** … and matches its other occurrence with at least this mean chroma correlation. */
const MATCH = 0.6;
const MATCH_MARGIN = 0.25;
const MATCH_MAX = 0.9;
/** Novelty peaks under this (0–1) are variation within a section, not a boundary. */
const BOUNDARY = 0.15;

/**
 * Unit vectors of centred, compressed chroma: the dot product of two is their correlation, so
 * a flat (noisy) chroma matches nothing and silence is all zeros.
 */
function unitChroma({ chroma, power, count }: ChromaCells): Float64Array {
  const u = new Float64Array(count * 12);
  for (let c = 0; c < count; c++) {
    if (power[c] < SILENT) continue;
    let mean = 0;
    for (let p = 0; p < 12; p++) mean += Math.sqrt(chroma[c * 12 + p]) / 12;
    let norm = 0;
    for (let p = 0; p < 12; p++) {
      const v = Math.sqrt(chroma[c * 12 + p]) - mean;
      u[c * 12 + p] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    for (let p = 0; p < 12; p++) u[c * 12 + p] = norm > 1e-12 ? u[c * 12 + p] / norm : 0;
  }
  return u;
}

export interface Form {
  repetition: number;
  sections: number;
}

/** Repetition and section count from the cells' self-similarity. */
export function form(cells: ChromaCells): Form {
  const n = cells.count;
  const u = unitChroma(cells);
  const s = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let dot = 0;
      for (let p = 0; p < 12; p++) dot += u[i * 12 + p] * u[j * 12 + p];
      s[i * n + j] = s[j * n + i] = dot;
    }
  }
  let audible = 0;
  for (let c = 0; c < n; c++) if (cells.power[c] >= SILENT) audible++;
  if (!audible) return { repetition: 0, sections: 0 };

  // Repetition: cells on a diagonal path of PATH_S whose mean correlation reaches the match
  // level: MATCH, raised above the song's typical similarity (noise's chroma is not flat, so
  // any two noisy cells look alike), but never past MATCH_MAX (a one-chord song does repeat).
  const L = Math.max(2, Math.round(PATH_S / cells.cellS));
  let typical = 0;
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    if (cells.power[i] < SILENT) continue;
    for (let j = i + 1; j < n; j++) {
      if (cells.power[j] < SILENT) continue;
      typical += s[i * n + j];
      pairs++;
    }
  }
  typical = pairs ? typical / pairs : 0;
  const match = Math.min(MATCH_MAX, Math.max(MATCH, typical + MATCH_MARGIN));
  const covered = new Uint8Array(n);
  for (let i = 0; i + L <= n; i++) {
    for (let j = i + L; j + L <= n; j++) {
      let sum = 0;
      for (let k = 0; k < L; k++) sum += s[(i + k) * n + j + k];
      if (sum / L >= match) {
        for (let k = 0; k < L; k++) covered[i + k] = covered[j + k] = 1;
      }
    }
  }
  let repeated = 0;
  for (let c = 0; c < n; c++) if (covered[c] && cells.power[c] >= SILENT) repeated++;

  // Sections: a Gaussian-tapered checkerboard kernel (half-width K cells, diagonal left out).
  const K = Math.max(2, Math.round(4 / cells.cellS));
  const sigma = K / 2;
  const novelty = new Float64Array(n);
  const kernel = new Float64Array(4 * K * K);
  let gSum = 0;
  for (let a = -K; a < K; a++) {
    for (let b = -K; b < K; b++) {
      if (a === b) continue;
      const g = Math.exp(-((a + 0.5) ** 2 + (b + 0.5) ** 2) / (2 * sigma * sigma));
      kernel[(a + K) * 2 * K + b + K] = (a < 0) === (b < 0) ? g : -g;
      gSum += g;
    }
  }
  for (let i = K; i + K <= n; i++) {
    let v = 0;
    for (let a = -K; a < K; a++) {
      const row = (i + a) * n + i;
      const kRow = (a + K) * 2 * K + K;
      for (let b = -K; b < K; b++) v += kernel[kRow + b] * s[row + b];
    }
    novelty[i] = v / gSum;
  }
  let boundaries = 0;
  for (let i = K; i + K <= n; i++) {
    if (novelty[i] < BOUNDARY) continue;
    let peak = true;
    for (let j = Math.max(0, i - K); j <= Math.min(n - 1, i + K) && peak; j++) {
      if (novelty[j] > novelty[i] || (novelty[j] === novelty[i] && j < i)) peak = false;
    }
    if (peak) boundaries++;
  }
  return { repetition: repeated / audible, sections: boundaries + 1 };
}
