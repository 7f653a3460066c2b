/**
 * Auto-apply's job (`scouting` kind `auto_apply_gig`, queued when a gig is published): every
 * musician with auto-apply on is scored against the gig with the matcher's facts
 * (lib/domains/matching/score.ts); the plausible ones get the template filled in for that gig and
 * a quote, and the commit hands each to `private.auto_apply`, which re-checks the rules and the
 * daily cap under a lock on the musician's settings and applies as them (or audits the skip).
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../../ports/db/mod.ts";
import type { Commit } from "../../../ports/queue/worker.ts";
import type { JobMessage } from "../../../ports/queue/mod.ts";
import type { DetachedContext } from "../../../ports/queue/worker.ts";
import { Uuid } from "../../../shared/schemas.ts";
import { haversineKm } from "../../gigs/facts.ts";
import {
  genreFit,
  type MatchFacts,
  playsWanted,
  reason,
  scoreMatch,
} from "../../matching/score.ts";
import { fillTemplate, placeholderValues, quoteFee } from "./template.ts";

/**
 * Auto-apply applies only where a booker could book: the musician plays a wanted instrument (or
 * shares a genre when none is asked), is free that date, and the gig is within their travel
 * radius (`scoreMatch`'s hard facts); the musician's own rules are checked in SQL. Semantic
 * similarity is left out of the recorded score on facts because the gig's embedding is made by
 * another queue and may not exist yet when it is published: the decision must not depend on
 * which job ran first.
 */

const Message = z.object({ gig_id: Uuid() });

interface GigRow {
  id: string;
  title: string;
  kind: string;
  genres: string[];
  instruments: string[];
  starts_at: string;
  timezone: string;
  remote: boolean;
  venue_name: string | null;
  city: string | null;
  lat: number | null;
  lng: number | null;
  budget_min_minor: number | null;
  budget_max_minor: number | null;
  currency: string;
  evening: boolean;
}

interface CandidateRow {
  id: string;
  template: string;
  min_fee_minor: number | null;
  rule_currency: string;
  stage_name: string;
  genres: string[];
  instruments: string[];
  lat: number | null;
  lng: number | null;
  travel_radius_km: number | null;
  fee_min_minor: number | null;
  fee_max_minor: number | null;
  currency: string;
  semantic: number | null;
  blocked: boolean;
  busy: boolean;
}

/** One musician the scout will try to apply for. */
export interface AutoApplyPlan {
  musicianId: string;
  proposal: string;
  feeMinor: number;
  details: { score: number; facts_score: number; reason: string };
}

function factsOf(g: GigRow, m: CandidateRow): MatchFacts {
  const distance = g.remote || m.lat == null || m.lng == null || g.lat == null || g.lng == null
    ? null
    : haversineKm(m.lat, m.lng, g.lat, g.lng);
  return {
    semantic: m.semantic ?? 0,
    musician_genres: m.genres,
    musician_instruments: m.instruments,
    gig_genres: g.genres,
    gig_instruments: g.instruments,
    gig_kind: g.kind,
    availability: m.blocked ? "blocked" : m.busy ? "booked" : "free",
    evening: g.evening,
    remote: g.remote,
    distance_km: distance,
    travel_radius_km: m.travel_radius_km,
    fee_min_minor: m.fee_min_minor,
    fee_max_minor: m.fee_max_minor,
    musician_currency: m.currency,
    budget_min_minor: g.budget_min_minor,
    budget_max_minor: g.budget_max_minor,
    gig_currency: g.currency,
  };
}

/** A shared instrument or genre: the gig names something the musician plays. */
export function overlaps(f: MatchFacts): boolean {
  const instrument = f.gig_instruments.length > 0 &&
    playsWanted(f.gig_instruments, f.musician_instruments);
  const genre = f.gig_genres.length > 0 && genreFit(f.gig_genres, f.musician_genres) > 0;
  return instrument || genre;
}

/** The plan for one candidate, or null when the gig is not a plausible match for them. */
export function planFor(g: GigRow, m: CandidateRow): AutoApplyPlan | null {
  const facts = factsOf(g, m);
  if (!overlaps(facts)) return null;
  const onFacts = scoreMatch({ ...facts, semantic: 0 });
  // A date they can't make goes on to SQL, which skips it with the reason in their audit trail.
  if (onFacts.blockers.some((b) => b !== "date")) return null;
  const factsScore = onFacts.score;
  const sameCurrency = (c: string | null) => c === g.currency;
  const feeMinor = quoteFee(
    sameCurrency(m.rule_currency) ? m.min_fee_minor : null,
    sameCurrency(m.currency) ? m.fee_min_minor : null,
    g.budget_min_minor,
    g.budget_max_minor,
  );
  const proposal = fillTemplate(m.template, placeholderValues(g, feeMinor, m.stage_name))
    .slice(0, 5000);
  return {
    musicianId: m.id,
    proposal,
    feeMinor,
    details: {
      score: scoreMatch(facts).score,
      facts_score: factsScore,
      reason: reason(facts, "musician"),
    },
  };
}

/** Plans for every plausible candidate of a published gig (none when it is not published). */
export async function autoApplyPlans(
  tx: Tx,
  gigId: string,
): Promise<{ gig: GigRow; plans: AutoApplyPlan[] } | null> {
  const [row] = await tx.query<{ c: { gig: GigRow; rows: CandidateRow[] } | null }>(
    "select private.auto_apply_candidates($1::uuid) as c",
    [gigId],
  );
  if (!row?.c) return null;
  const { gig, rows } = row.c;
  const plans = rows.flatMap((m) => planFor(gig, m) ?? []);
  // Settings rows are locked in one order by every commit, so two commits never deadlock.
  plans.sort((a, b) => (a.musicianId < b.musicianId ? -1 : 1));
  return { gig, plans };
}

/** Runs the plans (the worker's transaction); each outcome: applied, skipped or ignored. */
export async function commitAutoApply(
  tx: Tx,
  gigId: string,
  plans: AutoApplyPlan[],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const p of plans) {
    const [r] = await tx.query<{ outcome: string }>(
      "select private.auto_apply($1::uuid, $2::uuid, $3, $4::int, $5::jsonb) as outcome",
      [p.musicianId, gigId, p.proposal, p.feeMinor, JSON.stringify(p.details)],
    );
    out[p.musicianId] = r.outcome;
  }
  return out;
}

/** The `auto_apply_gig` kind for the scouting queue. */
export async function autoApplyGigJob(
  message: JobMessage,
  ctx: DetachedContext,
): Promise<Commit | null> {
  const { gig_id } = Message.parse(message);
  const found = await ctx.db.asService((tx) => autoApplyPlans(tx, gig_id));
  if (!found || found.plans.length === 0) return null;
  return async (tx) => {
    await commitAutoApply(tx, gig_id, found.plans);
  };
}
