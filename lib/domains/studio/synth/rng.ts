/**
 * Seeded randomness: every random choice in the synthesiser comes from a stream named by the
 * song's seed and what it is for, so changing one part never changes another.
 *
 * @module
 */

/** A 32-bit hash (FNV-1a, then avalanche) of the parts, for naming a stream. */
export function hash32(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    const s = `${p}\u0001`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** One of the items. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Index drawn in proportion to the weights. */
  weighted(weights: readonly number[]): number;
}

/** A mulberry32 stream for (seed, ...names). */
export function rng(seed: number, ...names: (string | number)[]): Rng {
  let a = hash32(seed, ...names);
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
    weighted: (weights) => {
      const total = weights.reduce((s, w) => s + w, 0);
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i];
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
  };
}

/** White noise in [-1, 1) from a seeded stream (xorshift32: cheap for long buffers). */
export function noise(seed: number, length: number): Float32Array {
  const out = new Float32Array(length);
  let s = hash32(seed, "noise") || 1;
  for (let i = 0; i < length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = (s >>> 0) / 2147483648 - 1;
  }
  return out;
}
