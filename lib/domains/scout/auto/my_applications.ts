/**
 * "My applications" for musicians: the caller's applications by status, with counts, the gig's
 * title and date, the quote, and whether the scout made it (auto-apply). Read as the user (RLS).
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../../ports/db/mod.ts";
import { Timestamp } from "../../gigs/rows.ts";
import { Uuid } from "../../../shared/schemas.ts";

export const APPLICATION_STATUSES = [
  "submitted",
  "shortlisted",
  "accepted",
  "declined",
  "withdrawn",
] as const;
export type ApplicationStatus = typeof APPLICATION_STATUSES[number];

/** Statuses the musician can still withdraw from. */
export const ACTIVE_STATUSES: readonly ApplicationStatus[] = ["submitted", "shortlisted"];

export const MyApplication = z.object({
  id: Uuid(),
  gig_id: Uuid(),
  status: z.enum(APPLICATION_STATUSES),
  proposal: z.string(),
  quoted_fee_minor: z.number().int(),
  currency: z.string(),
  created_at: Timestamp,
  auto: z.boolean().describe("The scout applied (auto-apply)"),
  gig: z.object({
    title: z.string(),
    starts_at: Timestamp,
    timezone: z.string(),
    city: z.string().nullable(),
    remote: z.boolean(),
    status: z.string(),
  }),
});
export type MyApplication = z.output<typeof MyApplication>;

export const MyApplicationsQuery = z.object({
  status: z.enum(APPLICATION_STATUSES).optional(),
});

export const MyApplicationsBody = z.object({
  counts: z.record(z.enum(APPLICATION_STATUSES), z.number().int()),
  applications: z.array(MyApplication),
});
export type MyApplicationsBody = z.output<typeof MyApplicationsBody>;

const SELECT = `
  select a.id, a.gig_id, a.status, a.proposal, a.quoted_fee_minor, a.currency, a.created_at,
         exists (select from public.scout_audit x where x.application_id = a.id
                   and x.user_id = a.musician_id and x.action = 'applied') as auto,
         jsonb_build_object('title', g.title, 'starts_at', g.starts_at, 'timezone', g.timezone,
                            'city', g.city, 'remote', g.remote, 'status', g.status) as gig
    from public.applications a join public.gigs g on g.id = a.gig_id
   where a.musician_id = (select auth.uid())`;

/** The caller's applications (one status or all, newest first, at most 200) and every count. */
export async function listMyApplications(
  tx: Tx,
  status?: ApplicationStatus,
): Promise<MyApplicationsBody> {
  const rows = await tx.query(
    `${SELECT} and ($1::text is null or a.status = $1) order by a.created_at desc, a.id desc
      limit 200`,
    [status ?? null],
  );
  const counted = await tx.query<{ status: ApplicationStatus; n: number }>(
    `select status, count(*)::int as n from public.applications
      where musician_id = (select auth.uid()) group by status`,
  );
  const counts = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as Record<
    ApplicationStatus,
    number
  >;
  for (const c of counted) counts[c.status] = Number(c.n);
  return { counts, applications: rows.map((r) => MyApplication.parse(r)) };
}

/** One of the caller's applications, or null (someone else's is invisible). */
export async function getMyApplication(tx: Tx, id: string): Promise<MyApplication | null> {
  const [row] = await tx.query(`${SELECT} and a.id = $1::uuid`, [id]);
  return row ? MyApplication.parse(row) : null;
}
