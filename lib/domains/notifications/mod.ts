/** The notification centre's data: what a user has been told, read and marked under RLS. */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";
import { Uuid } from "../../shared/schemas.ts";

export { createNotifyHandler, type NotifyDeps, notifyHandler } from "./handler.ts";

export const Notification = z.object({
  id: Uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  read_at: z.date().nullable(),
  created_at: z.date(),
});
export type Notification = z.infer<typeof Notification>;

const COLUMNS = "id, kind, title, body, link, read_at, created_at";

export const NotificationQuery = z.object({
  unread: z.enum(["true", "false", "1", "0"]).optional()
    .transform((v) => v === "true" || v === "1")
    .describe("true: only unread notifications"),
  before: Uuid("before must be a notification id").optional()
    .describe("nextBefore of the previous page: notifications older than this one"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationQuery = z.infer<typeof NotificationQuery>;

export interface NotificationPage {
  items: Notification[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
  unread: number;
}

/** Thrown when `before` is not one of the caller's notifications. */
export class UnknownNotification extends Error {
  constructor(readonly field: string) {
    super("No such notification");
  }
}

/** A page of the caller's notifications, newest first (RLS limits rows to their own). */
export async function listNotifications(
  tx: Tx,
  q: { unread?: boolean; before?: string; limit?: number } = {},
): Promise<NotificationPage> {
  const limit = q.limit ?? 20;
  if (q.before) {
    const [known] = await tx.query("select 1 from public.notifications where id = $1", [q.before]);
    if (!known) throw new UnknownNotification("before");
  }
  const rows = await tx.query<Notification>(
    `select ${COLUMNS} from public.notifications
     where ($1::boolean is not true or read_at is null)
       and ($2::uuid is null
            or (created_at, id) < (select created_at, id from public.notifications where id = $2))
     order by created_at desc, id desc limit $3`,
    [q.unread ?? false, q.before ?? null, limit + 1],
  );
  const items = rows.slice(0, limit);
  return {
    items,
    nextBefore: rows.length > limit ? items[items.length - 1].id : null,
    unread: await unreadCount(tx),
  };
}

/** The current user's unread count (RLS limits the rows), as `n`. */
export const UNREAD_SQL =
  "select count(*)::int as n from public.notifications where read_at is null";

export async function unreadCount(tx: Tx): Promise<number> {
  const [row] = await tx.query<{ n: number }>(UNREAD_SQL);
  return row.n;
}

/** Marks one notification of the caller read; null when it is not theirs (or does not exist). */
export async function markOneRead(tx: Tx, id: string): Promise<Notification | null> {
  const [row] = await tx.query<Notification>(
    `update public.notifications set read_at = coalesce(read_at, now())
     where id = $1 returning ${COLUMNS}`,
    [id],
  );
  return row ?? null;
}

/** Marks every unread notification of the caller read; returns how many. */
export async function markAllRead(tx: Tx): Promise<number> {
  const rows = await tx.query(
    "update public.notifications set read_at = now() where read_at is null returning id",
  );
  return rows.length;
}

/** Where a notification's link may send the browser: same-site paths only (no open redirect). */
export function safeLink(link: string | null): string | null {
  return link && link.startsWith("/") && !link.startsWith("//") && !link.includes("\\")
    ? link
    : null;
}
