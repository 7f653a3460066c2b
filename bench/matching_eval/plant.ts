/**
 * Distractors planted around a drafted gig: strong-looking musicians booked or blocked that
 * night, fees 10 %, 40 % and 80 % over the budget, and nearby musicians who double on the
 * instrument but play a related or an unrelated style. At least KEEP_STRONG grade-3s stay.
 *
 * @module
 */
import type { EvalGig, EvalMusician, EvalWorld } from "./types.ts";
import type { Rng } from "./random.ts";
import type { ClientHome } from "./types.ts";
import {
  beyondTravelRadius,
  blockedOnGigDate,
  busyDuringGig,
  feeFarOverBudget,
  feeRatio,
  foldGenre,
  GENRE_FAMILY,
  genreFamily,
  genreMatch,
  gigDistanceKm,
  infeasibleReasons,
  localDate,
  playsRequiredInstrument,
} from "./labels.ts";

export const KEEP_STRONG = 5;
/** Fee distractors: [lower bound (exclusive), upper bound, multiple planted]. */
const FEE_BANDS: [number, number, number][] = [[1, 1.2, 1.1], [1.2, 1.5, 1.4], [
  1.5,
  Infinity,
  1.8,
]];

export function plantDistractors(
  rng: Rng,
  w: EvalWorld,
  g: EvalGig,
  strong: EvalMusician[],
  pinned: Set<string>,
  homes: ClientHome[],
  strongElsewhere: Map<string, number>,
): void {
  const dist = (m: EvalMusician) => gigDistanceKm(g, m) ?? 0;
  const spare = [...strong];
  let canTake = spare.length - KEEP_STRONG;
  const strongIds = new Set(strong.map((m) => m.id));
  // Same instrument, within reach, not strong: the fallback traps when no strong one is spare.
  const others = w.musicians.filter((m) =>
    !strongIds.has(m.id) && playsRequiredInstrument(g, m) && !beyondTravelRadius(g, m)
  ).sort((a, b) =>
    (strongElsewhere.get(a.id) ?? 0) - (strongElsewhere.get(b.id) ?? 0) || dist(a) - dist(b)
  );
  const used = new Set<string>();
  const usable = (m: EvalMusician, forFee: boolean) =>
    !used.has(m.id) && !(forFee && (pinned.has(m.id) || m.currency !== g.currency));
  const fromSpare = (forFee: boolean): EvalMusician | undefined => {
    const free = spare.filter((m) => usable(m, forFee));
    if (canTake <= 0 || free.length === 0) return undefined;
    canTake--;
    const m = rng.pick(free);
    used.add(m.id);
    return m;
  };
  const fromOthers = (forFee: boolean): EvalMusician | undefined => {
    const m = others.find((m) => usable(m, forFee));
    if (m) used.add(m.id);
    return m;
  };

  // Busy/blocked traps look strong (a spare grade-3 when there is one).
  const start = Date.parse(g.starts_at);
  const busy = fromSpare(false) ?? fromOthers(false);
  if (busy) {
    w.busy.push({
      musician_id: busy.id,
      client_id: rng.pick(homes.filter((h) => h.client.id !== g.client_id)).client.id,
      starts_at: new Date(start - 30 * 60_000).toISOString(),
      ends_at: new Date(start + (g.duration_minutes + 30) * 60_000).toISOString(),
    });
  }
  const blocked = fromSpare(false) ?? fromOthers(false);
  if (blocked) {
    const day = localDate(g.starts_at, g.timezone);
    blocked.blocked_dates = [...new Set([...blocked.blocked_dates, day])].sort();
  }

  // Fee traps come from the rest first, so the grade-3s stay.
  for (const [lo, hi, planted] of FEE_BANDS) {
    const present = others.some((m) => {
      const r = feeRatio(g, m);
      return r !== null && r > lo && r <= hi && !blockedOnGigDate(g, m) && !busyDuringGig(g, m, w);
    });
    if (present) continue;
    const m = fromOthers(true) ?? fromSpare(true);
    if (!m) continue;
    m.fee_min_minor = Math.ceil(g.budget_max_minor * planted / 1000) * 1000;
    m.fee_max_minor = Math.round(m.fee_min_minor * 1.4 / 1000) * 1000;
    pinned.add(m.id);
  }

  // Genre traps: someone nearby, free and affordable, who doubles on the instrument. When no
  // neighbour has a related style, one with an unrelated style picks up a sibling genre.
  if (g.instruments.length === 0 || g.genres.length === 0) return; // everyone competes already
  const feasible = (m: EvalMusician) => infeasibleReasons(g, m, w).length === 0;
  const neighbours = (want: "family" | "none") =>
    w.musicians.filter((m) =>
      !used.has(m.id) && !playsRequiredInstrument(g, m) && !beyondTravelRadius(g, m) &&
      !blockedOnGigDate(g, m) && !busyDuringGig(g, m, w) && !feeFarOverBudget(g, m) &&
      genreMatch(g, m) === want
    ).sort((a, b) => dist(a) - dist(b)).slice(0, 5);
  for (const want of ["family", "none"] as const) {
    if (others.some((m) => genreMatch(g, m) === want && feasible(m))) continue;
    let near = neighbours(want);
    const sibling = siblingGenre(g);
    if (near.length === 0 && want === "family" && sibling) {
      near = neighbours("none").map((m) => {
        m.genres = [...m.genres, sibling];
        m.bio = `${m.bio} These days a lot of ${sibling.toLowerCase()} too.`;
        return m;
      }).slice(0, 1);
    }
    if (near.length === 0) continue;
    const m = rng.pick(near);
    used.add(m.id);
    pinned.add(m.id); // a later gig's fee trap must not price her out of this one
    m.instruments = [...m.instruments, g.instruments[0]];
    m.bio = `${m.bio} I also play ${g.instruments[0].toLowerCase()}.`;
  }
}

/** A genre of the gig's family that the gig does not name (null when it names them all). */
function siblingGenre(g: EvalGig): string | null {
  const named = new Set(g.genres.map(foldGenre));
  const family = genreFamily(g.genres[0]);
  return Object.entries(GENRE_FAMILY).find(([genre, f]) => f === family && !named.has(genre))
    ?.[0] ??
    null;
}
