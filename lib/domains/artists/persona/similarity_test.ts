import { assert, assertEquals } from "../../../../tests/_helpers/assert.ts";
import {
  closeName,
  jaroWinkler,
  levenshteinSimilarity,
  NAME_SIMILARITY,
  nameKey,
  nameSimilarity,
  realArtistFor,
} from "./similarity.ts";

Deno.test("Jaro–Winkler and Levenshtein give the textbook values", () => {
  assertEquals(Math.round(jaroWinkler("martha", "marhta") * 1000), 961);
  assertEquals(Math.round(jaroWinkler("dwayne", "duane") * 1000), 840);
  assertEquals(jaroWinkler("abc", "xyz"), 0);
  assertEquals(levenshteinSimilarity("kitten", "sitting"), 1 - 3 / 7);
  assertEquals(levenshteinSimilarity("", ""), 1);
});

Deno.test("names compare without accents, punctuation, word order or a leading article", () => {
  assertEquals(nameKey("The Beatles"), "beatles");
  assertEquals(nameKey("Beyoncé!"), "beyonce");
  assertEquals(nameSimilarity("Swift Taylor", "Taylor Swift"), 1);
  assertEquals(nameSimilarity("TaylorSwift", "Taylor Swift"), 1);
});

Deno.test("close copies of real names are found", () => {
  for (
    const [name, real] of [
      ["Tailor Swift", "Taylor Swift"],
      ["Beyonce", "Beyoncé"],
      ["The Beatless", "The Beatles"],
      ["Rihana", "Rihanna"],
      ["Bilie Eilish", "Billie Eilish"],
      ["Dua Leepa", "Dua Lipa"],
      ["Eminen", "Eminem"],
    ]
  ) {
    assert(nameSimilarity(name, real) >= NAME_SIMILARITY, `${name} ~ ${real}`);
    assert(realArtistFor(name) !== null, `${name} is refused`);
  }
  assertEquals(realArtistFor("Drake Moon"), "Drake");
});

Deno.test("invented names that only share a prefix or a word pass", () => {
  for (
    const name of [
      "Luna Vale",
      "Queen Bee",
      "Mara Solene",
      "Taylor Brooks",
      "Nova Reyes",
      "Carmela Ruiz",
      "Maria Santos",
      "Billie Hart",
    ]
  ) {
    assertEquals(realArtistFor(name), null, name);
  }
  assertEquals(closeName("Luna Vale", ["Lana Del Rey", "Luna"]), null);
  assertEquals(closeName("Lunna Vale", ["Luna Vale"]), "Luna Vale");
});
