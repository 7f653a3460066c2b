/**
 * Match scores: semantic similarity of the embeddings plus the fit of hard facts (genre and
 * instrument overlap, availability on the date, distance within the travel radius, fee within
 * budget). All weights live in `MATCH_WEIGHTS`; every fit is in [0, 1], so a score is too.
 *
 * @module
 */
import { canonical, capitalise, genreLabel, kindLabel, roleNoun } from "../gigs/facts.ts";

/**
 * The one place the weights live. They sum to 1.
 *
 * Meaning leads: the embedded text already holds genres, instruments, skills and the place (see
 * `private.musician_embedding_text`), so cosine similarity carries most of the fit and the facts
 * adjust it: an instrument the gig did not ask for, a blocked or booked date, a trip beyond the
 * travel radius, a fee over budget. Keeping the facts' share modest also keeps the best re-ranked
 * results among the nearest neighbours (bench: recall@20 against an exact scan).
 */
export const MATCH_WEIGHTS = {
  semantic: 0.65,
  genre: 0.05,
  instrument: 0.12,
  availability: 0.1,
  distance: 0.04,
  fee: 0.04,
} as const;

export type FitName = keyof typeof MATCH_WEIGHTS;

/** Publishing a gig notifies musicians at or above this score… */
export const NOTIFY_THRESHOLD = 0.6;
/** …at most this many per gig. */
export const NOTIFY_MAX = 20;

/** Used when a musician gave no travel radius. */
export const DEFAULT_RADIUS_KM = 50;

export type Availability = "free" | "blocked" | "booked";

/** What one musician × gig pair is scored on (a row of the candidate queries). */
export interface MatchFacts {
  /** Cosine similarity of the two embeddings. */
  semantic: number;
  musician_genres: string[];
  musician_instruments: string[];
  gig_genres: string[];
  gig_instruments: string[];
  gig_kind: string;
  availability: Availability;
  /** The gig starts in the evening (local time): "that night" rather than "that day". */
  evening: boolean;
  remote: boolean;
  /** Null when either side has no coordinates. */
  distance_km: number | null;
  travel_radius_km: number | null;
  fee_min_minor: number | null;
  fee_max_minor: number | null;
  musician_currency: string | null;
  budget_min_minor: number | null;
  budget_max_minor: number | null;
  gig_currency: string | null;
}

export type Fits = Record<FitName, number>;

export interface Scored {
  score: number;
  fits: Fits;
}

/** Canonical terms of a tag list; cached per array, so one side's lists are folded once. */
const canonCache = new WeakMap<string[], Set<string>>();
function canon(xs: string[]): Set<string> {
  let set = canonCache.get(xs);
  if (!set) {
    set = new Set(xs.map(canonical));
    canonCache.set(xs, set);
  }
  return set;
}

/** Share of the gig's genres the musician plays (two shared count as full); none asked → 0.5. */
export function genreFit(wanted: string[], has: string[]): number {
  if (wanted.length === 0) return 0.5;
  const h = canon(has);
  const w = canon(wanted);
  let shared = 0;
  for (const g of w) if (h.has(g)) shared++;
  return Math.min(1, shared / Math.min(w.size, 2));
}

/** 1 when the musician plays any instrument the gig asks for; none asked → 0.5. */
export function instrumentFit(wanted: string[], has: string[]): number {
  if (wanted.length === 0) return 0.5;
  const h = canon(has);
  for (const i of canon(wanted)) if (h.has(i)) return 1;
  return 0;
}

export function availabilityFit(a: Availability): number {
  return a === "free" ? 1 : 0;
}

/**
 * Remote → 1. Within the radius: from 1 (next door) down to 0.7 (at the edge). Beyond it: from 0.7
 * down to 0 at twice the radius. Unknown distance → 0.5.
 */
export function distanceFit(
  km: number | null,
  radiusKm: number | null,
  remote: boolean,
): number {
  if (remote) return 1;
  if (km == null) return 0.5;
  const r = radiusKm && radiusKm > 0 ? radiusKm : DEFAULT_RADIUS_KM;
  if (km <= r) return 1 - 0.3 * (km / r);
  return Math.max(0, 0.7 * (1 - (km - r) / r));
}

/**
 * 1 when the musician's lowest fee is within the budget's top; falls to 0 at 50 % over it.
 * Different currencies or missing numbers → 0.5 (unknown, neither good nor bad).
 */
export function feeFit(
  feeMin: number | null,
  budgetMax: number | null,
  musicianCurrency: string | null,
  gigCurrency: string | null,
): number {
  if (feeMin == null || budgetMax == null || !musicianCurrency || !gigCurrency) return 0.5;
  if (musicianCurrency !== gigCurrency) return 0.5;
  if (feeMin <= budgetMax) return 1;
  if (budgetMax <= 0) return 0;
  return Math.max(0, 1 - 2 * (feeMin - budgetMax) / budgetMax);
}

/** Every fit and the weighted score. */
export function scoreMatch(f: MatchFacts): Scored {
  const fits: Fits = {
    semantic: Math.max(0, Math.min(1, f.semantic)),
    genre: genreFit(f.gig_genres, f.musician_genres),
    instrument: instrumentFit(f.gig_instruments, f.musician_instruments),
    availability: availabilityFit(f.availability),
    distance: distanceFit(f.distance_km, f.travel_radius_km, f.remote),
    fee: feeFit(f.fee_min_minor, f.budget_max_minor, f.musician_currency, f.gig_currency),
  };
  let score = 0;
  for (const k of Object.keys(MATCH_WEIGHTS) as FitName[]) score += MATCH_WEIGHTS[k] * fits[k];
  return { score: Math.round(score * 10000) / 10000, fits };
}

/** The highest score a pair with semantic similarity `semantic` could reach (facts all perfect). */
export function scoreCeiling(semantic: number): number {
  return MATCH_WEIGHTS.semantic * Math.max(0, Math.min(1, semantic)) +
    (1 - MATCH_WEIGHTS.semantic);
}

function firstShared(wanted: string[], has: string[]): string | undefined {
  const w = canon(wanted);
  return has.find((x) => w.has(canonical(x)));
}

function distancePhrase(f: MatchFacts): string | null {
  if (f.remote) return "remote";
  if (f.distance_km == null) return null;
  const km = f.distance_km < 1 ? "under 1 km" : `${Math.round(f.distance_km)} km`;
  const r = f.travel_radius_km && f.travel_radius_km > 0 ? f.travel_radius_km : DEFAULT_RADIUS_KM;
  return f.distance_km > r ? `${km} away (beyond travel radius)` : `${km} away`;
}

/**
 * One line saying why: "Jazz guitarist, 12 km away, free that night, fee within budget" for a
 * client looking at musicians; "Jazz live show for guitar, 12 km away, free that night, budget
 * fits your fee" for a musician looking at gigs.
 */
export function reason(f: MatchFacts, perspective: "client" | "musician"): string {
  const genre = firstShared(f.gig_genres, f.musician_genres) ??
    (perspective === "client" ? f.musician_genres[0] : f.gig_genres[0]);
  const instrument = firstShared(f.gig_instruments, f.musician_instruments) ??
    (perspective === "client" ? f.musician_instruments[0] : undefined);
  const parts: string[] = [];
  if (perspective === "client") {
    const who = instrument ? roleNoun(instrument) : "musician";
    parts.push(capitalise(genre ? `${genreLabel(genre)} ${who}` : who));
  } else {
    const what = `${genre ? `${genreLabel(genre)} ` : ""}${kindLabel(f.gig_kind)}`;
    parts.push(capitalise(instrument ? `${what} for ${instrument.toLowerCase()}` : what));
  }
  const distance = distancePhrase(f);
  if (distance) parts.push(distance);
  const when = f.evening ? "that night" : "that day";
  parts.push(
    f.availability === "free"
      ? `free ${when}`
      : f.availability === "booked"
      ? `already booked ${when}`
      : `unavailable ${when}`,
  );
  const fee = feeFit(f.fee_min_minor, f.budget_max_minor, f.musician_currency, f.gig_currency);
  if (
    f.fee_min_minor != null && f.budget_max_minor != null && f.musician_currency === f.gig_currency
  ) {
    parts.push(
      fee === 1
        ? perspective === "client" ? "fee within budget" : "budget fits your fee"
        : perspective === "client"
        ? "fee above budget"
        : "budget below your fee",
    );
  }
  return parts.join(", ");
}
