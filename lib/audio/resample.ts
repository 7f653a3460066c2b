/**
 * Linear-interpolation resampling. Enough for the rates hosted models and uploads use (32, 44.1,
 * 48 kHz and their multiples): what it aliases from 48 kHz lies above 20 kHz and is quiet in
 * music; a polyphase filter would cost more code than it would be heard.
 *
 * @module
 */
export function resampleLinear(x: Float32Array, from: number, to: number): Float32Array {
  if (from === to || x.length === 0) return x;
  const n = Math.max(1, Math.round((x.length * to) / from));
  const out = new Float32Array(n);
  const step = from / to;
  for (let i = 0; i < n; i++) {
    const p = i * step;
    const j = Math.floor(p);
    const a = x[Math.min(j, x.length - 1)];
    const b = x[Math.min(j + 1, x.length - 1)];
    out[i] = a + (b - a) * (p - j);
  }
  return out;
}
