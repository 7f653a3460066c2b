import { assert, assertEquals } from "../../../../tests/_helpers/assert.ts";
import { namesArtist } from "../../studio/artists.ts";
import { hashtag, hashtags, THEMES, TITLE_WORDS, VISUALS } from "./plan_words.ts";

Deno.test("hashtags have no spaces and start with #", () => {
  assertEquals(hashtag("Luna Vale", true), "#LunaVale");
  assertEquals(hashtag("r&b"), "#rnb");
  assertEquals(hashtag("Música Popular"), "#musicapopular");
  assertEquals(hashtag("!!!"), null);
  assertEquals(hashtags("pt", "studio", "Danel Moredo", "sertanejo", true), [
    "#DanelMoredo",
    "#sertanejo",
    "#estudio",
    "#musicanova",
  ]);
});

Deno.test("the word banks name no real artist", () => {
  for (
    const text of [
      ...THEMES,
      ...Object.values(VISUALS).flat(),
      ...Object.values(TITLE_WORDS).flatMap(([a, b]) => [...a, ...b]),
    ]
  ) {
    assert(!namesArtist(text), text);
  }
});
