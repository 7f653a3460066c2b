/**
 * Soundcheck's metrics, served at `/metrics` (routes/metrics.ts): requests by route pattern and
 * status with latency histograms (recorded by the edge), job outcomes (the worker), database time
 * (every statement, lib/ports/db/timed.ts), and gauges read when scraped: queue depth and oldest
 * message age per queue, dead letters, outbox messages by state, and the process itself.
 *
 * @module
 */
import type { Db } from "../ports/db/mod.ts";
import { queueFigures } from "../ports/queue/mod.ts";
import type { JobOutcome } from "../ports/queue/worker.ts";
import { Registry } from "./metrics.ts";

/** Seconds: Prometheus' usual request buckets. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds: statements are mostly well under a millisecond on PGlite. */
const DB_BUCKETS = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];
const DLQ = "_dlq";
const OUTBOX_CHANNELS = ["email", "sms"];
const OUTBOX_STATES = ["pending", "sent", "failed"];

export type AppMetrics = ReturnType<typeof createAppMetrics>;

/** The registry and the instruments the edge, the worker and the database driver record into. */
export function createAppMetrics() {
  const registry = new Registry();
  const started = Date.now();
  return {
    registry,
    httpRequests: registry.counter(
      "http_requests_total",
      "HTTP requests answered, by route pattern, method and status.",
      ["route", "method", "status"],
    ),
    httpDuration: registry.histogram(
      "http_request_duration_seconds",
      "Time from the request entering the edge to its response, by route pattern and method.",
      ["route", "method"],
      HTTP_BUCKETS,
    ),
    jobs: registry.counter(
      "jobs_total",
      "Queue messages handled by this process's worker, by queue and outcome.",
      ["queue", "outcome"],
    ),
    dbDuration: registry.histogram(
      "db_query_duration_seconds",
      "Time of each database statement this process ran.",
      [],
      DB_BUCKETS,
    ),
    /** Seconds since this process built its metrics (about its start). */
    uptime: () => (Date.now() - started) / 1000,
    started,
  };
}

/** Counts a worker outcome (the worker's `onOutcome`). */
export function countJob(m: AppMetrics, queue: string, outcome: JobOutcome): void {
  m.jobs.inc({ queue, outcome });
}

/**
 * Registers the scrape-time gauges: one transaction per scrape, with one statement for every
 * queue's figures (lib/ports/queue/mod.ts `queueFigures`, after the list of queues) and one for
 * the outbox, whatever the number of queues.
 */
export function collectOnScrape(m: AppMetrics, db: Db): void {
  const r = m.registry;
  const depth = r.gauge("queue_depth", "Messages in the queue, visible or not.", ["queue"]);
  const visible = r.gauge("queue_visible_depth", "Messages a read would take now.", ["queue"]);
  const age = r.gauge(
    "queue_oldest_message_age_seconds",
    "Age of the oldest message in the queue (0 when empty).",
    ["queue"],
  );
  const dead = r.gauge(
    "queue_dead_letters",
    "Messages in the queue's dead-letter queue (<queue>_dlq), waiting for an admin.",
    ["queue"],
  );
  const outbox = r.gauge(
    "outbox_messages",
    "E-mails and SMS in the outbox, by channel and state (failed: gave up after every attempt).",
    ["channel", "state"],
  );
  const start = r.gauge("process_start_time_seconds", "Start of the process, Unix seconds.");
  const uptime = r.gauge("process_uptime_seconds", "Seconds since the process started.");
  const rss = r.gauge("process_resident_memory_bytes", "Resident memory of the process.");
  const heapUsed = r.gauge("process_heap_used_bytes", "V8 heap in use.");
  const heapTotal = r.gauge("process_heap_total_bytes", "V8 heap reserved.");

  r.onScrape(async () => {
    const { queues, box } = await db.asService(async (tx) => ({
      queues: await queueFigures(tx),
      box: await tx.query<{ channel: string; status: string; n: number }>(
        "select channel, status, count(*)::int as n from public.outbox group by channel, status",
      ),
    }));
    for (const g of [depth, visible, age, dead, outbox]) g.clear();
    for (const q of queues) {
      if (q.queue_name.endsWith(DLQ)) {
        dead.set({ queue: q.queue_name.slice(0, -DLQ.length) }, q.queue_length);
        continue;
      }
      const queue = { queue: q.queue_name };
      depth.set(queue, q.queue_length);
      visible.set(queue, q.queue_visible_length);
      age.set(queue, q.oldest_msg_age_sec);
    }
    // Every channel and state has a series, zero included: alert rules then see a value, not none.
    for (const channel of OUTBOX_CHANNELS) {
      for (const state of OUTBOX_STATES) outbox.set({ channel, state }, 0);
    }
    for (const row of box) outbox.set({ channel: row.channel, state: row.status }, row.n);

    const mem = Deno.memoryUsage();
    start.set({}, Math.floor(m.started / 1000));
    uptime.set({}, m.uptime());
    rss.set({}, mem.rss);
    heapUsed.set({}, mem.heapUsed);
    heapTotal.set({}, mem.heapTotal);
  });
}
