import { assert, assertEquals } from "../../../../tests/_helpers/assert.ts";
import { chroma, estimateKey, estimateTempo, mixDown, rms } from "../../../audio/analysis.ts";
import { peakOf } from "../../../audio/compressor.ts";
import { PITCHES, planSeconds, type SongPlan } from "../plan.ts";
import { arrange } from "./arrangement.ts";
import { familyOf } from "./genres.ts";
import { melody } from "./melody.ts";
import { renderSong, restyle, styleFor, TAIL_SECONDS } from "./render.ts";
import { songPlan } from "../../../../tests/_helpers/studio.ts";

const SR = 44100;

/** 15 bars of 4/4 at 120 BPM: 30 s (tests/_helpers/studio.ts). */
const plan = (over: Partial<SongPlan> = {}): SongPlan =>
  songPlan({ instrumentation: ["drums", "bass", "piano", "synth"], ...over });

/** About 30 s of plan at `bpm` in 4/4: intro, verse, chorus, outro. */
function thirtySeconds(bpm: number, over: Partial<SongPlan>): SongPlan {
  const bars = Math.round((30 * bpm) / 240);
  return plan({
    tempo_bpm: bpm,
    structure: [
      { name: "intro", bars: 2 },
      { name: "verse", bars: bars - 8 },
      { name: "chorus", bars: 4 },
      { name: "outro", bars: 2 },
    ],
    ...over,
  });
}

const base = plan();
const song = renderSong(base, { seed: 7 });

Deno.test("render - 30 s plan: planned length, 44.1 kHz stereo, audible, never clips", () => {
  assertEquals(planSeconds(base), 30);
  assertEquals(song.sampleRate, SR);
  const seconds = song.left.length / SR;
  assert(seconds >= 30 && seconds <= 32, `${seconds} s`);
  assertEquals(song.right.length, song.left.length);
  const level = rms(song.left, song.right);
  assert(level > 0.05, `RMS ${level}`);
  const peak = peakOf(song.left, song.right);
  assert(peak <= 10 ** (-1 / 20) + 1e-6, `peak ${peak} above −1 dBFS`);
  assert(
    song.left.some((x, i) => Math.abs(x - song.right[i]) > 1e-3),
    "a stereo image, not dual mono",
  );
  assert(song.left.every(Number.isFinite) && song.right.every(Number.isFinite), "finite samples");
  // The arrangement: the chorus is fuller than the intro, and the song fades to silence.
  const span = (from: number, to: number) =>
    rms(song.left.subarray(from * SR, to * SR), song.right.subarray(from * SR, to * SR));
  assert(span(16, 24) > 1.3 * span(0, 4), `chorus ${span(16, 24)} vs intro ${span(0, 4)}`);
  assert(span(30 + TAIL_SECONDS - 0.2, 30 + TAIL_SECONDS) < 0.001, "silent at the very end");
});

Deno.test("render - stems are stereo, audible, and never clip", () => {
  for (const [name, s] of Object.entries(song.stems)) {
    assertEquals([s.left.length, s.right.length], [song.left.length, song.left.length], name);
    assert(rms(s.left, s.right) > 0.005, `${name} stem is silent`);
    assert(peakOf(s.left, s.right) <= 1, `${name} stem clips`);
  }
});

Deno.test("render - the same seed gives the same audio, another seed another song", () => {
  const again = renderSong(base, { seed: 7 });
  assert(again.left.every((x, i) => x === song.left[i]), "left channel differs for the same seed");
  assert(
    again.right.every((x, i) => x === song.right[i]),
    "right channel differs for the same seed",
  );
  assertEquals(Array.from(again.midi), Array.from(song.midi));
  const other = renderSong(base, { seed: 8 });
  let diff = 0;
  for (let i = 0; i < other.left.length; i++) diff += Math.abs(other.left[i] - song.left[i]);
  assert(diff / other.left.length > 0.005, `seed 8 is nearly seed 7 (${diff / other.left.length})`);
});

Deno.test("render - MIDI: format 1, conductor + four parts, the plan's tempo", () => {
  const m = song.midi;
  const text = String.fromCharCode(...m);
  assertEquals(text.slice(0, 4), "MThd");
  const v = new DataView(m.buffer, m.byteOffset);
  assertEquals([v.getUint16(8), v.getUint16(10)], [1, 5]);
  assertEquals(text.split("MTrk").length - 1, 5);
  const at = text.indexOf("\xff\x51\x03");
  assertEquals((m[at + 3] << 16) | (m[at + 4] << 8) | m[at + 5], 500000); // 120 BPM
  for (const name of ["Drums", "Bass", "Chords", "Lead"]) assert(text.includes(name), name);
});

// Tempo from the drum stem's onsets; key from the bass, chords and lead stems' chroma (each
// stem normalised, so the loudest part does not decide alone) against Krumhansl–Kessler.
const CASES: [string, number, SongPlan["key"], SongPlan["mode"]][] = [
  ["pop", 80, "Eb", "major"],
  ["rock", 100, "A", "minor"],
  ["deep house", 128, "F#", "minor"],
  ["neo-soul", 92, "D", "major"],
];
for (const [genre, bpm, key, mode] of CASES) {
  Deno.test(`render - ${genre} at ${bpm} BPM in ${key} ${mode}: tempo and key recovered`, () => {
    const s = renderSong(thirtySeconds(bpm, { genre, key, mode }), { seed: bpm });
    const tempo = estimateTempo(mixDown(s.stems.drums.left, s.stems.drums.right), SR);
    assert(Math.abs(tempo - bpm) <= 2, `tempo ${tempo}, planned ${bpm}`);
    const profile = new Float64Array(12);
    for (const part of [s.stems.bass, s.stems.chords, s.stems.lead]) {
      const c = chroma(mixDown(part.left, part.right), SR);
      const top = Math.max(...c);
      c.forEach((x, i) => (profile[i] += x / top));
    }
    const k = estimateKey(profile);
    assertEquals(`${PITCHES[k.tonic]} ${k.mode}`, `${key} ${mode}`);
  });
}

Deno.test("render - 3/4 and 6/8 plans render to their length", () => {
  for (const ts of ["3/4", "6/8"] as const) {
    const p = plan({
      time_signature: ts,
      genre: "folk",
      structure: [{ name: "verse", bars: 3 }, { name: "chorus", bars: 3 }],
    });
    const s = renderSong(p, { seed: 1, sampleRate: 22050 });
    assertEquals(s.left.length, Math.ceil((planSeconds(p) + TAIL_SECONDS) * 22050), ts);
    assert(rms(s.left, s.right) > 0.03, `${ts} audible`);
    assert(rms(s.stems.drums.left) > 0.001, `${ts} drums play`);
  }
});

Deno.test("genres - any genre text lands in the nearest family, pop by default", () => {
  const cases: [string, string | null, string][] = [
    ["Pop", null, "pop"],
    ["indie pop", null, "pop"],
    ["pop punk", null, "rock"],
    ["Heavy Metal", null, "rock"],
    ["hip-hop", "trap", "hiphop"],
    ["lo-fi hip hop", null, "lofi"],
    ["deep house", null, "electronic"],
    ["latin jazz", null, "jazz"],
    ["bossa nova", null, "latin"],
    ["R&B", null, "rnb"],
    ["country", null, "folk"],
    ["cinematic ambient", null, "ambient"],
    ["polka-step", null, "pop"],
    ["electronic", "synthwave", "electronic"],
    ["rock", "blues", "jazz"],
  ];
  for (const [g, sub, want] of cases) assertEquals(familyOf(g, sub), want, `${g} / ${sub}`);
});

Deno.test("restyle - same structure, key and tune; another groove and tempo feel", () => {
  const pop = thirtySeconds(120, { key: "G" });
  const jazz = restyle(pop, "jazz");
  assertEquals(jazz.structure, pop.structure);
  assertEquals([jazz.key, jazz.mode, jazz.time_signature, jazz.title], [
    "G",
    "major",
    "4/4",
    pop.title,
  ]);
  assertEquals([jazz.genre, familyOf(jazz.genre)], ["jazz", "jazz"]);
  const hiphop = restyle(pop, "hip hop");
  assertEquals(hiphop.tempo_bpm, 98, "120 has no half or double in 78–98: clamped");
  assertEquals(restyle(thirtySeconds(170, {}), "hip hop").tempo_bpm, 85, "170 → half time");
  const tune = (p: SongPlan) => {
    const a = arrange(p, styleFor(p), 3);
    return { lead: melody({ seed: 3, ...a }), drums: a.drums };
  };
  const before = tune(pop);
  const after = tune(jazz);
  assertEquals(after.lead.map((n) => n.beat), before.lead.map((n) => n.beat), "the tune's rhythm");
  const same = after.lead.filter((n, i) => n.midi === before.lead[i].midi).length;
  assert(same >= 0.6 * before.lead.length, `only ${same}/${before.lead.length} pitches kept`);
  assert(JSON.stringify(after.drums) !== JSON.stringify(before.drums), "a new groove");
  const s = renderSong(jazz, { seed: 3, sampleRate: 22050 });
  assert(s.left.length === Math.ceil((planSeconds(jazz) + TAIL_SECONDS) * 22050));
});

Deno.test("render - refuses an invalid plan or seed", () => {
  for (const bad of [{ tempo_bpm: 20 }, { structure: [] }, { key: "H" }] as Partial<SongPlan>[]) {
    let threw = false;
    try {
      renderSong(plan(bad), { seed: 1 });
    } catch {
      threw = true;
    }
    assert(threw, `accepted ${JSON.stringify(bad)}`);
  }
  let threw = false;
  try {
    renderSong(plan(), { seed: 1.5 });
  } catch {
    threw = true;
  }
  assert(threw, "accepted a fractional seed");
});

Deno.test("render - progress rises step by step to 100; the audio is the same with or without it", () => {
  const seen: number[] = [];
  const again = renderSong(base, { seed: 7, onProgress: (p) => seen.push(p) });
  assert(seen.every((p, i) => i === 0 || p > seen[i - 1]), `monotonic: ${seen}`);
  assertEquals(seen.at(-1), 100);
  assert(seen.filter((p) => p > 0 && p < 100).length >= 5, `intermediate values: ${seen}`);
  assert(again.left.every((x, i) => x === song.left[i]), "reporting changes nothing");
});
