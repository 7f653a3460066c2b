import { assert, assertEquals } from "../../../../tests/_helpers/assert.ts";
import { caption, captionLang, PILLAR_KINDS, pillarKind } from "./captions.ts";

Deno.test("pillars are read into kinds by their words", () => {
  assertEquals(
    [
      "behind the scenes in the studio",
      "songwriting notes",
      "life on tour",
      "fan covers and duets",
      "outfits and looks",
      "the music scene in Brazil",
      "playlists for focus",
      "self-care",
    ].map(pillarKind),
    [...PILLAR_KINDS],
  );
});

Deno.test("captions follow the language and the voice", () => {
  const fill = { genre: "sertanejo", voice: "warm, short lines" };
  assertEquals(captionLang("pt"), "pt");
  assertEquals(captionLang("de"), "en");
  assertEquals(
    caption("pt", "studio", 0, fill),
    "Noite longa no estúdio. A próxima faixa de sertanejo está ganhando forma.",
  );
  assertEquals(
    caption("es", "life", 1, { ...fill, voice: "few words, lowercase" }),
    "una mañana lenta antes de una semana intensa.",
  );
  assert(caption("en", "live", 0, { ...fill, voice: "chatty, asks fans questions" }).endsWith("?"));
  assert(!caption("en", "live", 0, { ...fill, voice: "chatty", ask: false }).endsWith("?"));
  assert(caption("en", "fans", 0, { ...fill, voice: "one emoji at most" }).endsWith("💛"));
  assert(!caption("en", "fans", 0, { ...fill, voice: "never uses emoji" }).includes("💛"));
  assertEquals(
    caption("es", "fans", 0, { ...fill, release: { title: "Noche de Sal", day: "viernes" } }),
    "«Noche de Sal» sale el viernes. Guárdala ya.",
  );
  assertEquals(
    caption("pt", "fans", 0, { ...fill, release: { title: "Maré de Prata", day: null } }),
    "Já disponível: “Maré de Prata”. Link na bio.",
  );
});

Deno.test("consecutive turns of one kind do not lock onto one caption", () => {
  const fill = { genre: "pop", voice: "" };
  const every3rd = [1, 4, 7].map((t) => caption("en", "place", t, fill));
  assertEquals(new Set(every3rd).size, 3);
});
