/**
 * The worker: drains queues, runs each message's handler in the same transaction that records its
 * idempotency key and archives it, retries after the visibility timeout, and moves a message that
 * keeps failing to `<queue>_dlq` with its error (DESIGN.md rule 5).
 *
 * A handler is either a function run inside that transaction (quick database work: `notify`,
 * `matching`), or a `DetachedHandler` for slow work (AI and other providers: the `ai` queue's
 * staged jobs, lib/ports/queue/jobs.ts): it runs outside any transaction, so the database is never held
 * while a provider answers, and hands back what to commit; the worker then commits that, records
 * the key and archives the message in one transaction.
 */
import type { Db, Tx } from "../db/mod.ts";
import { archive, JobMessage, type QueuedMessage, read, remove } from "./mod.ts";
import type { Logger } from "../../platform/log.ts";

export interface JobContext {
  tx: Tx;
  queue: string;
  msgId: number;
  attempt: number;
}

export type JobHandler = (message: JobMessage, ctx: JobContext) => Promise<void>;

/** What a detached handler gets: no transaction, the database to open short ones. */
export interface DetachedContext {
  db: Db;
  queue: string;
  msgId: number;
  attempt: number;
  log: Logger;
}

/** Writes a detached handler's outcome, in the transaction that records the key and archives. */
export type Commit = (tx: Tx) => Promise<void>;

/** A handler for slow work, run outside any transaction (see the module's doc). */
export interface DetachedHandler {
  readonly detached: true;
  /** Seconds a read message stays hidden: longer than the slowest run, or it is run twice. */
  visibilityTimeout?: number;
  /** Messages of the queue handled at once (their waits on providers overlap); default 4. */
  concurrency?: number;
  /**
   * Read first: messages containing this (pgmq's `conditional`), then any others up to
   * `concurrency` (the studio's pro songs: `{ priority: 1 }`).
   */
  preferred?: Record<string, unknown>;
  /**
   * Does the work; returns what to commit (null: nothing). Throwing means a retry. A message whose
   * key was committed already may come again (a redelivery): `run` should see that its work is
   * done (staged jobs read their row's stage) and return null without redoing it.
   */
  run(message: JobMessage, ctx: DetachedContext): Promise<Commit | null>;
  /** Runs in the transaction that dead-letters a message (e.g. marks its job failed). */
  deadLettered?(message: JobMessage, error: string, tx: Tx): Promise<void>;
}

export type QueueHandler = JobHandler | DetachedHandler;

export interface WorkerOptions {
  db: Db;
  handlers: Record<string, QueueHandler>;
  /** Seconds a read message stays invisible: a crash means redelivery after this. */
  visibilityTimeout?: number;
  maxAttempts?: number;
  batchSize?: number;
  log?: Logger;
  /** Upkeep the loop also runs now and then (e.g. releasing reviews whose time has come). */
  periodic?: { name: string; everyMs: number; run: (db: Db) => Promise<unknown> }[];
  /** Told each message's outcome (the platform counts them for /metrics). */
  onOutcome?: (queue: string, outcome: JobOutcome) => void;
}

/**
 * What became of one message: done; a duplicate whose work was done before; failed and left for
 * redelivery; or moved to the dead-letter queue.
 */
export type JobOutcome = "completed" | "skipped" | "retried" | "dead_lettered";

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

/**
 * Lets the event loop run (I/O, other requests) before the worker goes on. Embedded, the worker
 * shares the server's thread and PGlite answers in microtasks, so a run of jobs that never waits
 * on the network would otherwise hold back every HTTP response until it is done. A timer task:
 * microtasks and message ports do not let I/O through.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Longest the worker keeps the event loop before letting it run (see `yieldToEventLoop`). */
const SLICE_MS = 20;
/** Passes over busy queues in one round of the loop, before every queue is looked at again. */
const HOT_PASSES = 10;
/** How often the embedded worker vacuums its queues' tables, and from how many dead rows. */
const VACUUM_EVERY_MS = 60_000;
const VACUUM_DEAD_ROWS = 1000;

/**
 * PGlite runs no autovacuum: a queue table keeps the dead row of every message it ever held
 * (each is inserted, updated by its read, deleted by its archive) and grows, and reads slow down
 * (measured: about a fifth slower after 20,000 jobs, a steady size and speed with this). VACUUM
 * cannot run in a transaction: one statement per call, on the session.
 */
export async function vacuumQueues(db: Db, queues: string[]): Promise<void> {
  const tables = await db.driver.query<{ t: string }>(
    `select relname as t from pg_stat_user_tables
      where schemaname = 'pgmq' and relname = any($1::text[]) and n_dead_tup > $2::int`,
    [queues.map((q) => `q_${q.toLowerCase()}`), VACUUM_DEAD_ROWS],
  );
  for (const { t } of tables) await db.driver.exec(`vacuum pgmq."${t.replaceAll('"', '""')}"`);
}

function isDetached(h: QueueHandler): h is DetachedHandler {
  return typeof h !== "function";
}

export function createWorker(opts: WorkerOptions): Worker {
  const { db, handlers } = opts;
  const vt = opts.visibilityTimeout ?? 30;
  const maxAttempts = opts.maxAttempts ?? 5;
  const batchSize = opts.batchSize ?? 10;
  const log = opts.log ?? ((e) => console.log(JSON.stringify(e)));
  const periodic = (opts.periodic ?? []).map((p) => ({ ...p, due: 0 }));
  const told = opts.onOutcome ?? (() => {});
  if (db.driver.kind === "pglite") {
    const queues = Object.keys(handlers);
    periodic.push({
      name: "vacuum queues",
      everyMs: VACUUM_EVERY_MS,
      run: (db) => vacuumQueues(db, queues),
      due: Date.now() + VACUUM_EVERY_MS,
    });
  }
  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  let woken = false;

  const seenSql = "select 1 from private.job_runs where idempotency_key = $1";
  // A duplicate key aborts the handler's transaction (its work is undone, the retry then skips)…
  const recordSql =
    "insert into private.job_runs (idempotency_key, queue, msg_id) values ($1, $2, $3)";
  // …while detached work is already done: the commit is applied only if the key was not taken.
  const claimSql = `${recordSql} on conflict (idempotency_key) do nothing returning 1`;

  /** In the handler's transaction: true when the work was done, false for a duplicate. */
  async function inTransaction(queue: string, h: JobHandler, job: JobMessage, m: QueuedMessage) {
    return await db.asService(async (tx) => {
      const [seen] = await tx.query(seenSql, [job.idempotency_key]);
      if (!seen) {
        await h(job, { tx, queue, msgId: m.msg_id, attempt: m.read_ct });
        await tx.query(recordSql, [job.idempotency_key, queue, m.msg_id]);
      }
      await archive(tx, queue, m.msg_id);
      return !seen;
    });
  }

  /**
   * Outside any transaction, then one to commit: true when the work was done. The key is checked
   * when committing only (a duplicate's `run` finds its work done and returns at once: see
   * DetachedHandler), which spares every message a transaction.
   */
  async function detached(queue: string, h: DetachedHandler, job: JobMessage, m: QueuedMessage) {
    const commit = await h.run(job, { db, queue, msgId: m.msg_id, attempt: m.read_ct, log });
    return await db.asService(async (tx) => {
      // Another consumer (or an earlier delivery) may have done the same work: its key wins.
      const [fresh] = await tx.query(claimSql, [job.idempotency_key, queue, m.msg_id]);
      if (fresh && commit) await commit(tx);
      await archive(tx, queue, m.msg_id);
      return Boolean(fresh);
    });
  }

  // The event loop gets a turn when the worker has kept it SLICE_MS (a timer costs a millisecond
  // or two, too much to pay before every message).
  let lastYield = performance.now();
  async function breathe(force = false) {
    if (!force && performance.now() - lastYield < SLICE_MS) return;
    await yieldToEventLoop();
    lastYield = performance.now();
  }

  async function handleOne(queue: string, m: QueuedMessage, result: RunResult) {
    await breathe();
    const parsed = JobMessage.safeParse(m.message);
    if (!parsed.success) {
      await deadLetter(queue, m, `invalid message: ${parsed.error.issues[0]?.message}`);
      result.deadLettered++;
      told(queue, "dead_lettered");
      return;
    }
    const job = parsed.data;
    const h = handlers[queue];
    try {
      const done = isDetached(h)
        ? await detached(queue, h, job, m)
        : await inTransaction(queue, h, job, m);
      if (done) result.processed++;
      else result.skipped++;
      told(queue, done ? "completed" : "skipped");
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      if (m.read_ct >= maxAttempts) {
        await deadLetter(queue, m, error, job);
        result.deadLettered++;
        told(queue, "dead_lettered");
      } else {
        result.failed++;
        told(queue, "retried");
      }
      log({ level: "warn", msg: "job failed", queue, msg_id: m.msg_id, attempt: m.read_ct, error });
    }
  }

  async function deadLetter(queue: string, m: QueuedMessage, error: string, job?: JobMessage) {
    const h = handlers[queue];
    await db.asService(async (tx) => {
      await tx.query("select pgmq.send($1::text, $2::jsonb)", [
        `${queue}_dlq`,
        JSON.stringify({ queue, msg_id: m.msg_id, attempts: m.read_ct, error, message: m.message }),
      ]);
      await remove(tx, queue, m.msg_id);
      if (job && isDetached(h)) await h.deadLettered?.(job, error, tx);
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

  const busy = (r: RunResult) => r.processed + r.skipped + r.failed + r.deadLettered > 0;

  /** One pass over `queues`; the queues in which it found messages. */
  async function pass(queues: string[], result: RunResult): Promise<string[]> {
    const found: string[] = [];
    for (const queue of queues) {
      const h = handlers[queue];
      if (isDetached(h)) {
        const batch = await db.asService(async (tx) => {
          const qty = h.concurrency ?? 4;
          const vtOf = h.visibilityTimeout ?? vt;
          const first = h.preferred ? await read(tx, queue, vtOf, qty, h.preferred) : [];
          // What the preferred read took is hidden now: the second read cannot take it again.
          if (first.length >= qty) return first;
          return [...first, ...await read(tx, queue, vtOf, qty - first.length)];
        });
        await Promise.all(batch.map((m) => handleOne(queue, m, result)));
        if (batch.length) found.push(queue);
      } else {
        const batch = await db.asService((tx) => read(tx, queue, vt, batchSize));
        for (const m of batch) await handleOne(queue, m, result);
        if (batch.length) found.push(queue);
      }
    }
    return found;
  }

  async function runOnce(): Promise<RunResult> {
    await runPeriodic();
    const result: RunResult = { processed: 0, skipped: 0, failed: 0, deadLettered: 0 };
    await pass(Object.keys(handlers), result);
    return result;
  }

  /**
   * The loop's round: a pass over every queue, then more over the queues that had messages while
   * they keep having some (a staged job's next stage is queued by the one before: it is read at
   * once, without reading every idle queue in between). Busy when anything was handled.
   */
  async function round(): Promise<boolean> {
    await runPeriodic();
    const result: RunResult = { processed: 0, skipped: 0, failed: 0, deadLettered: 0 };
    let hot = await pass(Object.keys(handlers), result);
    for (let i = 0; i < HOT_PASSES && hot.length && running; i++) hot = await pass(hot, result);
    return busy(result);
  }

  return {
    runOnce,
    start(intervalMs = 250) {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          // A wake-up comes from a request that has yet to send its answer: that goes first.
          if (woken) await breathe(true);
          woken = false;
          try {
            if (await round()) continue;
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
      woken = true;
      wakeUp?.();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
  };
}
