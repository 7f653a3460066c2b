/**
 * Scout sources as people see and change them: the API's shapes and the store (every change goes
 * through the migration's functions: create_scout_source, update_scout_source, queue_scout_source;
 * deleting is RLS's). Run as the user (RLS decides what they see).
 *
 * @module
 */
import { z } from "zod";
import type { Claims, Tx } from "../../ports/db/mod.ts";
import { HttpError } from "../../web/errors.ts";
import { SourceKind } from "./types.ts";
import { TimeZone } from "../gigs/schemas.ts";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const Url = z.preprocess(
  blankToUndefined,
  z.string().trim().max(2000).url("Give the feed's address (http or https)")
    .refine((u) => /^https?:\/\//i.test(u), "Give the feed's address (http or https)").optional(),
);
const OrgId = z.preprocess(
  blankToUndefined,
  z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, "An Eventbrite organisation id (digits)")
    .optional(),
);
const EveryHours = z.coerce.number().int().min(1, "At least every hour")
  .max(168, "At most every 168 hours (a week)");
const Bool = z.union([
  z.boolean(),
  z.enum(["true", "false"]).transform((v) => v === "true"),
]);

export const SourceInput = z.strictObject({
  kind: SourceKind,
  name: z.string().trim().min(1, "Give the source a name").max(120),
  url: Url,
  org_id: OrgId,
  every_hours: EveryHours.default(24),
  /** Where times the source gives without a zone or offset are local. */
  timezone: z.preprocess(blankToUndefined, TimeZone.default("UTC")),
});
export type SourceInput = z.infer<typeof SourceInput>;

export const SourcePatch = z.strictObject({
  name: z.string().trim().min(1, "Give the source a name").max(120).optional(),
  url: Url,
  org_id: OrgId,
  every_hours: EveryHours.optional(),
  timezone: z.preprocess(blankToUndefined, TimeZone.optional()),
  enabled: Bool.optional(),
});
export type SourcePatch = z.infer<typeof SourcePatch>;

const Iso = z.string().nullable();

export const SourceView = z.object({
  id: z.string().uuid(),
  owner_id: z.string().uuid(),
  is_public: z.boolean(),
  kind: SourceKind,
  name: z.string(),
  url: z.string().nullable(),
  org_id: z.string().nullable(),
  every_hours: z.number().int(),
  timezone: z.string(),
  enabled: z.boolean(),
  health: z.enum(["new", "ok", "failing", "paused"]),
  last_error: z.string().nullable(),
  consecutive_failures: z.number().int(),
  next_run_at: Iso,
  last_run_at: Iso,
  /** A read is queued or under way. */
  checking: z.boolean(),
  items_found: z.number().int(),
  created_at: z.string(),
});
export type SourceView = z.infer<typeof SourceView>;

export const RunView = z.object({
  id: z.string().uuid(),
  started_at: z.string(),
  finished_at: z.string(),
  status: z.enum(["ok", "unchanged", "failed"]),
  http_status: z.number().int().nullable(),
  items: z.number().int(),
  new_items: z.number().int(),
  updated_items: z.number().int(),
  duplicates: z.number().int(),
  error: z.string().nullable(),
  item_errors: z.array(z.object({ item: z.string(), message: z.string() })),
});
export type RunView = z.infer<typeof RunView>;

export const SourceListBody = z.object({ sources: z.array(SourceView) });
export const SourceBody = z.object({ source: SourceView });
export const SourceDetailBody = z.object({ source: SourceView, runs: z.array(RunView) });
export const QueuedBody = z.object({ queued: z.boolean(), source: SourceView });

/** A timestamp as ISO text (drivers give Dates). */
export function iso(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return (v instanceof Date ? v : new Date(String(v))).toISOString();
}

const SOURCE_COLUMNS = `s.id, s.owner_id, s.is_public, s.kind, s.name, s.url, s.org_id,
  s.every_hours, s.timezone, s.enabled, s.health, s.last_error, s.consecutive_failures, s.next_run_at,
  s.last_run_at, s.queued_at, s.items_found, s.created_at`;

function sourceView(r: Record<string, unknown>): SourceView {
  const queued = r.queued_at ? new Date(iso(r.queued_at)!).getTime() : 0;
  return SourceView.parse({
    ...r,
    next_run_at: iso(r.next_run_at),
    last_run_at: iso(r.last_run_at),
    created_at: iso(r.created_at),
    checking: queued > Date.now() - 30 * 60_000,
    queued_at: undefined,
  });
}

export function isAdmin(claims: Claims): boolean {
  return claims.app_metadata?.role === "admin";
}

/** The caller's sources, and for an admin the public ones too, newest first. */
export async function listSources(tx: Tx, claims: Claims): Promise<SourceView[]> {
  const rows = await tx.query(
    `select ${SOURCE_COLUMNS} from public.scout_sources s
      where s.owner_id = $1 or (s.is_public and $2::boolean)
      order by s.created_at desc, s.id desc limit 200`,
    [claims.sub, isAdmin(claims)],
  );
  return rows.map(sourceView);
}

/** A source the caller may manage, or a 404 (a public source read by someone else: 404 too). */
export async function getSource(tx: Tx, claims: Claims, id: string): Promise<SourceView> {
  const [row] = await tx.query(
    `select ${SOURCE_COLUMNS} from public.scout_sources s
      where s.id = $1 and (s.owner_id = $2 or (s.is_public and $3::boolean))`,
    [id, claims.sub, isAdmin(claims)],
  );
  if (!row) throw new HttpError(404, "Source not found", { field: "id" });
  return sourceView(row);
}

export async function listRuns(tx: Tx, sourceId: string, limit = 20): Promise<RunView[]> {
  const rows = await tx.query(
    `select id, started_at, finished_at, status, http_status, items, new_items, updated_items,
            duplicates, error, item_errors
       from public.scout_runs where source_id = $1 order by started_at desc limit $2::int`,
    [sourceId, limit],
  );
  return rows.map((r) =>
    RunView.parse({ ...r, started_at: iso(r.started_at), finished_at: iso(r.finished_at) })
  );
}

export async function createSource(
  tx: Tx,
  claims: Claims,
  input: SourceInput,
): Promise<SourceView> {
  const [{ id }] = await tx.query<{ id: string }>(
    `select public.create_scout_source($1::text, $2::text, $3::text, $4::text, $5::int, $6::text)
       as id`,
    [
      input.kind,
      input.name,
      input.url ?? null,
      input.org_id ?? null,
      input.every_hours,
      input.timezone,
    ],
  );
  return await getSource(tx, claims, id);
}

export async function updateSource(
  tx: Tx,
  claims: Claims,
  id: string,
  patch: SourcePatch,
): Promise<SourceView> {
  await tx.query(
    `select public.update_scout_source($1::uuid, $2::text, $3::text, $4::text, $5::int,
       $6::boolean, $7::text)`,
    [
      id,
      patch.name ?? null,
      patch.url ?? null,
      patch.org_id ?? null,
      patch.every_hours ?? null,
      patch.enabled ?? null,
      patch.timezone ?? null,
    ],
  );
  return await getSource(tx, claims, id);
}

/** Deletes the source with its runs and gigs; 404 when it is not the caller's to delete. */
export async function deleteSource(tx: Tx, claims: Claims, id: string): Promise<void> {
  await getSource(tx, claims, id);
  const gone = await tx.query("delete from public.scout_sources where id = $1 returning id", [id]);
  if (gone.length === 0) throw new HttpError(404, "Source not found", { field: "id" });
}

/** "Check now": true when a read was queued, false when one is queued already. */
export async function queueSource(tx: Tx, id: string): Promise<boolean> {
  const [{ queued }] = await tx.query<{ queued: boolean }>(
    "select public.queue_scout_source($1::uuid) as queued",
    [id],
  );
  return queued;
}
