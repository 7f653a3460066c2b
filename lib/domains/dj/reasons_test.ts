import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { collect } from "./collect.ts";
import { catalogue } from "./catalogue.ts";
import { offlinePlan } from "./interpret.ts";
import { createLocalSearch } from "./local_search.ts";
import { pick } from "./rank.ts";
import { genreName, type ReasonFacts, reasonLang, reasonText } from "./reasons.ts";
import { buildQueries } from "./strategy.ts";
import type { TrackRow } from "./types.ts";

const calmPiano: ReasonFacts = {
  language: "en",
  genre: "piano",
  genreAsked: true,
  feel: "calm",
  relation: "has",
  activity: "focus",
  detail: null,
  platform: false,
};

Deno.test("reasons - plain words in each of the five languages", () => {
  const cases: [string, string][] = [
    ["en", "Piano with the calm feel you asked for, good for studying."],
    ["es", "Piano con el ambiente tranquilo que pediste, ideal para estudiar."],
    ["pt", "Piano com o clima calmo que você pediu, ideal para estudar."],
    ["fr", "Piano avec l'ambiance calme que tu as demandée, idéal pour étudier."],
    ["de", "Klavier mit der ruhigen Stimmung, die du wolltest, ideal zum Lernen."],
  ];
  for (const [language, text] of cases) {
    assertEquals(reasonText({ ...calmPiano, language }), text, language);
  }
});

Deno.test("reasons - how a track stands to the feeling, details, platform songs", () => {
  const es = { ...calmPiano, language: "es", activity: null };
  assertEquals(
    reasonText({ ...es, relation: "close", genre: "classical" }),
    "Música clásica cerca del ambiente tranquilo que pediste.",
  );
  assertEquals(
    reasonText({ ...es, relation: "livelier" }),
    "Piano, con algo más de energía que el ambiente tranquilo que pediste.",
  );
  assertEquals(
    reasonText({ ...calmPiano, language: "de", relation: "softer", activity: null }),
    "Klavier, etwas sanfter als die ruhige Stimmung, die du wolltest.",
  );
  assertEquals(
    reasonText({ ...es, genre: null, detail: "lluvia de fondo", platform: true }),
    "Un tema con el ambiente tranquilo que pediste. Encaja con «lluvia de fondo» de tu " +
      "petición. Hecha por un músico de Soundcheck.",
  );
  // No feeling or activity: the genre asked for, else a plain "fits".
  const bare = { ...calmPiano, feel: null, relation: null, activity: null };
  assertEquals(reasonText({ ...bare, genre: "jazz" }), "Jazz, as you asked.");
  assertEquals(
    reasonText({ ...bare, language: "fr", genre: null, genreAsked: false }),
    "Un morceau qui correspond à ta demande.",
  );
  assertEquals(
    reasonText({ ...bare, language: "pt", feel: null, relation: "has", activity: "workout" }),
    "Piano, ideal para treinar.",
  );
});

Deno.test("reasons - unknown languages read English; genre names are translated", () => {
  assertEquals(reasonLang("it"), "en");
  assertEquals(reasonLang("es"), "es");
  assertEquals(
    reasonText({ ...calmPiano, language: "ja" }),
    "Piano with the calm feel you asked for, good for studying.",
  );
  assertEquals(genreName("electronic", "pt"), "Eletrônica");
  assertEquals(genreName("r&b", "de"), "R&B");
  assertEquals(genreName("bossa nova", "fr"), "Bossa nova");
});

Deno.test("reasons - a whole playlist: no counts, scores or search labels, in the prompt's language", async () => {
  const rows: TrackRow[] = catalogue().map((t, i) => ({
    ...t,
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    owner_id: null,
  }));
  const cases: [string, RegExp][] = [
    ["música para relajarse estudiando", /que pediste|como pediste|tu petición/],
    ["energetic workout music", /you asked|good for|your request/],
    ["música animada para treinar", /você pediu|ideal para treinar|seu pedido/],
    ["musique calme pour dormir", /tu as demandé|idéal pour dormir|ta demande/],
    ["Ruhige Musik zum Lernen", /du wolltest|ideal zum Lernen|deiner Anfrage|wie gewünscht/],
  ];
  for (const [prompt, language] of cases) {
    const plan = offlinePlan(prompt);
    const c = await collect(createLocalSearch(rows, plan), buildQueries(plan), { want: 60 });
    const reasons = pick(c.candidates, plan, { length: 20, noExplicit: false }).map((r) =>
      r.reason
    );
    assertEquals(reasons.length, 20, prompt);
    for (const r of reasons) {
      assert(!/\d|Found by|target|energy|search/i.test(r), `${prompt}: ${r}`);
      assert(language.test(r), `${prompt}: not in the prompt's language: ${r}`);
    }
  }
});
