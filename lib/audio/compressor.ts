/**
 * A stereo-linked feed-forward bus compressor (peak detector, soft knee, make-up gain), and a
 * peak normaliser for a final ceiling.
 *
 * @module
 */

export interface CompressorOptions {
  thresholdDb?: number;
  ratio?: number;
  attackMs?: number;
  releaseMs?: number;
  kneeDb?: number;
  makeupDb?: number;
}

/** Compresses `left`/`right` in place, both by the same gain. Returns the deepest reduction (dB). */
export function compressStereo(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  {
    thresholdDb = -18,
    ratio = 3,
    attackMs = 10,
    releaseMs = 150,
    kneeDb = 6,
    makeupDb = 0,
  }: CompressorOptions = {},
): number {
  const att = Math.exp(-1 / ((attackMs / 1000) * sampleRate));
  const rel = Math.exp(-1 / ((releaseMs / 1000) * sampleRate));
  const slope = 1 - 1 / ratio;
  const half = kneeDb / 2;
  const makeup = 10 ** (makeupDb / 20);
  let env = 0;
  let deepest = 0;
  const n = Math.min(left.length, right.length);
  for (let i = 0; i < n; i++) {
    const a = Math.abs(left[i]);
    const b = Math.abs(right[i]);
    const peak = a > b ? a : b;
    env = peak > env ? att * env + (1 - att) * peak : rel * env + (1 - rel) * peak;
    let gain = makeup;
    if (env > 1e-6) {
      const over = 20 * Math.log10(env) - thresholdDb;
      let reduce = 0;
      if (over >= half) reduce = slope * over;
      else if (over > -half) reduce = (slope * (over + half) ** 2) / (2 * kneeDb);
      if (reduce > 0) {
        if (reduce > deepest) deepest = reduce;
        gain *= 10 ** (-reduce / 20);
      }
    }
    left[i] *= gain;
    right[i] *= gain;
  }
  return deepest;
}

/** The largest absolute sample over `channels`. */
export function peakOf(...channels: Float32Array[]): number {
  let p = 0;
  for (const c of channels) {
    for (let i = 0; i < c.length; i++) {
      const x = c[i] < 0 ? -c[i] : c[i];
      if (x > p) p = x;
    }
  }
  return p;
}

/** Scales `channels` in place so their peak is `ceilingDb` dBFS (louder or quieter); returns the gain. */
export function normalisePeak(ceilingDb: number, ...channels: Float32Array[]): number {
  const p = peakOf(...channels);
  if (p === 0) return 1;
  const g = 10 ** (ceilingDb / 20) / p;
  for (const c of channels) for (let i = 0; i < c.length; i++) c[i] *= g;
  return g;
}
