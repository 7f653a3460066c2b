/**
 * A biquad filter (RBJ Audio EQ Cookbook), transposed direct form II, processing arrays in place.
 *
 * @module
 */

export type BiquadKind =
  | "lowpass"
  | "highpass"
  | "bandpass"
  | "peaking"
  | "lowshelf"
  | "highshelf";

export interface BiquadSpec {
  kind: BiquadKind;
  /** Corner or centre frequency in Hz. */
  freq: number;
  /** Quality factor (0.707 for a Butterworth corner). */
  q?: number;
  /** Gain in dB, for peaking and shelves. */
  gainDb?: number;
}

export class Biquad {
  #b0 = 1;
  #b1 = 0;
  #b2 = 0;
  #a1 = 0;
  #a2 = 0;
  #z1 = 0;
  #z2 = 0;

  constructor(readonly sampleRate: number, spec: BiquadSpec) {
    this.set(spec);
  }

  /** Changes the coefficients, keeping the state (for slow sweeps). */
  set({ kind, freq, q = Math.SQRT1_2, gainDb = 0 }: BiquadSpec): void {
    const f = Math.min(Math.max(freq, 1), this.sampleRate * 0.49);
    const w = (2 * Math.PI * f) / this.sampleRate;
    const cos = Math.cos(w);
    const alpha = Math.sin(w) / (2 * q);
    const A = 10 ** (gainDb / 40);
    let b0: number, b1: number, b2: number, a0: number, a1: number, a2: number;
    switch (kind) {
      case "lowpass":
        [b0, b1, b2] = [(1 - cos) / 2, 1 - cos, (1 - cos) / 2];
        [a0, a1, a2] = [1 + alpha, -2 * cos, 1 - alpha];
        break;
      case "highpass":
        [b0, b1, b2] = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2];
        [a0, a1, a2] = [1 + alpha, -2 * cos, 1 - alpha];
        break;
      case "bandpass":
        [b0, b1, b2] = [alpha, 0, -alpha];
        [a0, a1, a2] = [1 + alpha, -2 * cos, 1 - alpha];
        break;
      case "peaking":
        [b0, b1, b2] = [1 + alpha * A, -2 * cos, 1 - alpha * A];
        [a0, a1, a2] = [1 + alpha / A, -2 * cos, 1 - alpha / A];
        break;
      case "lowshelf":
      case "highshelf": {
        const s = kind === "lowshelf" ? 1 : -1;
        const r = 2 * Math.sqrt(A) * alpha;
        b0 = A * (A + 1 - s * (A - 1) * cos + r);
        b1 = 2 * s * A * (A - 1 - s * (A + 1) * cos);
        b2 = A * (A + 1 - s * (A - 1) * cos - r);
        a0 = A + 1 + s * (A - 1) * cos + r;
        a1 = -2 * s * (A - 1 + s * (A + 1) * cos);
        a2 = A + 1 + s * (A - 1) * cos - r;
        break;
      }
    }
    this.#b0 = b0 / a0;
    this.#b1 = b1 / a0;
    this.#b2 = b2 / a0;
    this.#a1 = a1 / a0;
    this.#a2 = a2 / a0;
  }

  /** Filters `x[from, to)` in place. */
  process(x: Float32Array, from = 0, to = x.length): void {
    const b0 = this.#b0, b1 = this.#b1, b2 = this.#b2, a1 = this.#a1, a2 = this.#a2;
    let z1 = this.#z1, z2 = this.#z2;
    for (let i = from; i < to; i++) {
      const input = x[i];
      const y = b0 * input + z1;
      z1 = b1 * input - a1 * y + z2;
      z2 = b2 * input - a2 * y;
      x[i] = y;
    }
    // Flush denormals.
    this.#z1 = Math.abs(z1) < 1e-20 ? 0 : z1;
    this.#z2 = Math.abs(z2) < 1e-20 ? 0 : z2;
  }

  reset(): void {
    this.#z1 = this.#z2 = 0;
  }
}

/** Filters a copy-free array in place with a fresh filter. */
export function filterInPlace(x: Float32Array, sampleRate: number, spec: BiquadSpec): Float32Array {
  new Biquad(sampleRate, spec).process(x);
  return x;
}
