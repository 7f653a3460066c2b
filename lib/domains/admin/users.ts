/**
 * Admins' users section (/admin/users): search, one user's page, suspensions (which end the
 * user's sessions at once) and verified musicians, through the admin SQL functions of
 * 20261217000200_admin_users.sql (each checks the admin claim itself and writes the audit log).
 *
 * ```ts
 * const page = await db.asUser(claims, (tx) => searchUsers(tx, { q: "ana@", page: 1 }));
 * await db.asUser(claims, (tx) => suspendUser(tx, id, { reason: "Spam", until: null }));
 * ```
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";
import type { Consequences } from "../../shared/consequences.ts";
import { formatDateTime } from "../../shared/format.ts";

export const USERS_PAGE = 25;

/** `/admin/users?q=&page=`: an empty q lists the newest accounts. */
export const UserSearch = z.object({
  q: z.string().trim().max(200, { error: "Search for at most 200 characters" }).default(""),
  page: z.coerce.number({ error: "Not a page number" }).int({ error: "Not a page number" })
    .min(1, { error: "Not a page number" }).max(1000, { error: "Not a page number" }).default(1),
});
export type UserSearch = z.infer<typeof UserSearch>;

const when = z.coerce.date().nullable();

export const UserRow = z.object({
  id: z.string(),
  email: z.string().nullable(),
  display_name: z.string().nullable(),
  is_musician: z.boolean(),
  is_client: z.boolean(),
  is_admin: z.boolean(),
  created_at: when,
  last_sign_in_at: when,
  banned_until: when,
  ban_reason: z.string().nullable(),
  verified: z.boolean(),
  deleted: z.boolean(),
});
export type UserRow = z.infer<typeof UserRow>;

const count = z.coerce.number().int();

export const UserDetail = UserRow.omit({ verified: true, deleted: true }).extend({
  email_confirmed_at: when,
  deleted_at: when,
  ban_permanent: z.boolean(),
  suspended_at: when,
  suspended_by_email: z.string().nullable(),
  stage_name: z.string().nullable(),
  musician_published: z.boolean().nullable(),
  verified_at: when,
  organisation: z.string().nullable(),
  gigs_posted: count,
  applications: count,
  bookings_as_musician: count,
  bookings_as_client: count,
  active_sessions: count,
  /** Null: there is no reports table to count. */
  reports_against: count.nullable(),
});
export type UserDetail = z.infer<typeof UserDetail>;

/** One page of matches, and whether another follows. */
export async function searchUsers(
  tx: Tx,
  s: UserSearch,
  size = USERS_PAGE,
): Promise<{ rows: UserRow[]; more: boolean }> {
  const rows = await tx.query(
    "select * from public.admin_search_users($1, $2::int, $3::int)",
    [s.q, size + 1, (s.page - 1) * size],
  );
  const parsed = rows.map((r) => UserRow.parse(r));
  return { rows: parsed.slice(0, size), more: parsed.length > size };
}

/** The user page's facts; null for an unknown id. */
export async function getUser(tx: Tx, id: string): Promise<UserDetail | null> {
  const rows = await tx.query("select * from public.admin_user($1::uuid)", [id]);
  return rows[0] ? UserDetail.parse(rows[0]) : null;
}

const reason = z.string().trim().min(1, { error: "Give a reason" }).max(1000, {
  error: "Keep the reason under 1000 characters",
});

/**
 * The suspend form: a reason, and either a last date (`length=until`, `until=YYYY-MM-DD`: the
 * suspension ends when that day starts, UTC) or `length=permanent`.
 */
export const SuspendForm = z.object({
  reason,
  length: z.enum(["until", "permanent"], { error: "Choose how long" }),
  until: z.string().trim().optional(),
}).transform((f, ctx) => {
  if (f.length === "permanent") return { reason: f.reason, until: null };
  const day = /^\d{4}-\d{2}-\d{2}$/.test(f.until ?? "") ? new Date(`${f.until}T00:00:00Z`) : null;
  if (!day || Number.isNaN(day.getTime())) {
    ctx.addIssue({ code: "custom", path: ["until"], message: "Choose the day it ends" });
    return z.NEVER;
  }
  if (day.getTime() <= Date.now()) {
    ctx.addIssue({ code: "custom", path: ["until"], message: "Choose a day after today" });
    return z.NEVER;
  }
  return { reason: f.reason, until: day };
});
export type Suspension = z.output<typeof SuspendForm>;

export const LiftForm = z.object({ reason });
export const VerifyForm = z.object({
  verified: z.enum(["yes", "no"], { error: "Say verified or not" }).transform((v) => v === "yes"),
});

/** Suspends and ends every session of the user; returns when it ends. */
export async function suspendUser(tx: Tx, id: string, s: Suspension): Promise<Date> {
  const [row] = await tx.query<{ until: Date | string }>(
    "select public.admin_suspend_user($1::uuid, $2, $3::timestamptz) as until",
    [id, s.reason, s.until?.toISOString() ?? null],
  );
  return new Date(row.until);
}

export async function liftSuspension(tx: Tx, id: string, why: string): Promise<void> {
  await tx.query("select public.admin_lift_suspension($1::uuid, $2)", [id, why]);
}

export async function verifyMusician(tx: Tx, id: string, verified: boolean): Promise<void> {
  await tx.query("select public.admin_verify_musician($1::uuid, $2::boolean)", [id, verified]);
}

/** What suspending does, for the confirmation step. */
export function suspendConsequences(
  u: Pick<UserDetail, "display_name" | "email" | "banned_until">,
  s: Suspension,
  tz: string | null,
): Consequences {
  const who = u.display_name || u.email || "this user";
  return {
    title: `Suspend ${who}?`,
    lines: [
      s.until
        ? `They cannot sign in until ${formatDateTime(s.until, tz)}.`
        : "They cannot sign in again until an admin lifts the suspension.",
      "Every session they have ends now: their next page or API call is refused.",
      "They see that the account is suspended and until when, not your reason.",
      ...(u.banned_until ? ["This replaces the suspension in force."] : []),
    ],
    undo: "An admin can lift it at any time; the audit log keeps both.",
    confirmLabel: "Suspend now",
    variant: "danger",
  };
}

/** "Musician, client", for the tables. */
export function rolesText(u: Pick<UserRow, "is_musician" | "is_client" | "is_admin">): string {
  const roles = [u.is_musician && "musician", u.is_client && "client", u.is_admin && "admin"];
  return roles.filter(Boolean).join(", ") || "none";
}
