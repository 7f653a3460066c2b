/**
 * Graded relevance (0–3) of a musician for a gig, from the rules a booker applies. Each rule
 * is a named function so tests can check it alone. 0 = cannot take the gig; 3 = book her.
 *
 * @module
 */
import type { EvalGig, EvalMusician, EvalSignal, EvalWorld, Grade } from "./types.ts";
import { foldGenre, foldInstrument, genreFamily } from "./tables.ts";

export * from "./tables.ts";

/** Fee_min above this multiple of the budget (same currency) rules her out. */
export const FEE_HARD_LIMIT = 1.5;
/** Up to this multiple a booker stretches the budget with a small penalty. */
export const FEE_SOFT_LIMIT = 1.2;

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance (haversine), km. */
export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Distance musician → venue, or null for remote gigs (distance does not apply). */
export function gigDistanceKm(g: EvalGig, m: EvalMusician): number | null {
  if (g.remote || g.lat === null || g.lng === null) return null;
  return haversineKm(m.lat, m.lng, g.lat, g.lng);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const localDates = new Map<string, string>(); // grading asks the same few hundred dates a lot

/** The calendar date of an instant in an IANA zone (YYYY-MM-DD). */
export function localDate(iso: string, timeZone: string): string {
  const key = `${iso}|${timeZone}`;
  const hit = localDates.get(key);
  if (hit) return hit;
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dateFormats.set(timeZone, f);
  }
  const out = f.format(new Date(iso));
  localDates.set(key, out);
  return out;
}

/** Rule: a gig that names instruments needs someone who plays one of them (after folding). */
export function playsRequiredInstrument(g: EvalGig, m: EvalMusician): boolean {
  if (g.instruments.length === 0) return true;
  const hers = new Set(m.instruments.map(foldInstrument));
  return g.instruments.some((i) => hers.has(foldInstrument(i)));
}

/** Rule: she blocked the gig's local date (the venue's calendar day). */
export function blockedOnGigDate(g: EvalGig, m: EvalMusician): boolean {
  return m.blocked_dates.includes(localDate(g.starts_at, g.timezone));
}

/** Rule: a confirmed booking of hers overlaps the gig's time (half-open intervals). */
export function busyDuringGig(g: EvalGig, m: EvalMusician, w: EvalWorld): boolean {
  const start = Date.parse(g.starts_at);
  const end = start + g.duration_minutes * 60_000;
  return indexOf(w).busy.get(m.id)?.some((b) =>
    Date.parse(b.starts_at) < end && Date.parse(b.ends_at) > start
  ) ?? false;
}

/** Rule: an in-person gig further away than she travels. */
export function beyondTravelRadius(g: EvalGig, m: EvalMusician): boolean {
  const d = gigDistanceKm(g, m);
  return d !== null && d > m.travel_radius_km;
}

/** Fee_min as a multiple of the budget, or null when the currencies differ (not comparable). */
export function feeRatio(g: EvalGig, m: EvalMusician): number | null {
  if (g.currency !== m.currency || g.budget_max_minor <= 0) return null;
  return m.fee_min_minor / g.budget_max_minor;
}

/** Rule: same currency and her minimum fee is over 1.5 × the budget. */
export function feeFarOverBudget(g: EvalGig, m: EvalMusician): boolean {
  const r = feeRatio(g, m);
  return r !== null && r > FEE_HARD_LIMIT;
}

/** Rule: the gig's client declined her before. */
export function declinedByClient(g: EvalGig, m: EvalMusician, w: EvalWorld): boolean {
  return indexOf(w).declined.has(`${g.client_id}:${m.id}`);
}

export type Infeasibility =
  | "instrument"
  | "blocked"
  | "busy"
  | "radius"
  | "fee"
  | "declined";

/** Every hard rule she fails, in booking order; empty = feasible. */
export function infeasibleReasons(g: EvalGig, m: EvalMusician, w: EvalWorld): Infeasibility[] {
  const out: Infeasibility[] = [];
  if (!playsRequiredInstrument(g, m)) out.push("instrument");
  if (blockedOnGigDate(g, m)) out.push("blocked");
  if (busyDuringGig(g, m, w)) out.push("busy");
  if (beyondTravelRadius(g, m)) out.push("radius");
  if (feeFarOverBudget(g, m)) out.push("fee");
  if (declinedByClient(g, m, w)) out.push("declined");
  return out;
}

/** Genre: "exact" = a shared genre after folding (or the gig names none); "family" = a shared family. */
export function genreMatch(g: EvalGig, m: EvalMusician): "exact" | "family" | "none" {
  if (g.genres.length === 0) return "exact";
  const hers = new Set(m.genres.map(foldGenre));
  if (g.genres.some((x) => hers.has(foldGenre(x)))) return "exact";
  const families = new Set(m.genres.map(genreFamily));
  return g.genres.some((x) => families.has(genreFamily(x))) ? "family" : "none";
}

/** Fee: "within" (fee_min ≤ budget_max, or currencies differ), "over20" (≤ 20 % over), "over50". */
export function feeFit(g: EvalGig, m: EvalMusician): "within" | "over20" | "over50" {
  const r = feeRatio(g, m);
  if (r === null || r <= 1) return "within";
  return r <= FEE_SOFT_LIMIT ? "over20" : "over50";
}

/** Rule table: 3 = exact & within; 2 = exact & ≤ 20 % over, or family & within; 1 = the rest. */
export function baseGrade(
  genre: "exact" | "family" | "none",
  fee: "within" | "over20" | "over50",
): 1 | 2 | 3 {
  if (genre === "exact" && fee === "within") return 3;
  if ((genre === "exact" && fee === "over20") || (genre === "family" && fee === "within")) return 2;
  return 1;
}

/** Her released ratings from every client: average and count (null average when none). */
export function ratingSummary(m: EvalMusician, w: EvalWorld): { avg: number | null; n: number } {
  const rs = indexOf(w).ratings.get(m.id) ?? [];
  return { avg: rs.length ? rs.reduce((a, b) => a + b, 0) / rs.length : null, n: rs.length };
}

/** Rule: poorly reviewed = average < 2.5 over at least 2 ratings. */
export function poorlyReviewed(m: EvalMusician, w: EvalWorld): boolean {
  const { avg, n } = ratingSummary(m, w);
  return n >= 2 && avg !== null && avg < 2.5;
}

/** Rule: this gig's client booked her before and rated her 4 or 5. */
export function rebookedFavourite(g: EvalGig, m: EvalMusician, w: EvalWorld): boolean {
  return indexOf(w).favourites.has(`${g.client_id}:${m.id}`);
}

/**
 * The grade. History moves a feasible grade by one step, never across feasibility: a poorly
 * reviewed musician drops one grade but not below 1 (she can still do the gig; a booker just
 * trusts her less), a client's own favourite rises one grade up to 3. Both can apply.
 */
export function grade(g: EvalGig, m: EvalMusician, w: EvalWorld): Grade {
  if (infeasibleReasons(g, m, w).length > 0) return 0;
  let out: number = baseGrade(genreMatch(g, m), feeFit(g, m));
  if (poorlyReviewed(m, w)) out = Math.max(1, out - 1);
  if (rebookedFavourite(g, m, w)) out = Math.min(3, out + 1);
  return out as Grade;
}

interface WorldIndex {
  busyRef: unknown[];
  busyLen: number;
  historyRef: EvalSignal[];
  historyLen: number;
  busy: Map<string, { starts_at: string; ends_at: string }[]>;
  declined: Set<string>;
  favourites: Set<string>;
  ratings: Map<string, number[]>;
}

const indexes = new WeakMap<EvalWorld, WorldIndex>();

/** Lookups over busy and history, rebuilt when the arrays change (the world grows while built). */
function indexOf(w: EvalWorld): WorldIndex {
  const hit = indexes.get(w);
  if (
    hit && hit.busyRef === w.busy && hit.busyLen === w.busy.length &&
    hit.historyRef === w.history && hit.historyLen === w.history.length
  ) return hit;
  const ix: WorldIndex = {
    busyRef: w.busy,
    busyLen: w.busy.length,
    historyRef: w.history,
    historyLen: w.history.length,
    busy: new Map(),
    declined: new Set(),
    favourites: new Set(),
    ratings: new Map(),
  };
  for (const b of w.busy) {
    const list = ix.busy.get(b.musician_id) ?? [];
    list.push(b);
    ix.busy.set(b.musician_id, list);
  }
  for (const s of w.history) {
    const key = `${s.client_id}:${s.musician_id}`;
    if (s.kind === "declined") ix.declined.add(key);
    if (s.kind === "booked" && s.rating !== null) {
      const list = ix.ratings.get(s.musician_id) ?? [];
      list.push(s.rating);
      ix.ratings.set(s.musician_id, list);
      if (s.rating >= 4) ix.favourites.add(key);
    }
  }
  indexes.set(w, ix);
  return ix;
}
