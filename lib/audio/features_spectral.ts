/**
 * Short-time spectra for the hit meter's features: a reusable Hann-windowed FFT frame (buffers
 * allocated once per analysis, not per frame), and the spectral shape of a whole signal
 * (centroid, 85 % roll-off, flatness, low/mid/high energy shares).
 *
 * @module
 */
import { fft } from "./fft.ts";

/** One FFT size's buffers and window, reused for every frame. */
export class StftFrame {
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly window: Float64Array;
  /** Magnitudes of bins 0..size/2 after `magnitudes`. */
  readonly mag: Float64Array;

  constructor(readonly size: number) {
    this.re = new Float64Array(size);
    this.im = new Float64Array(size);
    this.window = new Float64Array(size);
    for (let i = 0; i < size; i++) this.window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
    this.mag = new Float64Array(size / 2 + 1);
  }

  /** The spectrum of `x[from, from+size)`, zero outside `x`; fills and returns `mag`. */
  magnitudes(x: Float32Array, from: number): Float64Array {
    const { re, im, window, size, mag } = this;
    for (let i = 0; i < size; i++) {
      const j = from + i;
      re[i] = j >= 0 && j < x.length ? x[j] * window[i] : 0;
      im[i] = 0;
    }
    fft(re, im);
    for (let k = 0; k <= size / 2; k++) mag[k] = Math.sqrt(re[k] * re[k] + im[k] * im[k]);
    return mag;
  }
}

export interface SpectralShape {
  centroidHz: number;
  rolloffHz: number;
  /** Mean per-frame flatness (geometric over arithmetic mean of power), 0–1. */
  flatness: number;
  low: number;
  mid: number;
  high: number;
}

const SIZE = 2048;
/** Bands of the energy shares (Hz). */
const LOW_MID_HZ = 250;
const MID_HIGH_HZ = 4000;
/** Flatness is read up to here: above it most masters are empty by design. */
const FLATNESS_MAX_HZ = 16000;
/** A frame quieter than this mean power (about −80 dBFS) is silence: no flatness. */
const SILENT_POWER = 1e-8 * SIZE * SIZE;

/**
 * The spectral shape of a mono signal from non-overlapping 2048-sample frames: the centroid,
 * roll-off and shares from the average power spectrum, flatness as the mean over audible frames.
 * Silence gives zeros.
 */
export function spectralShape(x: Float32Array, sampleRate: number): SpectralShape {
  const frame = new StftFrame(SIZE);
  const bins = SIZE / 2 + 1;
  const power = new Float64Array(bins);
  const hzPerBin = sampleRate / SIZE;
  const flatHi = Math.min(bins - 1, Math.floor(FLATNESS_MAX_HZ / hzPerBin));
  let flatSum = 0;
  let flatFrames = 0;
  const frames = Math.max(1, Math.ceil(x.length / SIZE));
  for (let f = 0; f < frames; f++) {
    const mag = frame.magnitudes(x, f * SIZE);
    let sum = 0;
    let logSum = 0;
    for (let k = 1; k <= flatHi; k++) {
      const p = mag[k] * mag[k];
      power[k] += p;
      sum += p;
      logSum += Math.log(p + 1e-20);
    }
    for (let k = flatHi + 1; k < bins; k++) power[k] += mag[k] * mag[k];
    if (sum / flatHi > SILENT_POWER) {
      flatSum += Math.exp(logSum / flatHi) / (sum / flatHi);
      flatFrames++;
    }
  }
  let total = 0, weighted = 0, low = 0, high = 0;
  for (let k = 1; k < bins; k++) {
    const hz = k * hzPerBin;
    total += power[k];
    weighted += power[k] * hz;
    if (hz < LOW_MID_HZ) low += power[k];
    else if (hz >= MID_HIGH_HZ) high += power[k];
  }
  if (total <= 0) return { centroidHz: 0, rolloffHz: 0, flatness: 0, low: 0, mid: 0, high: 0 };
  let below = 0;
  let rolloff = 0;
  for (let k = 1; k < bins; k++) {
    below += power[k];
    if (below >= 0.85 * total) {
      rolloff = k * hzPerBin;
      break;
    }
  }
  const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
  return {
    centroidHz: weighted / total,
    rolloffHz: rolloff,
    flatness: flatFrames ? clamp01(flatSum / flatFrames) : 0,
    low: clamp01(low / total),
    mid: clamp01((total - low - high) / total),
    high: clamp01(high / total),
  };
}
