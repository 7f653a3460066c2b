import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { noise } from "../../domains/studio/synth/rng.ts";
import { fft, FftPlan } from "../fft.ts";
import { truePeakDb } from "../loudness.ts";
import { convolveMidSide, designFir, firLength, matchCurve, MAX_EQ_DB } from "./eq.ts";
import { limit, truePeakEnvelope } from "./limiter.ts";
import { platformPreview } from "./platforms.ts";
import {
  PRESET_GENRES,
  presetFor,
  REFERENCE_PRESETS,
} from "../../domains/studio/master/presets.ts";
import {
  bandCentres,
  FLOOR_DB,
  loudestPieces,
  measureSpectrum,
  resampleSpectrum,
} from "./spectrum.ts";

const SR = 44100;
const sine = (hz: number, seconds: number, amp = 0.5, phase = 0) =>
  Float32Array.from(
    { length: Math.round(seconds * SR) },
    (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / SR + phase),
  );

Deno.test("fft plan - forward matches fft(), inverse gives the input back", () => {
  const n = 1024;
  const x = noise(1, n);
  const re = Float64Array.from(x), im = new Float64Array(n);
  const re2 = Float64Array.from(x), im2 = new Float64Array(n);
  fft(re, im);
  const plan = new FftPlan(n);
  plan.forward(re2, im2);
  for (let k = 0; k < n; k++) {
    assert(Math.abs(re[k] - re2[k]) < 1e-9 && Math.abs(im[k] - im2[k]) < 1e-9);
  }
  plan.inverse(re2, im2);
  for (let i = 0; i < n; i++) assert(Math.abs(re2[i] - x[i]) < 1e-9 && Math.abs(im2[i]) < 1e-9);
});

Deno.test("spectrum - a 1 kHz mono sine peaks in the 1 kHz band with no side", () => {
  const x = sine(1000, 3);
  const s = measureSpectrum(x, x, SR);
  assertEquals(s.hz, bandCentres(SR));
  const top = s.mid_db.indexOf(Math.max(...s.mid_db));
  assertEquals(s.hz[top], 1000);
  assert(s.mid_db[top] > -20, `${s.mid_db[top]}`); // one sine spread over the band's ~22 bins
  assert(s.side_db.every((v) => v === FLOOR_DB));
  const silent = measureSpectrum(new Float32Array(SR), new Float32Array(SR), SR);
  assert(silent.mid_db.every((v) => v === FLOOR_DB) && silent.side_db.every((v) => v === FLOOR_DB));
});

Deno.test("spectrum - the loudest pieces are the louder half of 4 s pieces", () => {
  const x = new Float32Array(16 * SR);
  x.set(sine(200, 4, 0.5), 4 * SR);
  x.set(sine(200, 4, 0.25), 12 * SR);
  const { ranges, rmsDb } = loudestPieces(x, x, SR);
  assertEquals(ranges, [[4 * SR, 8 * SR], [12 * SR, 16 * SR]]);
  assert(Math.abs(rmsDb! - 10 * Math.log10((0.125 + 0.03125) / 2)) < 0.05, `${rmsDb}`);
  assertEquals(loudestPieces(new Float32Array(10), new Float32Array(10), SR).rmsDb, null);
});

Deno.test("spectrum - resampled onto other bands, unknown where the source did not reach", () => {
  const low = bandCentres(22050);
  const all = bandCentres(SR);
  const spec = { hz: low, mid_db: low.map(() => -30), side_db: low.map(() => -40) };
  const r = resampleSpectrum(spec, all);
  assertEquals(r.hz, all);
  all.forEach((f, i) => {
    assertEquals(r.mid_db[i], f <= low.at(-1)! * 1.06 ? -30 : FLOOR_DB, `${f} Hz`);
  });
  const curve = matchCurve({ hz: all, mid_db: all.map(() => -35), side_db: all.map(() => -45) }, r);
  assert(curve.mid.at(-1) === 0 && curve.mid[20] === 5, `${curve.mid}`);
});

Deno.test("eq - the curve is limited to ±12 dB and the FIR follows it, linear phase", () => {
  const hz = bandCentres(SR);
  const flat = { hz, mid_db: hz.map(() => -40), side_db: hz.map(() => -50) };
  const tilted = {
    hz,
    mid_db: hz.map((_, i) => -40 + (i < 20 ? 30 : -5)),
    side_db: hz.map(() => -50),
  };
  const curve = matchCurve(flat, tilted);
  assert(curve.mid.every((g) => Math.abs(g) <= MAX_EQ_DB) && curve.side.every((g) => g === 0));
  const taps = designFir(hz, curve.mid, SR, firLength(SR));
  for (let i = 1; i < taps.length / 2; i++) {
    assert(Math.abs(taps[taps.length / 2 - i] - taps[taps.length / 2 + i]) < 1e-12);
  }
  // A 100 Hz sine comes out ~12 dB louder, a 5 kHz one ~5 dB quieter, and in phase.
  for (const [f, want] of [[100, 12], [5000, -5]]) {
    const x = sine(f, 1);
    const outL = new Float32Array(x.length), outR = new Float32Array(x.length);
    convolveMidSide(x, x, taps, taps, 1, outL, outR);
    const i = Math.round(0.5 * SR);
    const peak = (a: Float32Array) => Math.max(...a.subarray(i, i + 2000).map(Math.abs));
    const db = 20 * Math.log10(peak(outL) / peak(x));
    assert(Math.abs(db - want) < 1, `${f} Hz: ${db.toFixed(2)} dB`);
    const g = 10 ** (want / 20);
    for (let j = i; j < i + 100; j++) {
      assert(Math.abs(outL[j] - g * x[j]) < 0.05 * g, `phase at ${f} Hz`);
    }
  }
});

Deno.test("limiter - inter-sample peaks stay under the ceiling, with gain before it", () => {
  // A sine at fs/4 with a 45° phase: samples at ±0.707, true peak 1.
  const x = sine(SR / 4, 1, 1, Math.PI / 4);
  const env = truePeakEnvelope(x, x);
  assert(Math.max(...env) > 0.98, `${Math.max(...env)}`);
  const outL = new Float32Array(x.length), outR = new Float32Array(x.length);
  const reduction = limit(x, x, env, { sampleRate: SR, gain: 2, ceilingDb: -1 }, outL, outR);
  assert(truePeakDb([outL, outR], SR)! <= -0.95, `${truePeakDb([outL, outR], SR)}`);
  assert(Math.abs(reduction - 7) < 0.2, `${reduction}`);
  // Below the ceiling the limiter leaves the signal alone.
  const quiet = sine(440, 1, 0.1);
  const q = new Float32Array(quiet.length);
  assertEquals(
    limit(
      quiet,
      quiet,
      truePeakEnvelope(quiet, quiet),
      { sampleRate: SR, gain: 1, ceilingDb: -1 },
      q,
      q,
    ),
    0,
  );
  assert(q.every((v, i) => v === quiet[i]));
});

Deno.test("platforms - turned down when loud, up only where the service does", () => {
  const loud = platformPreview(-9);
  assertEquals(loud.map((p) => p.change_db), [-5, -7, -5, -5, -5, -6]);
  const quiet = Object.fromEntries(platformPreview(-20, -5).map((p) => [p.platform, p.change_db]));
  assertEquals(quiet, {
    Spotify: 4,
    "Apple Music": 4,
    YouTube: 0,
    "Amazon Music": 6,
    Tidal: 0,
    Deezer: 5,
  });
  assert(platformPreview(null).every((p) => p.change_db === 0));
});

Deno.test("presets - one per genre family, any genre text finds its family", () => {
  assertEquals(Object.keys(REFERENCE_PRESETS).sort(), [...PRESET_GENRES].sort());
  for (const p of Object.values(REFERENCE_PRESETS)) {
    assertEquals(p.spectrum.hz.length, p.spectrum.mid_db.length);
    assertEquals(p.spectrum.hz.length, p.spectrum.side_db.length);
    assert(Number.isFinite(p.loudestRmsDb) && p.loudestRmsDb < 0);
  }
  assertEquals(presetFor("deep house"), REFERENCE_PRESETS.electronic);
  assertEquals(presetFor("something new"), REFERENCE_PRESETS.pop);
});
