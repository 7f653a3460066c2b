import { assert, assertEquals } from "../../../../tests/_helpers/assert.ts";
import type { Features } from "../../../audio/reports.ts";
import type { SongPlan } from "../../studio/plan.ts";
import { TrackFeatures } from "../types.ts";
import { measuredEnergy, plannedEnergy, trackFeatures } from "./features.ts";

const PLAN: SongPlan = {
  title: "Neon Harbour",
  genre: "Synth-Pop",
  subgenre: null,
  mood: "Melancholic",
  tempo_bpm: 100,
  key: "A",
  mode: "minor",
  time_signature: "4/4",
  instrumentation: ["synth", "drum machine"],
  structure: [
    { name: "intro", bars: 4 },
    { name: "verse", bars: 16 },
    { name: "chorus", bars: 8 },
    { name: "outro", bars: 4 },
  ],
  vocals: true,
  lyrics_theme: null,
  style_words: [],
};

const MEASURED: Features = {
  duration_s: 80.4,
  tempo_bpm: 102,
  tempo_confidence: 0.6,
  key: "C",
  mode: "major",
  key_confidence: 0.8,
  integrated_lufs: -9.5,
  lra_lu: 6,
  true_peak_dbtp: -1,
  crest_db: 10,
  spectral_centroid_hz: 2000,
  spectral_rolloff_hz: 5000,
  spectral_flatness: 0.1,
  energy_low: 0.4,
  energy_mid: 0.5,
  energy_high: 0.1,
  onset_density: 3,
  repetition: 0.6,
  sections: 3,
  intro_s: 4,
};

const CONTENT = { posts: 6, pillar: " lyrics " };

Deno.test("measurements win when they are trustworthy; the plan fills the rest", () => {
  const f = TrackFeatures.parse(trackFeatures(PLAN, MEASURED, CONTENT));
  assertEquals(f, {
    tempo_bpm: 102,
    energy: measuredEnergy(MEASURED),
    key: "C",
    mode: "major",
    loudness_lufs: -9.5,
    sections: 4,
    duration_s: 80.4,
    genre: "synth-pop",
    mood: "melancholic",
    posts: 6,
    pillar: "lyrics",
  });
});

Deno.test("a loose beat, a vague key or an octave error fall back to the plan", () => {
  const loose = trackFeatures(
    PLAN,
    { ...MEASURED, tempo_confidence: 0.1, key_confidence: 0.3 },
    CONTENT,
  );
  assertEquals([loose.tempo_bpm, loose.key, loose.mode], [100, "A", "minor"]);
  const doubled = trackFeatures(PLAN, { ...MEASURED, tempo_bpm: 200.5 }, CONTENT);
  assertEquals(doubled.tempo_bpm, 100);
  // Without a plan an unsteady tempo is not guessed.
  assertEquals(
    trackFeatures(null, { ...MEASURED, tempo_confidence: 0.1 }, CONTENT).tempo_bpm,
    null,
  );
});

Deno.test("without measurements: the plan's values, its length and a planned energy", () => {
  const f = trackFeatures(PLAN, null, { posts: null, pillar: null });
  assertEquals([f.tempo_bpm, f.key, f.loudness_lufs, f.sections, f.duration_s], [
    100,
    "A",
    null,
    4,
    76.8,
  ]);
  assertEquals([f.posts, f.pillar], [null, null]);
  assertEquals(f.energy, plannedEnergy(PLAN));
  const none = trackFeatures(null, null, { posts: 3, pillar: null });
  assertEquals([none.tempo_bpm, none.energy, none.genre, none.posts], [null, null, null, 3]);
});

Deno.test("energy orders calm and intense music sensibly", () => {
  const calm = measuredEnergy({ onset_density: 0.8, energy_high: 0.01, crest_db: 17 });
  const loud = measuredEnergy({ onset_density: 5.5, energy_high: 0.15, crest_db: 7 });
  assert(calm < 0.15 && loud > 0.8, `${calm} ${loud}`);
  const ballad = plannedEnergy({ mood: "sad", tempo_bpm: 70 });
  const banger = plannedEnergy({ mood: "energetic", tempo_bpm: 140 });
  const unknown = plannedEnergy({ mood: "zzz", tempo_bpm: 120 });
  assert(ballad < 0.3 && banger > 0.7 && unknown === 0.5, `${ballad} ${banger} ${unknown}`);
});
