import { assert, assertEquals, assertRejects } from "../../../tests/_helpers/assert.ts";
import { createOfflineAi, lexicalEmbedding, OFFLINE_EMBEDDING_MODEL, terms } from "./offline.ts";
import { AiUnavailableError, cosine, EMBEDDING_DIMS } from "./port.ts";
import { z } from "zod";

const jazzGuitarist = [
  "Genres: jazz, soul",
  "Instruments: guitar",
  "Skills: improvisation, sight-reading, arranging",
  "Languages: English, Portuguese",
  "Jazz guitarist leading a trio; standards, bossa nova and soul grooves for clubs and weddings.",
].join("\n");

const jazzGig = [
  "Title: Friday jazz trio night",
  "Kind: live show",
  "Genres: jazz",
  "Instruments: guitar, double bass",
  "We want a jazz guitarist to play standards in the bar on Friday.",
].join("\n");

const rockGig = [
  "Title: Rock covers band needs a drummer",
  "Kind: live show",
  "Genres: rock, metal",
  "Instruments: drums",
  "Loud rock covers for a bikers' festival. Drummer with double kick wanted.",
].join("\n");

const classicalGig = [
  "Title: String quartet for a wedding ceremony",
  "Kind: live show",
  "Genres: classical",
  "Instruments: violin, cello",
  "Pachelbel and Bach for the ceremony, then light classical for drinks.",
].join("\n");

Deno.test("terms - folds synonyms, phrases, plurals and accents", () => {
  assertEquals(terms("Guitarist and DRUMMER"), ["guitar", "drums"]);
  assertEquals(terms("Hip-Hop, R&B and drum & bass"), ["hiphop", "rnb", "dnb"]);
  assertEquals(terms("Pianists on keys; vocalist/singer"), ["piano", "piano", "vocals", "vocals"]);
  assertEquals(terms("Café música"), ["cafe", "musica"]);
  assertEquals(terms("the blues"), ["blues"]);
});

Deno.test("lexical embedding - deterministic, unit length, 384 dimensions", () => {
  const a = lexicalEmbedding(jazzGuitarist);
  const b = lexicalEmbedding(jazzGuitarist);
  assertEquals(a, b);
  assertEquals(a.length, EMBEDDING_DIMS);
  const norm = Math.sqrt(a.reduce((n, x) => n + x * x, 0));
  assert(Math.abs(norm - 1) < 1e-4, `norm ${norm}`);
  assertEquals(lexicalEmbedding("").every((x) => x === 0), true);
});

Deno.test("lexical embedding - synonyms land on the same terms", () => {
  const a = lexicalEmbedding("Instruments: guitarist\nGenres: jazz");
  const b = lexicalEmbedding("Instruments: guitar\nGenres: Jazz");
  assertEquals(a, b);
});

Deno.test("lexical embedding - a jazz guitarist is closest to the jazz guitar gig", () => {
  const me = lexicalEmbedding(jazzGuitarist);
  const jazz = cosine(me, lexicalEmbedding(jazzGig));
  const rock = cosine(me, lexicalEmbedding(rockGig));
  const classical = cosine(me, lexicalEmbedding(classicalGig));
  assert(jazz > 0.4, `jazz ${jazz}`);
  assert(jazz > rock + 0.2, `jazz ${jazz} vs rock ${rock}`);
  assert(jazz > classical + 0.2, `jazz ${jazz} vs classical ${classical}`);
});

Deno.test("lexical embedding - labelled genres weigh more than a passing word", () => {
  const gig = lexicalEmbedding("Genres: jazz\nInstruments: piano");
  const labelled = lexicalEmbedding("Genres: jazz\nInstruments: piano\nI also like rock.");
  const passing = lexicalEmbedding("Genres: rock\nInstruments: piano\nI also like jazz.");
  assert(cosine(gig, labelled) > cosine(gig, passing));
});

Deno.test("offline port - embeds in batches with its model name, has no generator", async () => {
  const ai = createOfflineAi();
  assertEquals(ai.mode, "offline");
  const out = await ai.embed([jazzGig, rockGig]);
  assertEquals([out.model, out.dims, out.vectors.length], [OFFLINE_EMBEDDING_MODEL, 384, 2]);
  assertEquals(out.vectors[0], lexicalEmbedding(jazzGig));
  await assertRejects(
    () =>
      ai.generate({
        task: "bio",
        system: "s",
        prompt: "p",
        schema: z.object({ a: z.string() }),
        schemaName: "x",
      }),
    /No AI provider/,
  ).then((e) => assert(e instanceof AiUnavailableError));
});
