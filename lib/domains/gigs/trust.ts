/**
 * What a hirer weighs before booking someone: photo, member since, rating with its count and
 * bookings completed through the platform (public.musician_trust_facts: only musicians whose
 * profile the reader may see, so RLS keeps drafts private).
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";
import { type Undoable, undoableDecisions } from "./undo.ts";

const Timestamp = z.coerce.date();

export const TrustFacts = z.object({
  musician_id: z.string().uuid(),
  avatar_path: z.string().nullable(),
  member_since: Timestamp,
  rating_avg: z.number().nullable(),
  rating_count: z.number().int(),
  completed_bookings: z.number().int(),
});
export type TrustFacts = z.output<typeof TrustFacts>;

/** The facts of the musicians among `ids` the caller may see, by id (one query). */
export async function trustFacts(tx: Tx, ids: readonly string[]): Promise<Map<string, TrustFacts>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx.query(
    `select musician_id, avatar_path, member_since, rating_avg, rating_count, completed_bookings
       from public.musician_trust_facts where musician_id = any($1::uuid[])`,
    [unique],
  );
  return new Map(rows.map((r) => {
    const f = TrustFacts.parse(r);
    return [f.musician_id, f] as const;
  }));
}

/** "4.8 ★ from 12 reviews", or null before the first review shows. */
export function ratingLine(f: Pick<TrustFacts, "rating_avg" | "rating_count">): string | null {
  if (!f.rating_count || f.rating_avg == null) return null;
  return `${f.rating_avg.toFixed(1)} ★ from ${f.rating_count} review${
    f.rating_count === 1 ? "" : "s"
  }`;
}

/** "14 gigs booked through Soundcheck", or null for none yet. */
export function bookingsLine(n: number): string | null {
  if (n <= 0) return null;
  return `${n} gig${n === 1 ? "" : "s"} booked through Soundcheck`;
}

/** "Member since December 2026". */
export function memberSinceLine(at: Date, locale = "en-GB"): string {
  const when = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" })
    .format(at);
  return `Member since ${when}`;
}

/** What the owner's applicant list shows beside each application (see components/ApplicantList). */
export interface ApplicantTrust {
  trust: Record<string, TrustFacts>;
  avatars: Record<string, string>;
  undo: Record<string, Undoable>;
}

/**
 * Trust facts and photos of a gig's applicants, and which of the owner's declines can still be
 * undone: two queries whatever the number of applicants.
 */
export async function applicantTrust(
  tx: Tx,
  storage: { publicUrl(bucket: string, path: string): string },
  applications: readonly { id: string; musician_id: string }[],
): Promise<ApplicantTrust> {
  const facts = await trustFacts(tx, applications.map((a) => a.musician_id));
  const undo = await undoableDecisions(tx, applications.map((a) => a.id));
  const out: ApplicantTrust = { trust: {}, avatars: {}, undo: Object.fromEntries(undo) };
  for (const [id, f] of facts) {
    out.trust[id] = f;
    if (f.avatar_path) out.avatars[id] = storage.publicUrl("avatars", f.avatar_path);
  }
  return out;
}
