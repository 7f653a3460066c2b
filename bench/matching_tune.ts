/**
 * Tunes the soft-fact weights (lib/domains/matching/score.ts MATCH_WEIGHTS) on the TRAINING part
 * of the evaluation set (bench/matching_eval), never on its held-out part or on tests: coordinate
 * ascent on mean NDCG@10 over both directions, from the current weights. Prints the best weights
 * and, per grade, how the soft scores spread (for the calibration knots). Copy the weights into
 * score.ts by hand; `deno task bench matching` then reports on the held-out part.
 *
 * `deno run -A bench/matching_tune.ts`
 *
 * @module
 */
import { evalWorld } from "./matching_eval/world.ts";
import { type CandidateRow, candidates, rankCandidates } from "../lib/domains/matching/queries.ts";
import {
  type FitName,
  MATCH_WEIGHTS,
  scoreMatch,
  type Weights,
} from "../lib/domains/matching/score.ts";
import type { Claims } from "../lib/ports/db/types.ts";
import { grader, loadEvalWorld } from "./matching_quality.ts";
import { ndcgAt } from "./matching_eval/metrics.ts";

const claims = (id: string): Claims => ({ sub: id, role: "authenticated", aud: "authenticated" });

const w = evalWorld(new Date());
const { db, driver } = await loadEvalWorld(w);
const g = grader(w);
type Direction = "gig_to_musicians" | "musician_to_gigs";
const queries: {
  direction: Direction;
  id: string;
  rows: CandidateRow[];
  grades: Map<string, number>;
}[] = [];
for (const gig of w.gigs.filter((x) => x.split === "train")) {
  const rows = await db.asUser(
    claims(gig.client_id),
    (tx) => candidates(tx, "musicians", gig.id, { exact: true }),
  );
  const grades = new Map(
    g.candidates("gig_to_musicians").map((c) => [c, g.of("gig_to_musicians", gig.id, c)]),
  );
  queries.push({ direction: "gig_to_musicians", id: gig.id, rows, grades });
}
for (const m of w.musicians.filter((x) => x.split === "train")) {
  const rows = await db.asUser(claims(m.id), (tx) => candidates(tx, "gigs", m.id, { exact: true }));
  const grades = new Map(
    g.candidates("musician_to_gigs").map((c) => [c, g.of("musician_to_gigs", m.id, c)]),
  );
  queries.push({ direction: "musician_to_gigs", id: m.id, rows, grades });
}
await driver.close();

function objective(weights: Weights): number {
  const by: Record<Direction, number[]> = { gig_to_musicians: [], musician_to_gigs: [] };
  for (const q of queries) {
    const n = ndcgAt(10, rankCandidates(q.rows, 20, { weights }).map((r) => r.id), q.grades);
    if (n !== null) by[q.direction].push(n);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  // Both directions count equally, whatever their query counts.
  return (mean(by.gig_to_musicians) + mean(by.musician_to_gigs)) / 2;
}

const names = Object.keys(MATCH_WEIGHTS) as FitName[];
const normalise = (x: Weights): Weights => {
  const sum = names.reduce((a, k) => a + x[k], 0);
  return Object.fromEntries(
    names.map((k) => [k, Math.round((x[k] / sum) * 1000) / 1000]),
  ) as Weights;
};
let best: Weights = { ...MATCH_WEIGHTS };
let bestScore = objective(best);
console.log(`start ${bestScore.toFixed(4)}`, best);
for (const step of [0.5, 0.25, 0.1]) {
  let improved = true;
  while (improved) {
    improved = false;
    for (const k of names) {
      for (const dir of [1 + step, 1 / (1 + step)]) {
        const trial = normalise({ ...best, [k]: Math.max(0.005, best[k] * dir) });
        const s = objective(trial);
        if (s > bestScore + 1e-4) {
          best = trial;
          bestScore = s;
          improved = true;
          console.log(`  ${bestScore.toFixed(4)}`, best);
        }
      }
    }
  }
}
console.log("best", bestScore.toFixed(4), JSON.stringify(best));
// The soft score per grade under the best weights, for the calibration knots.
const soft = new Map<number, number[]>();
for (const q of queries) {
  for (const r of q.rows) {
    const s = scoreMatch(r, best);
    const grade = q.grades.get(r.id) ?? 0;
    let x = 0;
    for (const k of names) x += best[k] * s.fits[k];
    soft.set(grade, [...(soft.get(grade) ?? []), x]);
  }
}
for (const [grade, xs] of [...soft].sort()) {
  xs.sort((a, b) => a - b);
  const q = (p: number) => xs[Math.floor(p * (xs.length - 1))].toFixed(3);
  console.log(
    `grade ${grade}: ${xs.length} pairs, soft p10 ${q(0.1)} p25 ${q(0.25)} p50 ${q(0.5)} p75 ${
      q(0.75)
    } p90 ${q(0.9)}`,
  );
}
