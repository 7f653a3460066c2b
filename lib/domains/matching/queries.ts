/**
 * "Gigs for me" and "Musicians for this gig": an HNSW search over match vectors in SQL
 * (`private.match_*`, which also checks that the caller is the musician / the gig's owner), then
 * every candidate scored on meaning plus facts here (lib/domains/matching/score.ts), best first, each with
 * a one-line reason. One statement per request: the candidates, their facts and the asking
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
import { type Availability, type MatchFacts, reason, type Scored, scoreMatch } from "./score.ts";

export interface Match {
  id: string;
  score: number;
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
}

/**
 * Candidates re-ranked per query: enough that the facts left out of the match vectors (the date,
 * the distance) and the approximate search do not push one of the best 20 out. bench/marketplace.ts
 * measures that recall@20 against an exact scan (`matching.top20.recall` in its results).
 */
export const DEFAULT_CANDIDATES = 40;
/** `hnsw.ef_search` when not given: the search's own short list, wider than the candidates. */
export const DEFAULT_EF_SEARCH = 60;
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

interface Availability3 {
  blocked: boolean;
  busy: boolean;
}

function availability(r: Availability3): Availability {
  return r.blocked ? "blocked" : r.busy ? "booked" : "free";
}

function distance(m: MusicianSide, g: GigSide): number | null {
  if (g.remote || m.lat == null || m.lng == null || g.lat == null || g.lng == null) return null;
  return haversineKm(m.lat, m.lng, g.lat, g.lng);
}

function facts(
  m: MusicianSide,
  g: GigSide,
  r: Availability3 & { semantic: number; evening: boolean },
): MatchFacts {
  return {
    semantic: r.semantic,
    musician_genres: m.genres,
    musician_instruments: m.instruments,
    gig_genres: g.genres,
    gig_instruments: g.instruments,
    gig_kind: g.kind,
    availability: availability(r),
    evening: r.evening,
    remote: g.remote,
    distance_km: distance(m, g),
    travel_radius_km: m.travel_radius_km,
    fee_min_minor: m.fee_min_minor,
    fee_max_minor: m.fee_max_minor,
    musician_currency: m.currency,
    budget_min_minor: g.budget_min_minor,
    budget_max_minor: g.budget_max_minor,
    gig_currency: g.currency,
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
    const rows = m.rows as (MusicianSide & Availability3 & { id: string; semantic: number })[];
    return rows.map((r) => ({ id: r.id, ...facts(r, g, { ...r, evening: g.evening }) }));
  }
  const self = m.self as MusicianSide;
  const rows = m.rows as (
    & GigSide
    & Availability3
    & { id: string; semantic: number; evening: boolean }
  )[];
  return rows.map((r) => ({ id: r.id, ...facts(self, r, r) }));
}

/** Scores every row and keeps the best `limit`: score, then similarity, then id (stable). */
export function rankCandidates(rows: CandidateRow[], limit: number): RankedCandidate[] {
  const ranked = rows.map((r) => ({ id: r.id, facts: r, ...scoreMatch(r) }));
  ranked.sort((a, b) =>
    b.score - a.score || b.facts.semantic - a.facts.semantic || (a.id < b.id ? -1 : 1)
  );
  return ranked.slice(0, limit);
}

function clampLimit(limit: number): number {
  return Math.min(MAX_LIMIT, Math.max(1, Math.trunc(limit) || 1));
}

/** Gigs for the musician `musicianId` (who must be the caller), best first. */
export async function gigsForMusician(
  tx: Tx,
  musicianId: string,
  limit = 20,
  opts: MatchOptions = {},
): Promise<Match[]> {
  const rows = await candidates(tx, "gigs", musicianId, opts);
  return rankCandidates(rows, clampLimit(limit)).map((r) => ({
    id: r.id,
    score: r.score,
    reason: reason(r.facts, "musician"),
  }));
}

/** Musicians for the gig `gigId` (whose owner must be the caller), best first. */
export async function musiciansForGig(
  tx: Tx,
  gigId: string,
  limit = 20,
  opts: MatchOptions = {},
): Promise<Match[]> {
  const rows = await candidates(tx, "musicians", gigId, opts);
  return rankCandidates(rows, clampLimit(limit)).map((r) => ({
    id: r.id,
    score: r.score,
    reason: reason(r.facts, "client"),
  }));
}
