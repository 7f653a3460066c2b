/**
 * The evolution plan: at most one proposed persona change per kind (tempo, mood, genre, cadence,
 * pillars), each only where the analysis found a relation that is significant after Holm
 * correction (p < 0.05), large enough to matter (|rho| ≥ 0.3, or a group difference of d ≥ 0.5
 * that moves the rate by a tenth) and measured on at least eight tracks. Confidence: high when
 * p < 0.001 on 20 or more tracks, medium when p < 0.01, else low. An item cites the findings that
 * justify it and sets only the persona fields it changes; a change that changes nothing, or that
 * the findings disagree on (faster saves more but skips more too), is not proposed.
 *
 * @module
 */
import {
  type Confidence,
  Evidence,
  type Persona,
  PlanItem,
  type TrackFacts,
  type TrackFeatures,
} from "../types.ts";
import type { Analysis, Finding } from "./analyze.ts";
import { median, quantile } from "./stats.ts";
import { HIGHER_IS_BETTER, type Outcome } from "./words.ts";

export const PLAN_ALPHA = 0.05;
export const PLAN_MIN_TRACKS = 8;

/** Whether a finding is strong enough to act on. */
export function actionable(f: Finding): boolean {
  return f.p < PLAN_ALPHA && f.meaningful && f.n >= PLAN_MIN_TRACKS;
}

export function confidenceOf(f: Pick<Finding, "p" | "n">): Confidence {
  if (f.p < 0.001 && f.n >= 20) return "high";
  return f.p < 0.01 ? "medium" : "low";
}

/** The Evidence fields only, as the plan stores them. */
function cite(f: Finding): Evidence {
  return Evidence.parse(f);
}

/** The strongest finding first (smallest p, then more tracks). */
const strongest = (fs: Finding[]) => [...fs].sort((a, b) => a.p - b.p || b.n - a.n);

/** Actionable findings on `feature` that agree with the strongest one (or none on conflict). */
function numericCase(a: Analysis, feature: string, outcomes?: Outcome[]): Finding[] {
  const fs = strongest(
    a.evidence.filter((f) =>
      f.feature === feature && actionable(f) && (!outcomes || outcomes.includes(f.outcome))
    ),
  );
  if (new Set(fs.map((f) => f.better)).size > 1) return [];
  return fs;
}

function groupCase(a: Analysis, feature: string): Finding[] {
  const fs = strongest(a.evidence.filter((f) => f.feature === feature && actionable(f)));
  return fs.filter((f) => f.best === fs[0]?.best);
}

/** Feature values of the better-performing half of the counted tracks by `outcome`. */
function topHalf(
  a: Analysis,
  facts: readonly TrackFacts[],
  outcome: Outcome,
  feature: "tempo_bpm" | "posts",
): number[] {
  const byTrack = new Map<string, TrackFeatures>();
  for (const f of facts) if (f.features) byTrack.set(f.performance.track, f.features);
  const sign = HIGHER_IS_BETTER[outcome] ? -1 : 1;
  const scored = a.outcomes.flatMap((o) => {
    const v = byTrack.get(o.track)?.[feature];
    const y = o[outcome];
    return o.counted && v != null && y !== null ? [{ v, y }] : [];
  }).sort((p, q) => sign * (p.y - q.y));
  return scored.slice(0, Math.ceil(scored.length / 2)).map((s) => s.v);
}

const item = (
  kind: PlanItem["kind"],
  title: string,
  change: PlanItem["change"],
  fs: Finding[],
): PlanItem => ({
  kind,
  title,
  change,
  evidence: fs.map(cite),
  confidence: confidenceOf(fs[0]),
});

function tempoItem(a: Analysis, persona: Persona, facts: readonly TrackFacts[]): PlanItem | null {
  const fs = numericCase(a, "tempo_bpm");
  if (!fs.length) return null;
  const tempos = topHalf(a, facts, fs[0].outcome, "tempo_bpm");
  if (tempos.length < 4) return null;
  let min = Math.round(quantile(tempos, 0.25)), max = Math.round(quantile(tempos, 0.75));
  if (max - min < 8) {
    [min, max] = [Math.round((min + max) / 2) - 4, Math.round((min + max) / 2) + 4];
  }
  min = Math.max(50, Math.min(200, min));
  max = Math.max(min, Math.min(200, max));
  const old = persona.tempo_range;
  const shift = (min + max) / 2 - (old.min + old.max) / 2;
  // A range that moves against the evidence (the persona already leans further) is no proposal.
  if ((min === old.min && max === old.max) || shift * (fs[0].better === "higher" ? 1 : -1) <= 0) {
    return null;
  }
  const title = `Lean ${shift > 0 ? "faster" : "slower"}: ${min}–${max} BPM`;
  return item("tempo", title, { tempo_range: { min, max } }, fs);
}

/** A list led by `best`, keeping the rest of the old list's order (case-insensitively unique). */
function ledBy(best: string, old: readonly string[]): string[] | null {
  if (old[0]?.toLowerCase() === best.toLowerCase()) return null;
  return [best, ...old.filter((w) => w.toLowerCase() !== best.toLowerCase())].slice(0, 6);
}

function listItem(
  a: Analysis,
  persona: Persona,
  kind: "mood" | "genre" | "pillars",
): PlanItem | null {
  const feature = kind === "pillars" ? "pillar" : kind;
  const fs = groupCase(a, feature);
  const best = fs[0]?.best;
  if (!best) return null;
  if (kind === "mood") {
    const moods = ledBy(best, persona.moods);
    return moods && item(kind, `Lead with the mood "${best}"`, { moods }, fs);
  }
  if (kind === "genre") {
    const genres = ledBy(best, persona.genres);
    return genres && item(kind, `Lean toward ${best}`, { genres }, fs);
  }
  const pillars = ledBy(best, persona.content_pillars);
  return pillars &&
    item(kind, `Put "${best}" first among the content pillars`, { content_pillars: pillars }, fs);
}

function cadenceItem(a: Analysis, persona: Persona, facts: readonly TrackFacts[]): PlanItem | null {
  const fs = numericCase(a, "posts", ["growth", "save_rate"]);
  if (!fs.length) return null;
  const posts = topHalf(a, facts, fs[0].outcome, "posts");
  if (posts.length < 4) return null;
  // Posts are counted over a release's first 28 days: four weeks.
  const weekly = Math.max(0, Math.min(21, Math.round((median(posts) / 4) * 2) / 2));
  const old = persona.cadence.posts_per_week;
  const more = fs[0].better === "higher";
  if (more ? weekly <= old : weekly >= old) return null;
  return item(
    "cadence",
    `Post ${more ? "more" : "less"}: about ${weekly} times a week`,
    { cadence: { releases_per_month: persona.cadence.releases_per_month, posts_per_week: weekly } },
    fs,
  );
}

/** Proposed persona changes, at most one per kind, each citing its evidence. */
export function evolutionPlan(
  analysis: Analysis,
  persona: Persona,
  facts: readonly TrackFacts[],
): PlanItem[] {
  const items = [
    tempoItem(analysis, persona, facts),
    listItem(analysis, persona, "mood"),
    listItem(analysis, persona, "genre"),
    cadenceItem(analysis, persona, facts),
    listItem(analysis, persona, "pillars"),
  ];
  // A value the persona cannot hold (a pillar name over 80 characters) is not proposed.
  return items.filter((i): i is PlanItem => i !== null && PlanItem.safeParse(i).success);
}
