/**
 * "Gigs for me" and "Musicians for this gig": an HNSW search over match vectors in SQL
 * (`private.match_*`, which also checks that the caller is the musician / the gig's owner, and
 * keeps only possible pairs: a wanted instrument, free that date, within the travel radius), then
 * every candidate scored on the soft facts here (lib/domains/matching/score.ts), best first, each
 * with its fit (0–100) and a one-line reason. One statement per request: the candidates, their facts and the asking
 * side's own facts come back together (PGlite's cost is in round trips).
 *
 * The match vectors (vector.ts) rank by nearly the whole score, so a short candidate list holds
 * the exact top results; `scoreMatch` alone decides the order.
 *
 * Call inside `db.asUser(claims, …)` (routes) or `db.asService(…)` (the worker).
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import { haversineKm } from "../gigs/facts.ts";
import {
  fitPercent,
  MATCH_WEIGHTS,
  type MatchFacts,
  reason,
  type Scored,
  scoreMatch,
  STRONG_FIT,
  type Weights,
} from "./score.ts";

export interface Match {
  id: string;
  /** False only for applicants scored by `fitsForApplicants`: they can't make it. */
  feasible?: boolean;
  /** The calibrated fit, 0–1. */
  score: number;
  /** The same as users read it, 0–100. */
  fit: number;
  /** `fit` ≥ STRONG_FIT. */
  strong: boolean;
  reason: string;
}

export interface MatchOptions {
  /** How many nearest neighbours to re-rank (default `DEFAULT_CANDIDATES`). */
  candidates?: number;
  /** `hnsw.ef_search` (default: `DEFAULT_EF_SEARCH` or the candidate count if more; ≤ 1000). */
  efSearch?: number;
  /**
   * Score every row the search could return (a sequential scan, no index): what the search
   * approximates, for measuring its recall. Slow on purpose.
   */
  exact?: boolean;
  /** Behaviour signals (reviews, history) in the score; off only to measure their effect. */
  signals?: boolean;
  /** Soft-fact weights, for tuning only (default MATCH_WEIGHTS). */
  weights?: Weights;
}

/**
 * Candidates re-ranked per query, at least: enough that the facts left out of the match vectors
 * (distance within the radius, behaviour) and the approximate search do not push one of the best
 * 20 out. bench/marketplace.ts measures that recall@20 against an exact scan
 * (`matching.top20.recall`). A larger `limit` asks for `limit + CANDIDATE_MARGIN`.
 */
export const DEFAULT_CANDIDATES = 60;
export const CANDIDATE_MARGIN = 20;
/** `hnsw.ef_search` when not given: the search's own short list, wider than the candidates. */
export const DEFAULT_EF_SEARCH = 160;
export const MAX_LIMIT = 100;

export interface CandidateRow extends MatchFacts {
  id: string;
}

export interface RankedCandidate extends Scored {
  id: string;
  facts: MatchFacts;
}

interface GigSide {
  genres: string[];
  instruments: string[];
  kind: string;
  remote: boolean;
  lat: number | null;
  lng: number | null;
  budget_min_minor: number | null;
  budget_max_minor: number | null;
  currency: string;
}

interface MusicianSide {
  genres: string[];
  instruments: string[];
  lat: number | null;
  lng: number | null;
  travel_radius_km: number | null;
  fee_min_minor: number | null;
  fee_max_minor: number | null;
  currency: string;
}

/** The behaviour signals each candidate row carries (20261215000100_match_signals.sql). */
interface Signals {
  reputation: number;
  affinity: number;
}

function distance(m: MusicianSide, g: GigSide): number | null {
  if (g.remote || m.lat == null || m.lng == null || g.lat == null || g.lng == null) return null;
  return haversineKm(m.lat, m.lng, g.lat, g.lng);
}

/** The facts of a pair (the candidate functions return possible pairs: free that date). */
function facts(
  m: MusicianSide,
  g: GigSide,
  r: Signals & { semantic: number; evening: boolean; blocked?: boolean; busy?: boolean },
): MatchFacts {
  return {
    semantic: r.semantic,
    musician_genres: m.genres,
    musician_instruments: m.instruments,
    gig_genres: g.genres,
    gig_instruments: g.instruments,
    gig_kind: g.kind,
    availability: r.blocked ? "blocked" : r.busy ? "booked" : "free",
    evening: r.evening,
    remote: g.remote,
    distance_km: distance(m, g),
    musician_unplaced: m.lat == null || m.lng == null,
    travel_radius_km: m.travel_radius_km,
    fee_min_minor: m.fee_min_minor,
    fee_max_minor: m.fee_max_minor,
    musician_currency: m.currency,
    budget_min_minor: g.budget_min_minor,
    budget_max_minor: g.budget_max_minor,
    gig_currency: g.currency,
    reputation: r.reputation,
    affinity: r.affinity,
  };
}

/**
 * The candidate rows for one side, with every fact the score needs: `gigs` for the musician
 * `id`, or `musicians` for the gig `id`. The SQL function checks who may ask and answers with
 * one JSON value, `{self, rows}`: the asking side's facts and the candidates' (PGlite parses one
 * JSON value more cheaply than dozens of typed columns per row).
 */
export async function candidates(
  tx: Tx,
  side: "gigs" | "musicians",
  id: string,
  opts: MatchOptions = {},
): Promise<CandidateRow[]> {
  const k = Math.max(1, Math.trunc(opts.candidates ?? DEFAULT_CANDIDATES));
  const ef = Math.min(
    1000,
    Math.max(1, Math.trunc(opts.efSearch ?? Math.max(k, DEFAULT_EF_SEARCH))),
  );
  const fn = side === "musicians" ? "private.match_musicians" : "private.match_gigs";
  const [row] = await tx.query<{ m: { self: unknown; rows: unknown[] } | null }>(
    `select ${fn}($1::uuid, $2::int, $3::int, $4::boolean) as m`,
    [id, k, ef, opts.exact ?? false],
  );
  const m = row?.m;
  if (!m) return [];
  if (side === "musicians") {
    const g = m.self as GigSide & { evening: boolean };
    const rows = m.rows as (MusicianSide & Signals & { id: string; semantic: number })[];
    return rows.map((r) => ({ id: r.id, ...facts(r, g, { ...r, evening: g.evening }) }));
  }
  const self = m.self as MusicianSide;
  const rows = m.rows as (
    & GigSide
    & Signals
    & { id: string; semantic: number; evening: boolean }
  )[];
  return rows.map((r) => ({ id: r.id, ...facts(self, r, r) }));
}

/**
 * Scores every row and keeps the best `limit` possible ones: fit, then similarity, then id
 * (stable). `signals: false` scores as if nothing were known of anyone's behaviour.
 */
export function rankCandidates(
  rows: CandidateRow[],
  limit: number,
  opts: Pick<MatchOptions, "signals" | "weights"> = {},
): RankedCandidate[] {
  const weights = opts.weights ?? MATCH_WEIGHTS;
  const ranked = rows
    .map((r) => opts.signals === false ? { ...r, reputation: 0, affinity: 0 } : r)
    .map((r) => ({ id: r.id, facts: r, ...scoreMatch(r, weights) }))
    .filter((r) => r.feasible);
  ranked.sort((a, b) =>
    b.score - a.score || b.facts.semantic - a.facts.semantic || (a.id < b.id ? -1 : 1)
  );
  return ranked.slice(0, limit);
}

function clampLimit(limit: number): number {
  return Math.min(MAX_LIMIT, Math.max(1, Math.trunc(limit) || 1));
}

/** At least `DEFAULT_CANDIDATES`, and enough for the limit asked. */
function candidateCount(limit: number, opts: MatchOptions): number {
  return opts.candidates ?? Math.max(DEFAULT_CANDIDATES, limit + CANDIDATE_MARGIN);
}

function toMatch(r: RankedCandidate, perspective: "client" | "musician"): Match {
  const fit = fitPercent(r.score);
  return {
    id: r.id,
    score: r.score,
    fit,
    strong: fit >= STRONG_FIT,
    reason: reason(r.facts, perspective),
  };
}

/** Gigs for the musician `musicianId` (who must be the caller), best first. */
export async function gigsForMusician(
  tx: Tx,
  musicianId: string,
  limit = 20,
  opts: MatchOptions = {},
): Promise<Match[]> {
  const n = clampLimit(limit);
  const rows = await candidates(tx, "gigs", musicianId, {
    ...opts,
    candidates: candidateCount(n, opts),
  });
  return rankCandidates(rows, n, opts).map((r) => toMatch(r, "musician"));
}

/** Musicians for the gig `gigId` (whose owner must be the caller), best first. */
export async function musiciansForGig(
  tx: Tx,
  gigId: string,
  limit = 20,
  opts: MatchOptions = {},
): Promise<Match[]> {
  const n = clampLimit(limit);
  const rows = await candidates(tx, "musicians", gigId, {
    ...opts,
    candidates: candidateCount(n, opts),
  });
  return rankCandidates(rows, n, opts).map((r) => toMatch(r, "client"));
}

/**
 * The gig's applicants (`musicianIds`) scored for its owner, possible or not: the applicant list
 * marks who can't make it and says why ("Booked that night · …"). Keyed by musician id.
 */
export async function fitsForApplicants(
  tx: Tx,
  gigId: string,
  musicianIds: string[],
): Promise<Map<string, Match>> {
  if (musicianIds.length === 0) return new Map();
  const [row] = await tx.query<{ m: { self: unknown; rows: unknown[] } | null }>(
    "select private.match_musician_facts($1::uuid, $2::uuid[]) as m",
    [gigId, musicianIds],
  );
  if (!row?.m) return new Map();
  const g = row.m.self as GigSide & { evening: boolean };
  const rows = row.m.rows as (
    & MusicianSide
    & Signals
    & { id: string; semantic: number; blocked: boolean; busy: boolean }
  )[];
  return new Map(rows.map((r) => {
    const f = facts(r, g, { ...r, evening: g.evening });
    const scored = scoreMatch(f);
    return [r.id, {
      ...toMatch({ id: r.id, facts: f, ...scored }, "client"),
      feasible: scored.feasible,
    }];
  }));
}
