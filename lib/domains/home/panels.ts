/**
 * The panels of the signed-in home, each at most one or two statements: a musician's
 * applications by status, gigs for them, earnings; a client's suggested musicians; both sides'
 * upcoming bookings. Call inside `db.asUser` (RLS limits every row to the caller's own).
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";
import { type BookingWithParties, getGigs, type Gig, listOwnBookings } from "../gigs/mod.ts";
import { gigsForMusician, musiciansForGig } from "../matching/queries.ts";
import { listEarnings, type Totals, totalsByCurrency } from "../payments/earnings.ts";
import { Timestamp } from "../gigs/rows.ts";

export const APPLICATION_STATES = [
  "submitted",
  "shortlisted",
  "accepted",
  "declined",
  "withdrawn",
] as const;
export type ApplicationState = typeof APPLICATION_STATES[number];

const HomeApplication = z.object({
  id: z.string(),
  gig_id: z.string(),
  status: z.enum(APPLICATION_STATES),
  title: z.string(),
  starts_at: Timestamp,
  timezone: z.string(),
});
export type HomeApplication = z.output<typeof HomeApplication>;

export interface ApplicationSummary {
  counts: Record<ApplicationState, number>;
  /** The latest few still in play (applied or shortlisted), newest first. */
  active: HomeApplication[];
}

/** The caller's applications counted by status, and the latest active ones: one statement. */
export async function applicationSummary(tx: Tx, active = 3): Promise<ApplicationSummary> {
  const rows = await tx.query<Record<string, unknown> & { n: number; rn: number }>(
    `select * from (
       select a.id, a.gig_id, a.status, g.title, g.starts_at, g.timezone,
              count(*) over (partition by a.status)::int as n,
              -- One row per status carries its count; the active ones also make the list.
              row_number() over (partition by a.status order by a.created_at desc, a.id desc)
                as per_status,
              row_number() over (partition by a.status in ('submitted', 'shortlisted')
                                 order by a.created_at desc, a.id desc)::int as rn
         from public.applications a join public.gigs g on g.id = a.gig_id
        where a.musician_id = (select auth.uid())) x
      where x.per_status = 1 or (x.status in ('submitted', 'shortlisted') and x.rn <= $1)
      order by x.rn`,
    [active],
  );
  const counts = Object.fromEntries(APPLICATION_STATES.map((s) => [s, 0])) as Record<
    ApplicationState,
    number
  >;
  const list: HomeApplication[] = [];
  for (const r of rows) {
    const a = HomeApplication.parse(r);
    counts[a.status] = Number(r.n);
    if ((a.status === "submitted" || a.status === "shortlisted") && r.rn <= active) list.push(a);
  }
  return { counts, active: list };
}

export interface UpcomingBookings {
  asMusician: BookingWithParties[];
  asClient: BookingWithParties[];
  /** Whether the caller was ever booked as a musician (earnings are worth reading). */
  everBooked: boolean;
}

/**
 * Confirmed bookings not over yet, soonest first, split by the caller's side: one statement
 * (the caller's bookings of every state, so the earnings panel knows whether to look).
 */
export async function upcomingBookings(
  tx: Tx,
  userId: string,
  opts: { limit?: number; now?: Date } = {},
): Promise<UpcomingBookings> {
  const limit = opts.limit ?? 4;
  const now = (opts.now ?? new Date()).getTime();
  const all = await listOwnBookings(tx);
  const ahead = all.filter((b) => b.status === "confirmed" && Date.parse(b.ends_at) > now);
  return {
    asMusician: ahead.filter((b) => b.musician_id === userId).slice(0, limit),
    asClient: ahead.filter((b) => b.client_id === userId).slice(0, limit),
    everBooked: all.some((b) => b.musician_id === userId),
  };
}

export interface GigForMe {
  gig: Gig;
  fit: { fit: number; strong: boolean };
  reason: string;
}

/** The best few gigs for the musician (who must be the caller), with their reasons. */
export async function gigsForMe(tx: Tx, musicianId: string, limit = 3): Promise<GigForMe[]> {
  const matches = await gigsForMusician(tx, musicianId, limit);
  if (matches.length === 0) return [];
  const gigs = new Map((await getGigs(tx, matches.map((m) => m.id))).map((g) => [g.id, g]));
  return matches.flatMap((m) => {
    const gig = gigs.get(m.id);
    return gig ? [{ gig, fit: { fit: m.fit, strong: m.strong }, reason: m.reason }] : [];
  });
}

/** Held, on its way and paid out, per currency (the earnings page has the detail). */
export async function earningsSummary(tx: Tx): Promise<Totals[]> {
  return totalsByCurrency(await listEarnings(tx));
}

export interface SuggestedMusician {
  id: string;
  stage_name: string;
  city: string | null;
  avatar_path: string | null;
  fit: number;
  reason: string;
}

/**
 * Musicians matched to the caller's gig `gigId` who have not applied yet, best first. An
 * unpublished or finished gig has none.
 */
export async function suggestedMusicians(
  tx: Tx,
  gigId: string,
  limit = 3,
): Promise<SuggestedMusician[]> {
  const matches = await musiciansForGig(tx, gigId, limit + 5);
  if (matches.length === 0) return [];
  const rows = await tx.query<{
    id: string;
    stage_name: string;
    city: string | null;
    avatar_path: string | null;
  }>(
    `select m.id, m.stage_name, m.city, p.avatar_path
       from public.musician_profiles m join public.profiles p on p.id = m.id
      where m.id = any($1::uuid[])
        and not exists (select 1 from public.applications a
                         where a.gig_id = $2::uuid and a.musician_id = m.id)`,
    [matches.map((m) => m.id), gigId],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return matches.flatMap((m) => {
    const r = byId.get(m.id);
    return r ? [{ ...r, fit: m.fit, reason: m.reason }] : [];
  }).slice(0, limit);
}
