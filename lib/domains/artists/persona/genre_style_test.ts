import { assertEquals } from "../../../../tests/_helpers/assert.ts";
import { styleFor, toneMoods } from "./genre_style.ts";
import { FAMILY_STYLES } from "./styles.ts";

Deno.test("named genres refine their family's tempo", () => {
  assertEquals(styleFor("drum and bass").tempo, [170, 176]);
  assertEquals(styleFor("Deep House").tempo, [120, 126]);
  assertEquals(styleFor("deep house").family, "electronic");
  assertEquals(styleFor("sertanejo").related, ["country pop", "piseiro"]);
  assertEquals(styleFor("indie folk").tempo, FAMILY_STYLES.folk.tempo);
});

Deno.test("tone words become moods", () => {
  assertEquals(toneMoods("warm, a little ironic"), ["warm", "playful"]);
  assertEquals(toneMoods("plain"), []);
});
