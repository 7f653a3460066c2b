/** The hit meter's rule-of-thumb model: deterministic, bounded, explainable point by point. */
import { assert, assertEquals } from "../../../../tests/_helpers/assert.ts";
import type { Features } from "../../../audio/reports.ts";
import { fit, RULES, scoreFeatures } from "./model.ts";
import { CATEGORIES, HitScore } from "./schemas.ts";
import { IN_RANGE } from "../../../../tests/_helpers/meter.ts";

Deno.test("meter model - deterministic, 0–100, points add up to each category", () => {
  const a = scoreFeatures(IN_RANGE);
  assertEquals(a, scoreFeatures(structuredClone(IN_RANGE)));
  HitScore.parse(a);
  assertEquals(Object.keys(a.categories).sort(), [...CATEGORIES].sort());
  assert(a.overall > 95, `in-range song scores ${a.overall}`);
  for (const c of CATEGORIES) {
    const { score, contributions } = a.categories[c];
    const sum = contributions.reduce((s, x) => s + x.points, 0);
    assert(Math.abs(sum - score) < 0.05, `${c}: points ${sum} vs score ${score}`);
    assertEquals(contributions.map((x) => x.feature), RULES[c].map((r) => r.feature));
  }
  const silent: Features = {
    ...IN_RANGE,
    tempo_bpm: null,
    integrated_lufs: null,
    true_peak_dbtp: null,
    duration_s: 0,
    lra_lu: 0,
    crest_db: 0,
    repetition: 0,
    sections: 0,
  };
  const s = scoreFeatures(silent);
  for (const c of CATEGORIES) {
    const { score } = s.categories[c];
    assert(score >= 0 && score <= 100 && score < a.categories[c].score, `${c} ${score}`);
  }
  assert(s.overall >= 0 && s.overall < 60, `silence scores ${s.overall}`);
});

Deno.test("meter model - a feature in range scores higher than out of range", () => {
  const base = scoreFeatures(IN_RANGE);
  const cases: [keyof Features, number, string][] = [
    ["intro_s", 32, "commercial_appeal"],
    ["true_peak_dbtp", 0.5, "production_quality"],
    ["tempo_bpm", 70, "commercial_appeal"],
    ["duration_s", 420, "radio_readiness"],
    ["lra_lu", 1, "emotional_impact"],
  ];
  for (const [feature, value, category] of cases) {
    const s = scoreFeatures({ ...IN_RANGE, [feature]: value });
    const c = category as (typeof CATEGORIES)[number];
    assert(s.categories[c].score < base.categories[c].score, `${feature}=${value} in ${c}`);
    assert(s.overall < base.overall, `${feature}=${value} overall`);
    const point = s.categories[c].contributions.find((x) => x.feature === feature)!;
    assertEquals(point.value, value);
  }
  // Further out of range costs more.
  const near = scoreFeatures({ ...IN_RANGE, intro_s: 20 }).overall;
  const far = scoreFeatures({ ...IN_RANGE, intro_s: 40 }).overall;
  assert(far < near && near < base.overall, `${far} < ${near} < ${base.overall}`);
  const rule = RULES.commercial_appeal.find((r) => r.feature === "intro_s")!;
  assertEquals([fit(rule, 10), fit(rule, null)], [1, 0]);
  assert(Math.abs(fit(rule, rule.hi + rule.soft) - Math.exp(-0.5)) < 1e-12);
});

Deno.test("meter model - every rule has a range, a weight and a reason", () => {
  for (const rules of Object.values(RULES)) {
    for (const r of rules) {
      assert(r.lo < r.hi && r.soft > 0 && r.weight > 0 && r.reason.length > 10, r.feature);
    }
  }
});
