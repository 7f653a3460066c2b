import { assert, assertEquals } from "../../../../tests/_helpers/assert.ts";
import { brokenRule, CONTENT_RULES, normaliseText } from "./rules.ts";

const REFUSED: [text: string, rule: string][] = [
  ["Songs about how we should kill all the immigrants", "violence-against-group"],
  ["wants to wipe out gays", "violence-against-group"],
  ["Lyrics say Muslims are vermin", "dehumanising"],
  ["refugees are nothing but rats", "dehumanising"],
  ["A rapper who hates Jews", "hatred-of-group"],
  ["an openly anti-gay preacher persona", "hatred-of-group"],
  ["white power anthems", "supremacy"],
  ["women can't rap, so make him mock them", "group-cannot"],
  ["a lazy Mexican who sleeps under a sombrero", "trait-by-origin"],
  ["An angry black woman persona", "trait-by-origin"],
  ["a spicy Latina singer", "trait-by-origin"],
  ["a greedy Jew", "trait-by-origin"],
  ["a lazy Mexican producer", "trait-by-origin"],
  ["Mexicans are lazy, make that the joke", "trait-by-origin"],
  ["a stereotypical gay best friend", "caricature"],
  ["sings with a fake Jamaican accent", "fake-accent"],
  ["raps in broken English as a gimmick", "fake-accent"],
  ["performs in blackface", "race-as-costume"],
  ["a white singer pretending to be black.", "race-as-costume"],
  ["dressed up as a Native American on the cover", "race-as-costume"],
  ["a ghetto persona for the videos", "class-as-costume"],
  ["acts ghetto on TikTok", "class-as-costume"],
  ["a fake stutter in every chorus", "disability-as-gimmick"],
];

const PASSING = [
  "a Mexican-born producer",
  "sings in Portuguese and English",
  "black metal guitarist",
  "Black Country rock",
  "exotic Brazilian percussion and warm horns",
  "a wandering minstrel with a lute",
  "songs against racism and for anti-racist fans",
  "shoot a video with women directors",
  "burn black candles on stage",
  "loud white noise and dirty bass",
  "a light Irish accent on the choruses",
  "a proud Nigerian-British singer from Peckham",
  "queer joy, trans fans, disabled-led crew",
  "sings about violence against women to raise awareness",
  "lazy Sunday mornings with Cuban coffee",
  "fans can't wait for the next drop",
  "posing in a black coat by the river",
];

Deno.test("hateful and stereotyped constructions are refused by their rule", () => {
  for (const [text, id] of REFUSED) {
    assertEquals(brokenRule(text)?.rule.id ?? null, id, text);
  }
});

Deno.test("group words in ordinary descriptions pass", () => {
  for (const text of PASSING) {
    assertEquals(brokenRule(text)?.rule.id ?? null, null, text);
  }
});

Deno.test("every rule has a unique id and a reason a person can read", () => {
  const ids = CONTENT_RULES.map((r) => r.id);
  assertEquals(new Set(ids).size, ids.length);
  for (const r of CONTENT_RULES) {
    assert(/^[a-z-]+$/.test(r.id), r.id);
    assert(r.reason.length > 20 && /^[a-z]/.test(r.reason), r.id);
  }
});

Deno.test("a hit names the words that broke the rule", () => {
  assertEquals(brokenRule("Make her a LAZY Mexican, please")?.match, "lazy mexican");
});

Deno.test("text is compared lower case without accents", () => {
  assertEquals(normaliseText("  Ángry   BLACK\nwoman "), "angry black woman");
  assertEquals(brokenRule("Un MEXICANO perezoso")?.rule.id ?? null, null);
});
