import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { EMBEDDING_DIMS } from "../../ports/ai/port.ts";
import { haversineKm, seededRandom } from "../gigs/facts.ts";
import { feeFit, genreFit, MATCH_WEIGHTS, playsWanted } from "./score.ts";
import {
  FEE_LEVELS,
  GENRE_SLOTS,
  genreBucket,
  gigMatchVector,
  H_INSTRUMENT,
  H_PLACE,
  INSTRUMENT_SLOTS,
  instrumentBucket,
  MATCH_DIMS,
  MATCH_VECTOR_VERSION,
  musicianMatchVector,
  parseVector,
  SEMANTIC_DIMS,
  SEVERAL_INSTRUMENTS,
  vectorLiteral,
} from "./vector.ts";

function assertAlmostEquals(actual: number, expected: number, tolerance: number, msg = "") {
  assert(Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected} ± ${tolerance} ${msg}`);
}

const dot = (a: number[], b: number[], from = 0, to = a.length) => {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i] * b[i];
  return s;
};

function randomUnit(rand: () => number): number[] {
  const v = Array.from({ length: EMBEDDING_DIMS }, () => rand() - 0.5);
  const n = Math.sqrt(dot(v, v));
  return v.map((x) => x / n);
}

const INSTRUMENTS = ["guitar", "Drummer", "vocals", "keys", "double bass", "theremin", "sitar"];
const GENRES = ["jazz", "R&B", "hip-hop", "rock", "polka", "fado", "swing", "indie"];
const CURRENCIES = ["EUR", "GBP", "USD", "INR", "BRL"];
const LISBON = { lat: 38.7223, lng: -9.1393 };
const zero = () => new Array(EMBEDDING_DIMS).fill(0);
const noFacts = { genres: [], instruments: [], fee_min_minor: null, currency: "EUR", place: null };
const noGig = { genres: [], instruments: [], budget_max_minor: null, currency: null, place: null };

Deno.test("match vectors - layout: a unit sketch of the embedding first, fixed size", () => {
  const rand = seededRandom("layout");
  const e = randomUnit(rand).map((x) => x * 3); // not unit: the sketch is made unit length
  const m = musicianMatchVector(e, { ...noFacts, genres: ["jazz"], instruments: ["guitar"] });
  const g = gigMatchVector(e, noGig);
  assertEquals([m.length, g.length], [MATCH_DIMS, MATCH_DIMS]);
  assertAlmostEquals(dot(m, m, 0, SEMANTIC_DIMS), 1, 1e-9);
  assertAlmostEquals(dot(m, g, 0, SEMANTIC_DIMS), 1, 1e-9, "the same text");
  assert(/^mv2-[0-9a-f]+$/.test(MATCH_VECTOR_VERSION));
  // The sketch keeps similarities on average: unrelated texts stay near 0.
  const sims = Array.from({ length: 200 }, () => {
    const a = musicianMatchVector(randomUnit(rand), noFacts);
    const b = gigMatchVector(randomUnit(rand), noGig);
    return dot(a, b, 0, SEMANTIC_DIMS);
  });
  assertAlmostEquals(sims.reduce((x, y) => x + y, 0) / sims.length, 0, 0.03);
  // A zero embedding stays zero rather than dividing by zero.
  assert(musicianMatchVector(zero(), noFacts).every(Number.isFinite));
});

Deno.test("match vectors - common tags have their own slot; synonyms share one", () => {
  assertEquals(new Set(INSTRUMENT_SLOTS.map(instrumentBucket)).size, INSTRUMENT_SLOTS.length);
  assertEquals(new Set(GENRE_SLOTS.map(genreBucket)).size, GENRE_SLOTS.length);
  const v = (instruments: string[]) => musicianMatchVector(zero(), { ...noFacts, instruments });
  assertEquals(v(["Drummer"]), v(["drums"]));
  assertEquals(v(["keys"]), v(["piano"]));
  assertEquals(v(["Alto sax"]), v(["saxophone"]));
});

/**
 * The inner product stands in for the score's instrument, genre and fee part: for a gig asking
 * for at most one instrument and one genre it is exact on instruments and genres and close on the
 * fee (interpolated between level bounds, so off only between bounds around the budget's kinks).
 */
Deno.test("match vectors - the inner product follows the facts' part of the score", () => {
  const rand = seededRandom("bound");
  const pick = <T>(xs: T[], n: number) =>
    Array.from({ length: n }, () => xs[Math.floor(rand() * xs.length)]);
  for (let i = 0; i < 2000; i++) {
    const m = {
      genres: pick(GENRES, Math.floor(rand() * 3)),
      instruments: pick(INSTRUMENTS, Math.floor(rand() * 3)),
      fee_min_minor: rand() < 0.1 ? null : Math.floor(rand() * 300000),
      currency: pick(CURRENCIES, 1)[0],
      place: null,
    };
    const g = {
      genres: pick(GENRES, Math.floor(rand() * 2)),
      instruments: pick(INSTRUMENTS, Math.floor(rand() * 2)),
      budget_max_minor: rand() < 0.1 ? null : Math.floor(rand() * 300000),
      currency: pick(CURRENCIES, 1)[0],
      place: null,
    };
    const mv = musicianMatchVector(randomUnit(rand), m);
    const gv = gigMatchVector(randomUnit(rand), g);
    // Past the semantic sketch and before the place: what the facts are worth, minus the
    // constant every profile gets (the place's "anywhere" slot).
    const facts = MATCH_WEIGHTS.semantic *
      (dot(mv, gv, SEMANTIC_DIMS) - H_PLACE / MATCH_WEIGHTS.semantic);
    const exact = MATCH_WEIGHTS.genre * genreFit(g.genres, m.genres) +
      H_INSTRUMENT * (playsWanted(g.instruments, m.instruments) ? 1 : 0) +
      MATCH_WEIGHTS.fee * feeFit(m.fee_min_minor, g.budget_max_minor, m.currency, g.currency);
    const slack = MATCH_WEIGHTS.fee * 0.35;
    assert(facts >= exact - slack, `case ${i}: ${facts} < ${exact} for ${JSON.stringify([m, g])}`);
  }
  // On a level bound, in the same currency: the fee slot is exact.
  const level = (budget: number) =>
    MATCH_WEIGHTS.semantic * dot(
      musicianMatchVector(zero(), { ...noFacts, fee_min_minor: FEE_LEVELS[6], currency: "GBP" }),
      gigMatchVector(zero(), { ...noGig, budget_max_minor: budget, currency: "GBP" }),
    );
  assertAlmostEquals(
    level(FEE_LEVELS[5]) - level(FEE_LEVELS[6]),
    MATCH_WEIGHTS.fee * (feeFit(FEE_LEVELS[6], FEE_LEVELS[5], "GBP", "GBP") - 1),
    1e-9,
  );
});

Deno.test("match vectors - players of a wanted instrument come first, near before far", () => {
  const gv = gigMatchVector(zero(), { ...noGig, instruments: ["guitar"], place: LISBON });
  const at = (instruments: string[], place: { lat: number; lng: number } | null) =>
    MATCH_WEIGHTS.semantic *
    dot(musicianMatchVector(zero(), { ...noFacts, instruments, place }), gv);
  const cascais = { lat: 38.6979, lng: -9.4215 };
  const porto = { lat: 41.1579, lng: -8.6291 };
  const madrid = { lat: 40.4168, lng: -3.7038 };
  const paris = { lat: 48.8566, lng: 2.3522 };
  // The loss grows with the square of the distance: little nearby, a lot far away.
  const loss = (p: { lat: number; lng: number }) => at(["guitar"], LISBON) - at(["guitar"], p);
  assert(loss(cascais) < 0.01);
  const km = haversineKm(LISBON.lat, LISBON.lng, porto.lat, porto.lng);
  assertAlmostEquals(loss(porto), H_PLACE * (km / 6371) ** 2 / 2, 0.01);
  assert(loss(madrid) < loss(paris));
  // A drummer next door ranks below a guitarist as far as Porto.
  assert(at(["drums"], LISBON) < at(["guitar"], porto));
  // A musician with no place is as far as can be from an in-person gig; a remote gig is anywhere.
  assert(at(["guitar"], null) < at(["guitar"], paris));
  const remote = gigMatchVector(zero(), { ...noGig, instruments: ["guitar"] });
  assertAlmostEquals(
    dot(musicianMatchVector(zero(), { ...noFacts, instruments: ["guitar"], place: porto }), remote),
    dot(musicianMatchVector(zero(), { ...noFacts, instruments: ["guitar"], place: null }), remote),
    1e-6,
  );
});

Deno.test("match vectors - several wanted instruments count less each", () => {
  const gv = gigMatchVector(zero(), { ...noGig, instruments: ["guitar", "vocals"] });
  const part = (instruments: string[]) =>
    MATCH_WEIGHTS.semantic * dot(musicianMatchVector(zero(), { ...noFacts, instruments }), gv);
  const none = part(["cello"]);
  assertAlmostEquals(part(["guitar"]) - none, SEVERAL_INSTRUMENTS * H_INSTRUMENT, 1e-9);
  assertAlmostEquals(
    part(["guitar", "vocals"]) - none,
    2 * SEVERAL_INSTRUMENTS * H_INSTRUMENT,
    1e-9,
  );
});

Deno.test("match vectors - pgvector text form round trip", () => {
  const v = [0.5, -0.25, 1e-7, 0.1234567891, 0];
  const back = parseVector(vectorLiteral(v));
  assertEquals(back.length, v.length);
  back.forEach((x, i) => assertAlmostEquals(x, v[i], 1e-6));
  assertEquals(parseVector("[]"), []);
});
