/**
 * The hit meter's features on synthetic signals with known answers: a click track's tempo,
 * cadences' keys, white against pink noise, a song whose chorus comes back, a quiet intro, and
 * silence and a 0.2 s file (valid, no NaN).
 */
import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import { measureFeatures } from "./features.ts";
import { Features } from "./reports.ts";

const SR = 44100;

/** A deterministic PRNG (mulberry32) for noise. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

/** Adds a note (a few harmonics, soft attack and release) to `out` at `at` seconds. */
function addNote(out: Float32Array, midi: number, at: number, seconds: number, amp: number) {
  const f = hz(midi);
  const from = Math.round(at * SR);
  const n = Math.min(Math.round(seconds * SR), out.length - from);
  for (let i = 0; i < n; i++) {
    const t = i / SR;
    const env = Math.min(1, t / 0.01, (seconds - t) / 0.05);
    const w = 2 * Math.PI * f * t;
    out[from + i] += amp * env * (Math.sin(w) + 0.4 * Math.sin(2 * w) + 0.2 * Math.sin(3 * w));
  }
}

/** Chords (MIDI notes), one a `beatS` × 4 bar each, with the root an octave down as a bass. */
function progression(chords: number[][], barS = 2, amp = 0.08): Float32Array {
  const out = new Float32Array(Math.round(chords.length * barS * SR));
  chords.forEach((ch, k) => {
    for (const m of ch) addNote(out, m, k * barS, barS, amp);
    addNote(out, ch[0] - 12, k * barS, barS, amp * 1.5);
  });
  return out;
}

function clicks(
  bpm: number,
  seconds: number,
  into: Float32Array = new Float32Array(seconds * SR),
  amp = 0.8,
) {
  for (let t = 0; t < seconds; t += 60 / bpm) {
    const from = Math.round(t * SR);
    for (let i = 0; i < 0.05 * SR && from + i < into.length; i++) {
      into[from + i] += amp * Math.exp(-i / (0.01 * SR)) * Math.sin((2 * Math.PI * 150 * i) / SR);
    }
  }
  return into;
}

function white(seconds: number, seed = 1, amp = 0.3): Float32Array {
  const r = prng(seed);
  const out = new Float32Array(seconds * SR);
  for (let i = 0; i < out.length; i++) out[i] = amp * (2 * r() - 1);
  return out;
}

/** Pink noise (Paul Kellet's filter over white). */
function pink(seconds: number, seed = 2): Float32Array {
  const w = white(seconds, seed, 1);
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
  for (let i = 0; i < w.length; i++) {
    const x = w[i];
    b0 = 0.99886 * b0 + x * 0.0555179;
    b1 = 0.99332 * b1 + x * 0.0750759;
    b2 = 0.969 * b2 + x * 0.153852;
    b3 = 0.8665 * b3 + x * 0.3104856;
    b4 = 0.55 * b4 + x * 0.5329522;
    b5 = -0.7616 * b5 - x * 0.016898;
    w[i] = 0.05 * (b0 + b1 + b2 + b3 + b4 + b5 + b6 + x * 0.5362);
    b6 = x * 0.115926;
  }
  return w;
}

function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function measure(x: Float32Array, sampleRate = SR): Features {
  const f = measureFeatures(x, x, sampleRate);
  const parsed = Features.parse(f);
  for (const [k, v] of Object.entries(parsed)) {
    assert(typeof v !== "number" || Number.isFinite(v), `${k} is ${v}`);
  }
  if (Deno.env.get("FEATURES_DEBUG")) console.log(JSON.stringify(parsed));
  return parsed;
}

const A_MINOR = [[57, 60, 64], [62, 65, 69], [64, 68, 71], [57, 60, 64]]; // i–iv–V–i
const C_MAJOR = [[60, 64, 67], [65, 69, 72], [67, 71, 74], [60, 64, 67]]; // I–IV–V–I

Deno.test("features - a click track at 120 BPM reads 120 ± 1, steady", () => {
  const f = measure(clicks(120, 20));
  assert(f.tempo_bpm !== null && Math.abs(f.tempo_bpm - 120) <= 1, `read ${f.tempo_bpm}`);
  assert(f.tempo_confidence > 0.5, `confidence ${f.tempo_confidence}`);
  assert(Math.abs(f.onset_density - 2) < 0.2, `onsets ${f.onset_density}/s`);
});

Deno.test("features - an A-minor cadence is A minor, a C-major one C major", () => {
  const a = measure(progression([...A_MINOR, ...A_MINOR]));
  assertEquals([a.key, a.mode], ["A", "minor"]);
  const c = measure(progression([...C_MAJOR, ...C_MAJOR]));
  assertEquals([c.key, c.mode], ["C", "major"]);
  assert(c.key_confidence > 0.5, `confidence ${c.key_confidence}`);
});

Deno.test("features - white noise is flatter and brighter than pink noise", () => {
  const w = measure(white(8));
  const p = measure(pink(8));
  assert(
    w.spectral_flatness > p.spectral_flatness,
    `${w.spectral_flatness} vs ${p.spectral_flatness}`,
  );
  assert(
    w.spectral_centroid_hz > p.spectral_centroid_hz,
    `${w.spectral_centroid_hz} vs ${p.spectral_centroid_hz}`,
  );
  assert(w.spectral_rolloff_hz > p.spectral_rolloff_hz);
  assert(w.energy_high > p.energy_high && w.energy_low < p.energy_low);
  const shares = w.energy_low + w.energy_mid + w.energy_high;
  assert(Math.abs(shares - 1) < 1e-3, `shares sum to ${shares}`);
  assertEquals(w.key, null);
});

Deno.test("features - a song whose chorus comes back repeats more than noise", () => {
  const verse = progression([[57, 60, 64], [53, 57, 60], [48, 52, 55], [55, 59, 62]]);
  const verse2 = progression([[50, 53, 57], [52, 55, 59], [53, 57, 60], [52, 56, 59]]);
  const chorus = progression([[60, 64, 67], [62, 65, 69], [65, 69, 72], [67, 71, 74]]);
  const song = concat(verse, chorus, verse2, chorus, chorus);
  const s = measure(song);
  const n = measure(white(40, 3));
  assert(
    s.repetition >= 0.4 && s.repetition > n.repetition + 0.3,
    `${s.repetition} vs ${n.repetition}`,
  );
  assert(s.sections >= 3, `${s.sections} sections`);
  assert(n.sections <= 2, `noise has ${n.sections} sections`);
});

Deno.test("features - a 20 s quiet intro is measured ~20 s", () => {
  const quiet = progression(Array(10).fill(A_MINOR[0]), 2, 0.004);
  const full = clicks(
    120,
    40,
    progression([...A_MINOR, ...A_MINOR, ...A_MINOR, ...A_MINOR, ...A_MINOR]),
  );
  const f = measure(concat(quiet, full));
  assert(Math.abs(f.intro_s - 20) <= 1, `intro ${f.intro_s} s`);
  assert(Math.abs(f.duration_s - 60) < 0.01);
  assertEquals(measure(full).intro_s, 0);
});

Deno.test("features - silence and a 0.2 s file give valid features", () => {
  const s = measure(new Float32Array(SR * 5));
  assertEquals([s.tempo_bpm, s.key, s.mode, s.integrated_lufs, s.true_peak_dbtp], [
    null,
    null,
    null,
    null,
    null,
  ]);
  assertEquals([s.repetition, s.sections, s.intro_s, s.crest_db], [0, 0, 0, 0]);
  const short = measure(clicks(120, 0.2));
  assertEquals(short.duration_s, 0.2);
  const empty = measure(new Float32Array(0));
  assertEquals(empty.duration_s, 0);
  measure(progression(C_MAJOR).subarray(0, 48000 * 3), 48000);
  measure(white(2), 8000);
});
