/**
 * The unread-message digest: one e-mail per user listing conversations with unread messages older
 * than 15 minutes. The rule lives in SQL (private.queue_message_digests) so pg_cron on Supabase
 * and the worker's periodic task run the very same code.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";

/** Minutes a message must stay unread before it goes into a digest. */
export const DIGEST_AFTER_MINUTES = 15;

/** Queues the digests that are due; returns how many e-mails went into the outbox. */
export async function queueMessageDigests(
  tx: Tx,
  minAgeMinutes = DIGEST_AFTER_MINUTES,
): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    "select private.queue_message_digests(make_interval(mins => $1)) as n",
    [minAgeMinutes],
  );
  return Number(row.n);
}
