/**
 * The Prometheus scrape (issue 20), in the format of ../shared/BENCH.md:
 *
 * - `admin.metrics_scrape.p95_ms`: `GET /metrics` with the bearer secret through the real server
 *   (`startTestApp`: Deno.serve on 127.0.0.1, the edge, in-memory PGlite, WORKER=off), the body
 *   read whole. Before measuring, the registry holds 100 route patterns' worth of series (each
 *   with GET 200, GET 404 and POST 303 counted and both methods' latency histograms filled) and
 *   the database has 10 queues (the app's own plus extra ones) holding messages, each with its
 *   dead-letter queue, and outbox rows. Per run `BENCH_SCRAPES` [200] scrapes one after the
 *   other (a scraper asks once per interval, never in parallel); the value is the median over
 *   runs of each run's p95.
 *
 * `deno run -A bench/admin_metrics.ts` runs it alone and merges into bench/results.json.
 *
 * @module
 */
import { startTestApp } from "../tests/_helpers/app.ts";
import { QUEUES } from "../lib/ports/queue/mod.ts";
import { type Result, summarise, writeResults } from "./results.ts";

export const ADMIN_METRICS_METRICS = ["admin.metrics_scrape.p95_ms"];
export const ADMIN_METRICS_TARGETS: [string, "≥" | "≤", number][] = [
  ["admin.metrics_scrape.p95_ms", "≤", 20],
];

const num = (name: string, fallback: number) => Number(Deno.env.get(name) ?? fallback);
const SECRET = "bench-metrics-secret-0123456789";
const ROUTES = 100;
const QUEUE_COUNT = 10;
const MESSAGES_PER_QUEUE = 50;

function p95(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
}

export async function adminMetricsBench(
  opts: { runs?: number; scrapes?: number; log?: (line: string) => void } = {},
): Promise<Result[]> {
  const runs = opts.runs ?? num("BENCH_RUNS", 5);
  const scrapes = opts.scrapes ?? num("BENCH_SCRAPES", 200);
  const log = opts.log ?? console.log;
  await using app = await startTestApp({ METRICS_SECRET: SECRET, WORKER: "off" });
  const { metrics, db } = app.platform;

  // 10 queues in all, each with its dead-letter queue, holding messages; some outbox rows.
  const extra = Array.from({ length: QUEUE_COUNT - QUEUES.length }, (_, i) => `bench_q${i}`);
  // As the database owner: creating a queue is a migration's job, not service_role's.
  await db.driver.transaction(async (tx) => {
    for (const q of extra) {
      await tx.query("select pgmq.create($1::text)", [q]);
      await tx.query("select pgmq.create($1::text)", [`${q}_dlq`]);
    }
    for (const q of [...QUEUES, ...extra]) {
      await tx.query(
        `select pgmq.send_batch($1::text, array(select jsonb_build_object('kind', 'bench',
           'idempotency_key', 'bench-' || $1 || '-' || n) from generate_series(1, $2::int) n))`,
        [q, MESSAGES_PER_QUEUE],
      );
    }
    await tx.query(
      `insert into public.outbox (channel, recipient, subject, body, status, attempts, last_error)
       select case when n % 3 = 0 then 'sms' else 'email' end, 'bench' || n || '@example.test',
              'Bench', 'Bench', (array['pending', 'sent', 'failed'])[n % 3 + 1], n % 5,
              case when n % 3 = 2 then 'refused' end
         from generate_series(1, 60) n`,
    );
  });
  const [{ n: queues }] = await db.asService((tx) =>
    tx.query<{ n: number }>(
      "select count(*)::int as n from pgmq.metrics_all() where queue_name not like '%\\_dlq'",
    )
  );

  // 100 route patterns' worth of series, as a busy server's registry holds them.
  for (let r = 0; r < ROUTES; r++) {
    const route = `/bench/area${r}/:id`;
    for (let i = 0; i < 20; i++) {
      const seconds = 0.002 * (1 + ((r * 7 + i * 13) % 50));
      metrics.httpRequests.inc({ route, method: "GET", status: i % 10 ? "200" : "404" });
      metrics.httpDuration.observe({ route, method: "GET" }, seconds);
      if (i % 4 === 0) {
        metrics.httpRequests.inc({ route, method: "POST", status: "303" });
        metrics.httpDuration.observe({ route, method: "POST" }, seconds * 2);
      }
    }
  }

  const scrape = async () => {
    const t0 = performance.now();
    const res = await app.fetch("/metrics", { headers: { authorization: `Bearer ${SECRET}` } });
    const body = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200 || !body.includes('route="/bench/area99/:id"')) {
      throw new Error(`GET /metrics answered ${res.status}: ${body.slice(0, 200)}`);
    }
    return { ms, bytes: body.length, lines: body.split("\n").length };
  };
  const first = await scrape();
  log(`metrics  ${queues} queues, ${first.lines} lines, ${(first.bytes / 1024).toFixed(0)} KiB`);
  for (let i = 0; i < 20; i++) await scrape(); // warm-up

  const p95s: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const times: number[] = [];
    for (let i = 0; i < scrapes; i++) times.push((await scrape()).ms);
    const sorted = [...times].sort((a, b) => a - b);
    p95s.push(p95(times));
    log(
      `run ${run}  metrics scrape p50 ${sorted[sorted.length >> 1].toFixed(2)} ms, ` +
        `p95 ${p95(times).toFixed(2)} ms (${scrapes} scrapes)`,
    );
  }
  return [summarise("admin.metrics_scrape.p95_ms", "ms", p95s)];
}

if (import.meta.main) {
  const results = await adminMetricsBench();
  await writeResults(results);
  for (const r of results) console.log(`${r.name} ${r.value} ${r.unit} spread ${r.spread}`);
}
