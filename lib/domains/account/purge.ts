/**
 * The end of a deletion: 30 days after the request, `private.purge_account` erases the account in
 * one transaction, and its files are removed through the storage port (as their owner; on
 * Supabase with the server's key), before and after the SQL (see `purgeAccount`). A crash leaves
 * files that the next sweep removes (the list is read from storage, not from the erased rows).
 * Expired export zips are removed by the same sweep.
 *
 * @module
 */
import type { Db } from "../../ports/db/mod.ts";
import type { Caller, StoragePort } from "../../ports/storage/port.ts";
import type { Logger } from "../../platform/log.ts";
import { EXPORT_BUCKET } from "./export_job.ts";

export interface PurgeDeps {
  db: Db;
  storage: StoragePort;
  asOwner: (userId: string) => Caller;
  log?: Logger;
}

export interface PurgeResult {
  purged: boolean;
  files_removed: number;
  files_left: number;
}

/** Removes every file of the person's; how many went and how many could not. */
export async function removeFiles(deps: PurgeDeps, userId: string): Promise<[number, number]> {
  const files = await deps.db.asService((tx) =>
    tx.query<{ bucket_id: string; name: string }>(
      "select bucket_id, name from private.account_purge_files($1)",
      [userId],
    )
  );
  const caller = deps.asOwner(userId);
  let removed = 0;
  for (const f of files) {
    if (await deps.storage.remove(caller, f.bucket_id, f.name).catch(() => false)) removed++;
  }
  return [removed, files.length - removed];
}

/**
 * Purges one account whose 30 days are over at `now` (SC409 before then, SC404 when no deletion
 * was asked for); a purged account only has its leftover files removed.
 */
export async function purgeAccount(
  deps: PurgeDeps,
  userId: string,
  now: Date,
): Promise<PurgeResult> {
  const [d] = await deps.db.asService((tx) =>
    tx.query<{ due: boolean }>(
      `select purged_at is null and purge_after <= $2 as due
         from private.account_deletions where user_id = $1`,
      [userId, now.toISOString()],
    )
  );
  // Some files can be removed only while their rows exist (an artist's art is the artist's), some
  // only once nothing points at them (a message's attachment): one pass before, one after.
  const [early] = d?.due ? await removeFiles(deps, userId) : [0];
  const [r] = await deps.db.asService((tx) =>
    tx.query<{ r: { purged: boolean } }>("select private.purge_account($1, $2) as r", [
      userId,
      now.toISOString(),
    ])
  );
  const [removed, left] = await removeFiles(deps, userId);
  if (left > 0) {
    deps.log?.({ level: "warn", msg: "account purge left files", user: userId, left });
  }
  return { purged: r.r.purged, files_removed: early + removed, files_left: left };
}

/** Removes the zips of exports past their 7 days; how many. */
export async function removeExpiredExports(deps: PurgeDeps, now: Date): Promise<number> {
  const rows = await deps.db.asService((tx) =>
    tx.query<{ id: string; user_id: string; path: string }>(
      `select id, user_id, path from public.account_exports
        where expires_at <= $1 and path is not null limit 100`,
      [now.toISOString()],
    )
  );
  for (const r of rows) {
    await deps.storage.remove(deps.asOwner(r.user_id), EXPORT_BUCKET, r.path).catch(() => false);
    await deps.db.asService((tx) =>
      tx.query("update public.account_exports set path = null where id = $1", [r.id])
    );
  }
  return rows.length;
}

/** The periodic sweep: every account due at `now` purged, expired exports removed. */
export async function sweepAccounts(deps: PurgeDeps, now = new Date()): Promise<number> {
  const due = await deps.db.asService((tx) =>
    tx.query<{ id: string }>("select private.due_account_purges($1) as id", [now.toISOString()])
  );
  for (const { id } of due) {
    try {
      await purgeAccount(deps, id, now);
    } catch (err) {
      deps.log?.({ level: "error", msg: "account purge failed", user: id, error: String(err) });
    }
  }
  await removeExpiredExports(deps, now);
  return due.length;
}
