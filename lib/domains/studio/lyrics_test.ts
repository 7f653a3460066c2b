import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { createOfflineAi } from "../../ports/ai/offline.ts";
import { offlineEnhance, promptLanguage } from "./enhance_task.ts";
import { Lyrics, lyricsSchema, offlineLyrics, vocalSections, writeLyrics } from "./lyrics_task.ts";

const enhance = (prompt: string) => offlineEnhance({ prompt, language: promptLanguage(prompt) });

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
  // Portuguese falls back to English lines with the user's own theme words.
  const pt = enhance("uma canção triste sobre o mar");
  const ptl = offlineLyrics({ plan: pt, seed: 1, language: "pt" });
  assert(ptl.sections.some((s) => s.lines.some((x) => x.includes("o mar"))), "pt theme kept");
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
