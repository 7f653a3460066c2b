/**
 * The search strategy, in priority order: the plan's search terms and the searches for the
 * prompt's details, then its genres, then its mood words, then a fallback (the playlist's name,
 * then the bare mood). Each query carries a weight for ranking, a label, and the detail it
 * searches for (the tracks' reasons name it).
 *
 * @module
 */
import { MOOD_KEYS, type MoodKey, MOODS } from "./lexicon.ts";
import type { DjPlan } from "./types.ts";

export type QueryKind = "term" | "genre" | "mood" | "fallback";

export interface Query {
  /** Priority order, 0 first. */
  id: number;
  kind: QueryKind;
  /** The words searched for (a genre's name for `genre`). */
  text: string;
  /** How much being found by it counts when ranking. */
  weight: number;
  /** Names the query in logs and errors: `“lofi study”`, `genre “lo-fi”`, `mood “calm”`. */
  label: string;
  /** The detail of the prompt (its own words) this query searches for, if any. */
  detail?: string;
}

export const KIND_WEIGHT: Record<QueryKind, number> = {
  term: 1,
  genre: 0.8,
  mood: 0.6,
  fallback: 0.3,
};

const MAX_QUERIES = 16;

/** Lower case, single spaces, no quotes: what decides whether two queries are the same. */
const norm = (s: string) => s.toLowerCase().replace(/["“”]/g, "").replace(/\s+/g, " ").trim();

export function buildQueries(plan: DjPlan): Query[] {
  const out: Query[] = [];
  const seen = new Set<string>();
  const add = (kind: QueryKind, raw: string, label: string) => {
    const text = norm(raw).slice(0, 100);
    const key = `${kind === "genre" ? "g" : "q"}|${text}`;
    if (!text || seen.has(key) || out.length >= MAX_QUERIES) return;
    seen.add(key);
    out.push({ id: out.length, kind, text, weight: KIND_WEIGHT[kind], label });
  };
  for (const t of plan.search_terms) add("term", t, `“${norm(t)}”`);
  // A detail's search may already be a term: that query then searches for the detail too.
  for (const d of plan.details.slice(0, 4)) {
    if (!d.search) continue;
    add("term", d.search, `“${norm(d.search)}”`);
    const q = out.find((q) => q.kind === "term" && q.text === norm(d.search!).slice(0, 100));
    if (q && !q.detail) q.detail = d.text;
  }
  for (const g of plan.genres.slice(0, 4)) add("genre", g, `genre “${norm(g)}”`);
  const keys = norm(plan.mood).split(" ").filter((w): w is MoodKey =>
    (MOOD_KEYS as readonly string[]).includes(w)
  );
  for (const k of keys.slice(0, 2)) add("mood", MOODS[k].words.join(" "), `mood “${k}”`);
  if (!keys.length) add("mood", plan.mood, `mood “${norm(plan.mood)}”`);
  add("fallback", plan.playlist_name, `“${norm(plan.playlist_name)}”`);
  if (keys[0]) add("fallback", MOODS[keys[0]].words[0], `“${MOODS[keys[0]].words[0]}”`);
  return out;
}
