import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { songPlan } from "../../../tests/_helpers/studio.ts";
import { MasterAnalysis } from "../reports.ts";
import { renderSong, restyle } from "../../domains/studio/synth/render.ts";
import { noise } from "../../domains/studio/synth/rng.ts";
import { filterInPlace } from "../biquad.ts";
import { integratedLufs, truePeakDb } from "../loudness.ts";
import { masterAudio, MasterError, type MasterInput, storedSeries } from "./master.ts";
import { presetFor } from "../../domains/studio/master/presets.ts";
import { measureReference, spectrumDistance } from "./spectrum.ts";

const SR = 44100;
const REPORT = MasterAnalysis.strict();
const REF = presetFor("pop");
const song = renderSong(
  songPlan({ structure: [{ name: "verse", bars: 4 }, { name: "chorus", bars: 6 }] }),
  {
    seed: 7,
  },
);

function scaledTo(input: MasterInput, lufs: number): MasterInput {
  const g = 10 ** ((lufs - integratedLufs([input.left, input.right], SR)!) / 20);
  return {
    left: input.left.map((v) => v * g),
    right: input.right.map((v) => v * g),
    sampleRate: SR,
  };
}

function clipped(input: MasterInput): MasterInput {
  const clip = (x: Float32Array) => x.map((v) => Math.max(-1, Math.min(1, v)));
  return { left: clip(input.left), right: clip(input.right), sampleRate: SR };
}

/** Rumbling noise: most of its energy under 150 Hz, a little hiss on top. */
function bassHeavy(seconds: number): MasterInput {
  const n = seconds * SR;
  const make = (seed: number) => {
    const low = filterInPlace(noise(seed, n), SR, { kind: "lowpass", freq: 120 });
    filterInPlace(low, SR, { kind: "lowpass", freq: 150 });
    const hiss = noise(seed + 1, n);
    return low.map((v, i) => 0.6 * v + 0.01 * hiss[i]);
  };
  return { left: make(1), right: make(3), sampleRate: SR };
}

/** A quiet verse and a loud chorus, twice: 30 dB apart. */
function veryDynamic(): MasterInput {
  const n = 24 * SR;
  const make = (seed: number) => {
    const x = filterInPlace(noise(seed, n), SR, { kind: "lowpass", freq: 4000 });
    for (let i = 0; i < n; i++) x[i] *= Math.floor(i / (6 * SR)) % 2 === 0 ? 0.01 : 0.4;
    return x;
  };
  return { left: make(5), right: make(6), sampleRate: SR };
}

const INPUTS: [string, () => MasterInput][] = [
  ["quiet (−30 LUFS) song", () => scaledTo(song, -30)],
  ["hot (−6 LUFS, clipped) song", () => clipped(scaledTo(song, -6))],
  ["bass-heavy noise", () => bassHeavy(12)],
  ["very dynamic verse/chorus", veryDynamic],
];

for (const [name, make] of INPUTS) {
  Deno.test(`master - ${name} lands on −14, −16 and −9 LUFS at or under −1 dBTP`, () => {
    const input = make();
    for (const target of [-14, -16, -9]) {
      const percents: number[] = [];
      const m = masterAudio(input, {
        targetLufs: target,
        ceilingDbtp: -1,
        intensity: 1,
        reference: REF,
      }, {
        onProgress: (p) => percents.push(p),
      });
      const lufs = integratedLufs([m.left, m.right], SR)!;
      const peak = truePeakDb([m.left, m.right], SR)!;
      assert(Math.abs(lufs - target) <= 0.5, `${name} → ${target}: measured ${lufs} LUFS`);
      assert(peak <= -1, `${name} → ${target}: true peak ${peak} dBTP`);
      assertEquals(m.report.after.integrated_lufs, Math.round(lufs * 100) / 100);
      assert(percents.at(-1) === 100 && percents.every((p, i) => i === 0 || p > percents[i - 1]));
      // The report is the contract's shape, JSON-safe (no NaN or ±Infinity).
      REPORT.parse(JSON.parse(JSON.stringify(m.report)));
    }
  });
}

Deno.test("master - the EQ moves the spectrum toward the reference (a preset or a song)", () => {
  const rock = renderSong(restyle(songPlan(), "rock"), { seed: 11 });
  const references = [REF, measureReference(rock.left, rock.right, SR)!];
  for (const reference of references) {
    for (const input of [song, bassHeavy(12)]) {
      const m = masterAudio(input, { targetLufs: -16, ceilingDbtp: -1, intensity: 1, reference });
      const distance = (x: MasterInput) =>
        spectrumDistance(measureReference(x.left, x.right, SR)!.spectrum, reference.spectrum);
      const before = distance(input);
      const after = distance({ ...m, sampleRate: SR });
      assert(after < before, `distance ${before.toFixed(2)} dB → ${after.toFixed(2)} dB`);
    }
  }
});

Deno.test("master - intensity 0 returns the original, limited only above the ceiling", () => {
  const quiet = scaledTo(song, -20);
  const m = masterAudio(quiet, { targetLufs: -9, ceilingDbtp: -1, intensity: 0, reference: REF });
  assert(
    m.left.every((v, i) => v === quiet.left[i]) && m.right.every((v, i) => v === quiet.right[i]),
  );
  assertEquals(m.report.gain_db, 0);

  const hot = clipped(scaledTo(song, -6));
  const h = masterAudio(hot, { targetLufs: -14, ceilingDbtp: -1, intensity: 0, reference: REF });
  assert(truePeakDb([h.left, h.right], SR)! <= -1);
  assertEquals(h.report.gain_db <= 0, true);
  // Only the peaks come down (a clipped file's inter-sample overs are a few dB), no make-up
  // gain toward the target: the level stays near the original's, far from −14.
  const lufs = integratedLufs([h.left, h.right], SR)!;
  const own = h.report.before.integrated_lufs!;
  assert(lufs <= own && lufs > own - 4 && lufs > -11, `${lufs} vs ${own}`);
});

Deno.test("master - intensity blends the EQ and the level", () => {
  const quiet = scaledTo(song, -24);
  const settings = { targetLufs: -14, ceilingDbtp: -1, reference: REF };
  const full = masterAudio(quiet, { ...settings, intensity: 1 });
  const half = masterAudio(quiet, { ...settings, intensity: 0.5 });
  half.report.eq.gain_db.forEach((g, i) => {
    assert(Math.abs(g - full.report.eq.gain_db[i] / 2) <= 0.01, `band ${i}: ${g}`);
  });
  assert(
    Math.abs(half.report.after.integrated_lufs! - -19) <= 0.5,
    `${half.report.after.integrated_lufs}`,
  );
});

Deno.test("master - silence, a 0.2 s file and bad input are typed errors; a square wave masters", () => {
  const fails = (input: MasterInput, code: string) => {
    try {
      masterAudio(input, { targetLufs: -14, ceilingDbtp: -1, intensity: 1, reference: REF });
    } catch (err) {
      assert(err instanceof MasterError && err.code === code, `${err}`);
      assert(err.message.length > 10);
      return;
    }
    throw new Error(`expected ${code}`);
  };
  fails(
    { left: new Float32Array(5 * SR), right: new Float32Array(5 * SR), sampleRate: SR },
    "silent",
  );
  const short = noise(1, 0.2 * SR);
  fails({ left: short, right: short, sampleRate: SR }, "too_short");
  fails({ left: new Float32Array(2 * SR), right: new Float32Array(SR), sampleRate: SR }, "invalid");
  const nan = noise(2, 2 * SR);
  nan[100] = NaN;
  fails({ left: nan, right: nan, sampleRate: SR }, "invalid");

  const square = Float32Array.from({ length: 6 * SR }, (_, i) => (Math.floor(i / 50) % 2 ? 1 : -1));
  const m = masterAudio({ left: square, right: square, sampleRate: SR }, {
    targetLufs: -14,
    ceilingDbtp: -1,
    intensity: 1,
    reference: REF,
  });
  assert(m.left.every(Number.isFinite) && truePeakDb([m.left, m.right], SR)! <= -1);
  assert(Math.abs(integratedLufs([m.left, m.right], SR)! - -14) <= 0.5);
});

Deno.test("master - other sample rates (48 kHz, 22.05 kHz) land on the target", () => {
  for (const sampleRate of [48000, 22050]) {
    const s = renderSong(songPlan({ structure: [{ name: "chorus", bars: 4 }] }), {
      seed: 3,
      sampleRate,
    });
    const m = masterAudio(s, { targetLufs: -14, ceilingDbtp: -1, intensity: 1, reference: REF });
    const lufs = integratedLufs([m.left, m.right], sampleRate)!;
    assert(
      Math.abs(lufs + 14) <= 0.5 && truePeakDb([m.left, m.right], sampleRate)! <= -1,
      `${sampleRate}: ${lufs}`,
    );
  }
});

Deno.test("master - the report keeps both versions' loudness over time, small enough to store", () => {
  const m = masterAudio(song, { targetLufs: -14, ceilingDbtp: -1, intensity: 1, reference: REF });
  const points = Math.floor(song.left.length / SR / 0.5);
  for (const s of [m.report.series_before!, m.report.series_after!]) {
    assertEquals([s.step_s, s.momentary.length, s.short_term.length], [0.5, points, points]);
    assert(
      [...s.momentary, ...s.short_term].every((v) => v === null || Number(v.toFixed(1)) === v),
    );
  }
  // Samples of the sliding windows the maxima come from: never above them.
  const max = (xs: (number | null)[]) => Math.max(...xs.filter((v) => v !== null));
  const { momentary, short_term } = m.report.series_after!;
  assert(max(momentary) <= m.report.after.momentary_max_lufs! + 0.05);
  assert(max(short_term) <= m.report.after.short_term_max_lufs! + 0.05);
  assert(max(short_term) > m.report.after.short_term_max_lufs! - 1.5);
  // Ten minutes (the longest upload) stays at 600 points a series, 1 s apart.
  const long = noise(4, 600 * SR).map((v) => 0.1 * v);
  const s = storedSeries(long, long, SR);
  assertEquals([s.step_s, s.momentary.length], [1, 600]);
  assert(JSON.stringify(s).length < 12_000, `${JSON.stringify(s).length} chars`);
});
