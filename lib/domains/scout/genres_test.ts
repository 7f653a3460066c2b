import { assert, assertEquals, assertMatch } from "../../../tests/_helpers/assert.ts";
import { createOfflineAi } from "../../ports/ai/offline.ts";
import { strictJsonSchema } from "../../ports/ai/port.ts";
import { scriptedAi } from "../../ports/ai/test_utils.ts";
import { GenreGuesses, guessGenres, lexiconGenres } from "./genres.ts";
import type { ExternalGigDraft } from "./types.ts";

const draft = (title: string, description = "", genres: string[] = []): ExternalGigDraft => ({
  source_uid: title,
  title,
  description,
  starts_at: "2026-12-12T20:00:00.000Z",
  ends_at: null,
  timezone: "UTC",
  venue_name: null,
  city: null,
  country: null,
  lat: null,
  lng: null,
  genres,
  fee_minor: null,
  currency: null,
  url: null,
});

Deno.test("genres - the schema suits strict structured output", () => {
  strictJsonSchema(GenreGuesses);
});

Deno.test("genres - offline: the lexicon reads titles and text in several languages", () => {
  assertEquals(lexiconGenres({ title: "Jam Session de Jazz", description: "", venue: null }), [
    "jazz",
  ]);
  assertEquals(
    lexiconGenres({ title: "Noite de Samba e Bossa Nova", description: "", venue: null }),
    ["samba", "bossa nova"],
  );
  assertEquals(
    lexiconGenres({ title: "Funk & soul night", description: "Hip-hop DJs after.", venue: null }),
    ["funk", "soul", "hip hop"],
  );
  assertEquals(
    lexiconGenres({ title: "Piano recital in French", description: "", venue: null }),
    [],
  );
});

Deno.test("genres - only empty lists are filled; the others keep theirs, in order", async () => {
  const drafts = [draft("Blues jam"), draft("Anything", "", ["metal"]), draft("Poetry reading")];
  const out = await guessGenres(createOfflineAi(), drafts);
  assertEquals(out.map((d) => d.genres), [["blues"], ["metal"], []]);
  assertEquals(drafts[0].genres, [], "the input is not changed");
});

Deno.test("genres - live: one call per 50 drafts, answers mapped by index, gaps offline", async () => {
  const drafts = Array.from({ length: 60 }, (_, i) => draft(`Gig ${i}`, i === 55 ? "reggae" : ""));
  const first = { items: Array.from({ length: 50 }, (_, i) => ({ index: i, genres: ["jazz"] })) };
  const second = {
    items: [{ index: 0, genres: ["rock", "rock"] }, { index: 99, genres: ["pop"] }],
  };
  const ai = scriptedAi([JSON.stringify(first), JSON.stringify(second)]);
  const out = await guessGenres(ai, drafts);
  assertEquals(ai.calls.length, 2);
  assertMatch(ai.calls[0].prompt, /\[49\] Gig 49/);
  assert(!ai.calls[0].prompt.includes("[50]"));
  assertEquals(out[0].genres, ["jazz"]);
  assertEquals(out[50].genres, ["rock"]);
  assertEquals(out[55].genres, ["reggae"], "left out by the model: the lexicon's guess");
  assertEquals(out[56].genres, []);
});

Deno.test("genres - a provider failure or a genre outside the list falls back to the lexicon", async () => {
  const bad = JSON.stringify({ items: [{ index: 0, genres: ["vaporwave-core"] }] });
  const ai = scriptedAi([bad, bad]);
  const out = await guessGenres(ai, [draft("Salsa social")]);
  assertEquals(ai.calls.length, 2);
  assertEquals(out[0].genres, ["salsa"]);
  const down = scriptedAi([new Error("connection refused")]);
  assertEquals((await guessGenres(down, [draft("Techno til late")]))[0].genres, ["techno"]);
  assertEquals(await guessGenres(down, []), []);
});
