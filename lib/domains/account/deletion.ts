/**
 * Deleting an account with a 30-day undo (the SQL is supabase/migrations/
 * 20261217000600_account_data.sql): what it will do, asking for it, restoring, and the edge's
 * question "may this session go on?".
 *
 * A deletion pending is a state of its own (private.account_deletions), not auth.users.deleted_at
 * nor a ban: the password still works, so the person can sign in to restore; the edge lets such a
 * session reach only the restore page, and refuses outright any token issued before the request
 * (sessions that existed then have ended).
 *
 * @module
 */
import { z } from "zod";
import type { Claims, Db } from "../../ports/db/mod.ts";
import type { Blocked, Consequences } from "../../shared/consequences.ts";
import { formatDate } from "../../shared/format.ts";

export const ACCOUNT_PATH = "/account";
export const RESTORE_PATH = "/account/restore";
export const UNDO_DAYS = 30;

export const DeletionPreview = z.object({
  pending: z.boolean(),
  requested_at: z.string().nullable(),
  purge_after: z.string().nullable(),
  open_applications: z.coerce.number(),
  open_gigs: z.coerce.number(),
  held_bookings: z.array(z.string()),
});
export type DeletionPreview = z.infer<typeof DeletionPreview>;

export async function deletionPreview(db: Db, claims: Claims): Promise<DeletionPreview> {
  const [r] = await db.queryAsUser<{ p: unknown }>(
    claims,
    "select public.account_deletion_preview() as p",
  );
  return DeletionPreview.parse(r.p);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The confirmation step's words: what deleting does now, or why it cannot happen yet. */
export function deletionConsequences(
  p: DeletionPreview,
  zone: string | null,
): Consequences | Blocked {
  if (p.pending) {
    return {
      blocked: `Your account is already being deleted: it is erased on ${
        formatDate(p.purge_after!, zone)
      } unless you restore it.`,
    };
  }
  if (p.held_bookings.length > 0) {
    return {
      blocked: `Money is still held on ${
        plural(p.held_bookings.length, "of your bookings", "of your bookings")
      }. Settle ${
        p.held_bookings.length === 1 ? "it" : "them"
      } first (release, refund, or wait for the dispute's decision), or write to support to close the account for you.`,
    };
  }
  const lines = [
    "You are signed out everywhere at once, and your profile is hidden from everyone.",
  ];
  if (p.open_applications > 0) {
    lines.push(
      `${
        plural(p.open_applications, "open application is", "open applications are")
      } withdrawn; the clients are told.`,
    );
  }
  if (p.open_gigs > 0) {
    lines.push(
      `${
        plural(p.open_gigs, "open gig is", "open gigs are")
      } closed (drafts are deleted); applicants are told.`,
    );
  }
  lines.push(
    `After ${UNDO_DAYS} days your files, profile, messages' text and everything else personal are erased for good.`,
    "Payment and booking records are kept without your name, as the law requires.",
  );
  return {
    title: "Delete your account?",
    lines,
    undo:
      `For ${UNDO_DAYS} days you can sign in and choose “Restore my account”. Withdrawn applications and closed gigs stay so.`,
    confirmLabel: "Delete my account",
    variant: "danger",
  };
}

export async function requestDeletion(db: Db, claims: Claims): Promise<{ purge_after: string }> {
  const [r] = await db.queryAsUser<{ r: { purge_after: string } }>(
    claims,
    "select public.request_account_deletion() as r",
  );
  return r.r;
}

export async function cancelDeletion(db: Db, claims: Claims): Promise<void> {
  await db.queryAsUser(claims, "select public.cancel_account_deletion()");
}

export interface PendingDeletion {
  requested_at: string;
  purge_after: string;
}

/** The person's pending deletion, or null (service: the edge asks before RLS is involved). */
export async function pendingDeletion(db: Db, userId: string): Promise<PendingDeletion | null> {
  const [r] = await db.asService((tx) =>
    tx.query<{ s: PendingDeletion | null }>("select private.account_deletion_state($1) as s", [
      userId,
    ])
  );
  return r?.s ?? null;
}

/**
 * What a session of an account whose deletion is pending may do: a token issued before the
 * request is refused (`ended`); one from a sign-in since may reach only the restore page and sign
 * out (`restore_only`).
 */
export function deletionGate(
  pending: PendingDeletion | null,
  claims: Claims,
): "ok" | "ended" | "restore_only" {
  if (!pending) return "ok";
  const requested = Math.floor(new Date(pending.requested_at).getTime() / 1000);
  if (claims.iat === undefined || claims.iat <= requested) return "ended";
  return "restore_only";
}

/** Paths a restore-only session may use: the restore page and signing out. */
export function allowedWhilePending(path: string): boolean {
  return path === RESTORE_PATH || path === "/signout" || path === "/auth/v1/logout" ||
    path.startsWith("/static/") || path.startsWith("/_frsh/");
}
