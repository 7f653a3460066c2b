/**
 * Suspended and deleted accounts lose access at their next request, not when their access token
 * expires: the edge asks here for every signed-in request. Each user's `auth.users.banned_until`
 * and `deleted_at`, and a pending deletion (lib/domains/account/deletion.ts), are read in one
 * query as the database owner (as the auth service reads them) and kept a few seconds per
 * platform; this server's own suspensions, deletions and restores drop the kept row at once
 * (`forget`), other servers see them within the few seconds.
 *
 * ```ts
 * const standing = await accountGates(platform).standing(user.id); // { kind: "suspended", until }
 * accountGates(platform).forget(userId); // after suspending or lifting
 * ```
 *
 * @module
 */
import type { Platform } from "../platform/mod.ts";
import type { Claims, Driver } from "../ports/db/mod.ts";
import { allowedWhilePending, deletionGate, RESTORE_PATH } from "../domains/account/deletion.ts";
import { HttpError } from "./errors.ts";
import { signInUrl } from "./redirect.ts";
import { seeOther, withCookies } from "./respond.ts";
import { clearSessionCookies } from "./session.ts";

/** How long a user's standing is trusted before it is read again. */
export const ACCOUNT_GATE_TTL_MS = 5_000;
const MAX_USERS = 10_000;
/** A ban this far ahead is a permanent one (stored as 100 years, as Supabase's "876000h"). */
const PERMANENT_MS = 50 * 365 * 24 * 3600 * 1000;

export type Standing =
  | { kind: "ok" }
  | { kind: "suspended"; until: Date; permanent: boolean }
  | { kind: "deleted" }
  /** The person asked for deletion; it can be undone until `purgeAfter`. */
  | { kind: "deletion_pending"; requestedAt: Date; purgeAfter: Date };

interface AccountRow {
  banned_until: Date | string | null;
  deleted_at: Date | string | null;
  deletion_requested_at?: Date | string | null;
  purge_after?: Date | string | null;
}

export interface AccountGate {
  standing(userId: string): Promise<Standing>;
  forget(userId: string): void;
}

/** The standing of a row at `now` (a ban that has run out is no ban; no row: deleted). */
export function standingOf(row: AccountRow | null, now: number): Standing {
  if (!row || row.deleted_at) return { kind: "deleted" };
  const until = row.banned_until ? new Date(row.banned_until) : null;
  if (until && until.getTime() > now) {
    return { kind: "suspended", until, permanent: until.getTime() - now > PERMANENT_MS };
  }
  if (row.deletion_requested_at && row.purge_after) {
    return {
      kind: "deletion_pending",
      requestedAt: new Date(row.deletion_requested_at),
      purgeAfter: new Date(row.purge_after),
    };
  }
  return { kind: "ok" };
}

export function createAccountGate(
  read: (userId: string) => Promise<AccountRow | null>,
  opts: { ttlMs?: number; now?: () => number; max?: number; onError?: (err: unknown) => void } = {},
): AccountGate {
  const ttl = opts.ttlMs ?? ACCOUNT_GATE_TTL_MS;
  const now = opts.now ?? Date.now;
  const max = opts.max ?? MAX_USERS;
  const kept = new Map<string, { row: Promise<AccountRow | null>; at: number }>();
  return {
    async standing(userId) {
      let hit = kept.get(userId);
      if (!hit || now() - hit.at >= ttl) {
        kept.delete(userId);
        if (kept.size >= max) kept.delete(kept.keys().next().value!);
        // The promise is kept, so requests arriving together share one read.
        hit = { row: read(userId), at: now() };
        kept.set(userId, hit);
      }
      try {
        return standingOf(await hit.row, now());
      } catch (err) {
        // A failed read lets the request through (its token is valid; RLS still applies) and is
        // not kept, so the next request reads again.
        if (kept.get(userId) === hit) kept.delete(userId);
        opts.onError?.(err);
        return { kind: "ok" };
      }
    },
    forget(userId) {
      kept.delete(userId);
    },
  };
}

/** The owner's read of one account (auth.users is the auth service's table, not the API's). */
export function readAccount(driver: Driver, userId: string): Promise<AccountRow | null> {
  return driver.query<AccountRow>(
    `select u.banned_until, u.deleted_at, d.requested_at as deletion_requested_at, d.purge_after
       from auth.users u
       left join private.account_deletions d on d.user_id = u.id and d.purged_at is null
      where u.id = $1::uuid`,
    [userId],
  ).then((rows) => rows[0] ?? null);
}

const byPlatform = new WeakMap<Platform, AccountGate>();

/** The platform's account gate, made on first use. */
export function accountGates(platform: Platform): AccountGate {
  let gate = byPlatform.get(platform);
  if (!gate) {
    gate = createAccountGate((id) => readAccount(platform.db.driver, id), {
      onError: (err) =>
        platform.log({ level: "warn", msg: "account standing unread", error: String(err) }),
    });
    byPlatform.set(platform, gate);
  }
  return gate;
}

export interface RefusalOptions {
  path: string;
  json: boolean;
  clearCookies: boolean;
  secure: boolean;
  answerJson: (e: HttpError) => Response;
}

/** Null when the signed-in request may go on, else the answer to send. */
export async function gateRequest(
  platform: Platform,
  claims: Claims,
  opts: RefusalOptions,
): Promise<Response | null> {
  const standing = await accountGates(platform).standing(claims.sub);
  if (standing.kind === "ok") return null;
  if (standing.kind !== "deletion_pending") return refuseAccount(standing, opts);
  return refusePending(standing, claims, opts);
}

/**
 * A pending deletion: a token issued before the request is refused like an ended session; one
 * from a sign-in since reaches only the restore page and sign-out (else the browser goes there,
 * JSON gets 403 `account_deletion_pending`).
 */
function refusePending(
  standing: Extract<Standing, { kind: "deletion_pending" }>,
  claims: Claims,
  opts: RefusalOptions,
): Response | null {
  const pending = {
    requested_at: standing.requestedAt.toISOString(),
    purge_after: standing.purgeAfter.toISOString(),
  };
  const verdict = deletionGate(pending, claims);
  if (verdict === "ok") return null;
  if (verdict === "ended") return refuseAccount({ kind: "deleted" }, opts);
  if (allowedWhilePending(opts.path.split("?")[0])) return null;
  if (opts.json) {
    return opts.answerJson(
      new HttpError(403, "This account is being deleted: restore it first", {
        code: "account_deletion_pending",
      }),
    );
  }
  return seeOther(RESTORE_PATH);
}

/**
 * The answer to a refused account's request. JSON paths: 403 `account_suspended` or 401
 * `session_ended` (through `answerJson`, which shapes the error for its path). Pages: the session
 * cookies are cleared and the browser goes to /account/suspended (which says until when, never
 * why) or to sign-in.
 */
export function refuseAccount(
  standing: Extract<Standing, { kind: "suspended" | "deleted" }>,
  opts: RefusalOptions,
): Response {
  const cookies = opts.clearCookies ? clearSessionCookies(opts.secure) : [];
  if (opts.json) {
    const e = standing.kind === "suspended"
      ? new HttpError(403, suspendedText(standing), { code: "account_suspended" })
      : new HttpError(401, "Your session has ended: please sign in again", {
        code: "session_ended",
        field: "authorization",
      });
    return withCookies(opts.answerJson(e), cookies);
  }
  if (standing.kind === "deleted") return seeOther(signInUrl(opts.path), cookies);
  const until = standing.permanent
    ? ""
    : `?until=${encodeURIComponent(standing.until.toISOString())}`;
  return seeOther(`/account/suspended${until}`, cookies);
}

function suspendedText(s: { until: Date; permanent: boolean }): string {
  return s.permanent
    ? "This account is suspended."
    : `This account is suspended until ${s.until.toISOString()}.`;
}
