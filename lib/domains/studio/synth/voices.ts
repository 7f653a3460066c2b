/**
 * Pitched voices: each renders one note as a mono buffer (attack to the end of its release).
 * Additive piano and organ, FM electric piano and bell, detuned-saw pad, Karplus–Strong guitar
 * and pluck, four basses, square/saw/flute leads. Phases run through a shared sine table.
 *
 * @module
 */
import { Biquad } from "../../../audio/biquad.ts";
import { hash32, noise } from "./rng.ts";
import type { BassVoice, ChordVoice, LeadVoice } from "./styles.ts";
import { midiToHz } from "./theory.ts";

export type Voice = ChordVoice | BassVoice | LeadVoice;

const N = 4096;
const SINE = new Float32Array(N + 1);
for (let i = 0; i <= N; i++) SINE[i] = Math.sin((2 * Math.PI * i) / N);

/** sin(2π·phase) for any phase (cycles), from the table. */
function sin(phase: number): number {
  const p = phase - Math.floor(phase);
  return SINE[(p * N) | 0];
}

/** PolyBLEP saw for phase p in [0,1) and increment dt. */
function saw(p: number, dt: number): number {
  let y = 2 * p - 1;
  if (p < dt) {
    const t = p / dt;
    y -= t + t - t * t - 1;
  } else if (p > 1 - dt) {
    const t = (p - 1) / dt;
    y -= t * t + t + t + 1;
  }
  return y;
}

const RELEASE: Record<Voice, number> = {
  piano: 0.25,
  epiano: 0.3,
  pad: 0.8,
  organ: 0.05,
  guitar: 0.15,
  strings: 0.5,
  synth: 0.05,
  electric: 0.06,
  upright: 0.08,
  sub: 0.1,
  square: 0.1,
  saw: 0.1,
  flute: 0.12,
  bell: 0.6,
  pluck: 0.2,
};

/** Release after the note's end plus a short declick at the very end. */
function envelope(t: number, dur: number, attack: number, release: number): number {
  const a = t < attack ? t / attack : 1;
  if (t <= dur) return a;
  const r = 1 - (t - dur) / release;
  return r > 0 ? a * r * r : 0;
}

/** Karplus–Strong with a fractional delay (linear interpolation) tuned to `hz`. */
function karplus(
  hz: number,
  len: number,
  sr: number,
  decay: number,
  bright: number,
  seed: number,
): Float32Array {
  const out = new Float32Array(len);
  const d = sr / hz - 0.5;
  const burst = Math.min(len, Math.ceil(d) + 1);
  const n = noise(seed, burst);
  let lp = 0;
  for (let i = 0; i < burst; i++) {
    lp += bright * (n[i] - lp);
    out[i] = lp;
  }
  for (let i = burst; i < len; i++) {
    const pos = i - d;
    const j = Math.floor(pos);
    const f = pos - j;
    const a = out[j] * (1 - f) + out[j + 1] * f;
    const b = out[j - 1] * (1 - f) + out[j] * f;
    out[i] = decay * 0.5 * (a + b);
  }
  return out;
}

/** One note of `voice`: `seconds` long plus its release, peak around 0.3–0.5. */
export function renderNote(voice: Voice, midi: number, seconds: number, sr: number): Float32Array {
  const hz = midiToHz(midi);
  const release = RELEASE[voice];
  const len = Math.max(1, Math.ceil((seconds + release) * sr));
  const out = new Float32Array(len);
  const dt = hz / sr;
  const inv = 1 / sr;
  switch (voice) {
    case "piano": {
      const B = 0.0004;
      for (let k = 1; k <= 6; k++) {
        const f = k * hz * Math.sqrt(1 + B * k * k);
        if (f > sr * 0.45) break;
        const amp = 0.35 / k ** 1.3;
        const rate = 1.2 + 0.9 * k + hz / 400;
        const inc = f / sr;
        for (let i = 0; i < len; i++) {
          const t = i * inv;
          out[i] += amp * Math.exp(-rate * t) * envelope(t, seconds, 0.003, release) * sin(i * inc);
        }
      }
      break;
    }
    case "epiano":
    case "bell": {
      const ratio = voice === "bell" ? 3.5 : 1;
      const decay = voice === "bell" ? 2.2 : 1.1;
      const idx = voice === "bell" ? 2.5 : 1.6;
      for (let i = 0; i < len; i++) {
        const t = i * inv;
        const mod = (idx * Math.exp(-4 * t) + 0.15) * sin(i * dt * ratio);
        const tine = voice === "epiano" ? 0.08 * Math.exp(-25 * t) * sin(i * dt * 14) : 0;
        out[i] = 0.4 * Math.exp(-decay * t) * envelope(t, seconds, 0.002, release) *
          (sin(i * dt + mod / 6.283) + tine);
      }
      break;
    }
    case "organ": {
      const bars = [[1, 0.5], [2, 0.3], [3, 0.2], [4, 0.12], [6, 0.06]];
      for (let i = 0; i < len; i++) {
        const t = i * inv;
        let y = 0;
        for (const [h, a] of bars) y += a * sin(i * dt * h);
        out[i] = 0.45 * envelope(t, seconds, 0.01, release) * y;
      }
      break;
    }
    case "pad":
    case "strings": {
      const attack = voice === "pad" ? 0.25 : 0.12;
      const detune = [1, 1.0045, 0.9958];
      const ph = [0, 0.33, 0.67];
      const lp = new Biquad(sr, { kind: "lowpass", freq: Math.min(6000, hz * 6), q: 0.8 });
      for (let i = 0; i < len; i++) {
        const t = i * inv;
        const vib = voice === "strings" ? 1 + 0.003 * sin(t * 5.2) : 1;
        let y = 0;
        for (let k = 0; k < 3; k++) {
          const inc = dt * detune[k] * vib;
          ph[k] += inc;
          if (ph[k] >= 1) ph[k] -= 1;
          y += saw(ph[k], inc);
        }
        out[i] = 0.16 * envelope(t, seconds, attack, release) * y;
      }
      lp.process(out);
      break;
    }
    case "guitar":
    case "pluck": {
      const g = voice === "guitar";
      const ks = karplus(hz, len, sr, g ? 0.995 : 0.993, g ? 0.3 : 0.8, hash32(midi, voice));
      for (let i = 0; i < len; i++) {
        out[i] = (g ? 0.5 : 1.1) * ks[i] * envelope(i * inv, seconds, 0.001, release);
      }
      break;
    }
    case "synth":
    case "square":
    case "saw": {
      const lead = voice !== "synth";
      const lp = new Biquad(sr, { kind: "lowpass", freq: lead ? 2800 : 900, q: lead ? 0.9 : 1.2 });
      let p = 0;
      let p2 = 0.5;
      for (let i = 0; i < len; i++) {
        const t = i * inv;
        const vib = lead && t > 0.18 ? 1 + 0.006 * sin(t * 5.5) : 1;
        const inc = dt * vib;
        p += inc;
        if (p >= 1) p -= 1;
        p2 += inc;
        if (p2 >= 1) p2 -= 1;
        const y = voice === "square" ? 0.5 * (saw(p, inc) - saw(p2, inc)) : saw(p, inc);
        const sub = voice === "synth" ? 0.6 * sin(i * dt) : 0;
        out[i] = (lead ? 0.3 : 0.35) * envelope(t, seconds, 0.004, release) * (y + sub);
      }
      lp.process(out);
      break;
    }
    case "flute": {
      const breath = noise(hash32(midi, "breath"), len);
      for (let i = 0; i < len; i++) {
        const t = i * inv;
        const vib = t > 0.15 ? 1 + 0.005 * sin(t * 5) : 1;
        const y = sin(i * dt * vib) + 0.12 * sin(2 * i * dt * vib) + 0.04 * breath[i];
        out[i] = 0.4 * envelope(t, seconds, 0.04, release) * y;
      }
      break;
    }
    case "electric":
    case "upright":
    case "sub": {
      const decay = voice === "upright" ? 2.5 : voice === "sub" ? 0.7 : 1.2;
      const h2 = voice === "upright" ? 0.45 : voice === "sub" ? 0.05 : 0.3;
      const h3 = voice === "electric" ? 0.15 : 0.05;
      let phase = 0;
      for (let i = 0; i < len; i++) {
        const t = i * inv;
        const glide = voice === "sub" ? 1 + 0.2 * Math.exp(-t * 40) : 1;
        phase += dt * glide;
        const y = sin(phase) + h2 * sin(2 * phase) + h3 * sin(3 * phase);
        const amp = 0.45 * (0.35 + 0.65 * Math.exp(-decay * t)) *
          envelope(t, seconds, 0.004, release);
        out[i] = voice === "sub" ? Math.tanh(1.6 * amp * y) * 0.8 : amp * y;
      }
      break;
    }
  }
  return out;
}
