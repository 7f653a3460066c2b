/**
 * Applications: every state change is one SQL function (it checks who may do it and notifies the
 * other side); reads go through RLS (the applicant and the gig's owner).
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import {
  Application,
  ApplicationForGig,
  type ApplicationInput,
  Booking,
  OwnApplication,
} from "./schemas.ts";

const APPLICATION_COLUMNS = `id, gig_id, musician_id, proposal, quoted_fee_minor, currency, setlist,
  media_ids, status, created_at, updated_at, decided_at`;

export const BOOKING_COLUMNS = `id, gig_id, application_id, client_id, musician_id, fee_minor,
  currency, starts_at, ends_at, timezone, place, remote, cancellation_terms, status, created_at,
  completed_at, cancelled_at, cancel_reason`;

/**
 * The caller (a musician with a musician profile) applies to a gig: 403 without a profile or on
 * their own gig, 404 for a gig they cannot see, 409 when it is closed, past apply_by or applied to
 * already, 400 naming the field for bad input. The client is notified.
 */
export async function apply(tx: Tx, gigId: string, input: ApplicationInput): Promise<Application> {
  const [row] = await tx.query(
    `select ${APPLICATION_COLUMNS}
       from public.apply_to_gig($1::uuid, $2, $3::int, $4::jsonb, $5::uuid[])`,
    [
      gigId,
      input.proposal,
      input.quoted_fee_minor,
      input.setlist == null ? null : JSON.stringify(input.setlist),
      input.media_ids,
    ],
  );
  return Application.parse(row);
}

async function step(tx: Tx, fn: string, id: string): Promise<Application> {
  const [row] = await tx.query(`select ${APPLICATION_COLUMNS} from public.${fn}($1::uuid)`, [id]);
  return Application.parse(row);
}

/** submitted → shortlisted (the gig's owner); the musician is notified. */
export function shortlist(tx: Tx, applicationId: string): Promise<Application> {
  return step(tx, "shortlist_application", applicationId);
}

/** submitted/shortlisted → declined (the gig's owner); the musician is notified. */
export function decline(tx: Tx, applicationId: string): Promise<Application> {
  return step(tx, "decline_application", applicationId);
}

/** submitted/shortlisted → withdrawn (the applicant); the client is notified. */
export function withdraw(tx: Tx, applicationId: string): Promise<Application> {
  return step(tx, "withdraw_application", applicationId);
}

/**
 * Accepts an application (the gig's owner): one booking with a snapshot of the terms, the gig
 * filled, every other applicant declined, everyone notified. 409 "This gig is already filled" for
 * a second accept; 409 on `starts_at` when the musician is booked elsewhere at that time.
 */
export async function accept(tx: Tx, applicationId: string): Promise<Booking> {
  const [row] = await tx.query(
    `select ${BOOKING_COLUMNS} from public.accept_application($1::uuid)`,
    [applicationId],
  );
  return Booking.parse(row);
}

/** One application the caller may see (theirs, or to their gig), or null. */
export async function getApplication(tx: Tx, id: string): Promise<Application | null> {
  const [row] = await tx.query(
    `select ${APPLICATION_COLUMNS} from public.applications where id = $1::uuid`,
    [id],
  );
  return row ? Application.parse(row) : null;
}

/**
 * The applications to the caller's gig, oldest first, with each applicant's public facts (empty
 * for someone else's gig: RLS). Matching ranks them separately.
 */
export async function listApplicationsForGig(
  tx: Tx,
  gigId: string,
): Promise<ApplicationForGig[]> {
  const rows = await tx.query(
    `select ${APPLICATION_COLUMNS.replace(/(\w+)/g, "a.$1")},
            jsonb_build_object(
              'display_name', p.display_name, 'avatar_path', p.avatar_path,
              'stage_name', m.stage_name, 'genres', coalesce(m.genres, '{}'),
              'instruments', coalesce(m.instruments, '{}'), 'city', m.city, 'country', m.country,
              'rating_avg', m.rating_avg::float8, 'rating_count', coalesce(m.rating_count, 0)
            ) as musician
       from public.applications a
       join public.profiles p on p.id = a.musician_id
       left join public.musician_profiles m on m.id = a.musician_id
      where a.gig_id = $1::uuid
      order by a.created_at, a.id`,
    [gigId],
  );
  return rows.map((r) => ApplicationForGig.parse(r));
}

/** The caller's own applications (as a musician), newest first, optionally of one state. */
export async function listOwnApplications(
  tx: Tx,
  opts: { status?: Application["status"]; gigId?: string; limit?: number } = {},
): Promise<OwnApplication[]> {
  const rows = await tx.query(
    `select ${APPLICATION_COLUMNS.replace(/(\w+)/g, "a.$1")},
            jsonb_build_object('title', g.title, 'starts_at', g.starts_at, 'timezone', g.timezone,
                               'status', g.status, 'city', g.city, 'remote', g.remote) as gig
       from public.applications a join public.gigs g on g.id = a.gig_id
      where a.musician_id = (select auth.uid()) and ($1::text is null or a.status = $1)
        and ($3::uuid is null or a.gig_id = $3::uuid)
      order by a.created_at desc, a.id desc
      limit $2`,
    [opts.status ?? null, opts.limit ?? 100, opts.gigId ?? null],
  );
  return rows.map((r) => OwnApplication.parse(r));
}
