/**
 * Match vectors: what the HNSW index searches, so that the nearest neighbours are already ranked
 * by (nearly) the whole match score rather than by meaning alone.
 *
 * The score (score.ts) is `w_semantic·cos + w_genre·genreFit + w_instrument·instrumentFit +
 * w_availability·… + w_distance·… + w_fee·feeFit`. Ranked by cosine alone, the top 20 by score
 * sat hundreds of nearest neighbours deep in a large catalogue (bench/marketplace.ts), and an HNSW
 * search that deep is slow. Here a profile and a gig each store one
 * vector whose inner product is, times `w_semantic`,
 *
 *     w_semantic·cos + w_instrument·I + w_genre·G + w_fee·F  (+ the same constant for all)
 *
 * where I, G and F stand in for the instrument, genre and fee fits: tags counted per slot (the
 * common ones have a slot each, others share a few hashed ones), fees by level (a level counts at
 * its lowest fee, so F never falls below the fee fit). Availability and distance stay out: a date
 * and a radius do not fit an inner product (and the place is part of the embedded text). The
 * search therefore finds the best candidates in a short list (the bench measures how many of the
 * exact top 20 it holds), and each candidate is then scored exactly by `scoreMatch`, which decides
 * the order and the reason.
 *
 * Layout (`MATCH_DIMS`): the unit embedding; instrument slots; genre slots; fee slots (currency ×
 * level) and one "fee unknown" slot; two constant slots for "the gig asks for no instrument /
 * genre" (fit 0.5). Fact slots are scaled by √(w / w_semantic) on both sides, so the same balance
 * shapes the index graph (profile to profile) and the search (gig to profile). The first
 * `EMBEDDING_DIMS` dimensions are the unit embedding itself: their inner product is the cosine
 * similarity the score uses.
 *
 * @module
 */
import { EMBEDDING_DIMS } from "../../ports/ai/port.ts";
import { fnv1a } from "../../ports/ai/offline.ts";
import { canonical } from "../gigs/facts.ts";
import { feeFit, MATCH_WEIGHTS } from "./score.ts";

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
export const SHARED_BUCKETS = 8;
export const INSTRUMENT_BUCKETS = INSTRUMENT_SLOTS.length + SHARED_BUCKETS;
export const GENRE_BUCKETS = GENRE_SLOTS.length + SHARED_BUCKETS;
/** Currencies with a fee slot of their own; every other one shares the last slot. */
export const FEE_CURRENCIES = ["EUR", "GBP", "USD"] as const;
/** Lower bounds of the fee levels, in minor units. */
export const FEE_LEVELS = [
  0,
  2500,
  5000,
  10000,
  15000,
  20000,
  30000,
  40000,
  60000,
  80000,
  120000,
  200000,
] as const;

/**
 * What each wanted instrument is worth when a gig asks for several. The fit is 1 for any shared
 * instrument, but an inner product counts every shared one: at 1 a musician playing two wanted
 * instruments rose far above one playing one, crowding the short list. Measured over 100,000
 * profiles (bench), 0.6 kept the most of the exact top 20 within 40 candidates.
 */
export const SEVERAL_INSTRUMENTS = 0.6;

const SLOTS = FEE_CURRENCIES.length + 1;
const INSTRUMENTS_AT = EMBEDDING_DIMS;
const GENRES_AT = INSTRUMENTS_AT + INSTRUMENT_BUCKETS;
const FEES_AT = GENRES_AT + GENRE_BUCKETS;
const FEE_UNKNOWN_AT = FEES_AT + SLOTS * FEE_LEVELS.length;
const NO_INSTRUMENTS_AT = FEE_UNKNOWN_AT + 1;
const NO_GENRES_AT = NO_INSTRUMENTS_AT + 1;
export const MATCH_DIMS = NO_GENRES_AT + 1;

/**
 * Names the layout, its constants and the weights. Stored (hashed with the embedding's identity
 * and the facts) with each vector, so a change to any of them re-derives every vector through the
 * `reembed` sweep, without an embeddings call.
 */
export const MATCH_VECTOR_VERSION = `mv1-${
  fnv1a(JSON.stringify([
    MATCH_DIMS,
    MATCH_WEIGHTS,
    SEVERAL_INSTRUMENTS,
    INSTRUMENT_SLOTS,
    GENRE_SLOTS,
    SHARED_BUCKETS,
    FEE_LEVELS,
    FEE_CURRENCIES,
  ])).toString(16)
}`;

const scale = (w: number) => Math.sqrt(w / MATCH_WEIGHTS.semantic);
const S_INSTRUMENT = scale(MATCH_WEIGHTS.instrument);
const S_GENRE = scale(MATCH_WEIGHTS.genre);
const S_FEE = scale(MATCH_WEIGHTS.fee);

export interface MusicianVectorFacts {
  genres: string[];
  instruments: string[];
  fee_min_minor: number | null;
  currency: string | null;
}

export interface GigVectorFacts {
  genres: string[];
  instruments: string[];
  budget_max_minor: number | null;
  currency: string | null;
}

/** The distinct canonical terms of a tag list ("Drummer", "drums" → drums). */
function canonicalSet(xs: string[]): Set<string> {
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

function currencySlot(currency: string | null): number {
  const i = FEE_CURRENCIES.indexOf((currency ?? "") as typeof FEE_CURRENCIES[number]);
  return i < 0 ? FEE_CURRENCIES.length : i;
}

function feeLevel(fee: number): number {
  let level = 0;
  while (level + 1 < FEE_LEVELS.length && FEE_LEVELS[level + 1] <= fee) level++;
  return level;
}

/** The embedding scaled to unit length (a zero vector stays zero). */
function unit(embedding: number[], out: Float64Array): void {
  if (embedding.length !== EMBEDDING_DIMS) {
    throw new Error(`an embedding has ${EMBEDDING_DIMS} dimensions, not ${embedding.length}`);
  }
  let sum = 0;
  for (const x of embedding) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) { for (let i = 0; i < EMBEDDING_DIMS; i++) out[i] = embedding[i] / norm; }
}

/** A musician profile's side: tag counts per bucket and the one fee slot it falls in. */
export function musicianMatchVector(embedding: number[], m: MusicianVectorFacts): number[] {
  const v = new Float64Array(MATCH_DIMS);
  unit(embedding, v);
  for (const t of canonicalSet(m.instruments)) {
    v[INSTRUMENTS_AT + instrumentBucket(t)] += S_INSTRUMENT;
  }
  for (const t of canonicalSet(m.genres)) v[GENRES_AT + genreBucket(t)] += S_GENRE;
  if (m.fee_min_minor == null || !m.currency) v[FEE_UNKNOWN_AT] = S_FEE;
  else {
    v[FEES_AT + currencySlot(m.currency) * FEE_LEVELS.length + feeLevel(m.fee_min_minor)] = S_FEE;
  }
  v[NO_INSTRUMENTS_AT] = S_INSTRUMENT;
  v[NO_GENRES_AT] = S_GENRE;
  return Array.from(v);
}

/**
 * A gig's side: what each of a profile's slots is worth to this gig. A fee slot holds the fee fit
 * of the level's lowest fee (the shared "other currencies" slot at least that of "unknown"), so it
 * never falls below the profile's real fee fit; instruments count `SEVERAL_INSTRUMENTS` each when
 * the gig asks for more than one.
 */
export function gigMatchVector(embedding: number[], g: GigVectorFacts): number[] {
  const v = new Float64Array(MATCH_DIMS);
  unit(embedding, v);
  const instruments = canonicalSet(g.instruments);
  const each = instruments.size > 1 ? SEVERAL_INSTRUMENTS : 1;
  for (const t of instruments) v[INSTRUMENTS_AT + instrumentBucket(t)] = each * S_INSTRUMENT;
  if (instruments.size === 0) v[NO_INSTRUMENTS_AT] = 0.5 * S_INSTRUMENT;
  const genres = canonicalSet(g.genres);
  for (const t of genres) v[GENRES_AT + genreBucket(t)] = S_GENRE / Math.min(genres.size, 2);
  if (genres.size === 0) v[NO_GENRES_AT] = 0.5 * S_GENRE;
  const own = g.budget_max_minor == null || !g.currency ? -1 : currencySlot(g.currency);
  for (let slot = 0; slot < SLOTS; slot++) {
    for (let level = 0; level < FEE_LEVELS.length; level++) {
      let fit = 0.5; // another currency, or no budget: unknown
      if (slot === own) {
        fit = feeFit(FEE_LEVELS[level], g.budget_max_minor, g.currency, g.currency);
        if (slot === FEE_CURRENCIES.length) fit = Math.max(fit, 0.5); // shared by currencies
      }
      v[FEES_AT + slot * FEE_LEVELS.length + level] = fit * S_FEE;
    }
  }
  v[FEE_UNKNOWN_AT] = 0.5 * S_FEE;
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
