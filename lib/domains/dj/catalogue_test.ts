import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { catalogue } from "./catalogue.ts";
import { catalogueSql, currentBlock, MIGRATION } from "./catalogue_sql.ts";
import { MOOD_KEYS } from "./lexicon.ts";

Deno.test("catalogue - the migration holds exactly the generated catalogue", async () => {
  const block = currentBlock(await Deno.readTextFile(MIGRATION));
  assert(block !== null, "catalogue markers in the DJ migration");
  assert(
    block === catalogueSql(),
    "the migration's catalogue is stale: run `deno run -A lib/domains/dj/catalogue_sql.ts`",
  );
});

Deno.test("catalogue - a few hundred tracks across genres, moods and languages", () => {
  const all = catalogue();
  assert(all.length >= 300, `${all.length} tracks`);
  assertEquals(new Set(all.map((t) => t.external_id)).size, all.length, "unique ids");
  const langs = new Set(all.map((t) => t.language));
  for (const l of ["en", "es", "pt", "fr", "de", null]) assert(langs.has(l), `language ${l}`);
  for (const t of all) {
    for (const m of t.moods) {
      assert((MOOD_KEYS as readonly string[]).includes(m), `${t.title}: ${m}`);
    }
    assert(t.energy! >= 0 && t.energy! <= 1 && t.valence! >= 0 && t.valence! <= 1, t.title);
    assert(t.tempo! >= 40 && t.tempo! <= 220, `${t.title} tempo ${t.tempo}`);
  }
  const moods = new Set(all.flatMap((t) => t.moods));
  assertEquals(MOOD_KEYS.filter((k) => !moods.has(k)), [], "every mood has tracks");
  assert(all.some((t) => t.explicit) && all.some((t) => !t.explicit), "explicit flags");
  // Deterministic: the same data every time.
  assertEquals(catalogue()[0], all[0]);
});
