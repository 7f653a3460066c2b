/**
 * Style transfer as the product makes it (restyle.ts): the title, the genre list, and the audio.
 * The restyled song, rendered with its original's seed, keeps the melody's pitch classes and the
 * sections' bars, and moves to the new family's tempo and instruments, as `restyle` says.
 */
import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { songPlan } from "../../../tests/_helpers/studio.ts";
import { chroma, estimateTempo, mixDown } from "../../audio/analysis.ts";
import { planSeconds, type SongPlan } from "./plan.ts";
import { RESTYLE_GENRES, restyledPlan, RestyleInput } from "./restyle.ts";
import { FAMILIES, familyOf } from "./synth/genres.ts";
import { renderSong, styleFor, TAIL_SECONDS } from "./synth/render.ts";
import { STYLES } from "./synth/styles.ts";

const SR = 44100;

/** 16 bars of pop at 128 BPM (30 s): intro, verse, chorus, outro. */
const POP = songPlan({
  title: "Harbour Lights",
  tempo_bpm: 128,
  key: "D",
  structure: [
    { name: "intro", bars: 2 },
    { name: "verse", bars: 6 },
    { name: "chorus", bars: 6 },
    { name: "outro", bars: 2 },
  ],
});

/** The pitch classes holding at least a tenth of the strongest one's energy. */
const pitchClasses = (c: Float64Array) => {
  const top = Math.max(...c);
  return new Set([...c.keys()].filter((i) => c[i] >= 0.1 * top));
};

/** The share of a profile's energy on the pitch classes `set`. */
function shareOn(c: Float64Array, set: Set<number>): number {
  let on = 0, all = 0;
  c.forEach((x, i) => {
    all += x;
    if (set.has(i)) on += x;
  });
  return on / all;
}

const leadChroma = (plan: SongPlan, seed: number) => {
  const s = renderSong(plan, { seed });
  return { song: s, chroma: chroma(mixDown(s.stems.lead.left, s.stems.lead.right), SR) };
};

Deno.test("restyle - titled '<title> (<genre>)'; a restyle of a restyle replaces the suffix", () => {
  const latin = restyledPlan(POP, "Harbour Lights", "latin");
  assertEquals(latin.title, "Harbour Lights (latin)");
  assertEquals(restyledPlan(latin, latin.title, "hiphop").title, "Harbour Lights (hip hop)");
  assertEquals(restyledPlan(POP, "x".repeat(120), "rnb").title.length, 120);
  assertEquals([latin.genre, familyOf(latin.genre)], ["latin", "latin"]);
  const sung = restyledPlan({ ...POP, instrumentation: ["piano", "lead vocals"] }, "S", "jazz");
  assertEquals(
    sung.instrumentation,
    [...STYLES.jazz.instrumentation, "lead vocals"],
    "voices stay",
  );
});

Deno.test("restyle - the genres are the synthesiser's families; anything else is refused", () => {
  assertEquals(RESTYLE_GENRES.map((g) => g.value), [...FAMILIES]);
  assertEquals(RestyleInput.parse({ genre: "jazz" }).genre, "jazz");
  for (const bad of [{ genre: "polka" }, { genre: "" }, {}, { genre: "jazz", extra: 1 }]) {
    assert(!RestyleInput.safeParse(bad).success, JSON.stringify(bad));
  }
});

Deno.test("restyle - the audio keeps the tune and the sections, in the new tempo and sounds", () => {
  const seed = 11;
  const latin = restyledPlan(POP, POP.title, "latin");
  assertEquals(latin.structure, POP.structure, "the same sections and bars");
  assertEquals([latin.key, latin.mode, latin.time_signature], ["D", "major", "4/4"]);
  assertEquals(latin.tempo_bpm, 110, "128 has no half or double in latin's 88–110: clamped");
  assertEquals(latin.instrumentation, STYLES.latin.instrumentation);
  const [before, after] = [styleFor(POP), styleFor(latin)];
  assert(before.chords.voice !== after.chords.voice, "another chord instrument");
  assert(before.lead.voice !== after.lead.voice, "another lead instrument");

  const a = leadChroma(POP, seed);
  const b = leadChroma(latin, seed);
  const elsewhere = leadChroma({ ...POP, key: "Ab" }, seed);
  const tune = pitchClasses(a.chroma);
  const kept = shareOn(b.chroma, tune);
  const moved = shareOn(elsewhere.chroma, tune);
  assert(kept > 0.85, `the melody's pitch classes hold ${kept.toFixed(2)} of the restyle's lead`);
  assert(
    moved < 0.6,
    `the same tune in Ab would hold ${moved.toFixed(2)}: the check discriminates`,
  );

  // Section lengths: the same bars, so the length scales with the tempo alone.
  assertEquals(b.song.left.length, Math.ceil((planSeconds(latin) + TAIL_SECONDS) * SR));
  const ratio = planSeconds(latin) / planSeconds(POP);
  assert(Math.abs(ratio - 128 / 110) < 1e-9, `length ratio ${ratio}`);
  const drums = (s: typeof a.song) => mixDown(s.stems.drums.left, s.stems.drums.right);
  const tempo = estimateTempo(drums(b.song), SR);
  assert(Math.abs(tempo - 110) <= 2, `restyled tempo ${tempo}, planned 110`);
  const original = estimateTempo(drums(a.song), SR);
  assert(Math.abs(original - 128) <= 2, `original tempo ${original}, planned 128`);
});
