import { assertEquals } from "../../../../tests/_helpers/assert.ts";
import { languageName, languageOf, marketName } from "./market.ts";

Deno.test("a market's language follows its country, English otherwise", () => {
  assertEquals(
    ["BR", "pt", "MX", "FR", "AT", "IT", "JP", "GB", "GLOBAL", "ZZ"].map(languageOf),
    ["pt", "pt", "es", "fr", "de", "it", "ja", "en", "en", "en"],
  );
});

Deno.test("languages and markets have English names", () => {
  assertEquals(languageName("pt"), "Portuguese");
  assertEquals(languageName("es"), "Spanish");
  assertEquals(marketName("BR"), "Brazil");
  assertEquals(marketName("GLOBAL"), "the world");
  assertEquals(marketName("GB"), "the United Kingdom");
});
