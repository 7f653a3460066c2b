/**
 * Queues through the pgmq API (the extension on Supabase, the compatible schema when embedded).
 * A message always carries an idempotency key so that a redelivery never repeats committed work.
 * The worker that drains them is worker.ts; slow work with progress (AI, Spotify, audio) runs as
 * staged jobs, jobs.ts, whose module doc is the place to start.
 */
import { z } from "zod";
import type { Tx } from "../db/mod.ts";

export const QUEUES = [
  "ai",
  "matching",
  "generation",
  "mastering",
  "scoring",
  "scouting",
  "notify",
] as const;
export type QueueName = typeof QUEUES[number];

export const JobMessage = z.object({
  kind: z.string().min(1),
  idempotency_key: z.string().min(1),
}).passthrough();
export type JobMessage = z.infer<typeof JobMessage>;

export interface QueuedMessage {
  msg_id: number;
  read_ct: number;
  enqueued_at: Date;
  message: unknown;
}

/** Enqueues `message` inside the caller's transaction, so it is sent only if that commits. */
export async function send(
  tx: Tx,
  queue: QueueName,
  message: JobMessage,
  delaySeconds = 0,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    "select pgmq.send($1, $2::jsonb, $3) as id",
    [queue, JSON.stringify(message), delaySeconds],
  );
  return Number(row.id);
}

/** Takes up to `qty` visible messages, hiding them for `vtSeconds` (redelivered after that). */
export async function read(
  tx: Tx,
  queue: string,
  vtSeconds: number,
  qty: number,
): Promise<QueuedMessage[]> {
  const rows = await tx.query<QueuedMessage>(
    "select msg_id, read_ct, enqueued_at, message from pgmq.read($1, $2, $3)",
    [queue, vtSeconds, qty],
  );
  return rows.map((r) => ({ ...r, msg_id: Number(r.msg_id), read_ct: Number(r.read_ct) }));
}

export interface QueueMetrics {
  queue_name: string;
  queue_length: number;
  oldest_msg_age_sec: number | null;
  total_messages: number;
}

/** Length and age of every queue, for `health` and the admin area. */
export async function metrics(tx: Tx): Promise<QueueMetrics[]> {
  const rows = await tx.query<QueueMetrics>(
    "select queue_name, queue_length, oldest_msg_age_sec, total_messages from pgmq.metrics_all()",
  );
  return rows.map((r) => ({
    ...r,
    queue_length: Number(r.queue_length),
    total_messages: Number(r.total_messages),
  }));
}
