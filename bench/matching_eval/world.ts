/**
 * The matching evaluation world: ~400 musicians, ~25 clients, ~120 open gigs and their past
 * interactions, generated from a fixed seed relative to `today`. Musicians concentrate in the
 * scenes each city cluster is known for, so every gig has real competition; gigs.ts then plants
 * the distractors a booker's rules must see through. Run this file to print the grade histogram
 * and the baseline's scores.
 *
 * @module
 */
import type { ClientHome, EvalMusician, EvalWorld } from "./types.ts";
import { addDays, mulberry32, type Rng } from "./random.ts";
import {
  CITIES,
  type City,
  CLIENT_WORDS,
  FAMILY_INSTRUMENTS,
  FEE_RANGE,
  FIRST_NAMES,
  GENRE_VARIANTS,
  INSTRUMENT_VARIANTS,
  LAST_NAMES,
  SCENES,
  SKILLS,
} from "./vocab.ts";
import { listPhrase, musicianBio } from "./text.ts";
import { makeGigs } from "./gigs.ts";
import { makeHistory } from "./history.ts";

export type * from "./types.ts";

const SEED = 18_2026;

/** Clients per city (25 in all), roughly following where the gigs are. */
const CLIENTS_PER_CITY: Record<string, number> = {
  Lisbon: 3,
  Cascais: 1,
  Porto: 3,
  London: 4,
  Brighton: 2,
  Manchester: 3,
  Berlin: 3,
  Paris: 3,
  "New York": 2,
  Philadelphia: 1,
};

export function evalWorld(today: Date): EvalWorld {
  const rng = mulberry32(SEED);
  const todayStr = today.toISOString().slice(0, 10);
  const homes = makeClients(rng);
  const world: EvalWorld = {
    today: todayStr,
    musicians: makeMusicians(rng, todayStr),
    clients: homes.map((h) => h.client),
    gigs: [],
    busy: [],
    history: [],
  };
  addBackgroundBookings(rng, world, homes);
  world.gigs = makeGigs(rng, world, homes);
  world.history = makeHistory(rng, world, homes);
  return world;
}

function makeClients(rng: Rng): ClientHome[] {
  const out: ClientHome[] = [];
  for (const city of CITIES) {
    for (let i = 0; i < (CLIENTS_PER_CITY[city.name] ?? 0); i++) {
      const name = rng.chance(0.5)
        ? `${rng.pick(city.venues)} ${rng.pick(CLIENT_WORDS)}`
        : `${rng.pick(LAST_NAMES[city.country])} ${rng.pick(CLIENT_WORDS)}`;
      out.push({ client: { id: rng.uuid(), display_name: name }, city });
    }
  }
  return out;
}

const FAMILIES = Object.keys(GENRE_VARIANTS);

function makeMusicians(rng: Rng, today: string): EvalMusician[] {
  const out: EvalMusician[] = [];
  for (const city of CITIES) {
    const scenes = SCENES[city.cluster];
    for (let i = 0; i < city.musicians; i++) {
      // Three in four belong to one of the cluster's scenes (round-robin keeps them even).
      const [main, family] = rng.chance(0.75) ? scenes[i % scenes.length] : (() => {
        const f = rng.pick(FAMILIES);
        return [rng.pick(FAMILY_INSTRUMENTS[f]), f] as [string, string];
      })();
      out.push(makeMusician(rng, today, city, main, family));
    }
  }
  return out;
}

function makeMusician(rng: Rng, today: string, city: City, main: string, family: string) {
  const instruments = [main];
  if (rng.chance(0.3)) {
    const second = rng.pick(FAMILY_INSTRUMENTS[family]);
    if (second !== main) instruments.push(second);
  }
  const fam = GENRE_VARIANTS[family];
  const [head, ...subs] = Object.keys(fam);
  const genres = rng.chance(0.8) ? [head] : [];
  for (const s of rng.shuffle([...subs]).slice(0, rng.int(genres.length ? 0 : 1, 2))) {
    genres.push(s);
  }
  if (rng.chance(0.25)) {
    const other = GENRE_VARIANTS[rng.pick(FAMILIES.filter((f) => f !== family))];
    genres.push(rng.pick(Object.keys(other)));
  }
  const genreTags = genres.map((g) => rng.pick(genreVariants(g)));
  const instTags = instruments.map((x) => rng.pick(INSTRUMENT_VARIANTS[x]));
  const [lo, hi] = FEE_RANGE[city.currency];
  const feeMin = Math.round((lo + (hi - lo) * rng.next() ** 1.3) / 10) * 1000;
  const r = rng.next();
  const radius = r < 0.3 ? rng.int(15, 40) : r < 0.7 ? rng.int(40, 150) : rng.int(150, 500);
  const blocked = new Set<string>();
  for (let i = rng.int(0, 4); i > 0; i--) blocked.add(addDays(today, rng.int(1, 60)));
  const first = rng.pick(FIRST_NAMES[city.country]);
  const last = rng.pick(LAST_NAMES[city.country]);
  const stage = main === "dj" && rng.chance(0.6) ? `DJ ${first}` : `${first} ${last}`;
  const skills = rng.shuffle([...SKILLS]).slice(0, rng.int(1, 3));
  const extra = instruments.length > 1 ? `I double on ${instTags[1].toLowerCase()}.` : "";
  return {
    id: rng.uuid(),
    stage_name: stage,
    bio: musicianBio(
      rng.pick,
      city,
      instTags[0].toLowerCase(),
      listPhrase(genreTags.map((g) => g.toLowerCase())),
      extra,
    ),
    instruments: instTags,
    genres: genreTags,
    skills,
    languages: ["English", ...city.languages],
    city: city.name,
    country: city.country,
    lat: round5(city.lat + (rng.next() - 0.5) * 0.06),
    lng: round5(city.lng + (rng.next() - 0.5) * 0.08),
    travel_radius_km: radius,
    fee_min_minor: feeMin,
    fee_max_minor: Math.round(feeMin * (1.2 + rng.next() * 0.8) / 1000) * 1000,
    currency: city.currency,
    blocked_dates: [...blocked].sort(),
    split: rng.chance(0.5) ? "train" : "held_out",
  } satisfies EvalMusician;
}

/** Confirmed bookings on random nights: noise that sometimes collides with a gig. */
function addBackgroundBookings(rng: Rng, w: EvalWorld, homes: ClientHome[]): void {
  for (const m of w.musicians) {
    if (!rng.chance(0.25)) continue;
    const home = rng.pick(homes);
    const day = addDays(w.today, rng.int(1, 60));
    const start = Date.parse(`${day}T${String(rng.int(17, 21)).padStart(2, "0")}:00:00Z`);
    w.busy.push({
      musician_id: m.id,
      client_id: home.client.id,
      starts_at: new Date(start).toISOString(),
      ends_at: new Date(start + rng.int(2, 4) * 3_600_000).toISOString(),
    });
  }
}

export function genreVariants(canonical: string): string[] {
  for (const fam of Object.values(GENRE_VARIANTS)) if (fam[canonical]) return fam[canonical];
  return [canonical];
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

if (import.meta.main) {
  const { report } = await import("./report.ts");
  console.log(report(evalWorld(new Date())));
}
