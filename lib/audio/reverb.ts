/**
 * A stereo Freeverb (Jezar's public-domain design: eight damped feedback combs and four
 * allpasses per channel, the right channel's delays a little longer), delays scaled to the rate.
 *
 * @module
 */

export interface ReverbOptions {
  /** 0..1: the comb feedback, i.e. the tail's length. */
  roomSize?: number;
  /** 0..1: high-frequency damping in the tail. */
  damping?: number;
  /** 0..1: the stereo spread of the wet signal. */
  width?: number;
}

const COMBS = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
const ALLPASSES = [556, 441, 341, 225];
const SPREAD = 23;

/**
 * The wet signal only (no dry) of `inL`/`inR`, written into `outL`/`outR` (added to them).
 * Feed it a mono or stereo send; scale the result for the wet level.
 */
export function freeverb(
  inL: Float32Array,
  inR: Float32Array,
  outL: Float32Array,
  outR: Float32Array,
  sampleRate: number,
  { roomSize = 0.7, damping = 0.4, width = 1 }: ReverbOptions = {},
): void {
  const scale = sampleRate / 44100;
  const feedback = 0.7 + 0.28 * roomSize;
  const d1 = damping * 0.4;
  const d2 = 1 - d1;
  const n = Math.min(inL.length, inR.length, outL.length, outR.length);
  const wet1 = width / 2 + 0.5;
  const wet2 = (1 - width) / 2;
  const tmpL = new Float32Array(n);
  const tmpR = new Float32Array(n);
  const channel = (input: Float32Array, out: Float32Array, extra: number) => {
    // Combs in parallel (input gain 0.015 as in Freeverb), then allpasses in series.
    for (const len0 of COMBS) {
      const len = Math.max(1, Math.round((len0 + extra) * scale));
      const buf = new Float32Array(len);
      let idx = 0;
      let store = 0;
      for (let i = 0; i < n; i++) {
        const y = buf[idx];
        store = y * d2 + store * d1;
        buf[idx] = input[i] * 0.015 + store * feedback;
        if (++idx === len) idx = 0;
        out[i] += y;
      }
    }
    for (const len0 of ALLPASSES) {
      const len = Math.max(1, Math.round((len0 + extra) * scale));
      const buf = new Float32Array(len);
      let idx = 0;
      for (let i = 0; i < n; i++) {
        const b = buf[idx];
        const x = out[i];
        buf[idx] = x + b * 0.5;
        out[i] = b - x;
        if (++idx === len) idx = 0;
      }
    }
  };
  channel(inL, tmpL, 0);
  channel(inR, tmpR, SPREAD);
  for (let i = 0; i < n; i++) {
    outL[i] += tmpL[i] * wet1 + tmpR[i] * wet2;
    outR[i] += tmpR[i] * wet1 + tmpL[i] * wet2;
  }
}
