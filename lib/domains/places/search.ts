/**
 * Searching the gazetteer as a person types ("lis" → Lisbon first) and resolving what a form
 * posted ("Springfield" → which one?) to one place.
 *
 * @module
 */
import { type Entry, fold, gazetteer, type Place, toPlace } from "./gazetteer.ts";

export const PLACE_QUERY_MAX_CHARS = 80;
export const PLACE_LIMIT_MAX = 20;

/**
 * How well an entry's name answers the query's head: 0 the whole name, 1 its start, 2 the start
 * of a later word ("paulo"), 3 its province, 4 its country; -1 not at all.
 */
function rank(e: Entry, head: string): number {
  let best = -1;
  for (const k of e.keys) {
    const r = k === head ? 0 : k.startsWith(head) ? 1 : k.includes(` ${head}`) ? 2 : -1;
    if (r >= 0 && (best < 0 || r < best)) best = r;
  }
  if (best >= 0) return best;
  if (e.provinceKey.startsWith(head)) return 3;
  if (e.countryKey.startsWith(head)) return 4;
  return -1;
}

/** "Springfield, Illinois" → head "springfield", qualifiers ["illinois"]. */
function parse(text: string): { head: string; quals: string[] } {
  const [head = "", ...quals] = text.split(",").map(fold);
  return { head, quals: quals.filter(Boolean) };
}

/**
 * Each qualifier names the entry's province or country (by name's start, or its code), or is part
 * of a name that has a comma itself ("Washington, D.C.").
 */
function qualifies(e: Entry, quals: string[]): boolean {
  return quals.every((q) =>
    q === e.country.toLowerCase() || e.provinceKey.startsWith(q) || e.countryKey.startsWith(q) ||
    e.keys.some((k) => k.includes(` ${q}`))
  );
}

interface Ranked {
  entry: Entry;
  rank: number;
}

async function ranked(text: string, country: string | undefined): Promise<Ranked[]> {
  const { head, quals } = parse(text);
  if (!head) return [];
  const out: Ranked[] = [];
  for (const entry of await gazetteer()) {
    if (country && entry.country !== country) continue;
    const r = rank(entry, head);
    if (r >= 0 && qualifies(entry, quals)) out.push({ entry, rank: r });
  }
  // Stable: within a rank the gazetteer's order (largest first) stays.
  return out.sort((a, b) => a.rank - b.rank);
}

/**
 * Places whose name (in any spelling, accents and case ignored) starts with `q`, whole names
 * first, then larger places first; `country` (ISO alpha-2) narrows to one country.
 */
export async function searchPlaces(
  q: string,
  opts: { country?: string; limit?: number } = {},
): Promise<Place[]> {
  const limit = Math.min(Math.max(opts.limit ?? 8, 1), PLACE_LIMIT_MAX);
  return (await ranked(q, opts.country)).slice(0, limit).map((r) => toPlace(r.entry));
}

export type Resolution =
  | { status: "found"; place: Place }
  /** Several places have that name: the person picks one. */
  | { status: "ambiguous"; choices: Place[] }
  /** No place has that name; these start like it (maybe none). */
  | { status: "unknown"; suggestions: Place[] };

/** A namesake this many times larger is the one people mean ("London" is not London, Ontario). */
const DOMINANT = 10;
const CHOICES = 8;

/**
 * The one place a typed city means: its label as the search gave it, or a name that is unique, or
 * far larger than its namesakes; in `country` when it has the name, else anywhere (a country left
 * from an earlier city must not hide the new one).
 */
export async function resolvePlace(text: string, country?: string): Promise<Resolution> {
  const wanted = fold(text);
  if (!wanted) return { status: "unknown", suggestions: [] };
  let found = await ranked(text, country);
  if (country && !found.some((r) => r.rank === 0)) found = await ranked(text, undefined);
  const byLabel = found.find((r) => fold(r.entry.label) === wanted);
  if (byLabel) return { status: "found", place: toPlace(byLabel.entry) };
  const exact = found.filter((r) => r.rank === 0).map((r) => r.entry);
  if (
    exact.length === 1 ||
    (exact.length > 1 && exact[0].population >= DOMINANT * exact[1].population)
  ) {
    return { status: "found", place: toPlace(exact[0]) };
  }
  if (exact.length > 1) {
    return { status: "ambiguous", choices: exact.slice(0, CHOICES).map(toPlace) };
  }
  return { status: "unknown", suggestions: found.slice(0, 5).map((r) => toPlace(r.entry)) };
}

/**
 * The gazetteer's place for a stored city (so an edit form shows "Springfield, Illinois, United
 * States" back): that name in that country, the nearest to the stored position; null if unknown.
 */
export async function placeOf(
  stored: { city: string | null; country: string | null; lat?: number | null; lng?: number | null },
): Promise<Place | null> {
  const name = fold(stored.city ?? "");
  if (!name) return null;
  let best: Entry | null = null;
  let bestD = Infinity;
  for (const e of await gazetteer()) {
    if (!e.keys.includes(name) || (stored.country && e.country !== stored.country)) continue;
    const d = stored.lat == null || stored.lng == null
      ? 0
      : (e.lat - stored.lat) ** 2 + (e.lng - stored.lng) ** 2;
    if (d < bestD) [best, bestD] = [e, d];
  }
  return best && toPlace(best);
}
