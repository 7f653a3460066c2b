import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { createOfflineAi } from "../../ports/ai/offline.ts";
import { offlineEnhance, promptLanguage } from "./enhance_task.ts";
import { type Lang, LANGS } from "../dj/lexicon.ts";
import type { Bank } from "./lyrics/shape.ts";
import { GROUPS } from "./lyrics/shape.ts";
import {
  linesFor,
  Lyrics,
  lyricsSchema,
  offlineLyrics,
  vocalSections,
  writeLyrics,
} from "./lyrics_task.ts";
import { BANKS, DEFAULT_THEMES } from "./lyrics_words.ts";

const enhance = (prompt: string) => offlineEnhance({ prompt, language: promptLanguage(prompt) });
const bankLines = (b: Bank) =>
  GROUPS.flatMap((g) => [...b.verse[g], ...b.chorus[g]]).concat(b.pre_chorus, b.bridge);

Deno.test("offline lyrics - one stanza per vocal section, the chorus repeated exactly", () => {
  for (
    const prompt of [
      "a sad folk song about leaving home, 2 minutes",
      "upbeat pop song about a summer road trip",
      "una canción de reggaeton alegre sobre el verano, 30 segundos",
      "schneller Rock-Song über die Freiheit, 3 Minuten",
      "a romantic r&b slow jam",
    ]
  ) {
    const plan = enhance(prompt);
    const l = offlineLyrics({ plan, seed: 7, language: promptLanguage(prompt) });
    lyricsSchema(plan).parse(l);
    assertEquals(l.sections.map((s) => s.name), vocalSections(plan).map((s) => s.name), prompt);
    const choruses = l.sections.filter((s) => s.name === "chorus").map((s) => s.lines.join("|"));
    assert(choruses.length >= 1 && new Set(choruses).size === 1, `${prompt}: one chorus`);
    for (const s of l.sections.filter((s) => s.name === "verse")) {
      assertEquals(new Set(s.lines).size, s.lines.length, `${prompt}: no line twice in a verse`);
    }
    assertEquals(
      offlineLyrics({ plan, seed: 7, language: "en" }),
      offlineLyrics({
        plan,
        seed: 7,
        language: "en",
      }),
    );
  }
});

Deno.test("offline lyrics - about the theme, in the prompt's language, varied by the seed", () => {
  const es = enhance("una canción alegre sobre el verano");
  const l = offlineLyrics({ plan: es, seed: 1, language: "es" });
  const chorus = l.sections.find((s) => s.name === "chorus")!.lines.join(" ");
  assert(chorus.includes("el verano") && chorus.includes("Esto es"), chorus);
  const en = enhance("a sad song about the ocean");
  const a = offlineLyrics({ plan: en, seed: 1, language: "en" });
  const b = offlineLyrics({ plan: en, seed: 2, language: "en" });
  assert(a.sections[0].lines.join() !== b.sections[0].lines.join(), "seeds differ");
  assert(a.sections.some((s) => s.lines.some((x) => x.includes("the ocean"))), "theme sung");
});

// A prompt per language, and what only that language's lines have.
const IN: Record<Lang, [string, RegExp, RegExp]> = {
  en: ["a sad folk song about the ocean", /\b(I|the|my)\b/, /^[\n\x20-\x7e]*$/],
  es: ["una balada triste sobre el mar", /\b(el|la|que|y)\b/, /[áéíóúñ¿¡]/],
  pt: ["uma balada triste sobre o mar", /\b(não|eu|o|um|teu)\b/, /[ãõçâêáéó]/],
  fr: ["une ballade triste sur la mer", /\b(je|on|la|le|ne)\b/, /[éèêàçô]|\b[jlnsc]'/],
  de: ["eine traurige Ballade über das Meer", /\b(ich|und|der|die|das)\b/, /[äöüß]/],
};

Deno.test("offline lyrics - five languages, each from its own lines, one set per section", () => {
  for (const lang of LANGS) {
    const [prompt, words, marks] = IN[lang];
    const plan = enhance(prompt);
    assertEquals(promptLanguage(prompt), lang, prompt);
    const l = offlineLyrics({ plan, seed: 11, language: lang });
    lyricsSchema(plan).parse(l);
    // One line set per vocal section of the plan, as long as the section asks.
    assertEquals(
      l.sections.map((s) => [s.name, s.lines.length]),
      vocalSections(plan).map((s) => [s.name, linesFor(s.name as "verse", s.bars)]),
      lang,
    );
    const lines = l.sections.flatMap((s) => s.lines);
    const text = lines.join("\n");
    assert(words.test(text) && marks.test(text), `${lang}: ${text}`);
    assert(text.includes(plan.lyrics_theme!), `${lang}: the theme is sung`);
    // Every line is one of its own bank's; none is another language's (English above all).
    const own = new Set(
      bankLines(BANKS[lang]).map((x) => x.replace("{theme}", plan.lyrics_theme!)),
    );
    for (const line of lines) assert(own.has(line), `${lang}: "${line}" is not from its bank`);
    for (const other of LANGS.filter((o) => o !== lang)) {
      const theirs = new Set(bankLines(BANKS[other]));
      assert(!lines.some((x) => theirs.has(x)), `${lang}: a line of ${other}`);
    }
    // The same plan and seed give the same lyrics; another seed another order.
    assertEquals(offlineLyrics({ plan, seed: 11, language: lang }), l, lang);
    const seeds = [1, 2, 3, 4].map((seed) =>
      JSON.stringify(offlineLyrics({ plan, seed, language: lang }))
    );
    assert(new Set(seeds).size > 1, `${lang}: seeds vary`);
  }
});

Deno.test("lyric banks - one shape in every language and mood, the theme in each chorus", () => {
  for (const lang of LANGS) {
    const b = BANKS[lang];
    for (const g of GROUPS) {
      assert(b.verse[g].length >= 4 && b.verse[g].length % 2 === 0, `${lang} ${g}: couplets`);
      assertEquals(b.chorus[g].length, 4, `${lang} ${g}: chorus`);
      assert(b.chorus[g][0].includes("{theme}"), `${lang} ${g}: theme in the chorus`);
      assertEquals(DEFAULT_THEMES[g][lang], b.themes[g]);
      const filled = [...b.verse[g], ...b.chorus[g]].map((x) => x.replace("{theme}", b.themes[g]));
      assert(filled.every((x) => x.length <= 120 && x.trim() === x), `${lang} ${g}: line length`);
    }
    assert(b.pre_chorus.length >= 2 && b.bridge.length >= 4, `${lang}: pre-chorus and bridge`);
  }
  // No two banks share a line.
  const all = LANGS.flatMap((l) => [...new Set(bankLines(BANKS[l]))]);
  assertEquals(new Set(all).size, all.length, "a line in two languages");
});

Deno.test("lyrics - instrumental plans get none; the schema refuses a changed chorus", async () => {
  const ai = createOfflineAi();
  const inst = enhance("ambient piece, instrumental");
  assertEquals(await writeLyrics(ai, inst, { seed: 1, language: "en" }), null);
  const plan = enhance("pop song about trains");
  const w = await writeLyrics(ai, plan, { seed: 1, language: "en" });
  assertEquals([w?.source, w?.model], ["offline", "offline-lyricist-v1"]);
  const bad: Lyrics = structuredClone(w!.lyrics);
  bad.sections.findLast((s) => s.name === "chorus")!.lines[0] = "Something else";
  assert(!lyricsSchema(plan).safeParse(bad).success, "choruses must match");
  assert(!lyricsSchema(plan).safeParse({ sections: bad.sections.slice(1) }).success, "order");
});
