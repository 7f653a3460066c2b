/** The notification centre's data: what a user has been told, read under RLS as that user. */
import { z } from "zod";
import type { Tx } from "../db/mod.ts";
import type { JobHandler } from "../queue/worker.ts";

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  read_at: Date | null;
  created_at: Date;
}

/** The latest notifications of the current user (RLS limits rows to their own). */
export async function listNotifications(tx: Tx, limit = 20): Promise<Notification[]> {
  return await tx.query<Notification>(
    `select id, kind, title, body, link, read_at, created_at from public.notifications
     order by created_at desc limit $1`,
    [limit],
  );
}

/** The current user's unread count (RLS limits the rows), as `n`. */
export const UNREAD_SQL =
  "select count(*)::int as n from public.notifications where read_at is null";

export async function unreadCount(tx: Tx): Promise<number> {
  const [row] = await tx.query<{ n: number }>(UNREAD_SQL);
  return row.n;
}

/** Marks one (or, without id, every) notification of the current user read. */
export async function markRead(tx: Tx, id?: string): Promise<number> {
  const rows = await tx.query(
    `update public.notifications set read_at = now()
     where read_at is null and ($1::uuid is null or id = $1::uuid) returning id`,
    [id ?? null],
  );
  return rows.length;
}

const WelcomeJob = z.object({ kind: z.literal("welcome"), user_id: z.string().uuid() });

/** `notify` queue: turns job messages into notifications (and, later, outbox mail and SMS). */
export const notifyHandler: JobHandler = async (message, { tx }) => {
  if (message.kind === "welcome") {
    const job = WelcomeJob.parse(message);
    await tx.query(
      `insert into public.notifications (user_id, kind, title, body, link)
       select id, 'welcome', 'Welcome to Soundcheck, ' || display_name || '!',
              'Add a photo and tell clients what you play: complete profiles get booked first.',
              '/profile'
       from public.profiles where id = $1`,
      [job.user_id],
    );
    return;
  }
  throw new Error(`notify: unknown kind "${message.kind}"`);
};
