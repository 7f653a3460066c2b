/**
 * "My gigs" for a client: their gigs in four groups (drafts, open, filled, past) with applicant
 * counts, read in one query under RLS (a client sees only their own gigs' applications).
 *
 * Groups: a draft is a draft whatever its date; open = published and not started yet; filled =
 * booked and not started yet; past = started, closed or cancelled.
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";
import { GIG_COLUMNS } from "./gigs.ts";
import { Gig } from "./schemas.ts";

export const MY_GIG_GROUPS = ["drafts", "open", "filled", "past"] as const;
export type MyGigGroup = typeof MY_GIG_GROUPS[number];
/** At most this many gigs per group are listed (the count says how many there are). */
export const MY_GIGS_PER_GROUP = 50;

export const MyGig = Gig.extend({
  group: z.enum(MY_GIG_GROUPS),
  submitted: z.number().int().describe("New applications, not yet shortlisted or decided"),
  shortlisted: z.number().int(),
  booking_id: z.string().nullable().describe("The booking of a filled (or played) gig"),
});
export type MyGig = z.output<typeof MyGig>;

export interface MyGigs {
  groups: Record<MyGigGroup, MyGig[]>;
  counts: Record<MyGigGroup, number>;
}

/** The caller's own gigs, grouped, each group in its natural order, with applicant counts. */
export async function listMyGigs(tx: Tx): Promise<MyGigs> {
  const cols = GIG_COLUMNS.split(",").map((c) => `g.${c.trim()}`).join(", ");
  const rows = await tx.query<Record<string, unknown> & { group: MyGigGroup; n: number }>(
    `with mine as (
       select ${cols},
              case when g.status = 'draft' then 'drafts'
                   when g.status = 'published' and g.starts_at > now() then 'open'
                   when g.status = 'filled' and g.starts_at > now() then 'filled'
                   else 'past' end as "group"
         from public.gigs g
        where g.client_id = (select auth.uid())),
     ranked as (
       select m.*, count(*) over (partition by m."group")::int as n,
              row_number() over (partition by m."group" order by
                case when m."group" in ('open', 'filled') then m.starts_at end,
                case when m."group" = 'past' then m.starts_at end desc,
                case when m."group" = 'drafts' then m.updated_at end desc,
                m.id) as rn
         from mine m)
     select r.*, coalesce(c.submitted, 0)::int as submitted, coalesce(c.shortlisted, 0)::int as shortlisted,
            b.id as booking_id
       from ranked r
       left join lateral (
         select count(*) filter (where a.status = 'submitted') as submitted,
                count(*) filter (where a.status = 'shortlisted') as shortlisted
           from public.applications a where a.gig_id = r.id) c on true
       left join public.bookings b on b.gig_id = r.id
      where r.rn <= $1
      order by r."group", r.rn`,
    [MY_GIGS_PER_GROUP],
  );
  const groups = { drafts: [], open: [], filled: [], past: [] } as Record<MyGigGroup, MyGig[]>;
  const counts = { drafts: 0, open: 0, filled: 0, past: 0 } as Record<MyGigGroup, number>;
  for (const r of rows) {
    const gig = MyGig.parse(r);
    groups[gig.group].push(gig);
    counts[gig.group] = Number(r.n);
  }
  return { groups, counts };
}
