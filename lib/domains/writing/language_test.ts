import { assert, assertEquals, assertMatch } from "../../../tests/_helpers/assert.ts";
import { createOfflineAi } from "../../ports/ai/offline.ts";
import { casaAzul, ella } from "../../ports/ai/test_utils.ts";
import { acceptedLanguage, chooseLanguage, detectLanguage, WRITE_LANGS } from "./language.ts";
import { draftLanguage, write } from "./writer.ts";
import { gigRef } from "./gig_ref.ts";
import { humanProblems } from "./test_utils.ts";

Deno.test("language - detects the five languages from ordinary bios, and stays quiet when unsure", () => {
  const samples: [string, string][] = [
    ["en", "I have played guitar in Lisbon for ten years and love a room that listens."],
    ["es", "Toco la guitarra desde los quince años y me encanta el directo con el público."],
    ["fr", "Je joue de la guitare depuis dix ans dans les clubs de Paris et j'adore la scène."],
    ["de", "Ich spiele seit zehn Jahren Gitarre und bin mit meiner Band auf Hochzeiten unterwegs."],
    ["pt", "Toco guitarra há dez anos em Lisboa e adoro o contacto com o público nos bares."],
  ];
  for (const [lang, text] of samples) assertEquals(detectLanguage(text), lang, text);
  for (const unsure of ["", null, "Jazz", "Ella Hart", "Piano, vocals"]) {
    assertEquals(detectLanguage(unsure), null, String(unsure));
  }
});

Deno.test("language - Accept-Language by q-value, the first one the writer knows", () => {
  assertEquals(acceptedLanguage("es-ES,es;q=0.9,en;q=0.8"), "es");
  assertEquals(acceptedLanguage("nl-NL,nl;q=0.9,de;q=0.7,en;q=0.8"), "en");
  assertEquals(acceptedLanguage("pt-BR"), "pt");
  assertEquals(acceptedLanguage("fr;q=0,de"), "de");
  assertEquals(acceptedLanguage("ja,zh"), null);
  assertEquals(acceptedLanguage(null), null);
});

Deno.test("language - asked for, else the user's own text, else the browser, else English", () => {
  const fr = "Je joue du piano depuis vingt ans et nous adorons les mariages.";
  assertEquals(chooseLanguage({ requested: "de", ownTexts: [fr] }).language, "de");
  assertEquals(chooseLanguage({ ownTexts: [fr], acceptLanguage: "es" }), {
    language: "fr",
    reason: "text",
  });
  assertEquals(chooseLanguage({ ownTexts: ["Jazz"], acceptLanguage: "es-MX" }), {
    language: "es",
    reason: "browser",
  });
  assertEquals(chooseLanguage({}), { language: "en", reason: "default" });
  // A proposal: the musician's bio first; a venue's drafts: its own description.
  const es = "Tocamos rumba y pop en la terraza todos los sábados desde hace años.";
  const m = { ...ella, bio: fr };
  const g = { ...casaAzul, description: es };
  assertEquals(draftLanguage("proposal", { musician: m, gig: g }).language, "fr");
  assertEquals(draftLanguage("announcement", { musician: m, gig: g }).language, "es");
  assertEquals(
    draftLanguage("proposal", { musician: { ...m, bio: null }, gig: g }).language,
    "es",
    "without a bio or a browser, the gig's own language",
  );
});

Deno.test("language - every task writes in each language, with its dates and money", async () => {
  const ai = createOfflineAi();
  const expect: Record<string, { day: RegExp; fee: RegExp }> = {
    en: { day: /11 December/, fee: /€600/ },
    es: { day: /11 de diciembre/, fee: /600\s€/ },
    fr: { day: /11 décembre/, fee: /600\s€/ },
    de: { day: /11\. Dezember/, fee: /600\s€/ },
    pt: { day: /11 de dezembro/, fee: /600\s€/ },
  };
  for (const language of WRITE_LANGS) {
    const prop = await write(ai, "proposal", { musician: ella, gig: casaAzul, language });
    assertEquals([prop.language, prop.languageReason], [language, "request"]);
    assertEquals((prop.draft as { language: string }).language, language);
    assertEquals(detectLanguage(prop.text), language, prop.text);
    assertMatch(prop.text, expect[language].day);
    assertMatch(prop.text, expect[language].fee);
    const bio = await write(ai, "bio", { musician: ella, language });
    assertEquals(detectLanguage(bio.text), language, bio.text);
    for (const task of ["announcement", "social_post"] as const) {
      const d = await write(ai, task, { gig: casaAzul, language });
      assertEquals(d.language, language);
      assertEquals(
        humanProblems(d.text.split("\n\n#")[0], { lang: language }).filter((p) =>
          !p.startsWith("written in") || task === "announcement"
        ),
        [],
        d.text,
      );
    }
  }
  const es = await write(ai, "bio", { musician: ella, language: "es" });
  assertMatch(es.text, /Lisboa/, "the city as Spanish writes it");
  assert(!/guitarrista/.test(es.text), "no gendered role noun the profile does not state");
});

Deno.test("gig reference - named as people say it, in each language", () => {
  const night = {
    ...casaAzul,
    description: "Standards for a listening crowd.",
    starts_at: "2026-12-11T20:30:00Z",
  };
  assertEquals(gigRef(night, "en").nom, "your Friday jazz night at Casa Azul");
  assertEquals(gigRef(night, "es").nom, "su noche de jazz del viernes en Casa Azul");
  assertEquals(gigRef(night, "fr").nom, "votre soirée jazz du vendredi à Casa Azul");
  assertEquals(gigRef(night, "de").acc, "Ihren Jazz-Abend am Freitag in Casa Azul");
  assertEquals(gigRef(night, "pt").nom, "a sua noite de jazz de sexta-feira em Casa Azul");
  const wedding = { ...night, title: "Wedding ceremony strings", description: null };
  assertEquals(gigRef(wedding, "en").nom, "the ceremony at Casa Azul");
  const session = { ...night, kind: "session", title: "Drums for an EP", venue_name: "Spreegold" };
  assertEquals(gigRef(session, "en").short, "the jazz session");
  // The auto-apply template's stand-in title stays a placeholder.
  assertEquals(
    gigRef({ ...night, title: "{gig_title}", venue_name: "{venue}" }, "en").nom,
    "{gig_title} at {venue}",
  );
});
