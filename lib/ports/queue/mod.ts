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
  "payments",
  "artists",
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
  // Every parameter typed: pgmq 1.5 overloads send (delay as int or timestamptz, headers), and a
  // number sent untyped makes the call ambiguous ("function pgmq.send(unknown, jsonb, unknown)").
  const [row] = await tx.query<{ id: number }>(
    "select pgmq.send($1::text, $2::jsonb, $3::int) as id",
    [queue, JSON.stringify(message), delaySeconds],
  );
  return Number(row.id);
}

/** Enqueues `messages` at once (one statement); their ids, in order. */
export async function sendBatch(
  tx: Tx,
  queue: QueueName,
  messages: JobMessage[],
  delaySeconds = 0,
): Promise<number[]> {
  // One jsonb parameter unpacked in SQL: both drivers pass it the same way (no array encoding).
  const rows = await tx.query<{ id: number }>(
    `select pgmq.send_batch($1::text, array(select jsonb_array_elements($2::jsonb)), $3::int) as id`,
    [queue, JSON.stringify(messages), delaySeconds],
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Takes up to `qty` visible messages, hiding them for `vtSeconds` (redelivered after that); with
 * `conditional`, only messages containing it (pgmq's jsonb `@>` filter).
 */
export async function read(
  tx: Tx,
  queue: string,
  vtSeconds: number,
  qty: number,
  conditional: Record<string, unknown> = {},
): Promise<QueuedMessage[]> {
  const rows = await tx.query<QueuedMessage>(
    `select msg_id, read_ct, enqueued_at, message
       from pgmq.read($1::text, $2::int, $3::int, $4::jsonb)`,
    [queue, vtSeconds, qty, JSON.stringify(conditional)],
  );
  return rows.map((r) => ({ ...r, msg_id: Number(r.msg_id), read_ct: Number(r.read_ct) }));
}

/** Moves a message to the queue's archive (`pgmq.a_<queue>`); false when it was not there. */
export async function archive(tx: Tx, queue: string, msgId: number): Promise<boolean> {
  const [row] = await tx.query<{ ok: boolean }>(
    "select pgmq.archive($1::text, $2::bigint) as ok",
    [queue, msgId],
  );
  return row.ok;
}

/** Archives several messages in one statement; the ids that were there. */
export async function archiveMany(tx: Tx, queue: string, msgIds: number[]): Promise<number[]> {
  const rows = await tx.query<{ id: number }>(
    `select pgmq.archive($1::text, array(select jsonb_array_elements_text($2::jsonb)::bigint)) as id`,
    [queue, JSON.stringify(msgIds)],
  );
  return rows.map((r) => Number(r.id));
}

/** Deletes a message without archiving it; false when it was not there. */
export async function remove(tx: Tx, queue: string, msgId: number): Promise<boolean> {
  const [row] = await tx.query<{ ok: boolean }>(
    "select pgmq.delete($1::text, $2::bigint) as ok",
    [queue, msgId],
  );
  return row.ok;
}

export interface QueueMetrics {
  queue_name: string;
  /** Messages in the queue, visible or not. */
  queue_length: number;
  /** Of those, the ones a read would take now. */
  queue_visible_length: number;
  oldest_msg_age_sec: number | null;
  /** Every message ever sent to the queue. */
  total_messages: number;
}

/** Length and age of every queue, for `health` and the admin area. */
export async function metrics(tx: Tx): Promise<QueueMetrics[]> {
  const rows = await tx.query<QueueMetrics>(
    `select queue_name, queue_length, queue_visible_length, oldest_msg_age_sec, total_messages
       from pgmq.metrics_all()`,
  );
  return rows.map((r) => ({
    ...r,
    queue_length: Number(r.queue_length),
    queue_visible_length: Number(r.queue_visible_length),
    total_messages: Number(r.total_messages),
  }));
}

/** What `/metrics` reads of one queue. */
export interface QueueFigures {
  queue_name: string;
  queue_length: number;
  queue_visible_length: number;
  /** 0 when the queue is empty. */
  oldest_msg_age_sec: number;
}

const quoteLiteral = (s: string) => `'${s.replaceAll("'", "''")}'`;
const quoteIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * Length and oldest age of every queue, as `metrics` reads them, in one statement over pgmq's
 * queue tables (`pgmq.q_<name>`, the extension's and the compatible schema's alike). Its text
 * changes only when the set of queues does, so the driver's cached plan serves every scrape:
 * pgmq.metrics_all plans a dynamic statement per queue, about a millisecond each on PGlite.
 */
export async function queueFigures(tx: Tx): Promise<QueueFigures[]> {
  const names = await tx.query<{ queue_name: string }>(
    "select queue_name from pgmq.meta order by queue_name",
  );
  if (names.length === 0) return [];
  const sql = names.map(({ queue_name: q }) =>
    `select ${quoteLiteral(q)}::text as queue_name, count(*) as queue_length,
            count(*) filter (where vt <= now()) as queue_visible_length,
            coalesce(extract(epoch from now() - min(enqueued_at)), 0)::int as oldest_msg_age_sec
       from pgmq.${quoteIdent(`q_${q.toLowerCase()}`)}`
  ).join("\nunion all\n");
  const rows = await tx.query<QueueFigures>(sql);
  return rows.map((r) => ({
    queue_name: r.queue_name,
    queue_length: Number(r.queue_length),
    queue_visible_length: Number(r.queue_visible_length),
    oldest_msg_age_sec: Number(r.oldest_msg_age_sec),
  }));
}
