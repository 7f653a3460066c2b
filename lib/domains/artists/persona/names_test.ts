import { assert, assertEquals } from "../../../../tests/_helpers/assert.ts";
import { bankFor, inventName } from "./names.ts";
import { realArtistFor } from "./similarity.ts";

Deno.test("invented names are deterministic, varied and clear of real artists", () => {
  for (const language of ["en", "es", "pt", "fr", "de", "it", "ja", "nl"]) {
    const names = Array.from({ length: 60 }, (_, i) => inventName(`seed ${i}`, language));
    assertEquals(names, Array.from({ length: 60 }, (_, i) => inventName(`seed ${i}`, language)));
    assert(new Set(names).size >= 50, `${language}: ${new Set(names).size} distinct`);
    for (const n of names) {
      assert(/^\p{Lu}[\p{L}]+( \p{Lu}[\p{L}]+)?$/u.test(n), n);
      assertEquals(realArtistFor(n), null, n);
    }
  }
});

Deno.test("languages without a bank use the open-syllable one", () => {
  assertEquals(bankFor("ko"), bankFor("zz"));
  assert(bankFor("pt") !== bankFor("zz"));
});
