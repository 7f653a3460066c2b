/**
 * Queue throughput (issue 12), in the format of ../shared/BENCH.md: the queue port
 * (lib/ports/queue/mod.ts) on the embedded database (PGlite, pgmq-compatible schema, migrated as
 * the app boots), each step in a transaction of its own as service_role, as the app and its worker
 * do. `BENCH_QUEUE_CALLERS` [8] callers in this process share one queue (as producers and workers
 * do; the postgres.js pool holds 10 connections); jobs counted are jobs archived.
 *
 * - `queue.jobs_per_s`: send one message, read one (`pgmq.read` qty 1), archive it.
 * - `queue.batch_jobs_per_s`: send 100 (`send_batch`), read 100, archive those (one array call).
 * - `queue.serial_jobs_per_s` (extra): `queue.jobs_per_s` with one caller: the latency side.
 * - On real PostgreSQL with the pgmq extension: the same through the postgres.js driver, as
 *   `queue.pg.jobs_per_s`, `queue.pg.batch_jobs_per_s` and `queue.pg.serial_jobs_per_s`. The
 *   database is `BENCH_DATABASE_URL` when set (shaped like Supabase's: a `service_role` with usage
 *   on schema pgmq), else a fresh migrated copy on a throwaway cluster of the real-Postgres tier
 *   (tests/_helpers/postgres.ts) when its packages are installed (`make test-postgres` installs
 *   them).
 *
 * Each figure is measured for `BENCH_DURATION_S` [3] after `BENCH_WARMUP_S` [0.5], on a queue of
 * its own made for it and dropped after; value: the median over `BENCH_RUNS` [5] runs.
 * `deno run -A bench/queue.ts` runs it alone and merges into bench/results.json.
 *
 * @module
 */
import { freshDb } from "../tests/_helpers/db.ts";
import { postgresAvailable, startPostgres } from "../tests/_helpers/postgres.ts";
import { createDb, type Db } from "../lib/ports/db/mod.ts";
import { openPostgres } from "../lib/ports/db/postgres.ts";
import type { Driver, Tx } from "../lib/ports/db/types.ts";
import {
  archive,
  archiveMany,
  type QueueName,
  read,
  send,
  sendBatch,
} from "../lib/ports/queue/mod.ts";
import { type Result, summarise, writeResults } from "./results.ts";

const num = (name: string, fallback: number) => Number(Deno.env.get(name) ?? fallback);
const BATCH = 100;

export const QUEUE_METRICS = [
  "queue.jobs_per_s",
  "queue.batch_jobs_per_s",
  "queue.serial_jobs_per_s",
  "queue.pg.jobs_per_s",
  "queue.pg.batch_jobs_per_s",
  "queue.pg.serial_jobs_per_s",
];
export const QUEUE_TARGETS: [string, "≥" | "≤", number][] = [
  ["queue.jobs_per_s", "≥", 1000],
  ["queue.batch_jobs_per_s", "≥", 10000],
  ["queue.pg.jobs_per_s", "≥", 1000],
  ["queue.pg.batch_jobs_per_s", "≥", 10000],
];

class QueueBenchFailure extends Error {}

const job = (i: number) => ({ kind: "bench", idempotency_key: `bench:${i}` });

/** A step's jobs archived; a caller runs it again and again. */
type Step = (db: Db, queue: QueueName, i: number) => Promise<number>;

/** One job: sent, one message read (another caller's, maybe), archived; three transactions. */
const oneJob: Step = async (db, queue, i) => {
  await db.asService((tx) => send(tx, queue, job(i)));
  const [m] = await db.asService((tx) => read(tx, queue, 30, 1));
  if (!m) return 0; // the other callers took every visible message
  if (!(await db.asService((tx) => archive(tx, queue, m.msg_id)))) {
    throw new QueueBenchFailure(`${queue}: message ${m.msg_id}, read, was not archived`);
  }
  return 1;
};

/** BATCH jobs: sent in one call, up to BATCH read in one, those archived in one. */
const batchOfJobs: Step = async (db, queue, i) => {
  const jobs = Array.from({ length: BATCH }, (_, k) => job(i * BATCH + k));
  await db.asService((tx) => sendBatch(tx, queue, jobs));
  const got = await db.asService((tx) => read(tx, queue, 30, BATCH));
  const archived = await db.asService((tx) => archiveMany(tx, queue, got.map((m) => m.msg_id)));
  if (archived.length !== got.length) {
    throw new QueueBenchFailure(`${queue}: read ${got.length}, archived ${archived.length}`);
  }
  return archived.length;
};

interface Window {
  durationS: number;
  warmupS: number;
}

/** Jobs per second of `callers` running `step` over the measuring window. */
async function throughput(step: (i: number) => Promise<number>, callers: number, w: Window) {
  const measureFrom = performance.now() + w.warmupS * 1000;
  const stopAt = measureFrom + w.durationS * 1000;
  let jobs = 0;
  let next = 0;
  const caller = async () => {
    while (performance.now() < stopAt) {
      const started = performance.now();
      const n = await step(next++);
      if (started >= measureFrom) jobs += n;
    }
  };
  await Promise.all(Array.from({ length: callers }, caller));
  return jobs / ((performance.now() - measureFrom) / 1000);
}

/** The metrics on `db`, each run on a queue made for it (by the connection's own role). */
async function measure(
  db: Db,
  prefix: string,
  opts: Window & { runs: number; callers: number },
): Promise<Result[]> {
  const admin = (fn: (tx: Tx) => Promise<unknown>) => db.driver.transaction(fn);
  const kinds = [
    { name: `${prefix}jobs_per_s`, step: oneJob, callers: opts.callers, values: [] as number[] },
    {
      name: `${prefix}batch_jobs_per_s`,
      step: batchOfJobs,
      callers: opts.callers,
      values: [] as number[],
    },
    { name: `${prefix}serial_jobs_per_s`, step: oneJob, callers: 1, values: [] as number[] },
  ];
  for (let run = 1; run <= opts.runs; run++) {
    for (const k of kinds) {
      const queue = `bench_${crypto.randomUUID().slice(0, 8)}` as QueueName;
      await admin((tx) => tx.query("select pgmq.create($1::text)", [queue]));
      // service_role drives queues in the app: the bench's own queue needs its grants.
      await admin((tx) =>
        tx.exec(
          `grant all on pgmq.q_${queue}, pgmq.a_${queue} to service_role;
           grant all on sequence pgmq.q_${queue}_msg_id_seq to service_role`,
        )
      );
      try {
        k.values.push(await throughput((i) => k.step(db, queue, i), k.callers, opts));
      } finally {
        await admin((tx) => tx.query("select pgmq.drop_queue($1::text)", [queue]));
      }
    }
    console.log(
      `run ${run}  ${kinds.map((k) => `${k.name} ${k.values.at(-1)!.toFixed(0)}`).join("  ")}`,
    );
  }
  return kinds.map((k) => summarise(k.name, "jobs/s", k.values));
}

/** The embedded figures always; the real-Postgres ones when `BENCH_DATABASE_URL` is set. */
export async function queueBench(
  opts: { runs?: number; durationS?: number; warmupS?: number } = {},
): Promise<Result[]> {
  const o = {
    runs: opts.runs ?? num("BENCH_RUNS", 5),
    durationS: opts.durationS ?? num("BENCH_DURATION_S", 3),
    warmupS: opts.warmupS ?? num("BENCH_WARMUP_S", 0.5),
    callers: num("BENCH_QUEUE_CALLERS", 8),
  };
  const results: Result[] = [];
  {
    await using f = await freshDb();
    results.push(...await measure(f.db, "queue.", o));
  }
  const given = Deno.env.get("BENCH_DATABASE_URL");
  if (!given && !postgresAvailable()) {
    console.log("queue.pg.*: no BENCH_DATABASE_URL and no PostgreSQL 15 with pgmq: not measured");
    return results;
  }
  const pg = given ? null : await startPostgres();
  try {
    const driver: Driver = openPostgres(given ?? await pg!.freshDatabase());
    try {
      results.push(...await measure(createDb(driver), "queue.pg.", o));
    } finally {
      await driver.close();
    }
  } finally {
    await pg?.stop();
  }
  return results;
}

if (import.meta.main) {
  const results = await queueBench();
  await writeResults(results);
  for (const r of results) {
    const target = QUEUE_TARGETS.find(([n]) => n === r.name);
    const met = target && (target[1] === "≥" ? r.value >= target[2] : r.value <= target[2]);
    const note = target ? `  target ${target[1]} ${target[2]}: ${met ? "met" : "MISSED"}` : "";
    console.log(`  ${r.name.padEnd(28)} ${String(r.value).padStart(9)} ${r.unit}${note}`);
  }
}
