/**
 * A look-ahead peak limiter whose detector sees inter-sample (true) peaks: each sample's peak
 * is the largest of itself and the 4× oversampled values either side of it (polyphase
 * windowed sinc, 12 taps a phase, as BS.1770's true-peak meter). The gain needed at each
 * sample is held over the look-ahead (a sliding minimum) and averaged over it, so the gain
 * falls smoothly across the look-ahead and is at or under the need at every peak; it then
 * recovers with a ~100 ms release.
 *
 * Offline, the look-ahead reads the future directly: the output has no latency. The detector
 * envelope does not depend on the make-up gain, so it is computed once and reused while the
 * mastering searches for the gain that lands on its loudness target.
 *
 * @module
 */

const PHASES = 4;
const TAPS = 12;
/** Interpolation coefficients for phases 1..3 (phase 0 is the sample itself). */
const COEFFS: Float64Array[] = [1, 2, 3].map((p) => {
  const c = new Float64Array(TAPS);
  let sum = 0;
  for (let j = 0; j < TAPS; j++) {
    const t = TAPS / 2 - 1 - j + p / PHASES; // distance from input sample m - 5 + j
    const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
    const w = 0.5 + 0.5 * Math.cos((Math.PI * t) / (TAPS / 2 + 0.5));
    c[j] = sinc * w;
    sum += c[j];
  }
  for (let j = 0; j < TAPS; j++) c[j] /= sum;
  return c;
});

/**
 * Per-sample true-peak envelope of a stereo signal: max over both channels of |x[m]| and the
 * interpolated values between m-1 and m+1. Written into `out` (length ≥ the signal's).
 */
export function truePeakEnvelope(
  left: Float32Array,
  right: Float32Array,
  out = new Float32Array(Math.min(left.length, right.length)),
): Float32Array {
  const n = Math.min(left.length, right.length);
  const [c1, c2, c3] = COEFFS;
  const back = TAPS / 2 - 1;
  let prev = 0; // interpolated peak between m-1 and m
  for (let m = 0; m < n; m++) {
    let between = 0; // interpolated peak between m and m+1
    for (let ch = 0; ch < 2; ch++) {
      const x = ch === 0 ? left : right;
      let a = 0, b = 0, c = 0;
      const from = m - back;
      if (from >= 0 && from + TAPS <= n) {
        for (let j = 0; j < TAPS; j++) {
          const v = x[from + j];
          a += v * c1[j];
          b += v * c2[j];
          c += v * c3[j];
        }
      } else {
        for (let j = 0; j < TAPS; j++) {
          const k = from + j;
          const v = k >= 0 && k < n ? x[k] : 0;
          a += v * c1[j];
          b += v * c2[j];
          c += v * c3[j];
        }
      }
      between = Math.max(between, Math.abs(a), Math.abs(b), Math.abs(c));
    }
    out[m] = Math.max(Math.abs(left[m]), Math.abs(right[m]), prev, between);
    prev = between;
  }
  return out;
}

export interface LimiterSettings {
  sampleRate: number;
  /** Linear gain applied before limiting. */
  gain: number;
  /** The ceiling the output's peaks (as the envelope sees them) stay at or under, in dB. */
  ceilingDb: number;
  lookaheadS?: number;
  releaseS?: number;
}

/** Reusable working memory for `limit` (one per song length). */
export class LimiterWork {
  readonly held: Float32Array;
  readonly ringAt: Int32Array;
  readonly ringValue: Float32Array;
  constructor(length: number, lookahead: number) {
    this.held = new Float32Array(length + lookahead);
    this.ringAt = new Int32Array(lookahead + 1);
    this.ringValue = new Float32Array(lookahead + 1);
  }
}

export function lookaheadSamples(sampleRate: number, lookaheadS = 0.005): number {
  return Math.max(1, Math.round(lookaheadS * sampleRate));
}

/**
 * Writes `gain × input × limiter gain` into outL/outR; returns the largest gain reduction (dB,
 * ≥ 0). `envelope` is `truePeakEnvelope(left, right)`.
 */
export function limit(
  left: Float32Array,
  right: Float32Array,
  envelope: Float32Array,
  s: LimiterSettings,
  outL: Float32Array,
  outR: Float32Array,
  work?: LimiterWork,
): number {
  const n = Math.min(left.length, right.length);
  const look = lookaheadSamples(s.sampleRate, s.lookaheadS);
  const w = work ?? new LimiterWork(n, look);
  const ceiling = 10 ** (s.ceilingDb / 20);
  const cap = ceiling / s.gain;
  // Pass 1: the sliding minimum over the last `look` samples of the gain each sample needs
  // (a monotonic queue in a ring; past the end the need is 1).
  const { held, ringAt, ringValue } = w;
  const size = ringAt.length;
  let head = 0, tail = 0; // queue of indices/values, values increasing from head to tail
  for (let m = 0; m < n + look; m++) {
    const e = m < n ? envelope[m] : 0;
    const need = e > cap ? cap / e : 1;
    while (tail > head && ringValue[(tail - 1) % size] >= need) tail--;
    ringAt[tail % size] = m;
    ringValue[tail % size] = need;
    tail++;
    while (ringAt[head % size] <= m - look) head++;
    held[m] = ringValue[head % size];
  }
  // Pass 2: the forward average of the held gain over the look-ahead, then the release.
  let sum = 0;
  for (let j = 0; j < look; j++) sum += held[j];
  const release = Math.exp(-1 / ((s.releaseS ?? 0.1) * s.sampleRate));
  let g = 1;
  let least = 1;
  for (let m = 0; m < n; m++) {
    const avg = Math.min(1, sum / look);
    sum += held[m + look] - held[m];
    const recovered = 1 - (1 - g) * release;
    g = avg < recovered ? avg : recovered;
    if (g < least) least = g;
    const k = s.gain * g;
    outL[m] = left[m] * k;
    outR[m] = right[m] * k;
  }
  return least < 1 ? -20 * Math.log10(least) : 0;
}
