/**
 * The mix: timed events rendered onto stereo part buffers (levels, pan, swing), then the bus:
 * a reverb send, tape colour for lo-fi, bus compression, a fade out at the end and a peak
 * ceiling of −1 dBFS. Stems are the parts after level and pan (dry: before the shared reverb
 * and bus compression), scaled by the same final gain as the mix.
 *
 * @module
 */
import { Biquad } from "../../../audio/biquad.ts";
import { compressStereo, normalisePeak, peakOf } from "../../../audio/compressor.ts";
import { freeverb } from "../../../audio/reverb.ts";
import type { DrumHit, NoteEvent, Part } from "./arrangement.ts";
import type { DrumKit } from "./drums.ts";
import { noise } from "./rng.ts";
import type { Style } from "./styles.ts";
import { renderNote, type Voice } from "./voices.ts";

export interface Stereo {
  left: Float32Array;
  right: Float32Array;
}

export const CEILING_DB = -1;

export function stereo(length: number): Stereo {
  return { left: new Float32Array(length), right: new Float32Array(length) };
}

/** Equal-power gains for pan in [-1, 1]. */
function panGains(pan: number, gain: number): [number, number] {
  const a = ((pan + 1) * Math.PI) / 4;
  return [Math.cos(a) * gain, Math.sin(a) * gain];
}

function addAt(out: Stereo, src: Float32Array, at: number, gl: number, gr: number): void {
  const n = Math.min(src.length, out.left.length - at);
  const { left, right } = out;
  for (let i = Math.max(0, -at); i < n; i++) {
    const x = src[i];
    left[at + i] += x * gl;
    right[at + i] += x * gr;
  }
}

export interface Timing {
  sampleRate: number;
  secondsPerBeat: number;
  stepsPerBeat: number;
  swing: number;
  swing16: boolean;
}

/** Seconds from the start for a beat position, off-beats delayed by the swing. */
export function timeOf(beat: number, t: Timing): number {
  const steps = beat * t.stepsPerBeat;
  const whole = Math.round(steps);
  let b = beat;
  if (t.swing > 0 && Math.abs(steps - whole) < 1e-6) {
    const period = t.swing16 ? 2 : 4;
    if (t.stepsPerBeat === 4 && whole % period === period / 2) b += t.swing / t.stepsPerBeat;
  }
  return b * t.secondsPerBeat;
}

/** Pitched events of one voice onto a stereo buffer; identical notes are rendered once. */
export function renderNotes(
  out: Stereo,
  events: NoteEvent[],
  voice: Voice,
  level: number,
  pan: (e: NoteEvent) => number,
  t: Timing,
): void {
  const cache = new Map<string, Float32Array>();
  for (const e of events) {
    const at = Math.round(timeOf(e.beat, t) * t.sampleRate);
    const seconds = Math.round(e.beats * t.secondsPerBeat * 200) / 200;
    const key = `${e.midi}:${seconds}`;
    let note = cache.get(key);
    if (!note) {
      note = renderNote(voice, e.midi, seconds, t.sampleRate);
      cache.set(key, note);
    }
    const [gl, gr] = panGains(pan(e), level * e.velocity);
    addAt(out, note, at, gl, gr);
  }
}

const DRUM_PAN: Record<DrumHit["sound"], number> = {
  kick: 0,
  snare: 0.05,
  hat: 0.3,
  open: 0.3,
  perc: -0.35,
  crash: -0.2,
  tom_hi: -0.25,
  tom_lo: 0.25,
};

export function renderDrums(
  out: Stereo,
  hits: DrumHit[],
  kit: DrumKit,
  level: number,
  t: Timing,
): void {
  for (const h of hits) {
    const at = Math.round(timeOf(h.beat, t) * t.sampleRate);
    const [gl, gr] = panGains(DRUM_PAN[h.sound], level * h.velocity);
    addAt(out, kit[h.sound], at, gl, gr);
  }
}

const SENDS: Record<Part, number> = { drums: 0.35, bass: 0, chords: 1, lead: 1.2 };

export interface MixOptions {
  style: Style;
  sampleRate: number;
  /** Where the fade out starts and where it reaches silence, in seconds. */
  fadeFrom: number;
  fadeTo: number;
  seed: number;
}

/**
 * Sums the stems into the master bus and finishes both; stems are scaled in place. In steps:
 * yields the fraction done between its phases (by measured cost: the sum and the reverb about a
 * third each), so the caller can report progress; returns the master.
 */
export function* mixdownSteps(
  stems: Record<Part, Stereo>,
  o: MixOptions,
): Generator<number, Stereo, void> {
  const n = stems.drums.left.length;
  const sr = o.sampleRate;
  const master = stereo(n);
  const send = stereo(n);
  for (const [part, s] of Object.entries(stems) as [Part, Stereo][]) {
    const k = SENDS[part] * o.style.space.send;
    for (let i = 0; i < n; i++) {
      master.left[i] += s.left[i];
      master.right[i] += s.right[i];
      send.left[i] += s.left[i] * k;
      send.right[i] += s.right[i] * k;
    }
  }
  yield 0.3;
  const wet = stereo(n);
  freeverb(send.left, send.right, wet.left, wet.right, sr, {
    roomSize: o.style.space.room,
    damping: 0.45,
  });
  for (let i = 0; i < n; i++) {
    master.left[i] += 3 * wet.left[i];
    master.right[i] += 3 * wet.right[i];
  }
  yield 0.65;
  if (o.style.lofi) {
    const hiss = noise(o.seed, n);
    for (const ch of [master.left, master.right]) {
      new Biquad(sr, { kind: "lowpass", freq: 4500, q: 0.6 }).process(ch);
      const level = peakOf(ch) * 0.004;
      for (let i = 0; i < n; i++) ch[i] += level * hiss[i];
    }
  }
  // Bus: up to 0 dBFS, a gentle glue compressor, the fade, then the ceiling.
  const pre = 1 / Math.max(1e-9, peakOf(master.left, master.right));
  for (let i = 0; i < n; i++) {
    master.left[i] *= pre;
    master.right[i] *= pre;
  }
  compressStereo(master.left, master.right, sr, {
    thresholdDb: -12,
    ratio: 2.5,
    attackMs: 15,
    releaseMs: 200,
  });
  const fade = (s: Stereo) => {
    const from = Math.floor(o.fadeFrom * sr);
    const to = Math.min(n, Math.floor(o.fadeTo * sr));
    for (let i = from; i < n; i++) {
      const x = i >= to ? 0 : 1 - (i - from) / (to - from);
      s.left[i] *= x * x;
      s.right[i] *= x * x;
    }
  };
  yield 0.85;
  fade(master);
  const gain = normalisePeak(CEILING_DB, master.left, master.right);
  const ceiling = 10 ** (CEILING_DB / 20);
  for (const s of Object.values(stems)) {
    fade(s);
    const g = pre * gain;
    const p = peakOf(s.left, s.right) * g;
    const k = p > ceiling ? g * (ceiling / p) : g;
    for (let i = 0; i < n; i++) {
      s.left[i] *= k;
      s.right[i] *= k;
    }
  }
  return master;
}
