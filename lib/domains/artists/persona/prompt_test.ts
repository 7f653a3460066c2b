import { assert, assertEquals, assertMatch } from "../../../../tests/_helpers/assert.ts";
import { findArtists } from "../../studio/artists.ts";
import { readPrompt } from "../../studio/lexicon.ts";
import type { Persona } from "../types.ts";
import { personaTempo, STUDIO_PROMPT_MAX, studioLanguage, studioPrompt } from "./prompt.ts";

const LUNA: Persona = {
  name: "Luna Vale",
  backstory: "Luna Vale writes night-bus synth-pop for students who run after dark in London.",
  genres: ["synth-pop", "dance-pop"],
  influences: ["80s gated drums", "glassy arpeggios"],
  vocal_style: "close, breathy alto with stacked harmonies",
  visual_identity: "neon pink and deep violet, rain on glass",
  content_pillars: ["running playlists"],
  audience: "students who run in the evening",
  voice: "warm, dry jokes",
  moods: ["euphoric", "wistful"],
  tempo_range: { min: 90, max: 110 },
  cadence: { releases_per_month: 1, posts_per_week: 3 },
  market: "BR",
  language: "pt",
};

Deno.test("the prompt carries the idea and the persona's style", () => {
  const text = studioPrompt(LUNA, "A song about the last bus home.");
  assertEquals(
    text,
    "A song about the last bus home. A euphoric, wistful synth-pop / dance-pop song at 100 bpm. " +
      "Vocals: close, breathy alto with stacked harmonies. Sound: 80s gated drums, glassy " +
      "arpeggios. Lyrics in Portuguese.",
  );
  assertEquals(readPrompt(text).bpm, 100);
  assertEquals(studioLanguage(LUNA), "pt");
  assertEquals(studioLanguage({ language: "ja" }), "en");
});

Deno.test("a faster tempo range changes the prompt's tempo", () => {
  const faster = { ...LUNA, tempo_range: { min: 115, max: 128 } };
  assertEquals(personaTempo(faster), 122);
  assertMatch(studioPrompt(faster, "the last bus"), /at 122 bpm/);
  assertEquals(readPrompt(studioPrompt(faster, "the last bus")).bpm, 122);
  assert(studioPrompt(faster, "x") !== studioPrompt(LUNA, "x"));
});

Deno.test("no real artist's name reaches the studio, and the prompt stays short", () => {
  const text = studioPrompt(
    { ...LUNA, influences: ["Daft Punk vocoders", "gated drums"] },
    "a breakup song that sounds like Taylor Swift " + "and more words ".repeat(200),
  );
  assertEquals(findArtists(text), []);
  assert(text.length <= STUDIO_PROMPT_MAX, String(text.length));
  assertMatch(text, /at 100 bpm/);
});

Deno.test("an instrumental persona asks for no vocals or lyrics", () => {
  const text = studioPrompt({ ...LUNA, vocal_style: "instrumental" }, "");
  assertMatch(text, /^A euphoric, wistful .* Instrumental\. Sound: /);
  assert(!text.includes("Lyrics"));
});
