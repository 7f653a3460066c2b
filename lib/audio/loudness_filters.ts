/**
 * ITU-R BS.1770-4 K-weighting for any sample rate, and the weighted mean square of short
 * segments that every loudness figure (momentary, short-term, integrated, LRA) is summed from.
 *
 * The standard prints the two biquads for 48 kHz only. As libebur128 does, the coefficients are
 * derived here from the analogue prototype behind them (a high shelf and a high-pass, each a
 * centre frequency and Q) through the bilinear transform with pre-warping, so at 48 kHz the
 * printed coefficients come out and any other rate gets the same response (within 0.01 dB from
 * 32 to 192 kHz; unlike libebur128, the high-pass keeps its 48 kHz pass-band gain at every rate).
 *
 * @module
 */

/** One biquad, a0 normalised to 1. */
export interface BiquadCoefficients {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

// The prototype's parameters, fitted to the 48 kHz coefficients of BS.1770-4 (libebur128's).
const SHELF_HZ = 1681.974450955533;
const SHELF_GAIN_DB = 3.999843853973347;
const SHELF_Q = 0.7071752369554196;
const SHELF_BAND_EXP = 0.4996667741545416;
const HIGHPASS_HZ = 38.13547087602444;
const HIGHPASS_Q = 0.5003270373238773;

/** The two stages of the K-weighting filter (pre-filter shelf, then the RLB high-pass). */
export function kWeighting(sampleRate: number): [BiquadCoefficients, BiquadCoefficients] {
  let k = Math.tan((Math.PI * SHELF_HZ) / sampleRate);
  const vh = 10 ** (SHELF_GAIN_DB / 20);
  const vb = vh ** SHELF_BAND_EXP;
  let a0 = 1 + k / SHELF_Q + k * k;
  const shelf = {
    b0: (vh + (vb * k) / SHELF_Q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / SHELF_Q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / SHELF_Q + k * k) / a0,
  };
  const hpA0 = (rate: number) => {
    const k = Math.tan((Math.PI * HIGHPASS_HZ) / rate);
    return 1 + k / HIGHPASS_Q + k * k;
  };
  k = Math.tan((Math.PI * HIGHPASS_HZ) / sampleRate);
  a0 = hpA0(sampleRate);
  // The printed high-pass numerator is (1, −2, 1), unnormalised: its pass-band gain (+0.04 dB
  // at 48 kHz) would drift with the rate. Scaled so every rate keeps the 48 kHz gain.
  const g = hpA0(48000) / a0;
  const highpass = {
    b0: g,
    b1: -2 * g,
    b2: g,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / HIGHPASS_Q + k * k) / a0,
  };
  return [shelf, highpass];
}

/**
 * BS.1770-4 channel weights by count, in WAV order: L, R, C = 1; LFE excluded; surrounds 1.41.
 * Mono, stereo and three channels weigh 1 each; other layouts fall back to 1 for all.
 */
export function channelWeights(count: number): number[] {
  if (count === 4) return [1, 1, 1.41, 1.41]; // L R Ls Rs
  if (count === 5) return [1, 1, 1, 1.41, 1.41]; // L R C Ls Rs
  if (count === 6) return [1, 1, 1, 0, 1.41, 1.41]; // L R C LFE Ls Rs
  return new Array(count).fill(1);
}

/** Segment length: every window (0.4 s, 3 s) and the 0.1 s gating hop are whole segments. */
export const SEGMENT_S = 0.01;

/** Weighted K-filtered sums of squares per 10 ms segment, and each segment's sample count. */
export interface SegmentEnergies {
  /** Σ over channels of weight × Σ over the segment's samples of (K-weighted sample)². */
  energy: Float64Array;
  /** Samples in each segment (segment boundaries are rounded, so counts differ by one). */
  count: Float64Array;
  sampleRate: number;
  frames: number;
}

/** Start frame of segment `s` (rounded so that windows stay exact at any rate). */
export function segmentStart(s: number, sampleRate: number): number {
  return Math.round(s * SEGMENT_S * sampleRate);
}

/**
 * K-filters every channel and sums the weighted squares per segment. One pass per channel, both
 * biquads inline with float64 state, nothing written back and nothing allocated per sample.
 * A trailing partial segment is dropped (no window can use it).
 */
export function segmentEnergies(channels: Float32Array[], sampleRate: number): SegmentEnergies {
  // Below ~3.4 kHz the 1.7 kHz shelf has no meaning; no real file is under 8 kHz.
  if (!(sampleRate >= 8000 && sampleRate <= 1e7)) {
    throw new RangeError(`loudness: a sample rate of ${sampleRate} Hz (8 kHz to 10 MHz measured)`);
  }
  const frames = channels.reduce((m, c) => Math.max(m, c.length), 0);
  let segments = 0;
  while (segmentStart(segments + 1, sampleRate) <= frames) segments++;
  const energy = new Float64Array(segments);
  const count = new Float64Array(segments);
  for (let s = 0; s < segments; s++) {
    count[s] = segmentStart(s + 1, sampleRate) - segmentStart(s, sampleRate);
  }
  const [f1, f2] = kWeighting(sampleRate);
  const weights = channelWeights(channels.length);
  channels.forEach((x, c) => {
    const w = weights[c];
    if (w === 0) return;
    const { b0, b1, b2, a1, a2 } = f1;
    const { b0: c0, b1: c1, b2: c2, a1: d1, a2: d2 } = f2;
    let s1 = 0, s2 = 0, t1 = 0, t2 = 0;
    for (let s = 0; s < segments; s++) {
      const from = segmentStart(s, sampleRate);
      const to = Math.min(segmentStart(s + 1, sampleRate), x.length);
      let sum = 0;
      for (let i = from; i < to; i++) {
        // Transposed direct form II, two stages.
        const v = x[i];
        const y = b0 * v + s1;
        s1 = b1 * v - a1 * y + s2;
        s2 = b2 * v - a2 * y;
        const z = c0 * y + t1;
        t1 = c1 * y - d1 * z + t2;
        t2 = c2 * y - d2 * z;
        sum += z * z;
      }
      // A shorter channel counts as silence past its end; its filter still rings down.
      for (let i = Math.max(from, x.length); i < segmentStart(s + 1, sampleRate); i++) {
        const y = s1;
        s1 = -a1 * y + s2;
        s2 = -a2 * y;
        const z = c0 * y + t1;
        t1 = c1 * y - d1 * z + t2;
        t2 = c2 * y - d2 * z;
        sum += z * z;
      }
      energy[s] += w * sum;
      // Flush denormals (slow arithmetic) once the filters ring down in silence.
      if (Math.abs(s1) + Math.abs(s2) + Math.abs(t1) + Math.abs(t2) < 1e-30) {
        s1 =
          s2 =
          t1 =
          t2 =
            0;
      }
    }
  });
  return { energy, count, sampleRate, frames };
}
