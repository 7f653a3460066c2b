import { assertEquals } from "../../../tests/_helpers/assert.ts";
import { GENRE_SUGGESTIONS, INSTRUMENT_SUGGESTIONS } from "../../shared/vocabulary.ts";
import { familyOf } from "../matching/genres.ts";
import { normaliseTags } from "../gigs/schemas.ts";

Deno.test("vocabulary - every suggested genre is in a matching family", () => {
  assertEquals(GENRE_SUGGESTIONS.filter((g) => !familyOf(g)), []);
});

Deno.test("vocabulary - suggestions are stored as offered: lower case, no duplicates", () => {
  for (const list of [GENRE_SUGGESTIONS, INSTRUMENT_SUGGESTIONS]) {
    assertEquals(normaliseTags(list), [...list]);
  }
});
