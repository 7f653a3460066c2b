/**
 * The audit log as admins read it (/admin/audit): newest first, filtered by who, what and on
 * what, a page at a time (keyset on the id), each row's before and after read as the keys that
 * changed. Admins read public.admin_audit_log through RLS (20261217000100_admin_audit.sql).
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";

/** An empty query-string value means "no filter". */
const optional = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), s.optional());

export const AuditFilter = z.object({
  actor: optional(z.string().trim().max(200, { error: "Search for at most 200 characters" })),
  action: optional(
    z.string().trim().regex(/^[a-z0-9_.]{1,64}$/, {
      error: "An action is lower-case words and dots, like queue.retry_dead_letter",
    }),
  ),
  target: optional(z.string().trim().max(200, { error: "Search for at most 200 characters" })),
  /** The page's cursor: rows older than this id. */
  before: optional(
    z.coerce.number({ error: "Not a page of the log" }).int({ error: "Not a page of the log" })
      .positive({ error: "Not a page of the log" }).max(Number.MAX_SAFE_INTEGER, {
        error: "Not a page of the log",
      }),
  ),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditEntry = z.object({
  id: z.coerce.number(),
  at: z.coerce.date(),
  actor_id: z.string().nullable(),
  actor_email: z.string().nullable(),
  action: z.string(),
  target_type: z.string(),
  target_id: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AUDIT_PAGE = 50;

/** `%` and `_` typed by a person are meant literally. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of the log, newest first: `next` is the cursor of the page after it (null: the end).
 * `actor` matches part of the admin's e-mail or their exact id; `action` a prefix (`queue.`);
 * `target` an id, a type, or `type:id`.
 */
export async function auditPage(
  tx: Tx,
  f: AuditFilter,
  size = AUDIT_PAGE,
): Promise<{ rows: AuditEntry[]; next: number | null }> {
  const rows = await tx.query(
    `select id, at, actor_id, actor_email, action, target_type, target_id, before, after, reason
       from public.admin_audit_log
      where ($1::text is null or actor_email ilike '%' || $1::text || '%'
             or actor_id::text = lower($2::text))
        and ($3::text is null or action like $3::text || '%')
        and ($4::text is null or target_id = $4::text or target_type = $4::text
             or target_type || ':' || target_id = $4::text)
        and ($5::bigint is null or id < $5::bigint)
      order by id desc
      limit $6::int`,
    [
      f.actor === undefined ? null : likeEscape(f.actor),
      f.actor ?? null,
      f.action === undefined ? null : likeEscape(f.action),
      f.target ?? null,
      f.before ?? null,
      size + 1,
    ],
  );
  const entries = rows.map((r) => AuditEntry.parse(r));
  const more = entries.length > size;
  const page = entries.slice(0, size);
  return { rows: page, next: more ? page[page.length - 1].id : null };
}

export interface Change {
  key: string;
  /** The value before, as JSON text ("—" when the key was absent). */
  before: string;
  after: string;
}

const VALUE_CHARS = 300;
const ABSENT = "—";

function show(v: unknown): string {
  if (v === undefined) return ABSENT;
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > VALUE_CHARS ? `${s.slice(0, VALUE_CHARS - 1)}…` : s;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The keys whose value differs between `before` and `after` (either may be null), in the order
 * they first appear. Values that are not objects compare as one `value`.
 */
export function changes(before: unknown, after: unknown): Change[] {
  const b = isRecord(before) ? before : before == null ? {} : { value: before };
  const a = isRecord(after) ? after : after == null ? {} : { value: after };
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ key: k, before: show(b[k]), after: show(a[k]) }));
}
