/**
 * The average mid/side spectrum of a stereo file in 1/6-octave bands, the measure mastering
 * matches against (and the meter and the report show), and Matchering's "loudest pieces": the
 * louder half of 4 s pieces, where a song's level and tone are judged (quiet intros and fades
 * would otherwise pull both down).
 *
 * Levels are mean power per FFT bin in each band, in dB relative to the file's total mid power,
 * so two files compare by tone alone whatever their level; side is on the same scale as mid.
 *
 * @module
 */
import { FftPlan } from "../fft.ts";
import type { Spectrum } from "../reports.ts";

/** Bands per octave: fine enough for a tonal match, coarse enough to ignore single notes. */
export const BANDS_PER_OCTAVE = 6;
const LOWEST_HZ = 20;
const HIGHEST_HZ = 20000;
/** The floor of a band's level (digital silence has no dB). */
export const FLOOR_DB = -120;
export const PIECE_SECONDS = 4;

/** Band centres, 1 kHz × 2^(k/6), from 20 Hz to 20 kHz (or 0.45 × the sample rate). */
export function bandCentres(sampleRate: number): number[] {
  const top = Math.min(HIGHEST_HZ, 0.45 * sampleRate);
  const out: number[] = [];
  const k0 = Math.ceil(BANDS_PER_OCTAVE * Math.log2(LOWEST_HZ / 1000));
  for (let k = k0;; k++) {
    const hz = 1000 * 2 ** (k / BANDS_PER_OCTAVE);
    if (hz > top) break;
    out.push(Math.round(hz * 10) / 10);
  }
  return out;
}

/** A sample range [from, to). */
export type Range = [number, number];

/** The FFT size for averaged spectra: ~0.19 s, about 5 Hz resolution at 44.1 kHz. */
function spectrumSize(sampleRate: number): number {
  return 2 ** Math.round(Math.log2(sampleRate * 0.186));
}

/** The average spectrum of the whole file. */
export function measureSpectrum(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
): Spectrum {
  return spectrumOf(left, right, sampleRate, [[0, Math.min(left.length, right.length)]]);
}

/**
 * The average spectrum over `ranges` (Hann-windowed frames without overlap: an average over a
 * song has thousands of frames, overlap would only add cost). Mid and side go through one
 * complex FFT (mid real, side imaginary) and are separated by symmetry.
 */
export function spectrumOf(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  ranges: Range[],
): Spectrum {
  const size = spectrumSize(sampleRate);
  const plan = new FftPlan(size);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const window = new Float64Array(size);
  for (let i = 0; i < size; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
  const half = size / 2;
  const mid = new Float64Array(half + 1);
  const side = new Float64Array(half + 1);
  const frame = (from: number, to: number) => {
    for (let i = 0; i < size; i++) {
      const j = from + i;
      const w = j < to ? window[i] * 0.5 : 0;
      re[i] = j < to ? (left[j] + right[j]) * w : 0;
      im[i] = j < to ? (left[j] - right[j]) * w : 0;
    }
    plan.forward(re, im);
    for (let k = 0; k <= half; k++) {
      const k2 = (size - k) % size;
      const mr = re[k] + re[k2], mi = im[k] - im[k2];
      const sr = im[k] + im[k2], si = re[k2] - re[k];
      mid[k] += (mr * mr + mi * mi) * 0.25;
      side[k] += (sr * sr + si * si) * 0.25;
    }
  };
  for (const [from, to] of ranges) {
    // A range shorter than a frame still counts, zero-padded.
    for (let at = from; at < to; at += size) frame(at, to);
  }
  let total = 0;
  for (let k = 1; k <= half; k++) total += mid[k];
  const hz = bandCentres(sampleRate);
  const binHz = sampleRate / size;
  const toDb = (p: number) =>
    total > 0 && p > 0 ? Math.max(FLOOR_DB, 10 * Math.log10(p / total)) : FLOOR_DB;
  return {
    hz,
    mid_db: hz.map((f) => toDb(bandPower(mid, f, binHz))),
    side_db: hz.map((f) => toDb(bandPower(side, f, binHz))),
  };
}

/** Mean power of the bins within the band; below one bin per band, the power at its centre. */
function bandPower(power: Float64Array, centre: number, binHz: number): number {
  const edge = 2 ** (1 / (2 * BANDS_PER_OCTAVE));
  const lo = Math.ceil(centre / edge / binHz);
  const hi = Math.min(power.length - 1, Math.floor((centre * edge) / binHz));
  if (hi >= lo) {
    let sum = 0;
    for (let k = lo; k <= hi; k++) sum += power[k];
    return sum / (hi - lo + 1);
  }
  const x = centre / binHz;
  const k = Math.min(power.length - 2, Math.floor(x));
  return power[k] + (power[k + 1] - power[k]) * (x - k);
}

/**
 * The louder half of the file's 4 s pieces (at least one; a remainder shorter than half a
 * piece joins the piece before it), and their mean power as dB RMS (both channels).
 */
export function loudestPieces(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
): { ranges: Range[]; rmsDb: number | null } {
  const n = Math.min(left.length, right.length);
  const piece = Math.round(PIECE_SECONDS * sampleRate);
  const bounds: Range[] = [];
  for (let at = 0; at < n; at += piece) bounds.push([at, Math.min(n, at + piece)]);
  const last = bounds.at(-1);
  if (bounds.length > 1 && last && last[1] - last[0] < piece / 2) {
    bounds.pop();
    bounds[bounds.length - 1][1] = n;
  }
  const energy = bounds.map(([from, to]) => {
    let e = 0;
    for (let i = from; i < to; i++) e += left[i] * left[i] + right[i] * right[i];
    return { from, to, e, power: e / (2 * Math.max(1, to - from)) };
  });
  const louder = [...energy].sort((a, b) => b.power - a.power)
    .slice(0, Math.max(1, Math.ceil(energy.length / 2)))
    .sort((a, b) => a.from - b.from);
  let e = 0;
  let count = 0;
  for (const p of louder) {
    e += p.e;
    count += 2 * (p.to - p.from);
  }
  const power = count ? e / count : 0;
  return {
    ranges: louder.map((p): Range => [p.from, p.to]),
    rmsDb: power > 0 ? 10 * Math.log10(power) : null,
  };
}

/** What a reference contributes to mastering: its loudest pieces' spectrum and RMS. */
export interface MasterReference {
  spectrum: Spectrum;
  loudestRmsDb: number;
}

/**
 * A track measured as a mastering reference (a user's own song, or a preset's songs), or null
 * when it is silent.
 */
export function measureReference(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
): MasterReference | null {
  const { ranges, rmsDb } = loudestPieces(left, right, sampleRate);
  if (rmsDb === null) return null;
  return { spectrum: spectrumOf(left, right, sampleRate, ranges), loudestRmsDb: rmsDb };
}

/**
 * A spectrum's levels at other band centres (log-frequency interpolation). Bands beyond the
 * measured ones by more than half a band are FLOOR_DB (unknown: a reference at a lower sample
 * rate says nothing about the top octave, and the EQ leaves such bands alone).
 */
export function resampleSpectrum(spec: Spectrum, hz: number[]): Spectrum {
  const slack = 2 ** (1 / (2 * BANDS_PER_OCTAVE)) * 1.001;
  const at = (values: number[], f: number) => {
    const xs = spec.hz;
    if (xs.length === 0) return FLOOR_DB;
    if (f <= xs[0]) return f * slack >= xs[0] ? values[0] : FLOOR_DB;
    if (f >= xs[xs.length - 1]) {
      return f <= xs[xs.length - 1] * slack ? values[xs.length - 1] : FLOOR_DB;
    }
    let i = 1;
    while (xs[i] < f) i++;
    const t = Math.log(f / xs[i - 1]) / Math.log(xs[i] / xs[i - 1]);
    return values[i - 1] + (values[i] - values[i - 1]) * t;
  };
  return {
    hz: [...hz],
    mid_db: hz.map((f) => at(spec.mid_db, f)),
    side_db: hz.map((f) => at(spec.side_db, f)),
  };
}

/** Distance between two spectra on the same bands: RMS of the mid and side dB differences. */
export function spectrumDistance(a: Spectrum, b: Spectrum): number {
  let sum = 0;
  for (let i = 0; i < a.hz.length; i++) {
    sum += (a.mid_db[i] - b.mid_db[i]) ** 2 + (a.side_db[i] - b.side_db[i]) ** 2;
  }
  return Math.sqrt(sum / Math.max(1, 2 * a.hz.length));
}
