/**
 * Synthesised drum sounds, rendered once per song as one-shot buffers: a pitch-swept sine kick
 * with a click, a snare (tone plus high-passed noise), clap, brush and rim variants, closed and
 * open hats, a crash, two toms, and a family's percussion (clave, shaker or pedal hat).
 *
 * @module
 */
import { Biquad } from "../../../audio/biquad.ts";
import type { DrumSound } from "./arrangement.ts";
import type { Family } from "./genres.ts";
import { noise } from "./rng.ts";
import type { Style } from "./styles.ts";

export type DrumKit = Record<DrumSound, Float32Array>;

function shaped(sr: number, seconds: number, fn: (t: number, i: number) => number): Float32Array {
  const out = new Float32Array(Math.ceil(seconds * sr));
  for (let i = 0; i < out.length; i++) out[i] = fn(i / sr, i);
  return out;
}

function filtered(
  x: Float32Array,
  sr: number,
  kind: "highpass" | "bandpass" | "lowpass",
  freq: number,
  q = 0.7,
) {
  new Biquad(sr, { kind, freq, q }).process(x);
  return x;
}

function sweep(sr: number, seconds: number, from: number, to: number, rate: number, decay: number) {
  let phase = 0;
  return shaped(sr, seconds, (t) => {
    phase += (to + (from - to) * Math.exp(-rate * t)) / sr;
    return Math.sin(2 * Math.PI * phase) * Math.exp(-decay * t);
  });
}

export function drumKit(style: Style, sr: number, seed: number): DrumKit {
  const { kickHz, kickDecay, snare, tone } = style.kit;
  const n = (name: string, seconds: number) =>
    noise(seed ^ name.length * 7919, Math.ceil(seconds * sr));
  const click = filtered(n("click", 0.004), sr, "highpass", 2000);
  const kick = sweep(sr, kickDecay * 1.6, kickHz * 3.2, kickHz, 35, 4 / kickDecay);
  for (let i = 0; i < click.length; i++) kick[i] = 0.9 * kick[i] + 0.3 * click[i];

  const body = sweep(sr, 0.25, 260, 185, 30, 22);
  const hiss = filtered(n("snare", 0.25), sr, "highpass", 1500);
  let snareBuf: Float32Array;
  if (snare === "clap") {
    const src = filtered(n("clap", 0.3), sr, "bandpass", 1200, 0.8);
    snareBuf = shaped(sr, 0.3, (t, i) => {
      const burst = t < 0.03 ? Math.exp(-((t % 0.01) * 300)) : Math.exp(-(t - 0.03) * 14);
      return 1.6 * src[i] * burst;
    });
  } else if (snare === "brush") {
    const src = filtered(n("brush", 0.35), sr, "bandpass", 3000, 0.5);
    snareBuf = shaped(sr, 0.35, (t, i) => 0.9 * src[i] * Math.exp(-9 * t) * Math.min(1, t / 0.01));
  } else if (snare === "rim") {
    const src = filtered(n("rim", 0.12), sr, "bandpass", 2200, 2);
    snareBuf = shaped(
      sr,
      0.12,
      (t, i) => (2 * src[i] + 0.5 * Math.sin(2 * Math.PI * 820 * t)) * Math.exp(-45 * t),
    );
  } else {
    snareBuf = shaped(
      sr,
      0.25,
      (t, i) => tone * 0.7 * body[i] + (1.2 - 0.5 * tone) * hiss[i] * Math.exp(-16 * t),
    );
  }

  const hatSrc = filtered(n("hat", 0.5), sr, "highpass", 7000);
  const hat = shaped(sr, 0.08, (t, i) => 0.8 * hatSrc[i] * Math.exp(-60 * t));
  const open = shaped(sr, 0.5, (t, i) => 0.6 * hatSrc[i] * Math.exp(-7 * t));
  const crashSrc = filtered(n("crash", 1.6), sr, "highpass", 4000, 0.5);
  const crash = shaped(sr, 1.6, (t, i) => 0.55 * crashSrc[i] * Math.exp(-2.6 * t));
  const percFor: Partial<Record<Family, () => Float32Array>> = {
    latin: () =>
      shaped(sr, 0.08, (t) => 0.5 * Math.sin(2 * Math.PI * 2500 * t) * Math.exp(-45 * t)),
    folk: () => {
      const s = filtered(n("shaker", 0.08), sr, "highpass", 5000);
      return shaped(sr, 0.08, (t, i) => 0.5 * s[i] * Math.min(1, t / 0.015) * Math.exp(-50 * t));
    },
  };
  const perc = percFor[style.family]?.() ??
    shaped(sr, 0.06, (t, i) => 0.4 * hatSrc[i] * Math.exp(-80 * t));
  return {
    kick,
    snare: snareBuf,
    hat,
    open,
    perc,
    crash,
    tom_hi: sweep(sr, 0.4, 220, 160, 20, 9),
    tom_lo: sweep(sr, 0.5, 140, 100, 20, 8),
  };
}
