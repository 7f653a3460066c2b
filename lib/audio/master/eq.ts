/**
 * The matching EQ: a linear-phase FIR per channel of mid/side, designed from the smoothed
 * ratio of the reference's spectrum to the input's (1/6-octave bands, limited to ±12 dB), and
 * applied by FFT overlap-add convolution in blocks. Mid and side share each transform: mid as
 * the real part, side as the imaginary part, split by symmetry in the frequency domain.
 *
 * @module
 */
import { FftPlan } from "../fft.ts";
import type { Spectrum } from "../reports.ts";
import { FLOOR_DB } from "./spectrum.ts";

/** The most the EQ moves any band: beyond this a "match" mostly boosts noise or hiss. */
export const MAX_EQ_DB = 12;
/** A band this far under the input's loudest band is left alone (nothing there to shape). */
const EMPTY_BAND_DB = 80;

/** Per-band gains (dB) for mid and side that move `input` toward `reference` (same bands). */
export function matchCurve(
  input: Spectrum,
  reference: Spectrum,
  amount = 1,
): { mid: number[]; side: number[] } {
  const curve = (inp: number[], ref: number[]) => {
    const top = Math.max(...inp);
    const raw = inp.map((v, i) => {
      if (v <= FLOOR_DB || ref[i] <= FLOOR_DB || v < top - EMPTY_BAND_DB) return 0;
      return Math.max(-MAX_EQ_DB, Math.min(MAX_EQ_DB, ref[i] - v));
    });
    // A [1 2 1] pass over neighbouring bands keeps the curve from chasing single bands.
    return raw.map((v, i) => {
      const a = raw[Math.max(0, i - 1)];
      const b = raw[Math.min(raw.length - 1, i + 1)];
      return amount * ((a + 2 * v + b) / 4);
    });
  };
  return {
    mid: curve(input.mid_db, reference.mid_db),
    side: curve(input.side_db, reference.side_db),
  };
}

/** FIR length: ~93 ms (4096 taps at 44.1 kHz), about 11 Hz of resolution for the bass bands. */
export function firLength(sampleRate: number): number {
  return 2 ** Math.round(Math.log2(sampleRate * 0.093));
}

/**
 * A linear-phase FIR (length n, delay n/2) whose magnitude follows `gainDb` at the band
 * centres `hz` (interpolated over log frequency, ends held): zero-phase response → inverse FFT
 * → centred → Blackman window.
 */
export function designFir(hz: number[], gainDb: number[], sampleRate: number, n: number) {
  const plan = new FftPlan(n);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 0; k <= n / 2; k++) {
    const g = 10 ** (curveAt(hz, gainDb, (k * sampleRate) / n) / 20);
    re[k] = g;
    if (k > 0 && k < n / 2) re[n - k] = g;
  }
  plan.inverse(re, im);
  const taps = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / n) + 0.08 * Math.cos((4 * Math.PI * i) / n);
    taps[i] = re[(i + n / 2) % n] * w;
  }
  return taps;
}

function curveAt(hz: number[], db: number[], f: number): number {
  if (hz.length === 0) return 0;
  if (f <= hz[0]) return db[0];
  if (f >= hz[hz.length - 1]) return db[db.length - 1];
  let i = 1;
  while (hz[i] < f) i++;
  const t = Math.log(f / hz[i - 1]) / Math.log(hz[i] / hz[i - 1]);
  return db[i - 1] + (db[i] - db[i - 1]) * t;
}

/**
 * Filters mid with `midTaps` and side with `sideTaps` (same length n, delay n/2 removed so the
 * output lines up with the input) and writes left/right into `outL`/`outR`, scaled by `gain`.
 * Reports the fraction done after each block.
 */
export function convolveMidSide(
  left: Float32Array,
  right: Float32Array,
  midTaps: Float64Array,
  sideTaps: Float64Array,
  gain: number,
  outL: Float32Array,
  outR: Float32Array,
  onBlock?: (fraction: number) => void,
): void {
  const taps = midTaps.length;
  const delay = taps / 2;
  const size = taps * 4;
  const block = size - taps;
  const plan = new FftPlan(size);
  const hm = spectrumOfTaps(plan, midTaps);
  const hs = spectrumOfTaps(plan, sideTaps);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const len = Math.min(left.length, right.length);
  // The outputs hold mid and side until the end (no second pair of song-long buffers).
  const mid = outL;
  const side = outR;
  mid.fill(0, 0, len);
  side.fill(0, 0, len);
  for (let from = 0; from < len; from += block) {
    for (let i = 0; i < size; i++) {
      const j = from + i;
      const inside = i < block && j < len;
      re[i] = inside ? (left[j] + right[j]) * 0.5 : 0;
      im[i] = inside ? (left[j] - right[j]) * 0.5 : 0;
    }
    plan.forward(re, im);
    // Y[k] = M[k]·Hm[k] + i·S[k]·Hs[k], with M and S taken from Z[k] and conj(Z[size-k]).
    for (let k = 0; k <= size / 2; k++) {
      const k2 = (size - k) % size;
      const zr = re[k], zi = im[k], wr = re[k2], wi = im[k2];
      const mr = (zr + wr) * 0.5, mi = (zi - wi) * 0.5;
      const sr = (zi + wi) * 0.5, si = (wr - zr) * 0.5;
      const k1 = 2 * k;
      // At k: M·Hm + i·S·Hs; at size-k the spectra are conjugates: conj(M)·conj(Hm) + i·conj(S)·conj(Hs).
      const amr = mr * hm[k1] - mi * hm[k1 + 1], ami = mr * hm[k1 + 1] + mi * hm[k1];
      const asr = sr * hs[k1] - si * hs[k1 + 1], asi = sr * hs[k1 + 1] + si * hs[k1];
      re[k] = amr - asi;
      im[k] = ami + asr;
      if (k2 !== k) {
        re[k2] = amr + asi;
        im[k2] = -ami + asr;
      }
    }
    plan.inverse(re, im);
    for (let i = 0; i < size; i++) {
      const j = from + i - delay;
      if (j < 0) continue;
      if (j >= len) break;
      mid[j] += re[i];
      side[j] += im[i];
    }
    onBlock?.(Math.min(1, (from + block) / len));
  }
  for (let i = 0; i < len; i++) {
    const m = mid[i];
    const s = side[i];
    outL[i] = (m + s) * gain;
    outR[i] = (m - s) * gain;
  }
}

/** The FFT of taps (zero-padded to the plan's size), interleaved re/im for bins 0..size/2. */
function spectrumOfTaps(plan: FftPlan, taps: Float64Array): Float64Array {
  const re = new Float64Array(plan.n);
  const im = new Float64Array(plan.n);
  re.set(taps);
  plan.forward(re, im);
  const out = new Float64Array(plan.n + 2);
  for (let k = 0; k <= plan.n / 2; k++) {
    out[2 * k] = re[k];
    out[2 * k + 1] = im[k];
  }
  return out;
}
