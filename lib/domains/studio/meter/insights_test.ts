/** The hit meter's offline insights: they cite real features and quote their measured numbers. */
import { assert, assertEquals, assertMatch } from "../../../../tests/_helpers/assert.ts";
import type { Features } from "../../../audio/reports.ts";
import { createAiPort } from "../../../ports/ai/mod.ts";
import { formatFeature, offlineInsights } from "./insights_offline.ts";
import { FEATURE_NAMES, InsightsAnswer, insightsPrompt, writeInsights } from "./insights_task.ts";
import { scoreFeatures } from "./model.ts";
import { IN_RANGE } from "../../../../tests/_helpers/meter.ts";
import { Insight } from "./schemas.ts";

const FLAWED: Features = {
  ...IN_RANGE,
  intro_s: 24,
  true_peak_dbtp: 0.3,
  tempo_bpm: 72,
  lra_lu: 1.5,
};

Deno.test("meter insights (offline) - strengths and suggestions cite features and quote numbers", async () => {
  const insights = offlineInsights(FLAWED);
  InsightsAnswer.parse({ insights });
  const strengths = insights.filter((i) => i.kind === "strength");
  const suggestions = insights.filter((i) => i.kind === "suggestion");
  assert(strengths.length >= 2 && strengths.length <= 3, `${strengths.length} strengths`);
  assert(suggestions.length >= 2 && suggestions.length <= 4, `${suggestions.length} suggestions`);
  for (const i of insights) {
    Insight.parse(i);
    for (const c of i.cites) assert((FEATURE_NAMES as string[]).includes(c), c);
    const f = i.cites[0] as keyof Features;
    const v = FLAWED[f];
    assert(typeof v === "number");
    const quoted = formatFeature(f as Parameters<typeof formatFeature>[0], v);
    assert(i.text.includes(quoted), `${i.text} quotes ${quoted}`);
  }
  const intro = suggestions.find((i) => i.cites[0] === "intro_s")!;
  assertMatch(intro.text, /The intro runs 24 s .*within 10 s/);
  assertEquals(intro.title, "Intro: 24 s is long");
  const peak = suggestions.find((i) => i.cites[0] === "true_peak_dbtp")!;
  assertMatch(peak.text, /0\.3 dBTP; .*above −1 dBTP/);
  assert(!suggestions.some((i) => i.cites[0] === "duration_s"), "an in-range length is no fix");
  assertEquals(offlineInsights(FLAWED), insights, "deterministic");

  // Without a live model, writeInsights is the offline writer.
  const w = await writeInsights(
    createAiPort({ AI_MODEL: "", AI_EMBEDDING_MODEL: "" }),
    FLAWED,
    scoreFeatures(FLAWED),
  );
  assertEquals([w.source, w.insights], ["offline", insights]);
});

Deno.test("meter insights (offline) - silence and a perfect song still give 2+ valid insights", () => {
  const silent: Features = {
    ...IN_RANGE,
    tempo_bpm: null,
    integrated_lufs: null,
    true_peak_dbtp: null,
    duration_s: 0,
    sections: 0,
    repetition: 0,
  };
  for (const f of [silent, IN_RANGE]) {
    const insights = offlineInsights(f);
    InsightsAnswer.parse({ insights });
  }
  assertMatch(offlineInsights(silent).map((i) => i.title).join(), /not measurable/);
});

Deno.test("meter insights - the live prompt carries numbers and feature names only", () => {
  const p = insightsPrompt({ features: FLAWED, score: scoreFeatures(FLAWED), language: "es" });
  assertMatch(p, /"intro_s":24/);
  assertMatch(p, /Write title and text in Spanish/);
  assert(!/title|lyrics|prompt|user/i.test(p.replace("Write title and text", "")), "no song data");
});
