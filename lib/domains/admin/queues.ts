/**
 * The queues as admins see them (/admin/queues): pgmq's metrics per queue, and the dead-letter
 * queues' messages, retried or deleted. The SQL functions (20261217000400_admin_ops.sql) check the
 * admin and audit each change; this module types their rows and says what a letter holds.
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";

export const QueueMetric = z.object({
  queue_name: z.string(),
  is_dlq: z.boolean(),
  depth: z.coerce.number(),
  visible: z.coerce.number(),
  oldest_age_sec: z.coerce.number().nullable(),
  total_sent: z.coerce.number(),
  /** A work queue's dead letters; null for a dead-letter queue itself. */
  dlq_depth: z.coerce.number().nullable(),
});
export type QueueMetric = z.infer<typeof QueueMetric>;

/** Every queue, each work queue followed by its dead-letter queue. */
export async function queueMetrics(tx: Tx): Promise<QueueMetric[]> {
  const rows = await tx.query("select * from public.admin_queue_metrics()");
  return rows.map((r) => QueueMetric.parse(r));
}

/** A dead-letter queue's name: a work queue's name and `_dlq` (lib/ports/queue/worker.ts). */
export const DlqName = z.string().regex(/^[a-z][a-z0-9_]{0,40}_dlq$/, {
  error: "Choose one of the dead-letter queues",
});

/** What the worker writes to `<queue>_dlq` when it gives up on a message. */
const Letter = z.object({
  queue: z.string().optional(),
  msg_id: z.coerce.number().optional(),
  attempts: z.coerce.number().optional(),
  error: z.string().optional(),
  message: z.unknown().optional(),
});

export interface DeadLetter {
  msgId: number;
  enqueuedAt: Date;
  /** The job's kind (`deliver`, `dj_run`…), when the original message names one. */
  kind: string | null;
  error: string;
  attempts: number | null;
  /** The original message's other fields, shortened, for a glance. */
  summary: [string, string][];
}

const SUMMARY_FIELDS = 6;
const SUMMARY_CHARS = 60;

function short(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v) ?? "null";
  return s.length > SUMMARY_CHARS ? `${s.slice(0, SUMMARY_CHARS - 1)}…` : s;
}

/** A dead letter's row, read for people: its error, kind, attempts and payload at a glance. */
export function describeLetter(
  row: { msg_id: number | string; enqueued_at: Date | string; message: unknown },
): DeadLetter {
  const parsed = Letter.safeParse(row.message);
  const letter = parsed.success ? parsed.data : {};
  const job = letter.message ?? row.message;
  const fields = job && typeof job === "object" && !Array.isArray(job)
    ? Object.entries(job as Record<string, unknown>)
    : [["message", job] as [string, unknown]];
  const kind = fields.find(([k]) => k === "kind")?.[1];
  return {
    msgId: Number(row.msg_id),
    enqueuedAt: new Date(row.enqueued_at),
    kind: typeof kind === "string" ? kind : null,
    error: letter.error ?? "No error was recorded.",
    attempts: letter.attempts ?? null,
    summary: fields
      .filter(([k]) => k !== "kind" && k !== "idempotency_key")
      .slice(0, SUMMARY_FIELDS)
      .map(([k, v]) => [k, short(v)]),
  };
}

/** A dead-letter queue's messages, newest first (SC400 for a name that is not one). */
export async function deadLetters(tx: Tx, queue: string, limit = 100): Promise<DeadLetter[]> {
  const rows = await tx.query<{ msg_id: string; enqueued_at: Date; message: unknown }>(
    "select msg_id, enqueued_at, message from public.admin_dead_letters($1::text, $2::int)",
    [queue, limit],
  );
  return rows.map(describeLetter);
}

/** Sends the letter's job back to its queue and removes the letter; the new message's id. */
export async function retryDeadLetter(tx: Tx, queue: string, msgId: number): Promise<number> {
  const [row] = await tx.query<{ id: string }>(
    "select public.admin_retry_dead_letter($1::text, $2::bigint) as id",
    [queue, msgId],
  );
  return Number(row.id);
}

/** Removes the letter for good (the audit log keeps what it was). */
export async function deleteDeadLetter(tx: Tx, queue: string, msgId: number): Promise<void> {
  await tx.query("select public.admin_delete_dead_letter($1::text, $2::bigint)", [queue, msgId]);
}

/** An age in seconds as people say it: "just now", "4 min", "3 h", "2 days". */
export function formatAge(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} days`;
}
