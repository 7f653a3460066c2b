/**
 * Match scores as a booker reads them. Hard facts decide whether a pair is possible at all: the
 * musician plays an instrument the gig asks for, is free that date, and the gig is within their
 * travel radius. Possible pairs get a fit from the soft facts: genre (the same genre, or one of
 * its family), fee against budget (a graded penalty), distance, semantic similarity of the texts
 * (ordering otherwise equal candidates) and behaviour (reviews, past bookings, shortlists and
 * declines). Impossible pairs are never ranked among possible ones (the candidate queries hide
 * them; `rankCandidates` drops any that slip through).
 *
 * The fit is calibrated on the evaluation set (bench/matching_eval): 80 and over means a strong
 * match (`STRONG_FIT`). Weights and calibration live here and only here; bench/matching_tune.ts
 * tunes them on the set's training part.
 *
 * @module
 */
import { canonical, capitalise, genreLabel, kindLabel, roleNoun } from "../gigs/facts.ts";
import { familiesOf } from "./genres.ts";

/**
 * The soft facts' weights (they sum to 1), tuned by bench/matching_tune.ts on the evaluation set's
 * training part; semantic similarity held at a small floor (the set's grades do not read the
 * texts, people do), so it orders otherwise equal candidates.
 */
export const MATCH_WEIGHTS = {
  genre: 0.25,
  fee: 0.47,
  distance: 0.05,
  semantic: 0.05,
  behaviour: 0.18,
} as const;

export type FitName = keyof typeof MATCH_WEIGHTS;
export type Weights = Record<FitName, number>;

/** What a shared genre family (but no shared genre) is worth against a shared genre. */
export const FAMILY_CREDIT = 0.55;
/** The fee fit falls from 1 (fee within budget) to 0 at this share over the budget's top. */
export const FEE_ZERO_OVER = 0.5;

/**
 * Soft score (0–1) → fit (0–1): piecewise linear through these knots. A possible match is worth
 * at least the first knot's fit; the knots put the evaluation set's strong matches at 80 and over.
 */
export const CALIBRATION: readonly (readonly [number, number])[] = [
  [0, 0.3],
  [0.45, 0.5],
  [0.86, 0.8],
  [1, 1],
];
/** A fit (0–100) at or over this reads "Strong match". */
export const STRONG_FIT = 80;

/** Publishing a gig notifies musicians at or above this fit (0–1)… */
export const NOTIFY_THRESHOLD = 0.7;
/** …at most this many per gig. */
export const NOTIFY_MAX = 20;

/** Where the distance fit reaches 0 (it keeps falling beyond). */
export const DISTANCE_SCALE_KM = 370;

/** Used when a musician gave no travel radius. */
export const DEFAULT_RADIUS_KM = 50;

export type Availability = "free" | "blocked" | "booked";

/** What one musician × gig pair is scored on (a row of the candidate queries). */
export interface MatchFacts {
  /** Cosine similarity of the two texts' embeddings. */
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
  /** The musician has no coordinates (an in-person gig cannot be judged within reach). */
  musician_unplaced?: boolean;
  travel_radius_km: number | null;
  fee_min_minor: number | null;
  fee_max_minor: number | null;
  musician_currency: string | null;
  budget_min_minor: number | null;
  budget_max_minor: number | null;
  gig_currency: string | null;
  /** The other side's standing from reviews and outcomes, −1…1 (0: nothing known yet). */
  reputation?: number;
  /** This client's history with this musician, −1…1 (0: none). */
  affinity?: number;
}

/** Why a pair is impossible, in the order a reason names them. */
export type Blocker = "instrument" | "date" | "distance" | "place";

export type Fits = Record<FitName, number>;

export interface Scored {
  /** The calibrated fit, 0–1 (0 when impossible). */
  score: number;
  feasible: boolean;
  blockers: Blocker[];
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

/** Whether the musician plays an instrument the gig asks for (any, when it asks for none). */
export function playsWanted(wanted: string[], has: string[]): boolean {
  if (wanted.length === 0) return true;
  const h = canon(has);
  for (const i of canon(wanted)) if (h.has(i)) return true;
  return false;
}

/** 1 for a shared genre (or none asked), `FAMILY_CREDIT` for a shared family, else 0. */
export function genreFit(wanted: string[], has: string[]): number {
  if (wanted.length === 0) return 1;
  const h = canon(has);
  for (const g of canon(wanted)) if (h.has(g)) return 1;
  const fam = familiesOf(has);
  for (const f of familiesOf(wanted)) if (fam.has(f)) return FAMILY_CREDIT;
  return 0;
}

/**
 * Nearer is better: 1 next door, falling with the square of the distance (0 at
 * `DISTANCE_SCALE_KM`, below 0 further on; within a city all are alike). The match vector's place
 * term falls the same way (vector.ts), so the search and the score agree on near and far. The
 * travel radius is a hard fact, not this. Remote 1; unknown 0.5.
 */
export function distanceFit(km: number | null, remote: boolean): number {
  if (remote) return 1;
  if (km == null) return 0.5;
  return 1 - (km / DISTANCE_SCALE_KM) ** 2;
}

function radiusOf(radiusKm: number | null): number {
  return radiusKm && radiusKm > 0 ? radiusKm : DEFAULT_RADIUS_KM;
}

/** How far over the budget's top the lowest fee is (0.2 = 20 % over); null when not comparable. */
export function feeOver(
  feeMin: number | null,
  budgetMax: number | null,
  musicianCurrency: string | null,
  gigCurrency: string | null,
): number | null {
  if (feeMin == null || budgetMax == null || !musicianCurrency || !gigCurrency) return null;
  if (musicianCurrency !== gigCurrency) return null;
  if (feeMin <= budgetMax) return 0;
  return budgetMax <= 0 ? Infinity : (feeMin - budgetMax) / budgetMax;
}

/** 1 within budget, falling to 0 at `FEE_ZERO_OVER` over it; not comparable → 0.6. */
export function feeFit(
  feeMin: number | null,
  budgetMax: number | null,
  musicianCurrency: string | null,
  gigCurrency: string | null,
): number {
  const over = feeOver(feeMin, budgetMax, musicianCurrency, gigCurrency);
  if (over == null) return 0.6;
  return Math.max(0, 1 - over / FEE_ZERO_OVER);
}

/** Reviews and history: 0.5 when nothing is known (cold start). */
export function behaviourFit(reputation = 0, affinity = 0): number {
  return Math.max(0, Math.min(1, 0.5 + 0.35 * reputation + 0.5 * affinity));
}

/** The hard facts a pair fails, none when it is possible. */
export function blockersOf(f: MatchFacts): Blocker[] {
  const out: Blocker[] = [];
  if (!playsWanted(f.gig_instruments, f.musician_instruments)) out.push("instrument");
  if (f.availability !== "free") out.push("date");
  if (!f.remote) {
    if (f.distance_km != null && f.distance_km > radiusOf(f.travel_radius_km)) out.push("distance");
    else if (f.distance_km == null && f.musician_unplaced) out.push("place");
  }
  return out;
}

/** Soft score (0–1) → calibrated fit (0–1). */
export function calibrate(soft: number): number {
  const s = Math.max(0, Math.min(1, soft));
  for (let i = 1; i < CALIBRATION.length; i++) {
    const [x1, y1] = CALIBRATION[i];
    if (s <= x1) {
      const [x0, y0] = CALIBRATION[i - 1];
      return y0 + (y1 - y0) * ((s - x0) / (x1 - x0));
    }
  }
  return CALIBRATION[CALIBRATION.length - 1][1];
}

/** Every fit, the hard facts and the calibrated score. `weights` are for tuning only. */
export function scoreMatch(f: MatchFacts, weights: Weights = MATCH_WEIGHTS): Scored {
  const fits: Fits = {
    genre: genreFit(f.gig_genres, f.musician_genres),
    fee: feeFit(f.fee_min_minor, f.budget_max_minor, f.musician_currency, f.gig_currency),
    distance: distanceFit(f.distance_km, f.remote),
    semantic: Math.max(0, Math.min(1, f.semantic)),
    behaviour: behaviourFit(f.reputation, f.affinity),
  };
  const blockers = blockersOf(f);
  let soft = 0;
  for (const k of Object.keys(weights) as FitName[]) soft += weights[k] * fits[k];
  const score = blockers.length === 0 ? calibrate(soft) : 0;
  return {
    score: Math.round(score * 10000) / 10000,
    feasible: blockers.length === 0,
    blockers,
    fits,
  };
}

/** A fit as users read it: 0–100. */
export function fitPercent(score: number): number {
  return Math.round(score * 100);
}

/** The first wanted term the other side has, as the wanted side wrote it. */
function firstShared(wanted: string[], has: string[]): string | undefined {
  const h = canon(has);
  return wanted.find((x) => h.has(canonical(x)));
}

/** Instruments whose canonical term does not read as a word. */
const INSTRUMENT_LABELS: Record<string, string> = {
  doublebass: "double bass",
  uke: "ukulele",
  dj: "DJ decks",
  production: "production",
};

function instrumentLabel(tag: string): string {
  const c = canonical(tag);
  return INSTRUMENT_LABELS[c] ?? c;
}

/** "Plays guitar", "Sings", "DJs": what the musician does that the gig asks for. */
function playsPhrase(tag: string): string {
  const c = canonical(tag);
  if (c === "vocals") return "Sings";
  if (c === "dj") return "DJs";
  if (c === "production") return "Produces";
  return `Plays ${instrumentLabel(tag)}`;
}

function km(d: number): string {
  return d < 1 ? "under 1 km" : `${Math.round(d)} km`;
}

function blockerPhrase(b: Blocker, f: MatchFacts, perspective: "client" | "musician"): string {
  const when = f.evening ? "that night" : "that day";
  switch (b) {
    case "instrument":
      return `${perspective === "client" ? "Doesn't play" : "Wants"} ${
        [...new Set(f.gig_instruments.map(instrumentLabel))].join(" or ")
      }`;
    case "date":
      return f.availability === "booked" ? `Booked ${when}` : `Unavailable ${when}`;
    case "distance":
      return `${km(f.distance_km ?? 0)}, beyond ${perspective === "client" ? "their" : "your"} ${
        radiusOf(f.travel_radius_km)
      } km travel radius`;
    case "place":
      return perspective === "client"
        ? "Hasn't said where they're based"
        : "Add where you're based";
  }
}

function genrePhrase(f: MatchFacts): string | null {
  if (f.gig_genres.length === 0) {
    return f.musician_genres[0] ? genreLabel(f.musician_genres[0]) : null;
  }
  const shared = firstShared(f.gig_genres, f.musician_genres);
  if (shared) return genreLabel(shared);
  if (genreFit(f.gig_genres, f.musician_genres) > 0) {
    const fam = familiesOf(f.gig_genres);
    const near = f.musician_genres.find((g) => [...familiesOf([g])].some((x) => fam.has(x)));
    return near ? `${genreLabel(near)} (close to ${genreLabel(f.gig_genres[0])})` : null;
  }
  return `not ${genreLabel(f.gig_genres[0])}`;
}

function feePhrase(f: MatchFacts, perspective: "client" | "musician"): string | null {
  const over = feeOver(f.fee_min_minor, f.budget_max_minor, f.musician_currency, f.gig_currency);
  if (over == null) return null;
  if (over === 0) return perspective === "client" ? "within budget" : "budget fits your fee";
  const pct = Number.isFinite(over) ? `${Math.round(over * 100)}%` : "far";
  return perspective === "client" ? `fee ${pct} over budget` : `budget ${pct} below your fee`;
}

/**
 * One line, the deciding facts first: "Plays saxophone · jazz · free that night · within budget ·
 * 12 km" for a client looking at musicians; "Saxophone wanted · jazz · you're free that night ·
 * budget fits your fee · 12 km away" for a musician looking at gigs. An impossible pair opens with
 * what rules it out ("Booked that night · …").
 */
export function reason(f: MatchFacts, perspective: "client" | "musician"): string {
  const parts: string[] = [];
  const blockers = blockersOf(f);
  for (const b of blockers) parts.push(blockerPhrase(b, f, perspective));
  // A gig asking for no instrument: the client reads what the musician plays, the musician the
  // kind of gig.
  const instrument = firstShared(f.gig_instruments, f.musician_instruments) ??
    (f.gig_instruments.length === 0 && perspective === "client"
      ? f.musician_instruments[0]
      : undefined);
  if (instrument) {
    parts.push(
      perspective === "client"
        ? playsPhrase(instrument)
        : capitalise(`${roleNoun(instrument)} wanted`),
    );
  } else if (perspective === "musician" && parts.length === 0) {
    parts.push(capitalise(kindLabel(f.gig_kind)));
  }
  const genre = genrePhrase(f);
  if (genre) parts.push(genre);
  if (f.availability === "free") {
    const when = f.evening ? "that night" : "that day";
    parts.push(perspective === "client" ? `free ${when}` : `you're free ${when}`);
  }
  const fee = feePhrase(f, perspective);
  if (fee) parts.push(fee);
  if (f.remote) parts.push("remote");
  else if (f.distance_km != null && !blockers.includes("distance")) {
    parts.push(perspective === "client" ? km(f.distance_km) : `${km(f.distance_km)} away`);
  }
  const text = parts.join(" · ");
  return capitalise(text);
}
