/**
 * The data export as a staged job (lib/ports/queue/jobs.ts) on the `artists` queue: the staged
 * queue for seconds-long SQL and file work (180 s visibility), which an export is. One stage,
 * `collect`: rows and files into a zip (progress: tables and files done), stored in the private
 * `exports` bucket as the owner, then the row is `ready` for 7 days.
 *
 * @module
 */
import type { Db, Tx } from "../../ports/db/mod.ts";
import { jobKind, type JobRow, stagedJob, startJob } from "../../ports/queue/jobs.ts";
import type { Claims } from "../../ports/db/mod.ts";
import type { StoragePort } from "../../ports/storage/port.ts";
import { asServer } from "../dj/run_store.ts";
import { buildExport, type ExportDeps } from "./export.ts";

export const EXPORT_BUCKET = "exports";
/** Days a finished export stays downloadable. */
export const EXPORT_DAYS = 7;
/** Seconds a download link works once made (the page makes a new one on each click). */
export const LINK_SECONDS = 600;

export const ACCOUNT_EXPORT = jobKind({
  kind: "account_export",
  queue: "artists",
  table: "public.account_exports",
  topic: (id) => `account_export:${id}`,
  stages: ["collect"],
});

interface ExportRow extends JobRow {
  user_id: string;
  path: string;
}

async function loadExport(tx: Tx, id: string): Promise<ExportRow | null> {
  const [r] = await tx.query<ExportRow>(
    "select id, status, stage, progress, user_id, path from public.account_exports where id = $1",
    [id],
  );
  return r ?? null;
}

/** The export job; `deps` resolved once, on the first message. */
export function exportJob(deps: () => Promise<ExportDeps>) {
  return stagedJob(ACCOUNT_EXPORT, {
    load: loadExport,
    ports: deps,
    failure: () => "Your data could not be collected. Try again, or write to support.",
    stages: {
      async collect(row, ctx) {
        const d = ctx.ports;
        const result = await buildExport(d, row.user_id, (p) => void ctx.progress({ ...p }));
        // upsert: a retried stage writes the same name again.
        await d.storage.upload(
          d.asOwner(row.user_id),
          EXPORT_BUCKET,
          row.path,
          result.archive,
          "application/zip",
          { upsert: true },
        );
        const size = result.archive.byteLength;
        return {
          status: "ready",
          progress: { files: result.files, bytes: size, missing: result.missing.length },
          commit: async (tx) => {
            await tx.query("select private.finish_account_export($1, $2, $3, $4)", [
              row.id,
              size,
              result.files,
              EXPORT_DAYS,
            ]);
          },
        };
      },
    },
  });
}

/** The person's exports, newest first (as them, under RLS). */
export interface ExportView {
  id: string;
  status: "queued" | "running" | "ready" | "failed";
  progress: Record<string, unknown>;
  error: string | null;
  size_bytes: number | null;
  files: number | null;
  created_at: string;
  expires_at: string | null;
  /** Ready, not expired, its zip still stored. */
  available: boolean;
}

export function listExports(db: Db, claims: Claims): Promise<ExportView[]> {
  return db.queryAsUser<ExportView>(
    claims,
    `select id, status, progress, error, size_bytes::float8 as size_bytes, files, created_at,
            expires_at, (status = 'ready' and path is not null and expires_at > now()) as available
       from public.account_exports where user_id = (select auth.uid())
      order by created_at desc limit 5`,
  );
}

/** Starts an export of the person's data: the row and its job, in one transaction; its id. */
export async function requestExport(db: Db, claims: Claims): Promise<string> {
  return await db.asUser(claims, async (tx) => {
    const [{ id }] = await tx.query<{ id: string }>("select public.request_account_export() as id");
    await asServer(tx, () => startJob(tx, ACCOUNT_EXPORT, id));
    return id;
  });
}

/**
 * A short-lived link to a ready, unexpired export of the person's (made as them: RLS); null when
 * there is none.
 */
export async function exportLink(
  db: Db,
  storage: StoragePort,
  caller: { claims: Claims; accessToken?: string },
  id: string,
): Promise<string | null> {
  const [row] = await db.queryAsUser<{ path: string }>(
    caller.claims,
    `select path from public.account_exports
      where id = $1 and user_id = (select auth.uid()) and status = 'ready'
        and path is not null and expires_at > now()`,
    [id],
  );
  if (!row) return null;
  return await storage.createSignedUrl(caller, EXPORT_BUCKET, row.path, LINK_SECONDS);
}
