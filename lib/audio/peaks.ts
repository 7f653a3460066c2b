/**
 * Waveform peaks for a player: the signal cut into `count` equal spans, each span's lowest and
 * highest sample across all channels.
 *
 * @module
 */

/** `count` [min, max] pairs (each in [-1, 1]) over `channels` (one array per channel). */
export function waveformPeaks(channels: Float32Array[], count: number): [number, number][] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`peaks: bad count ${count}`);
  const n = channels.reduce((m, c) => Math.max(m, c.length), 0);
  const out: [number, number][] = [];
  for (let k = 0; k < count; k++) {
    const from = Math.floor((k * n) / count);
    const to = Math.max(from + 1, Math.floor(((k + 1) * n) / count));
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of channels) {
      for (let i = from; i < to && i < c.length; i++) {
        const x = c[i];
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    }
    out.push(lo === Infinity ? [0, 0] : [Math.max(-1, lo), Math.min(1, hi)]);
  }
  return out;
}
