/**
 * Reference rankers over the world's plain objects, so the bench can show where the real
 * ranker stands: the "three-line rule" (same instrument first, then genre family, then
 * distance) and the oracle (ordering by the label itself: NDCG 1.0, a sanity check).
 *
 * @module
 */
import type { EvalGig, EvalMusician, EvalWorld } from "./types.ts";
import { genreFamily, gigDistanceKm, grade, playsRequiredInstrument } from "./labels.ts";

/** Sort key of the three-line rule: [plays it?, same genre family?, km]. Lower is better. */
export function threeLineKey(g: EvalGig, m: EvalMusician): [number, number, number] {
  const families = new Set(m.genres.map(genreFamily));
  const family = g.genres.length === 0 || g.genres.some((x) => families.has(genreFamily(x)));
  return [playsRequiredInstrument(g, m) ? 0 : 1, family ? 0 : 1, gigDistanceKm(g, m) ?? 0];
}

function byKey<T extends { id: string }>(items: T[], key: (x: T) => number[]): string[] {
  const keyed = items.map((x) => ({ id: x.id, k: key(x) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) if (a.k[i] !== b.k[i]) return a.k[i] - b.k[i];
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return keyed.map((x) => x.id);
}

export function threeLineMusiciansForGig(g: EvalGig, w: EvalWorld): string[] {
  return byKey(w.musicians, (m) => threeLineKey(g, m));
}

export function threeLineGigsForMusician(m: EvalMusician, w: EvalWorld): string[] {
  return byKey(w.gigs, (g) => threeLineKey(g, m));
}

export function oracleMusiciansForGig(g: EvalGig, w: EvalWorld): string[] {
  return byKey(w.musicians, (m) => [-grade(g, m, w)]);
}

export function oracleGigsForMusician(m: EvalMusician, w: EvalWorld): string[] {
  return byKey(w.gigs, (g) => [-grade(g, m, w)]);
}
