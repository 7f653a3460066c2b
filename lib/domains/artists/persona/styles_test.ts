import { assert, assertEquals } from "../../../../tests/_helpers/assert.ts";
import { namesArtist } from "../../studio/artists.ts";
import { FAMILY_STYLES, list } from "./styles.ts";

Deno.test("every family's style is complete, in range and free of artists' names", () => {
  for (const [family, s] of Object.entries(FAMILY_STYLES)) {
    assert(s.related.length >= 2 && s.influences.length >= 5 && s.pillars.length >= 5, family);
    assert(s.vocals.length && s.scenes.length && s.palettes.length && s.moods.length, family);
    assert(50 <= s.tempo[0] && s.tempo[0] < s.tempo[1] && s.tempo[1] <= 200, family);
    for (const text of [...s.influences, ...s.vocals, ...s.scenes, ...s.pillars]) {
      assert(!namesArtist(text), `${family}: ${text}`);
      assert(text.length <= 80, text);
    }
  }
});

Deno.test("compact lists split on bars and line ends", () => {
  assertEquals(
    list(`
    a b | c
    d |  e
  `),
    ["a b", "c", "d", "e"],
  );
});
