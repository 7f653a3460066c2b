/**
 * Open gigs of the evaluation world. Each gig is drafted from its cluster's scenes (so it has
 * real competition: at least five grade-3 musicians for most gigs), then distractors are planted
 * around it: strong-looking musicians booked or blocked that night, and fees 10 %, 40 % and
 * 80 % over the budget.
 *
 * @module
 */
import type { EvalGig, EvalMusician, EvalWorld, GigKind } from "./types.ts";
import { addDays, type Rng, zonedToUtc } from "./random.ts";
import {
  CITIES,
  type City,
  FAMILY_INSTRUMENTS,
  FEE_RANGE,
  GENRE_VARIANTS,
  INSTRUMENT_VARIANTS,
  SCENES,
} from "./vocab.ts";
import { gigDescription, listPhrase } from "./text.ts";
import type { ClientHome } from "./types.ts";
import { beyondTravelRadius, genreMatch, grade, playsRequiredInstrument } from "./labels.ts";
import { plantDistractors } from "./plant.ts";

const REMOTE_GIGS = 10;
const ANY_ACT_GIGS = 4;
const ANY_STYLE_GIGS = 5;
const ATTEMPTS = 12;
/** Strong candidates a draft should have before planting takes some away. */
const WANT_STRONG = 9;

export function makeGigs(rng: Rng, w: EvalWorld, homes: ClientHome[]): EvalGig[] {
  const plan: { city: City | null; home: ClientHome }[] = [];
  for (const city of CITIES) {
    const local = homes.filter((h) => h.city.name === city.name);
    const near = local.length ? local : homes.filter((h) => h.city.cluster === city.cluster);
    for (let i = 0; i < city.gigs; i++) plan.push({ city, home: rng.pick(near) });
  }
  for (let i = 0; i < REMOTE_GIGS; i++) plan.push({ city: null, home: rng.pick(homes) });
  // A few posts name no instrument ("any act") or no style; chosen up front, since drafting
  // keeps the draft with the most strong candidates and would otherwise favour them.
  const order = rng.shuffle(plan.map((_, i) => i));
  const anyAct = new Set(order.slice(0, ANY_ACT_GIGS));
  const anyStyle = new Set(order.slice(ANY_ACT_GIGS, ANY_ACT_GIGS + ANY_STYLE_GIGS));
  const drafts = plan.map(({ city, home }, n) => {
    let best: { gig: EvalGig; strong: EvalMusician[] } | null = null;
    for (let i = 0; i < ATTEMPTS && (best?.strong.length ?? 0) < WANT_STRONG; i++) {
      const gig = draftGig(rng, w, city, home, anyAct.has(n), anyStyle.has(n));
      const strong = w.musicians.filter((m) => grade(gig, m, w) === 3);
      if (!best || strong.length > best.strong.length) best = { gig, strong };
    }
    return best!;
  });
  // Traps are planted once every gig is drafted, so a fee trap can avoid musicians that are
  // strong for another gig (repricing them would take that gig's grade-3s away).
  const strongElsewhere = new Map<string, number>();
  for (const d of drafts) {
    for (const m of d.strong) strongElsewhere.set(m.id, (strongElsewhere.get(m.id) ?? 0) + 1);
  }
  const pinned = new Set<string>(); // musicians a previous gig already repriced or retrained
  for (const d of drafts) plantDistractors(rng, w, d.gig, d.strong, pinned, homes, strongElsewhere);
  return drafts.map((d) => d.gig);
}

function draftGig(
  rng: Rng,
  w: EvalWorld,
  city: City | null,
  home: ClientHome,
  anyInstrument: boolean,
  anyStyle: boolean,
): EvalGig {
  const base = city ?? home.city;
  const remote = city === null;
  const kind: GigKind = remote ? rng.pick(["session", "teaching"] as const) : (() => {
    const r = rng.next();
    return r < 0.7 ? "live_show" : r < 0.82 ? "other" : r < 0.92 ? "session" : "teaching";
  })();
  const [inst, family] = rng.pick(SCENES[base.cluster]);
  const instruments = anyInstrument ? [] : [inst];
  if (instruments.length && rng.chance(0.25)) {
    const other = rng.pick(FAMILY_INSTRUMENTS[family]);
    if (other !== inst) instruments.push(other);
  }
  const [head, ...subs] = Object.keys(GENRE_VARIANTS[family]);
  const r = rng.next();
  const genres = anyStyle
    ? []
    : r < 0.55
    ? [head]
    : r < 0.75
    ? [head, rng.pick(subs)]
    : r < 0.9
    ? [rng.pick(subs)]
    : rng.shuffle([...subs]).slice(0, 2);
  const instTags = instruments.map((x) => rng.pick(INSTRUMENT_VARIANTS[x]));
  const genreTags = genres.map((g) => rng.pick(GENRE_VARIANTS[family][g]));
  const day = addDays(w.today, rng.int(2, 60));
  const hour = kind === "session" ? rng.pick([17, 18, 19]) : rng.pick([19, 20, 21]);
  const venue = remote
    ? rng.pick(["Online", "Remote session", "Video call"])
    : rng.pick(base.venues);
  const place = remote ? "online" : base.name;
  const gig: EvalGig = {
    id: rng.uuid(),
    client_id: home.client.id,
    title: gigTitle(instTags, genreTags, kind, venue),
    description: gigDescription(
      rng.pick,
      kind,
      venue,
      place,
      listPhrase(instTags.map((t) => t.toLowerCase()), "or"),
      listPhrase(genreTags),
    ),
    kind,
    genres: genreTags,
    instruments: instTags,
    starts_at: zonedToUtc(day, hour, rng.pick([0, 30]), base.tz),
    timezone: base.tz,
    duration_minutes: rng.pick([90, 120, 150, 180, 240]),
    remote,
    venue_name: venue,
    city: remote ? null : base.name,
    country: remote ? null : base.country,
    lat: remote ? null : Math.round((base.lat + (rng.next() - 0.5) * 0.04) * 1e5) / 1e5,
    lng: remote ? null : Math.round((base.lng + (rng.next() - 0.5) * 0.05) * 1e5) / 1e5,
    budget_min_minor: 0,
    budget_max_minor: 0,
    currency: base.currency,
    split: rng.chance(0.5) ? "train" : "held_out",
  };
  // Budget from what the right musicians around charge: most fit, a tail does not.
  const fees = w.musicians.filter((m) =>
    m.currency === gig.currency && playsRequiredInstrument(gig, m) &&
    !beyondTravelRadius(gig, m) && genreMatch(gig, m) === "exact"
  ).map((m) => m.fee_min_minor).sort((a, b) => a - b);
  const p = rng.chance(0.08) ? 0.4 + rng.next() * 0.2 : 0.7 + rng.next() * 0.3;
  const [lo, hi] = FEE_RANGE[gig.currency];
  const budget = fees.length ? fees[Math.floor(p * (fees.length - 1))] : (lo + hi) * 50;
  gig.budget_max_minor = Math.ceil(budget / 1000) * 1000;
  gig.budget_min_minor = Math.round(gig.budget_max_minor * 0.6 / 1000) * 1000;
  return gig;
}

function gigTitle(inst: string[], genres: string[], kind: GigKind, venue: string): string {
  const who = inst.length ? inst[0].toLowerCase() : "live act";
  const what =
    { live_show: "night", session: "session", teaching: "workshop", other: "event" }[kind];
  return `${genres.length ? `${genres[0]} ` : ""}${what}: ${who} wanted (${venue})`.replace(
    /^./,
    (c) => c.toUpperCase(),
  );
}
