/**
 * The worker: drains queues, runs each message's handler in the same transaction that records its
 * idempotency key and archives it, retries after the visibility timeout, and moves a message that
 * keeps failing to `<queue>_dlq` with its error (DESIGN.md rule 5).
 */
import type { Db, Tx } from "../db/mod.ts";
import { JobMessage, type QueuedMessage, read } from "./mod.ts";
import type { Logger } from "../log.ts";

export interface JobContext {
  tx: Tx;
  queue: string;
  msgId: number;
  attempt: number;
}

export type JobHandler = (message: JobMessage, ctx: JobContext) => Promise<void>;

export interface WorkerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  /** Seconds a read message stays invisible: a crash means redelivery after this. */
  visibilityTimeout?: number;
  maxAttempts?: number;
  batchSize?: number;
  log?: Logger;
  /** Upkeep the loop also runs now and then (e.g. releasing reviews whose time has come). */
  periodic?: { name: string; everyMs: number; run: (db: Db) => Promise<unknown> }[];
}

export interface RunResult {
  processed: number;
  skipped: number;
  failed: number;
  deadLettered: number;
}

export interface Worker {
  /** Processes what is visible now in every queue with a handler. */
  runOnce(): Promise<RunResult>;
  /** Polls until `stop()`; `wake()` skips the current wait (e.g. after an enqueue). */
  start(intervalMs?: number): void;
  wake(): void;
  stop(): Promise<void>;
}

export function createWorker(opts: WorkerOptions): Worker {
  const { db, handlers } = opts;
  const vt = opts.visibilityTimeout ?? 30;
  const maxAttempts = opts.maxAttempts ?? 5;
  const batchSize = opts.batchSize ?? 10;
  const log = opts.log ?? ((e) => console.log(JSON.stringify(e)));
  const periodic = (opts.periodic ?? []).map((p) => ({ ...p, due: 0 }));
  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;

  async function handleOne(queue: string, m: QueuedMessage, result: RunResult) {
    const parsed = JobMessage.safeParse(m.message);
    if (!parsed.success) {
      await deadLetter(queue, m, `invalid message: ${parsed.error.issues[0]?.message}`);
      result.deadLettered++;
      return;
    }
    const job = parsed.data;
    try {
      const done = await db.asService(async (tx) => {
        const [seen] = await tx.query(
          "select 1 from private.job_runs where idempotency_key = $1",
          [job.idempotency_key],
        );
        if (!seen) {
          await handlers[queue](job, { tx, queue, msgId: m.msg_id, attempt: m.read_ct });
          await tx.query(
            "insert into private.job_runs (idempotency_key, queue, msg_id) values ($1, $2, $3)",
            [job.idempotency_key, queue, m.msg_id],
          );
        }
        await tx.query("select pgmq.archive($1, $2::bigint)", [queue, m.msg_id]);
        return !seen;
      });
      if (done) result.processed++;
      else result.skipped++;
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      if (m.read_ct >= maxAttempts) {
        await deadLetter(queue, m, error);
        result.deadLettered++;
      } else {
        result.failed++;
      }
      log({ level: "warn", msg: "job failed", queue, msg_id: m.msg_id, attempt: m.read_ct, error });
    }
  }

  async function deadLetter(queue: string, m: QueuedMessage, error: string) {
    await db.asService(async (tx) => {
      await tx.query("select pgmq.send($1, $2::jsonb)", [
        `${queue}_dlq`,
        JSON.stringify({ queue, msg_id: m.msg_id, attempts: m.read_ct, error, message: m.message }),
      ]);
      await tx.query("select pgmq.delete($1, $2::bigint)", [queue, m.msg_id]);
    });
    log({ level: "error", msg: "job dead-lettered", queue, msg_id: m.msg_id, error });
  }

  async function runPeriodic() {
    const now = Date.now();
    for (const p of periodic) {
      if (now < p.due) continue;
      p.due = now + p.everyMs;
      try {
        await p.run(db);
      } catch (err) {
        log({ level: "warn", msg: "periodic task failed", task: p.name, error: String(err) });
      }
    }
  }

  async function runOnce(): Promise<RunResult> {
    await runPeriodic();
    const result: RunResult = { processed: 0, skipped: 0, failed: 0, deadLettered: 0 };
    for (const queue of Object.keys(handlers)) {
      const batch = await db.asService((tx) => read(tx, queue, vt, batchSize));
      for (const m of batch) await handleOne(queue, m, result);
    }
    return result;
  }

  return {
    runOnce,
    start(intervalMs = 250) {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          try {
            const r = await runOnce();
            if (r.processed + r.skipped + r.failed + r.deadLettered > 0) continue;
          } catch (err) {
            if (!running) break;
            log({ level: "error", msg: "worker loop error", error: String(err) });
          }
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, intervalMs);
            wakeUp = () => {
              clearTimeout(t);
              resolve();
            };
          });
          wakeUp = null;
        }
      })();
    },
    wake() {
      wakeUp?.();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
  };
}
