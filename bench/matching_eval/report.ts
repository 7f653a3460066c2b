/**
 * Summaries of the evaluation world: every grade, the grade histogram, which distractors each
 * gig has, and any ranker's NDCG@10 / recall@20 in both directions.
 *
 * @module
 */
import type { EvalGig, EvalMusician, EvalWorld, Grade, Split } from "./types.ts";
import {
  beyondTravelRadius,
  blockedOnGigDate,
  busyDuringGig,
  declinedByClient,
  feeRatio,
  genreMatch,
  gigDistanceKm,
  grade,
  infeasibleReasons,
  playsRequiredInstrument,
} from "./labels.ts";
import { evaluate, type Evaluation } from "./metrics.ts";
import {
  oracleGigsForMusician,
  oracleMusiciansForGig,
  threeLineGigsForMusician,
  threeLineMusiciansForGig,
} from "./baseline.ts";

/** gig id → musician id → grade, for every pair. */
export function gradeTable(w: EvalWorld): Map<string, Map<string, Grade>> {
  return new Map(
    w.gigs.map((g) => [g.id, new Map(w.musicians.map((m) => [m.id, grade(g, m, w)]))]),
  );
}

export function histogram(table: Map<string, Map<string, Grade>>): Record<Grade, number> {
  const out: Record<Grade, number> = { 0: 0, 1: 0, 2: 0, 3: 0 };
  for (const row of table.values()) for (const gr of row.values()) out[gr]++;
  return out;
}

export const DISTRACTORS = [
  "same_city_wrong_instrument",
  "right_instrument_beyond_radius",
  "busy_that_night",
  "blocked_that_day",
  "fee_over_10",
  "fee_over_40",
  "fee_over_80",
  "genre_family_only",
  "genre_unrelated",
  "declined_by_client",
] as const;
export type Distractor = typeof DISTRACTORS[number];

/** The distractor types a gig has among the musicians (a musician can be several). */
export function distractorsOf(g: EvalGig, w: EvalWorld): Set<Distractor> {
  const out = new Set<Distractor>();
  for (const m of w.musicians) for (const d of distractorTypes(g, m, w)) out.add(d);
  return out;
}

export function distractorTypes(g: EvalGig, m: EvalMusician, w: EvalWorld): Distractor[] {
  const out: Distractor[] = [];
  const plays = playsRequiredInstrument(g, m);
  const d = gigDistanceKm(g, m);
  if (!plays && d !== null && d <= 30) out.push("same_city_wrong_instrument");
  if (!plays) return out;
  if (beyondTravelRadius(g, m)) out.push("right_instrument_beyond_radius");
  if (busyDuringGig(g, m, w)) out.push("busy_that_night");
  if (blockedOnGigDate(g, m)) out.push("blocked_that_day");
  if (declinedByClient(g, m, w)) out.push("declined_by_client");
  const r = feeRatio(g, m);
  if (!beyondTravelRadius(g, m) && r !== null && r > 1) {
    out.push(r <= 1.2 ? "fee_over_10" : r <= 1.5 ? "fee_over_40" : "fee_over_80");
  }
  if (infeasibleReasons(g, m, w).length === 0) {
    const genre = genreMatch(g, m);
    if (genre === "family") out.push("genre_family_only");
    if (genre === "none") out.push("genre_unrelated");
  }
  return out;
}

export interface DirectionScores {
  gigToMusicians: Evaluation;
  musicianToGigs: Evaluation;
}

/**
 * Scores a pair of rankers (one per direction) against the labels. With `split`, only that
 * split's gigs (resp. musicians) are queries; candidates are always everyone.
 */
export function scoreRankers(
  w: EvalWorld,
  table: Map<string, Map<string, Grade>>,
  forGig: (g: EvalGig) => string[],
  forMusician: (m: EvalMusician) => string[],
  split?: Split,
): DirectionScores {
  const gigIds = w.gigs.map((g) => g.id);
  const musicianIds = w.musicians.map((m) => m.id);
  const inSplit = (x: { split: Split }) => split === undefined || x.split === split;
  return {
    gigToMusicians: evaluate(
      w.gigs.filter(inSplit).map((g) => ({ id: g.id, ranked: forGig(g) })),
      (gid, mid) => table.get(gid)!.get(mid)!,
      () => musicianIds,
    ),
    musicianToGigs: evaluate(
      w.musicians.filter(inSplit).map((m) => ({ id: m.id, ranked: forMusician(m) })),
      (mid, gid) => table.get(gid)!.get(mid)!,
      () => gigIds,
    ),
  };
}

const pct = (x: number) => x.toFixed(3);

export function report(w: EvalWorld): string {
  const table = gradeTable(w);
  const hist = histogram(table);
  const strong = w.gigs.map((g) => [...table.get(g.id)!.values()].filter((x) => x === 3).length);
  const missing = new Map<Distractor, number>();
  for (const g of w.gigs) {
    const has = distractorsOf(g, w);
    for (const d of DISTRACTORS) if (!has.has(d)) missing.set(d, (missing.get(d) ?? 0) + 1);
  }
  const base = scoreRankers(
    w,
    table,
    (g) => threeLineMusiciansForGig(g, w),
    (m) => threeLineGigsForMusician(m, w),
  );
  const heldOut = scoreRankers(
    w,
    table,
    (g) => threeLineMusiciansForGig(g, w),
    (m) => threeLineGigsForMusician(m, w),
    "held_out",
  );
  const oracle = scoreRankers(
    w,
    table,
    (g) => oracleMusiciansForGig(g, w),
    (m) => oracleGigsForMusician(m, w),
  );
  const line = (name: string, s: DirectionScores) =>
    `${name}: gig→musicians ndcg10 ${pct(s.gigToMusicians.ndcg10)} recall20 ${
      pct(s.gigToMusicians.recall20)
    } (${s.gigToMusicians.queries} q) · musician→gigs ndcg10 ${
      pct(s.musicianToGigs.ndcg10)
    } recall20 ${pct(s.musicianToGigs.recall20)} (${s.musicianToGigs.queries} q)`;
  return [
    `world ${w.today}: ${w.musicians.length} musicians, ${w.gigs.length} gigs (${
      w.gigs.filter((g) => g.remote).length
    } remote), ${w.clients.length} clients, ${w.busy.length} bookings, ${w.history.length} signals`,
    `grades: 0=${hist[0]} 1=${hist[1]} 2=${hist[2]} 3=${hist[3]}`,
    `grade-3 per gig: min ${Math.min(...strong)}, median ${
      [...strong].sort((a, b) => a - b)[strong.length >> 1]
    }, gigs with ≥5: ${strong.filter((n) => n >= 5).length}/${strong.length}`,
    `gigs missing a distractor type: ${
      [...missing].map(([d, n]) => `${d} ${n}`).join(", ") || "none"
    }`,
    line("three-line rule", base),
    line("three-line rule, held-out queries", heldOut),
    line("oracle", oracle),
  ].join("\n");
}
