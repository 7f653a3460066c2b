import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import type { EvalGig, EvalMusician, EvalSignal, EvalWorld } from "./types.ts";
import {
  baseGrade,
  beyondTravelRadius,
  blockedOnGigDate,
  busyDuringGig,
  declinedByClient,
  feeFarOverBudget,
  feeFit,
  foldGenre,
  foldInstrument,
  genreFamily,
  genreMatch,
  grade,
  haversineKm,
  localDate,
  playsRequiredInstrument,
  poorlyReviewed,
  rebookedFavourite,
} from "./labels.ts";
import { GENRE_VARIANTS, INSTRUMENT_VARIANTS } from "./vocab.ts";

const LISBON = { lat: 38.7223, lng: -9.1393 };
const PORTO = { lat: 41.1579, lng: -8.6291 };
const CASCAIS = { lat: 38.6979, lng: -9.4215 };

function musician(over: Partial<EvalMusician> = {}): EvalMusician {
  return {
    id: "m1",
    stage_name: "Inês Silva",
    bio: "Sax player in Lisbon.",
    instruments: ["Alto sax"],
    genres: ["Jazz", "bebop"],
    skills: [],
    languages: ["English"],
    city: "Lisbon",
    country: "PT",
    ...LISBON,
    travel_radius_km: 50,
    fee_min_minor: 30000,
    fee_max_minor: 45000,
    currency: "EUR",
    blocked_dates: [],
    split: "train",
    ...over,
  };
}

function gig(over: Partial<EvalGig> = {}): EvalGig {
  return {
    id: "g1",
    client_id: "c1",
    title: "Jazz night",
    description: "Sax for a jazz night.",
    kind: "live_show",
    genres: ["jazz"],
    instruments: ["saxophone"],
    starts_at: "2027-01-15T20:00:00.000Z", // 20:00 in Lisbon (UTC+0 in winter)
    timezone: "Europe/Lisbon",
    duration_minutes: 120,
    remote: false,
    venue_name: "Hot Clube",
    city: "Lisbon",
    country: "PT",
    ...LISBON,
    budget_min_minor: 20000,
    budget_max_minor: 30000,
    currency: "EUR",
    split: "train",
    ...over,
  };
}

function world(over: Partial<EvalWorld> = {}): EvalWorld {
  return {
    today: "2027-01-01",
    musicians: [],
    clients: [],
    gigs: [],
    busy: [],
    history: [],
    ...over,
  };
}

const signal = (
  kind: EvalSignal["kind"],
  client: string,
  rating: number | null = null,
): EvalSignal => ({
  kind,
  client_id: client,
  musician_id: "m1",
  rating,
  at: "2026-12-01T12:00:00.000Z",
});

Deno.test("haversine: Lisbon–Porto ≈ 275 km, Lisbon–Cascais ≈ 25 km", () => {
  const porto = haversineKm(LISBON.lat, LISBON.lng, PORTO.lat, PORTO.lng);
  const cascais = haversineKm(LISBON.lat, LISBON.lng, CASCAIS.lat, CASCAIS.lng);
  assert(porto > 270 && porto < 280, `Lisbon–Porto ${porto}`);
  assert(cascais > 22 && cascais < 27, `Lisbon–Cascais ${cascais}`);
});

Deno.test("folding: every spelling the world uses folds to its canonical tag", () => {
  for (const [canonical, variants] of Object.entries(INSTRUMENT_VARIANTS)) {
    for (const v of variants) assertEquals(foldInstrument(v), canonical, v);
  }
  for (const [family, genres] of Object.entries(GENRE_VARIANTS)) {
    for (const [canonical, variants] of Object.entries(genres)) {
      for (const v of variants) {
        assertEquals(foldGenre(v), canonical, v);
        assertEquals(genreFamily(v), family, v);
      }
    }
  }
  assertEquals(foldInstrument("Keys"), foldInstrument("piano"));
  assertEquals(foldInstrument("upright bass"), "double bass");
  assert(
    foldInstrument("double bass") !== foldInstrument("bass guitar"),
    "upright ≠ electric bass",
  );
  assertEquals(foldGenre("R&B"), foldGenre("rnb"));
  assertEquals(foldGenre("Hip Hop"), "hip-hop");
});

Deno.test("rule: instrument — folded match; a gig naming none takes anyone", () => {
  assert(playsRequiredInstrument(gig(), musician()));
  assert(!playsRequiredInstrument(gig({ instruments: ["Drummer"] }), musician()));
  assert(playsRequiredInstrument(gig({ instruments: ["drums", "sax"] }), musician()));
  assert(playsRequiredInstrument(gig({ instruments: [] }), musician()));
});

Deno.test("rule: blocked on the gig's local date, not its UTC date", () => {
  // 23:30 in New York on Jan 15 is Jan 16 in UTC.
  const late = gig({ starts_at: "2027-01-16T04:30:00.000Z", timezone: "America/New_York" });
  assertEquals(localDate(late.starts_at, late.timezone), "2027-01-15");
  assert(blockedOnGigDate(late, musician({ blocked_dates: ["2027-01-15"] })));
  assert(!blockedOnGigDate(late, musician({ blocked_dates: ["2027-01-16"] })));
});

Deno.test("rule: busy when a confirmed booking overlaps (touching ends do not)", () => {
  const booked = (starts_at: string, ends_at: string) =>
    world({ busy: [{ musician_id: "m1", client_id: "c9", starts_at, ends_at }] });
  const g = gig(); // 20:00–22:00Z
  assert(busyDuringGig(g, musician(), booked("2027-01-15T21:00:00Z", "2027-01-15T23:00:00Z")));
  assert(!busyDuringGig(g, musician(), booked("2027-01-15T22:00:00Z", "2027-01-15T23:00:00Z")));
  assert(!busyDuringGig(g, musician(), booked("2027-01-15T17:00:00Z", "2027-01-15T20:00:00Z")));
});

Deno.test("rule: travel radius is great-circle; remote gigs ignore distance", () => {
  const fromPorto = musician({ ...PORTO, travel_radius_km: 250 });
  assert(beyondTravelRadius(gig(), fromPorto));
  assert(!beyondTravelRadius(gig(), musician({ ...PORTO, travel_radius_km: 300 })));
  assert(!beyondTravelRadius(gig({ remote: true, lat: null, lng: null, city: null }), fromPorto));
});

Deno.test("rule: fee — hard limit 1.5 × budget in the same currency only", () => {
  assert(!feeFarOverBudget(gig(), musician({ fee_min_minor: 45000 }))); // exactly 1.5
  assert(feeFarOverBudget(gig(), musician({ fee_min_minor: 45100 })));
  assert(!feeFarOverBudget(gig(), musician({ fee_min_minor: 90000, currency: "GBP" })));
  assertEquals(feeFit(gig(), musician({ fee_min_minor: 30000 })), "within");
  assertEquals(feeFit(gig(), musician({ fee_min_minor: 36000 })), "over20");
  assertEquals(feeFit(gig(), musician({ fee_min_minor: 36100 })), "over50");
  assertEquals(feeFit(gig(), musician({ fee_min_minor: 90000, currency: "USD" })), "within");
});

Deno.test("rule: declined by this gig's client only", () => {
  const w = world({ history: [signal("declined", "c1")] });
  assert(declinedByClient(gig(), musician(), w));
  assert(!declinedByClient(gig({ client_id: "c2" }), musician(), w));
});

Deno.test("rule: genre exact / family / none, after folding", () => {
  assertEquals(genreMatch(gig({ genres: ["Be-Bop"] }), musician()), "exact");
  assertEquals(genreMatch(gig({ genres: ["swing"] }), musician()), "family");
  assertEquals(genreMatch(gig({ genres: ["techno"] }), musician()), "none");
  assertEquals(genreMatch(gig({ genres: [] }), musician()), "exact");
});

Deno.test("rule table: base grades", () => {
  assertEquals(baseGrade("exact", "within"), 3);
  assertEquals(baseGrade("exact", "over20"), 2);
  assertEquals(baseGrade("family", "within"), 2);
  assertEquals(baseGrade("family", "over20"), 1);
  assertEquals(baseGrade("none", "within"), 1);
  assertEquals(baseGrade("exact", "over50"), 1);
});

Deno.test("grade: each hard rule gives 0", () => {
  const w = world();
  assertEquals(grade(gig(), musician(), w), 3);
  assertEquals(grade(gig({ instruments: ["piano"] }), musician(), w), 0);
  assertEquals(grade(gig(), musician({ blocked_dates: ["2027-01-15"] }), w), 0);
  assertEquals(grade(gig(), musician({ ...PORTO, travel_radius_km: 100 }), w), 0);
  assertEquals(grade(gig(), musician({ fee_min_minor: 50000 }), w), 0);
  assertEquals(grade(gig(), musician(), world({ history: [signal("declined", "c1")] })), 0);
  assertEquals(grade(gig({ genres: ["techno"] }), musician({ fee_min_minor: 40000 }), w), 1);
});

Deno.test("history: poor reviews drop one grade (never below 1); the client's favourite rises", () => {
  const poor = world({ history: [signal("booked", "c7", 2), signal("booked", "c8", 2)] });
  assert(poorlyReviewed(musician(), poor));
  assertEquals(grade(gig(), musician(), poor), 2);
  assertEquals(grade(gig({ genres: ["techno"] }), musician(), poor), 1, "floor at 1");
  const once = world({ history: [signal("booked", "c7", 1)] });
  assert(!poorlyReviewed(musician(), once), "one review is not enough");
  const fan = world({ history: [signal("booked", "c1", 5)] });
  assert(rebookedFavourite(gig(), musician(), fan));
  assertEquals(grade(gig({ genres: ["swing"] }), musician(), fan), 3);
  assertEquals(grade(gig(), musician(), fan), 3, "capped at 3");
  assert(!rebookedFavourite(gig({ client_id: "c2" }), musician(), fan), "another client's review");
  assertEquals(grade(gig({ instruments: ["drums"] }), musician(), fan), 0, "history never revives");
});
