/**
 * Match vectors: what the HNSW index searches, so that the nearest neighbours are already the
 * best candidates by (nearly) the whole match score (score.ts) rather than by meaning alone.
 *
 * A profile and a gig each store one vector; their inner product, times `w_semantic`, is
 *
 *     w_semantic·cos + w_genre·G + w_fee·F + H_instrument·I + H_place·cos(angle between places)
 *
 * (plus the same constant for all): G and F stand in for the genre and fee fits (tags counted per
 * slot, the common ones a slot each, others sharing a few hashed ones; a genre's family has a slot
 * too; a fee as weights on the two level bounds around it). I says "plays an instrument the gig
 * asks for", weighted `H_INSTRUMENT`, more than every soft fact together, so players come first.
 * The places are points on the unit sphere scaled so that the loss grows with the square of the
 * distance (`H_PLACE`): next door costs nothing, 300 km a little, 1,000 km more than every soft
 * fact, so the nearest neighbours of a gig are near it. A remote gig, or a side without a place,
 * uses the "anywhere" slot instead: every musician is equally near. The date, the travel radius
 * and behaviour stay out (they do not fit an inner product): the candidate functions filter on
 * the hard facts exactly, and each candidate is then scored exactly by `scoreMatch`.
 *
 * Layout (`MATCH_DIMS`): the embedding sketched down to `SEMANTIC_DIMS` (a count sketch: every
 * dimension added, signed, into one of fewer buckets; inner products survive it on average) and
 * made unit length: their inner product is the semantic similarity the score uses; instrument
 * slots; genre slots; family slots; fee slots (currency × level) and "fee unknown"; "no
 * instrument / genre asked"; the place (x, y, z, anywhere). Fact slots are scaled by √(w /
 * w_semantic) on both sides, so the same balance shapes the index graph and the search.
 *
 * @module
 */
import { EMBEDDING_DIMS } from "../../ports/ai/port.ts";
import { fnv1a } from "../../ports/ai/offline.ts";
import { canonical } from "../gigs/facts.ts";
import { DISTANCE_SCALE_KM, FAMILY_CREDIT, feeFit, MATCH_WEIGHTS } from "./score.ts";
import { FAMILY_NAMES, familyOf } from "./genres.ts";

/** The embedding's share of the vector: enough to order equal candidates, small to index fast. */
export const SEMANTIC_DIMS = 32;

/**
 * Tags with a slot of their own (canonical forms, see `canonical`); any other tag lands in one of
 * `SHARED_BUCKETS` slots by hash. Part of the layout: a change re-derives every vector.
 */
export const INSTRUMENT_SLOTS = [
  "guitar",
  "vocals",
  "drums",
  "bass",
  "piano",
  "saxophone",
  "trumpet",
  "trombone",
  "violin",
  "viola",
  "cello",
  "doublebass",
  "percussion",
  "dj",
  "flute",
  "clarinet",
  "organ",
  "harp",
  "banjo",
  "uke",
  "mandolin",
  "accordion",
  "synth",
  "production",
] as const;
export const GENRE_SLOTS = [
  "pop",
  "rock",
  "jazz",
  "soul",
  "funk",
  "blues",
  "rnb",
  "hiphop",
  "electronic",
  "classical",
  "folk",
  "country",
  "latin",
  "reggae",
  "metal",
  "indie",
  "gospel",
  "punk",
  "dnb",
  "world",
] as const;
export const SHARED_BUCKETS = 4;
export const INSTRUMENT_BUCKETS = INSTRUMENT_SLOTS.length + SHARED_BUCKETS;
export const GENRE_BUCKETS = GENRE_SLOTS.length + SHARED_BUCKETS;
/** Currencies with a fee slot of their own; every other one shares the last slot. */
export const FEE_CURRENCIES = ["EUR", "GBP", "USD"] as const;
/** Bounds of the fee levels, in minor units (a fee weighs on the two around it). */
export const FEE_LEVELS = [
  0,
  5000,
  10000,
  15000,
  20000,
  25000,
  30000,
  40000,
  50000,
  60000,
  80000,
  100000,
  150000,
  250000,
] as const;

/** Playing a wanted instrument, in soft-score units: more than all soft facts together. */
export const H_INSTRUMENT = 2.5;
/** The Earth's mean radius, km. */
const EARTH_KM = 6371.0088;
/**
 * The place's weight: the loss at distance d is about H_PLACE·d²/(2R²) (R the Earth's radius),
 * set so that it is the score's own distance loss, w_distance·(d / DISTANCE_SCALE_KM)².
 */
export const H_PLACE = 2 * MATCH_WEIGHTS.distance * (EARTH_KM / DISTANCE_SCALE_KM) ** 2;
/**
 * What each wanted instrument is worth, against one asked alone, when a gig asks for several. The
 * score asks for any one of them, but an inner product counts every one played: at full worth,
 * musicians playing two wanted instruments crowded out better ones playing one. Small, then; the
 * candidate functions' filter keeps only players anyway.
 */
export const SEVERAL_INSTRUMENTS = 0.12;

const SLOTS = FEE_CURRENCIES.length + 1;
const INSTRUMENTS_AT = SEMANTIC_DIMS;
const GENRES_AT = INSTRUMENTS_AT + INSTRUMENT_BUCKETS;
const FAMILIES_AT = GENRES_AT + GENRE_BUCKETS;
const FEES_AT = FAMILIES_AT + FAMILY_NAMES.length + SHARED_BUCKETS;
const FEE_UNKNOWN_AT = FEES_AT + SLOTS * FEE_LEVELS.length;
const NO_INSTRUMENTS_AT = FEE_UNKNOWN_AT + 1;
const NO_GENRES_AT = NO_INSTRUMENTS_AT + 1;
const PLACE_AT = NO_GENRES_AT + 1;
export const MATCH_DIMS = PLACE_AT + 4;

/**
 * Names the layout, its constants and the weights. Stored (hashed with the embedding's identity
 * and the facts) with each vector, so a change to any of them re-derives every vector through the
 * `reembed` sweep, without an embeddings call.
 */
export const MATCH_VECTOR_VERSION = `mv2-${
  fnv1a(JSON.stringify([
    MATCH_DIMS,
    SEMANTIC_DIMS,
    MATCH_WEIGHTS,
    FAMILY_CREDIT,
    FAMILY_NAMES,
    H_INSTRUMENT,
    H_PLACE,
    SEVERAL_INSTRUMENTS,
    INSTRUMENT_SLOTS,
    GENRE_SLOTS,
    SHARED_BUCKETS,
    FEE_LEVELS,
    FEE_CURRENCIES,
  ])).toString(16)
}`;

const scale = (w: number) => Math.sqrt(w / MATCH_WEIGHTS.semantic);
const S_INSTRUMENT = scale(H_INSTRUMENT);
const S_GENRE = scale(MATCH_WEIGHTS.genre * (1 - FAMILY_CREDIT));
const S_FAMILY = scale(MATCH_WEIGHTS.genre * FAMILY_CREDIT);
const S_NO_GENRE = scale(MATCH_WEIGHTS.genre);
const S_FEE = scale(MATCH_WEIGHTS.fee);
const S_PLACE = scale(H_PLACE);

/** Where a side is: coordinates, or null (unknown, or a remote gig: anywhere). */
export interface Place {
  lat: number;
  lng: number;
}

export interface MusicianVectorFacts {
  genres: string[];
  instruments: string[];
  fee_min_minor: number | null;
  currency: string | null;
  place: Place | null;
}

export interface GigVectorFacts {
  genres: string[];
  instruments: string[];
  budget_max_minor: number | null;
  currency: string | null;
  place: Place | null;
}

/** The distinct canonical terms of a tag list ("Drummer", "drums" → drums). */
export function canonicalSet(xs: string[]): Set<string> {
  return new Set(xs.map(canonical).filter(Boolean));
}

function bucket(slots: readonly string[], term: string): number {
  const i = slots.indexOf(term);
  return i >= 0 ? i : slots.length + fnv1a(term) % SHARED_BUCKETS;
}

export function instrumentBucket(term: string): number {
  return bucket(INSTRUMENT_SLOTS, term);
}

export function genreBucket(term: string): number {
  return bucket(GENRE_SLOTS, term);
}

/**
 * The family slots of a tag list: a known family's own slot; a genre of no known family is a
 * family of its own, in a hashed shared slot (so a shared genre always shares a family too).
 */
function familySlots(genres: string[]): Set<number> {
  const out = new Set<number>();
  for (const g of genres) {
    const f = familyOf(g);
    out.add(
      f ? FAMILY_NAMES.indexOf(f) : FAMILY_NAMES.length + fnv1a(canonical(g)) % SHARED_BUCKETS,
    );
  }
  return out;
}

function currencySlot(currency: string | null): number {
  const i = FEE_CURRENCIES.indexOf((currency ?? "") as typeof FEE_CURRENCIES[number]);
  return i < 0 ? FEE_CURRENCIES.length : i;
}

/**
 * A fee as weights on the two levels around it (linear between their bounds; at most the top
 * level), so the gig's fee fits at the bounds interpolate the fit at the fee itself: exact where
 * the fit is linear between two bounds.
 */
function feeLevels(fee: number): [number, number][] {
  let level = 0;
  while (level + 1 < FEE_LEVELS.length && FEE_LEVELS[level + 1] <= fee) level++;
  if (level + 1 >= FEE_LEVELS.length) return [[level, 1]];
  const t = (fee - FEE_LEVELS[level]) / (FEE_LEVELS[level + 1] - FEE_LEVELS[level]);
  return [[level, 1 - t], [level + 1, t]];
}

/** The count sketch's bucket and sign of each embedding dimension (fixed: part of the layout). */
const SKETCH = Array.from({ length: EMBEDDING_DIMS }, (_, i) => {
  const h = fnv1a(`sketch:${i}`);
  return { at: h % SEMANTIC_DIMS, sign: (h >>> 16) & 1 ? 1 : -1 };
});

/** The embedding sketched to `SEMANTIC_DIMS` and made unit length (zero stays zero). */
function semantic(embedding: number[], out: Float64Array): void {
  if (embedding.length !== EMBEDDING_DIMS) {
    throw new Error(`an embedding has ${EMBEDDING_DIMS} dimensions, not ${embedding.length}`);
  }
  for (let i = 0; i < EMBEDDING_DIMS; i++) out[SKETCH[i].at] += SKETCH[i].sign * embedding[i];
  let sum = 0;
  for (let i = 0; i < SEMANTIC_DIMS; i++) sum += out[i] * out[i];
  const norm = Math.sqrt(sum);
  if (norm > 0) { for (let i = 0; i < SEMANTIC_DIMS; i++) out[i] /= norm; }
}

/** The place on the unit sphere, scaled; no place → the "anywhere" slot. */
function place(p: Place | null, v: Float64Array, anywhereToo: boolean): void {
  if (!p) {
    v[PLACE_AT + 3] = S_PLACE;
    return;
  }
  const lat = p.lat * Math.PI / 180;
  const lng = p.lng * Math.PI / 180;
  v[PLACE_AT] = S_PLACE * Math.cos(lat) * Math.cos(lng);
  v[PLACE_AT + 1] = S_PLACE * Math.cos(lat) * Math.sin(lng);
  v[PLACE_AT + 2] = S_PLACE * Math.sin(lat);
  if (anywhereToo) v[PLACE_AT + 3] = S_PLACE;
}

/** A musician profile's side: tag counts per bucket, families, the one fee slot, the place. */
export function musicianMatchVector(embedding: number[], m: MusicianVectorFacts): number[] {
  const v = new Float64Array(MATCH_DIMS);
  semantic(embedding, v);
  for (const t of canonicalSet(m.instruments)) {
    v[INSTRUMENTS_AT + instrumentBucket(t)] += S_INSTRUMENT;
  }
  for (const t of canonicalSet(m.genres)) v[GENRES_AT + genreBucket(t)] += S_GENRE;
  for (const f of familySlots(m.genres)) v[FAMILIES_AT + f] = S_FAMILY;
  if (m.fee_min_minor == null || !m.currency) v[FEE_UNKNOWN_AT] = S_FEE;
  else {
    const at = FEES_AT + currencySlot(m.currency) * FEE_LEVELS.length;
    for (const [level, w] of feeLevels(m.fee_min_minor)) v[at + level] = w * S_FEE;
  }
  v[NO_INSTRUMENTS_AT] = S_INSTRUMENT;
  v[NO_GENRES_AT] = S_NO_GENRE;
  // A placed musician is also "anywhere" for remote gigs; an unplaced one only that.
  place(m.place, v, true);
  return Array.from(v);
}

/**
 * A gig's side: what each of a profile's slots is worth to this gig. A fee slot holds the fee fit
 * at the level's bound (the shared "other currencies" slot at least that of "unknown"), so the
 * inner product interpolates the fit at the profile's own fee; instruments count `SEVERAL_INSTRUMENTS` each when
 * the gig asks for more than one; genres share one genre's worth.
 */
export function gigMatchVector(embedding: number[], g: GigVectorFacts): number[] {
  const v = new Float64Array(MATCH_DIMS);
  semantic(embedding, v);
  const instruments = canonicalSet(g.instruments);
  const each = instruments.size > 1 ? SEVERAL_INSTRUMENTS : 1;
  for (const t of instruments) v[INSTRUMENTS_AT + instrumentBucket(t)] = each * S_INSTRUMENT;
  if (instruments.size === 0) v[NO_INSTRUMENTS_AT] = S_INSTRUMENT;
  const genres = canonicalSet(g.genres);
  for (const t of genres) v[GENRES_AT + genreBucket(t)] = S_GENRE / genres.size;
  const families = familySlots(g.genres);
  for (const f of families) v[FAMILIES_AT + f] = S_FAMILY / families.size;
  if (genres.size === 0) v[NO_GENRES_AT] = S_NO_GENRE;
  const own = g.budget_max_minor == null || !g.currency ? -1 : currencySlot(g.currency);
  for (let slot = 0; slot < SLOTS; slot++) {
    for (let level = 0; level < FEE_LEVELS.length; level++) {
      let fit = feeFit(null, null, null, null); // another currency, or no budget: unknown
      if (slot === own) {
        const known = feeFit(FEE_LEVELS[level], g.budget_max_minor, g.currency, g.currency);
        fit = slot === FEE_CURRENCIES.length ? Math.max(known, fit) : known; // shared slot
      }
      v[FEES_AT + slot * FEE_LEVELS.length + level] = fit * S_FEE;
    }
  }
  v[FEE_UNKNOWN_AT] = feeFit(null, null, null, null) * S_FEE;
  place(g.place, v, false);
  return Array.from(v);
}

/** pgvector's text form, rounded to float precision. */
export function vectorLiteral(v: ArrayLike<number>): string {
  return `[${Array.from(v, (x) => Number(Math.fround(x).toPrecision(7))).join(",")}]`;
}

/** Parses pgvector's text form. */
export function parseVector(text: string): number[] {
  const inner = text.trim().replace(/^\[/, "").replace(/\]$/, "");
  return inner ? inner.split(",").map(Number) : [];
}
