/**
 * `deno task bench [name-prefix…]`: measures the metrics below and merges them into
 * bench/results.json (format: ../shared/BENCH.md). A prefix runs every group with a metric
 * whose name starts with it, and writes all of that group's metrics (a ratio needs both sides).
 *
 * - The app: the real server (`startTestApp`: `createServer` on `Deno.serve`, APP_ENV=test,
 *   in-memory PGlite, WORKER=off, LOG_LEVEL=warn) in this process.
 * - `web.hello.rps`, the ceiling: a Hono app on its own `Deno.serve` in this process answering
 *   `GET /hello` with "hello": same runtime, server and router, none of the app.
 * - `db.as_user_read.qps`: one-row reads through `db.asUser` on the app's database, 32 concurrent
 *   callers in this process (no HTTP).
 * - Web load comes from a second process (bench/load.ts) on 127.0.0.1, 32 keep-alive connections.
 *   Paired metrics alternate within a run (hello/landing, db/profile); ratios are per run, then median.
 *   `web.home.p95_ms`: the signed-in home (`GET /` with the bench user's cookie: the checklist and
 *   a musician's panels), measured in the same runs as `web.profile`.
 * - `edge.*`: the request pipeline's own cost per request, against the same app without it
 *   (bench/edge.ts; in-process `fetch`, no sockets).
 * - `boot.*`: `deno run -A main.ts` as a child (APP_ENV=dev, temp DATA_DIR): the first boot creates
 *   the database, later boots open it; time from spawn to the first 200 on `GET /`.
 * - `queue.*`: the queue port's throughput on the embedded database, and on real Postgres as
 *   `queue.pg.*` when BENCH_DATABASE_URL is set (bench/queue.ts).
 * - `payments.*`: signed provider webhooks applied by the embedded app, and on real Postgres as
 *   `payments.pg.*` (bench/payments.ts).
 * - `studio.synth.*`: the offline synthesiser rendering a 30 s song plan, in this process;
 *   `studio.generate.e2e_ms`: a 30 s song from prompt to done through the app's JSON API and its
 *   worker; `studio.library.*`: the library's first page under load; `studio.loudness.*`: the
 *   loudness meter (integrated + true peak, and the full report) on a 4-minute song;
 *   `studio.meter.ms`: the hit meter on a 4-minute song with offline insights;
 *   `studio.master.x_realtime`: mastering a 4-minute song; `studio.master_job.e2e_ms`,
 *   `studio.meter_job.e2e_ms`: both as jobs through the app, request to done (bench/studio.ts).
 * - `matching.ndcg10.*`, `matching.recall20.*`, `matching.fit80.*`, `matching.signals.*`,
 *   `matching.exact_agreement.*`: ranking quality on the labelled evaluation set
 *   (bench/matching_quality.ts).
 * - `scout.*`: the gig scout's parsers over a mixed set of generated sources, and its dedupe
 *   over 50,000 items, in this process (bench/scout.ts).
 * - `admin.user_search.p95_ms`: public.admin_search_users as an admin over 100,000 users
 *   (bench/admin_user_search.ts).
 * - `web.js_kb*`: the JS a signed-in page and an island-free page load in prod, compressed as
 *   the server sends it (bench/web_assets.ts).
 * - `admin.metrics_scrape.p95_ms`: `GET /metrics` through the real server with 100 routes' series
 *   and 10 queues (bench/admin_metrics.ts).
 *
 * Knobs for quick checks (defaults in brackets): BENCH_RUNS [5], BENCH_DURATION_S [3],
 * BENCH_WARMUP_S [0.5], BENCH_LOG_LEVEL [warn].
 *
 * @module
 */
import { Hono } from "hono";
import { startTestApp, type TestApp } from "../tests/_helpers/app.ts";
import type { Claims } from "../lib/ports/db/mod.ts";
import { COOKIE } from "../lib/web/cookies.ts";
import type { LoadResult } from "./load.ts";
import { type Result, summarise, writeResults } from "./results.ts";
import { MARKETPLACE_METRICS, MARKETPLACE_TARGETS, marketplaceBench } from "./marketplace.ts";
import { CHAT_METRICS, CHAT_TARGETS, chatBench } from "./chat.ts";
import { DJ_METRICS, DJ_TARGETS, djBench } from "./dj.ts";
import { type Boot, bootFirstByte } from "./boot.ts";
import { EDGE_METRICS, edgeBench } from "./edge.ts";
import { QUEUE_METRICS, QUEUE_TARGETS, queueBench } from "./queue.ts";
import { PAYMENTS_METRICS, PAYMENTS_TARGETS, paymentsBench } from "./payments.ts";
import { ARTISTS_METRICS, ARTISTS_TARGETS, artistsBench } from "./artists.ts";
import { SCOUT_METRICS, SCOUT_TARGETS, scoutBench } from "./scout.ts";
import {
  ADMIN_USER_SEARCH_METRICS,
  ADMIN_USER_SEARCH_TARGETS,
  adminUserSearchBench,
} from "./admin_user_search.ts";
import {
  MATCHING_QUALITY_METRICS,
  MATCHING_QUALITY_TARGETS,
  matchingQualityBench,
} from "./matching_quality.ts";
import { STUDIO_METRICS, STUDIO_TARGETS, studioBench, type StudioGroup } from "./studio.ts";
import { WEB_ASSETS_METRICS, WEB_ASSETS_TARGETS, webAssetsBench } from "./web_assets.ts";
import {
  ADMIN_METRICS_METRICS,
  ADMIN_METRICS_TARGETS,
  adminMetricsBench,
} from "./admin_metrics.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const LOAD_SCRIPT = new URL("./load.ts", import.meta.url).pathname;
const CONCURRENCY = 32;
const num = (name: string, fallback: number) => Number(Deno.env.get(name) ?? fallback);
const RUNS = num("BENCH_RUNS", 5);
const DURATION_S = num("BENCH_DURATION_S", 3);
const WARMUP_S = num("BENCH_WARMUP_S", 0.5);
const LOG_LEVEL = Deno.env.get("BENCH_LOG_LEVEL") ?? "warn";

class BenchFailure extends Error {}

/** Runs bench/load.ts in a second process; any error response fails the whole bench. */
async function load(
  label: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const args = ["run", "-A", LOAD_SCRIPT, "--url", url, "--concurrency", String(CONCURRENCY)];
  args.push("--duration", String(DURATION_S), "--warmup", String(WARMUP_S));
  for (const [k, v] of Object.entries(headers)) args.push("--header", `${k}: ${v}`);
  const cmd = new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
  const child = cmd.spawn();
  const timer = setTimeout(() => child.kill("SIGKILL"), (DURATION_S + WARMUP_S + 60) * 1000);
  const out = await child.output();
  clearTimeout(timer);
  const stderr = new TextDecoder().decode(out.stderr).trim();
  if (!out.success) {
    throw new BenchFailure(`${label}: load generator failed (${out.code}): ${stderr}`);
  }
  const result = JSON.parse(
    new TextDecoder().decode(out.stdout).trim().split("\n").at(-1)!,
  ) as LoadResult;
  if (result.errors > 0 || result.requests === 0) {
    throw new BenchFailure(
      `${label}: ${result.errors} error(s), ${result.requests} ok request(s); first error: ${result.first_error}`,
    );
  }
  return result;
}

/** `db.asUser` one-row reads from `CONCURRENCY` callers for the same window as a web run. */
async function dbReads(app: TestApp, claims: Claims, id: string): Promise<number> {
  const sql = "select id, display_name from public.profiles where id = $1";
  const t0 = performance.now();
  const measureFrom = t0 + WARMUP_S * 1000;
  const stopAt = measureFrom + DURATION_S * 1000;
  let reads = 0;
  const caller = async () => {
    while (performance.now() < stopAt) {
      const start = performance.now();
      const rows = await app.platform.db.asUser(claims, (tx) => tx.query(sql, [id]));
      if (rows.length !== 1) {
        throw new BenchFailure(`db.as_user_read: expected 1 row, got ${rows.length}`);
      }
      if (start >= measureFrom) reads++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, caller));
  return reads / ((performance.now() - measureFrom) / 1000);
}

function startHello(): Deno.HttpServer<Deno.NetAddr> {
  const hono = new Hono();
  hono.get("/hello", (c) => c.text("hello"));
  return Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, hono.fetch);
}

async function expectPage(
  app: TestApp,
  path: string,
  headers: Record<string, string>,
  text: string,
) {
  const res = await app.fetch(path, { headers });
  const body = await res.text();
  if (res.status !== 200 || !body.includes(text)) {
    throw new BenchFailure(
      `GET ${path} answered ${res.status} without "${text}": ${body.slice(0, 300)}`,
    );
  }
}

const ratio = (a: number[], b: number[]) => a.map((x, i) => x / b[i]);
const fmt = (r: LoadResult) =>
  `${r.rps} req/s p50 ${r.p50_ms} ms p95 ${r.p95_ms} ms (${r.requests} req)`;

/** web.hello vs web.landing, and db.as_user_read vs web.profile, alternating within each run. */
async function webGroups(which: { hello: boolean; profile: boolean }): Promise<Result[]> {
  const app = await startTestApp({ WORKER: "off", LOG_LEVEL: LOG_LEVEL });
  const hello = startHello();
  try {
    const session = await app.platform.auth.signUp({
      email: "bench@example.com",
      password: "bench-password-1",
      metadata: { display_name: "Bench Person" },
    });
    const claims = await app.platform.auth.verify(session.accessToken);
    if (!claims) throw new BenchFailure("the bench user's access token does not verify");
    // A browser's steady state: access cookie plus the CSRF cookie (so no Set-Cookie per page).
    const cookie =
      `${COOKIE.access}=${session.accessToken}; ${COOKIE.csrf}=benchcsrftoken0123456789abcdef`;
    await expectPage(app, "/", {}, "Where working musicians get booked");
    await expectPage(app, "/profile", { cookie }, "Bench Person");
    // The signed-in home: the checklist and a musician's panels (bench/results: web.home.p95_ms).
    await expectPage(app, "/", { cookie }, "Hello, Bench Person");
    const helloUrl = `http://127.0.0.1:${hello.addr.port}/hello`;

    const s = {
      hello: [] as number[],
      landing: [] as number[],
      db: [] as number[],
      profile: [] as number[],
    };
    const p95: number[] = [];
    const homeP95: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      if (which.hello) {
        const h = await load(`web.hello run ${run}`, helloUrl);
        const l = await load(`web.landing run ${run}`, `${app.url}/`);
        s.hello.push(h.rps);
        s.landing.push(l.rps);
        console.log(`run ${run}  hello   ${fmt(h)}\n        landing ${fmt(l)}`);
      }
      if (which.profile) {
        const q = await dbReads(app, claims, claims.sub);
        const p = await load(`web.profile run ${run}`, `${app.url}/profile`, { cookie });
        s.db.push(q);
        s.profile.push(p.rps);
        p95.push(p.p95_ms);
        const h = await load(`web.home run ${run}`, `${app.url}/`, { cookie });
        homeP95.push(h.p95_ms);
        console.log(
          `run ${run}  db      ${q.toFixed(1)} reads/s\n        profile ${
            fmt(p)
          }\n        home    ${fmt(h)}`,
        );
      }
    }
    const out: Result[] = [];
    if (which.hello) {
      out.push(summarise("web.hello.rps", "req/s", s.hello));
      out.push(summarise("web.landing.rps", "req/s", s.landing));
      out.push(summarise("web.landing_to_hello.ratio", "ratio", ratio(s.landing, s.hello)));
    }
    if (which.profile) {
      out.push(summarise("db.as_user_read.qps", "queries/s", s.db));
      out.push(summarise("web.profile.rps", "req/s", s.profile));
      out.push(summarise("web.profile.p95_ms", "ms", p95));
      out.push(summarise("web.profile_to_db.ratio", "ratio", ratio(s.profile, s.db)));
      out.push(summarise("web.home.p95_ms", "ms", homeP95));
    }
    return out;
  } finally {
    await hello.shutdown();
    await app.close();
  }
}

/** boot.first_run_first_byte_ms once (creates the database), then boot.first_byte_ms RUNS times. */
async function bootGroup(): Promise<Result[]> {
  const dataDir = await Deno.makeTempDir({ prefix: "soundcheck-bench-boot-" });
  try {
    const show = (label: string, b: Boot) =>
      console.log(`${label} ${b.firstByteMs.toFixed(0)} ms (main.ts: ready in ${b.readyMs} ms)`);
    const first = await bootFirstByte({ root: ROOT, dataDir });
    show("boot    first run", first);
    const later: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const b = await bootFirstByte({ root: ROOT, dataDir });
      later.push(b.firstByteMs);
      show(`run ${run}  boot   `, b);
    }
    return [
      summarise("boot.first_byte_ms", "ms", later),
      summarise("boot.first_run_first_byte_ms", "ms", [first.firstByteMs]),
    ];
  } finally {
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}

const GROUPS = {
  hello: ["web.hello.rps", "web.landing.rps", "web.landing_to_hello.ratio"],
  profile: [
    "db.as_user_read.qps",
    "web.profile.rps",
    "web.profile.p95_ms",
    "web.profile_to_db.ratio",
    "web.home.p95_ms",
  ],
  boot: ["boot.first_byte_ms", "boot.first_run_first_byte_ms"],
  matching: [...MARKETPLACE_METRICS.matching, ...MATCHING_QUALITY_METRICS],
  search: MARKETPLACE_METRICS.search,
  chat: CHAT_METRICS,
  dj: DJ_METRICS,
  edge: EDGE_METRICS,
  queue: QUEUE_METRICS,
  payments: PAYMENTS_METRICS,
  artists: ARTISTS_METRICS,
  scout: SCOUT_METRICS,
  adminUsers: ADMIN_USER_SEARCH_METRICS,
  assets: WEB_ASSETS_METRICS,
  adminMetrics: ADMIN_METRICS_METRICS,
};

const TARGETS: [string, "≥" | "≤", number][] = [
  ["web.profile_to_db.ratio", "≥", 0.5],
  ["web.landing_to_hello.ratio", "≥", 0.1],
  ["web.profile.p95_ms", "≤", 50],
  ...MARKETPLACE_TARGETS,
  ...MATCHING_QUALITY_TARGETS,
  ...CHAT_TARGETS,
  ...DJ_TARGETS,
  ...QUEUE_TARGETS,
  ...PAYMENTS_TARGETS,
  ...STUDIO_TARGETS,
  ...ARTISTS_TARGETS,
  ...SCOUT_TARGETS,
  ...ADMIN_USER_SEARCH_TARGETS,
  ...WEB_ASSETS_TARGETS,
  ...ADMIN_METRICS_TARGETS,
];

async function main(prefixes: string[]): Promise<number> {
  const wanted = (names: string[]) =>
    prefixes.length === 0 || names.some((n) => prefixes.some((p) => n.startsWith(p)));
  const run = {
    hello: wanted(GROUPS.hello),
    profile: wanted(GROUPS.profile),
    boot: wanted(GROUPS.boot),
    matching: wanted(GROUPS.matching),
    search: wanted(GROUPS.search),
    chat: wanted(GROUPS.chat),
    dj: wanted(GROUPS.dj),
    edge: wanted(GROUPS.edge),
    queue: wanted(GROUPS.queue),
    payments: wanted(GROUPS.payments),
    artists: wanted(GROUPS.artists),
    scout: wanted(GROUPS.scout),
    adminUsers: wanted(GROUPS.adminUsers),
    assets: wanted(GROUPS.assets),
    adminMetrics: wanted(GROUPS.adminMetrics),
  };
  const studio = Object.fromEntries(
    Object.entries(STUDIO_METRICS).map(([g, names]) => [g, wanted(names)]),
  ) as Record<StudioGroup, boolean>;
  if (![...Object.values(run), ...Object.values(studio)].some(Boolean)) {
    console.error(
      `No metric starts with ${prefixes.join(", ")}. Metrics: ${
        [...Object.values(GROUPS), ...Object.values(STUDIO_METRICS)].flat().join(", ")
      }`,
    );
    return 2;
  }
  const t0 = performance.now();
  const results: Result[] = [];
  try {
    if (run.hello || run.profile) results.push(...await webGroups(run));
    if (run.boot) results.push(...await bootGroup());
    // The marketplace bench (100,000 profiles, 20,000 gigs) builds its own in-memory world.
    if (run.matching || run.search) {
      results.push(...await marketplaceBench({}, { matching: run.matching, search: run.search }));
    }
    // Ranking quality on the labelled evaluation set (bench/matching_eval), offline embeddings.
    if (run.matching) results.push(...await matchingQualityBench());
    // The chat bench (500 conversations, 1,000 SSE subscribers) builds its own world too.
    if (run.chat) {
      results.push(
        ...await chatBench({ runs: RUNS, durationS: DURATION_S, logLevel: LOG_LEVEL }),
      );
    }
    // The DJ bench starts its own fakes (a second process) and servers.
    if (run.dj) results.push(...await djBench({ runs: RUNS }));
    if (run.edge) results.push(...await edgeBench({ runs: RUNS }));
    if (run.queue) {
      results.push(
        ...await queueBench({ runs: RUNS, durationS: DURATION_S, warmupS: WARMUP_S }),
      );
    }
    if (run.payments) {
      results.push(
        ...await paymentsBench({ runs: RUNS, durationS: DURATION_S, warmupS: WARMUP_S }),
      );
    }
    if (run.artists) results.push(...await artistsBench({ runs: RUNS }));
    // Pure code in this process: the scout's parsers and dedupe over generated sources.
    if (run.scout) results.push(...scoutBench({ runs: RUNS }));
    // The admin user search over 100,000 users, on its own in-memory database.
    if (run.adminUsers) results.push(...await adminUserSearchBench({ runs: RUNS }));
    // Prod-mode pages through the server's fetch in this process: JS bytes as sent.
    if (run.assets) results.push(...await webAssetsBench());
    // A /metrics scrape through the real server, 100 routes' series and 10 queues.
    if (run.adminMetrics) results.push(...await adminMetricsBench({ runs: RUNS }));
    if (Object.values(studio).some(Boolean)) {
      results.push(
        ...await studioBench(
          { runs: RUNS, durationS: DURATION_S, warmupS: WARMUP_S, logLevel: LOG_LEVEL },
          studio,
        ),
      );
    }
  } catch (err) {
    const detail = err instanceof BenchFailure
      ? err.message
      : err instanceof Error
      ? err.stack
      : err;
    console.error(`\nBENCH FAILED: ${detail}\nbench/results.json was not written.`);
    return 1;
  }
  const file = await writeResults(results);
  console.log(
    `\n${file.runtime}, ${
      ((performance.now() - t0) / 1000).toFixed(1)
    } s, wrote bench/results.json`,
  );
  for (const r of results) {
    const target = TARGETS.find(([n]) => n === r.name);
    const met = target && (target[1] === "≥" ? r.value >= target[2] : r.value <= target[2]);
    const note = target ? `  target ${target[1]} ${target[2]}: ${met ? "met" : "MISSED"}` : "";
    console.log(
      `  ${r.name.padEnd(30)} ${String(r.value).padStart(9)} ${
        r.unit.padEnd(9)
      } spread ${r.spread}${note}`,
    );
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
