import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { cleanPlan, findArtists, stripArtists } from "./artists.ts";
import { offlineEnhance, promptLanguage } from "./enhance_task.ts";
import { beatsPerBar, planSeconds, SongPlan } from "./plan.ts";
import { familyOf } from "./synth/genres.ts";
import { GENRE_TEMPLATES, structureFor, TEMPLATES } from "./templates.ts";

const plan = (prompt: string) => offlineEnhance({ prompt, language: promptLanguage(prompt) });

interface Want {
  lang: string;
  genre?: string;
  subgenre?: string;
  mood?: string;
  bpm?: number;
  key?: string;
  mode?: string;
  ts?: string;
  vocals?: boolean;
  seconds?: number;
  has?: string;
  title?: string;
  theme?: string;
}

// deno-fmt-ignore
const CASES: [string, Want][] = [
  ["a sad folk song about leaving home, slow, in D minor, 2 minutes", { lang: "en", genre: "folk", mood: "sad", key: "D", mode: "minor", vocals: true, seconds: 120, title: "Leaving Home", theme: "leaving home" }],
  ["jazz in Bb major at 140 bpm with saxophone, instrumental", { lang: "en", genre: "jazz", bpm: 140, key: "Bb", mode: "major", vocals: false, has: "saxophone" }],
  ["an upbeat synthwave track in F# minor, 128 bpm, 3:00", { lang: "en", genre: "electronic", subgenre: "synthwave", bpm: 128, key: "F#", mode: "minor", seconds: 180 }],
  ["a gentle waltz with strings, 90 seconds", { lang: "en", ts: "3/4", seconds: 90, has: "strings" }],
  ["fast punk rock in E major, 45 s", { lang: "en", genre: "rock", subgenre: "punk", key: "E", mode: "major", seconds: 45 }],
  ["lofi hip hop at 70 bpm in C, 1 minute", { lang: "en", genre: "lo-fi", subgenre: "lo-fi hip hop", bpm: 70, key: "C", seconds: 60 }],
  ["una canción de reggaeton alegre sobre el verano, 95 bpm, en re menor, 30 segundos", { lang: "es", genre: "latin", subgenre: "reggaeton", mood: "happy", bpm: 95, key: "D", mode: "minor", seconds: 30, title: "El verano", vocals: true }],
  ["balada lenta y triste con piano, sin voz, 2 minutos", { lang: "es", genre: "pop", subgenre: "ballad", mood: "sad", vocals: false, seconds: 120, has: "piano" }],
  ["bachata romántica en la menor, en 6/8", { lang: "es", subgenre: "bachata", mood: "romantic", key: "A", mode: "minor", ts: "6/8" }],
  ["samba animada com violão e voz feminina, rápido, 1:30", { lang: "pt", subgenre: "samba", vocals: true, seconds: 90, has: "female vocals" }],
  ["bossa nova calma em lá menor, instrumental, 2 minutos", { lang: "pt", subgenre: "bossa nova", mood: "calm", key: "A", mode: "minor", vocals: false, seconds: 120 }],
  ["valse mélancolique au piano en ré mineur, 3 minutes", { lang: "fr", mood: "melancholic", key: "D", mode: "minor", ts: "3/4", seconds: 180, has: "piano" }],
  ["un morceau électronique sombre et rapide en 6/8, 60 secondes", { lang: "fr", genre: "electronic", mood: "dark", ts: "6/8", seconds: 60 }],
  ["Ruhiger Lo-fi Beat zum Lernen, ohne Gesang, in d-moll, 90 s", { lang: "de", genre: "lo-fi", mood: "calm", key: "D", mode: "minor", vocals: false, seconds: 90 }],
  ["schneller Rock-Song über die Freiheit in E-Dur, 2 Minuten", { lang: "de", genre: "rock", key: "E", mode: "major", seconds: 120, vocals: true, theme: "die Freiheit" }],
  ["langsamer Walzer in G-Dur mit Geige, 100 bpm", { lang: "de", bpm: 100, key: "G", mode: "major", ts: "3/4", has: "violin" }],
];

Deno.test("offline enhancer - genre, mood, tempo, key, metre, vocals and length in five languages", () => {
  for (const [prompt, want] of CASES) {
    const p = plan(prompt);
    SongPlan.parse(p);
    const bar = (beatsPerBar(p.time_signature) * 60) / p.tempo_bpm;
    const seconds = planSeconds(p);
    const all: Record<keyof Want, unknown> = {
      lang: promptLanguage(prompt),
      genre: p.genre,
      subgenre: p.subgenre,
      mood: p.mood,
      bpm: p.tempo_bpm,
      key: p.key,
      mode: p.mode,
      ts: p.time_signature,
      vocals: p.vocals,
      title: p.title,
      theme: p.lyrics_theme,
      has: p.instrumentation.includes(want.has ?? "") ? want.has : p.instrumentation.join(),
      // Within a bar of the ask.
      seconds: Math.abs(seconds - (want.seconds ?? 0)) <= bar ? want.seconds : seconds,
    };
    const got = Object.fromEntries(Object.keys(want).map((k) => [k, all[k as keyof Want]]));
    assertEquals(got, { ...want } as Record<string, unknown>, prompt);
    if (!p.vocals) assertEquals(p.lyrics_theme, null, prompt);
    assertEquals(offlineEnhance({ prompt, language: want.lang as "en" }), p, "deterministic");
  }
});

Deno.test("offline enhancer - tempo words move the tempo; defaults last 2–3 minutes", () => {
  const [slow, plain, fast] = ["slow pop song", "pop song", "fast pop song"].map(plan);
  assert(slow.tempo_bpm < plain.tempo_bpm && plain.tempo_bpm < fast.tempo_bpm, "slow < - < fast");
  assert(plan("lento").tempo_bpm < plan("rápido").tempo_bpm, "es");
  assert(plan("langsam").tempo_bpm < plan("schnell").tempo_bpm, "de");
  for (const p of [plain, plan("hip hop"), plan("ambient"), plan("música")]) {
    const s = planSeconds(p);
    assert(s >= 120 && s <= 180, `${p.genre}: ${s}`);
  }
  // A 30 s ask gets a short form, a 2-minute one the verse-chorus song.
  assert(plan("pop song, 30 seconds").structure.length <= 3, "short");
  assert(plan("pop song, 2 minutes").structure.length >= 4, "full");
  assertEquals(plan("a song in a minor key").key === "A", false, "'a minor key' is a mode");
  assertEquals(plan("a song in a minor key").mode, "minor");
});

Deno.test("artists - no real artist's name survives the offline enhancer", () => {
  const cases = [
    "sounds like Taylor Swift",
    "a pop song that sounds like Taylor Swift about a summer road trip",
    "una canción al estilo de Bad Bunny sobre la playa",
    "música como Caetano Veloso, calma",
    "Rock wie Rammstein, schnell",
    "a Beyoncé-style r&b jam about Beyoncé",
  ];
  for (const prompt of cases) {
    const p = plan(prompt);
    const text = JSON.stringify(p).toLowerCase();
    for (const { name } of findArtists(prompt)) {
      for (
        const w of name.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").split(" ")
      ) {
        assert(
          !text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").includes(w),
          `${w} in ${text}`,
        );
      }
    }
  }
  assertEquals(findArtists("sounds like Taylor Swift").map((a) => a.name), ["Taylor Swift"]);
  // The artist still shapes the sound: Bad Bunny → latin, Rammstein → rock.
  assertEquals(familyOf(plan("canción como Bad Bunny").genre), "latin");
  assertEquals(familyOf(plan("wie Rammstein").genre), "rock");
  assertEquals(plan("sounds like Taylor Swift").title, "Pop Song");
});

Deno.test("artists - removed from a plan's words, cues too; ordinary words stay", () => {
  assertEquals(stripArtists("Sounds like Taylor Swift's early records"), "early records");
  assertEquals(stripArtists("a chic, airy song like Queen"), "a chic, airy song");
  assertEquals(stripArtists("Dancing in the air"), "Dancing in the air");
  const dirty = SongPlan.parse({
    ...plan("pop song"),
    title: "Like Adele",
    lyrics_theme: "a night out in the style of The Weeknd",
    style_words: ["Taylor Swift-esque", "warm", "Daft Punk", "chic"],
  });
  const clean = cleanPlan(dirty, "Pop Song");
  assertEquals([clean.title, clean.lyrics_theme, clean.style_words], [
    "Pop Song",
    "a night out",
    ["warm", "chic"],
  ]);
});

Deno.test("templates - every family has one, a valid default plan, and forms that fit any length", () => {
  assertEquals(GENRE_TEMPLATES.length, 10);
  for (const t of GENRE_TEMPLATES) {
    SongPlan.parse(t.plan);
    assertEquals(familyOf(t.plan.genre), t.family, t.name);
    assertEquals(familyOf(plan(t.example).genre), t.family, t.example);
    for (
      const [seconds, bpm, ts] of [[15, 60, "4/4"], [30, 120, "3/4"], [600, 200, "4/4"], [
        150,
        90,
        "6/8",
      ]] as const
    ) {
      const s = structureFor(TEMPLATES[t.family].form, seconds, bpm, ts);
      const p = { structure: s, tempo_bpm: bpm, time_signature: ts };
      assert(
        Math.abs(planSeconds(p) - seconds) <= (beatsPerBar(ts) * 60) / bpm,
        `${t.name} ${seconds}`,
      );
      assert(s.every((x) => x.bars >= 1 && x.bars <= 64) && s.length <= 24, `${t.name} bars`);
    }
  }
});
