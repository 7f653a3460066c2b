import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { EMBEDDING_DIMS } from "../../ports/ai/port.ts";
import { seededRandom } from "../gigs/facts.ts";
import {
  feeFit,
  genreFit,
  instrumentFit,
  MATCH_WEIGHTS,
  type MatchFacts,
  scoreMatch,
} from "./score.ts";
import {
  FEE_LEVELS,
  GENRE_SLOTS,
  genreBucket,
  gigMatchVector,
  INSTRUMENT_SLOTS,
  instrumentBucket,
  MATCH_DIMS,
  MATCH_VECTOR_VERSION,
  musicianMatchVector,
  parseVector,
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
const GENRES = ["jazz", "R&B", "hip-hop", "rock", "polka", "fado", "pop"];
const CURRENCIES = ["EUR", "GBP", "USD", "INR", "BRL"];

Deno.test("match vectors - layout: unit embedding first, fixed size", () => {
  const rand = seededRandom("layout");
  const e = randomUnit(rand).map((x) => x * 3); // not unit: scaled back to unit length
  const m = musicianMatchVector(e, {
    genres: ["jazz"],
    instruments: ["guitar"],
    fee_min_minor: 30000,
    currency: "EUR",
  });
  const g = gigMatchVector(e, {
    genres: [],
    instruments: [],
    budget_max_minor: null,
    currency: null,
  });
  assertEquals([m.length, g.length], [MATCH_DIMS, MATCH_DIMS]);
  assertAlmostEquals(dot(m, m, 0, EMBEDDING_DIMS), 1, 1e-9);
  assertAlmostEquals(dot(m, g, 0, EMBEDDING_DIMS), 1, 1e-9, "cosine of the same text");
  assert(/^mv1-[0-9a-f]+$/.test(MATCH_VECTOR_VERSION));
  // A zero embedding stays zero rather than dividing by zero.
  const z = musicianMatchVector(new Array(EMBEDDING_DIMS).fill(0), {
    genres: [],
    instruments: [],
    fee_min_minor: null,
    currency: "EUR",
  });
  assert(z.every(Number.isFinite));
});

Deno.test("match vectors - common tags have their own slot; synonyms share one", () => {
  const slots = new Set(INSTRUMENT_SLOTS.map(instrumentBucket));
  assertEquals(slots.size, INSTRUMENT_SLOTS.length);
  assertEquals(new Set(GENRE_SLOTS.map(genreBucket)).size, GENRE_SLOTS.length);
  const facts = (instruments: string[]) =>
    musicianMatchVector(new Array(EMBEDDING_DIMS).fill(0), {
      genres: [],
      instruments,
      fee_min_minor: null,
      currency: "EUR",
    });
  assertEquals(facts(["Drummer"]), facts(["drums"]));
  assertEquals(facts(["keys"]), facts(["piano"]));
});

/**
 * The inner product stands in for the score's tag and fee part: for a gig asking for at most
 * one instrument it never falls below it (the search never ranks a profile below its real
 * score for these facts), and it is exact when fees sit on level bounds.
 */
Deno.test("match vectors - the inner product bounds the tag and fee part of the score", () => {
  const rand = seededRandom("bound");
  const pick = <T>(xs: T[], n: number) =>
    Array.from({ length: n }, () => xs[Math.floor(rand() * xs.length)]);
  for (let i = 0; i < 2000; i++) {
    const m = {
      genres: pick(GENRES, Math.floor(rand() * 3)),
      instruments: pick(INSTRUMENTS, Math.floor(rand() * 3)),
      fee_min_minor: rand() < 0.1 ? null : Math.floor(rand() * 300000),
      currency: pick(CURRENCIES, 1)[0],
    };
    const g = {
      genres: pick(GENRES, Math.floor(rand() * 3)),
      instruments: pick(INSTRUMENTS, Math.floor(rand() * 2)),
      budget_max_minor: rand() < 0.1 ? null : Math.floor(rand() * 300000),
      currency: pick(CURRENCIES, 1)[0],
    };
    const e = randomUnit(rand);
    const mv = musicianMatchVector(e, m);
    const gv = gigMatchVector(randomUnit(rand), g);
    const facts = MATCH_WEIGHTS.semantic * dot(mv, gv, EMBEDDING_DIMS);
    const exact = MATCH_WEIGHTS.genre * genreFit(g.genres, m.genres) +
      MATCH_WEIGHTS.instrument * instrumentFit(g.instruments, m.instruments) +
      MATCH_WEIGHTS.fee * feeFit(m.fee_min_minor, g.budget_max_minor, m.currency, g.currency);
    assert(facts >= exact - 1e-9, `case ${i}: ${facts} < ${exact} for ${JSON.stringify([m, g])}`);
  }
  // On a level bound, in the same currency, with one tag each: exact.
  const mv = musicianMatchVector(new Array(EMBEDDING_DIMS).fill(0), {
    genres: ["jazz"],
    instruments: ["guitar"],
    fee_min_minor: FEE_LEVELS[6],
    currency: "GBP",
  });
  for (const budget of [FEE_LEVELS[5], FEE_LEVELS[6], FEE_LEVELS[7]]) {
    const gv = gigMatchVector(new Array(EMBEDDING_DIMS).fill(0), {
      genres: ["jazz", "soul"],
      instruments: ["guitarist"],
      budget_max_minor: budget,
      currency: "GBP",
    });
    const f: MatchFacts = {
      semantic: 0,
      musician_genres: ["jazz"],
      musician_instruments: ["guitar"],
      gig_genres: ["jazz", "soul"],
      gig_instruments: ["guitarist"],
      gig_kind: "live_show",
      availability: "blocked",
      evening: true,
      remote: false,
      distance_km: 5000,
      travel_radius_km: 50,
      fee_min_minor: FEE_LEVELS[6],
      fee_max_minor: null,
      musician_currency: "GBP",
      budget_min_minor: null,
      budget_max_minor: budget,
      gig_currency: "GBP",
    };
    assertAlmostEquals(MATCH_WEIGHTS.semantic * dot(mv, gv), scoreMatch(f).score, 1e-4);
  }
});

Deno.test("match vectors - several wanted instruments count less each", () => {
  const zero = new Array(EMBEDDING_DIMS).fill(0);
  const gv = gigMatchVector(zero, {
    genres: [],
    instruments: ["guitar", "vocals"],
    budget_max_minor: null,
    currency: null,
  });
  const instrumentPart = (instruments: string[]) => {
    const mv = musicianMatchVector(zero, {
      genres: [],
      instruments,
      fee_min_minor: null,
      currency: "EUR",
    });
    return MATCH_WEIGHTS.semantic * dot(mv, gv);
  };
  const none = instrumentPart(["cello"]);
  assertAlmostEquals(
    instrumentPart(["guitar"]) - none,
    SEVERAL_INSTRUMENTS * MATCH_WEIGHTS.instrument,
    1e-9,
  );
  assertAlmostEquals(
    instrumentPart(["guitar", "vocals"]) - none,
    2 * SEVERAL_INSTRUMENTS * MATCH_WEIGHTS.instrument,
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
