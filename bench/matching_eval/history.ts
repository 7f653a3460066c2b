/**
 * Past interactions (30–60 days before `today`), generated from a hidden per-musician
 * reliability the ranker can only infer from the signals: reliable musicians get shortlisted and
 * booked and reviewed 4–5; unreliable ones are reviewed 1–2 and declined more often. Most
 * interactions are between a client and musicians relevant to that client's open gigs, so the
 * signals matter for the labels.
 *
 * @module
 */
import type { EvalMusician, EvalSignal, EvalWorld } from "./types.ts";
import type { Rng } from "./random.ts";
import type { ClientHome } from "./types.ts";
import { grade } from "./labels.ts";

const SIGNALS = 300;
const UNRELIABLE_SHARE = 0.12;
/** Unreliable musicians given two or three poor reviews up front (so the labels can see them). */
const REVIEWED_UNRELIABLE = 25;

export function makeHistory(rng: Rng, w: EvalWorld, _homes: ClientHome[]): EvalSignal[] {
  const relevant = new Map<string, EvalMusician[]>();
  for (const g of w.gigs) {
    const list = relevant.get(g.client_id) ?? [];
    const seen = new Set(list.map((m) => m.id));
    for (const m of w.musicians) {
      if (!seen.has(m.id) && grade(g, m, w) >= 1) list.push(m);
    }
    relevant.set(g.client_id, list);
  }
  const unreliable = new Set(
    w.musicians.filter(() => rng.chance(UNRELIABLE_SHARE)).map((m) => m.id),
  );
  const noon = Date.parse(`${w.today}T12:00:00Z`);
  const at = () => new Date(noon - rng.int(30 * 24, 60 * 24) * 3_600_000).toISOString();
  const out: EvalSignal[] = [];
  const signal = (
    kind: EvalSignal["kind"],
    clientId: string,
    m: EvalMusician,
    rating: number | null,
  ) => out.push({ kind, client_id: clientId, musician_id: m.id, rating, at: at() });

  const relevantIds = new Set([...relevant.values()].flat().map((m) => m.id));
  const flaky = rng.shuffle(
    w.musicians.filter((m) => unreliable.has(m.id) && relevantIds.has(m.id)),
  );
  for (const m of flaky.slice(0, REVIEWED_UNRELIABLE)) {
    for (const c of rng.shuffle([...w.clients]).slice(0, rng.int(2, 3))) {
      signal("booked", c.id, m, rng.pick([1, 1, 2, 2, 3]));
    }
  }
  while (out.length < SIGNALS) {
    const c = rng.pick(w.clients);
    const pool = relevant.get(c.id) ?? [];
    const m = pool.length && rng.chance(0.75) ? rng.pick(pool) : rng.pick(w.musicians);
    const r = rng.next();
    if (!unreliable.has(m.id)) {
      if (r < 0.35) signal("shortlisted", c.id, m, null);
      else if (r < 0.8) {
        signal("booked", c.id, m, rng.chance(0.1) ? null : rng.pick([3, 4, 4, 5, 5, 5]));
      } else if (r < 0.9) signal("declined", c.id, m, null);
      else signal("withdrawn", c.id, m, null);
    } else {
      if (r < 0.15) signal("shortlisted", c.id, m, null);
      else if (r < 0.55) signal("booked", c.id, m, rng.pick([1, 2, 2, 3]));
      else if (r < 0.85) signal("declined", c.id, m, null);
      else signal("withdrawn", c.id, m, null);
    }
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}
