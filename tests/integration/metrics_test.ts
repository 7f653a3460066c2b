/**
 * `/metrics` through the real server: hidden without METRICS_SECRET, 401 without the right
 * bearer, and with it the text exposition: requests by route pattern (never a raw id), every
 * queue's depth and dead letters, job outcomes after the worker ran, database time; and the
 * slow-request log. One app: the secret is switched off in its config for the 404.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { drainJobs, startTestApp } from "../_helpers/app.ts";
import { metrics, queueFigures, QUEUES, send } from "../../lib/ports/queue/mod.ts";
import type { LogEntry } from "../../lib/platform/log.ts";
import { parse } from "yaml";

const SECRET = "m".repeat(32);
const RULES = new URL("../../ops/prometheus/rules.yml", import.meta.url);
const opts = { sanitizeOps: false, sanitizeResources: false };

/** The value of the one sample line starting with `series` (name and labels), or undefined. */
function sample(body: string, series: string): number | undefined {
  const line = body.split("\n").find((l) => l.startsWith(series + " "));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

Deno.test(
  { name: "metrics - secret, route patterns, slow log, queues, jobs, db time", ...opts },
  async () => {
    await using app = await startTestApp({
      METRICS_SECRET: SECRET,
      SLOW_REQUEST_MS: "0",
      WORKER: "off",
    });
    const scrape = (auth?: string) =>
      app.fetch("/metrics", auth ? { headers: { authorization: auth } } : {});

    // Without the secret configured the endpoint does not exist.
    const config = app.platform.config;
    config.METRICS_SECRET = undefined;
    const hidden = await scrape(`Bearer ${SECRET}`);
    await hidden.body?.cancel();
    assertEquals(hidden.status, 404);
    config.METRICS_SECRET = SECRET;

    for (const auth of [undefined, `Bearer ${"m".repeat(31)}x`, `Bearer ${SECRET}x`]) {
      const res = await scrape(auth);
      assertEquals(res.status, 401, `authorization: ${auth}`);
      assertMatch(await res.text(), /METRICS_SECRET/);
    }

    // Traffic: a route with an id, a page, and a path no route matches. SLOW_REQUEST_MS=0: each
    // of them is a slow request, logged.
    const logs: LogEntry[] = [];
    const original = app.platform.log;
    app.platform.log = (entry) => {
      logs.push(entry);
      original(entry);
    };
    const id = crypto.randomUUID();
    const paths = [`/gigs/${id}`, `/gigs/${id}`, "/signin", "/no/such/page"];
    for (const [i, path] of paths.entries()) {
      const headers = { "x-request-id": `metrics-test-${i}` };
      await (await app.fetch(path, { headers })).body?.cancel();
    }
    app.platform.log = original;
    const slow = logs.filter((l) => l.msg === "slow request");
    assertEquals(slow.map((l) => [l.level, l.route, l.method, l.status, l.request_id]), [
      ["warn", "/gigs/:id", "GET", 404, "metrics-test-0"],
      ["warn", "/gigs/:id", "GET", 404, "metrics-test-1"],
      ["warn", "/signin", "GET", 200, "metrics-test-2"],
      ["warn", "(unmatched)", "GET", 404, "metrics-test-3"],
    ]);
    assert(slow.every((l) => typeof l.ms === "number" && l.ms > 0), "durations in ms");
    // Jobs for the worker: one done, one failing (left for a retry), one that is no job at all
    // (dead-lettered at once).
    await app.platform.db.asService(async (tx) => {
      await send(tx, "notify", { kind: "welcome", user_id: id, idempotency_key: `m1-${id}` });
      await send(tx, "notify", { kind: "no-such-kind", idempotency_key: `m2-${id}` });
      await tx.query(`select pgmq.send('notify', '{"kind": "no key"}'::jsonb)`);
    });
    await drainJobs(app);

    // The scrape's own reading of the queues agrees with pgmq.metrics_all.
    const [figures, pgmq] = await app.platform.db.asService(async (tx) =>
      [await queueFigures(tx), await metrics(tx)] as const
    );
    assertEquals(
      figures.map((f) => [f.queue_name, f.queue_length, f.queue_visible_length]),
      pgmq.map((m) => [m.queue_name, m.queue_length, m.queue_visible_length]),
    );
    assertEquals(figures.find((f) => f.queue_name === "notify")?.queue_length, 1, "the retry");

    const res = await scrape(`Bearer ${SECRET}`);
    assertEquals(res.status, 200);
    assertEquals(res.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    const body = await res.text();
    assert(!body.includes(id), "no raw path with an id in any label");
    assertEquals(
      sample(body, 'http_requests_total{route="/gigs/:id",method="GET",status="404"}'),
      2,
    );
    assertEquals(sample(body, 'http_requests_total{route="/signin",method="GET",status="200"}'), 1);
    assertEquals(
      sample(body, 'http_requests_total{route="(unmatched)",method="GET",status="404"}'),
      1,
    );
    assertEquals(
      sample(body, 'http_request_duration_seconds_count{route="/gigs/:id",method="GET"}'),
      2,
    );
    assertEquals(
      sample(
        body,
        'http_request_duration_seconds_bucket{route="/gigs/:id",method="GET",le="+Inf"}',
      ),
      2,
    );
    for (const q of QUEUES) {
      assert(sample(body, `queue_depth{queue="${q}"}`) !== undefined, `queue_depth of ${q}`);
      assert(
        sample(body, `queue_oldest_message_age_seconds{queue="${q}"}`) !== undefined,
        `age of ${q}`,
      );
      assert(
        sample(body, `queue_dead_letters{queue="${q}"}`) !== undefined,
        `dead letters of ${q}`,
      );
    }
    assert(!body.includes('queue_depth{queue="notify_dlq"}'), "dead-letter queues only as such");
    assertEquals(sample(body, 'queue_dead_letters{queue="notify"}'), 1);
    for (const outcome of ["completed", "retried", "dead_lettered"]) {
      assertEquals(sample(body, `jobs_total{queue="notify",outcome="${outcome}"}`), 1, outcome);
    }
    assertEquals(sample(body, 'outbox_messages{channel="email",state="failed"}'), 0);
    assert((sample(body, "db_query_duration_seconds_count") ?? 0) > 0, "statements counted");
    assert((sample(body, "db_query_duration_seconds_sum") ?? 0) > 0, "database time");
    assert((sample(body, "process_resident_memory_bytes") ?? 0) > 0, "rss");
    assert((sample(body, "process_uptime_seconds") ?? 0) > 0, "uptime");
    const exposed = new Set(
      body.split("\n").filter((l) => l.startsWith("# TYPE ")).map((l) => l.split(" ")[2]),
    );
    const alerts = checkRules(await Deno.readTextFile(RULES), exposed);
    for (const a of ["SoundcheckQueueDepth", "SoundcheckDeadLetters", "SoundcheckHttp5xxRate"]) {
      assert(alerts.includes(a), a);
    }
    // Every line is a comment or `name{labels} value`.
    for (const line of body.trimEnd().split("\n")) {
      assertMatch(line, /^(# (HELP|TYPE) \w+ .*|\w+(\{.*\})? [-+\d.eInfNa]+)$/, line);
    }
  },
);

interface RuleFile {
  groups: { name: string; rules: Record<string, unknown>[] }[];
}

/**
 * ops/prometheus/rules.yml parses, has Prometheus' shape (promtool checked it when written), and
 * names only metrics the app exposes (`exposed`: the TYPE lines of a scrape).
 */
function checkRules(text: string, exposed: Set<string>): string[] {
  const file = parse(text) as RuleFile;
  const alerts: string[] = [];
  for (const g of file.groups) {
    assert(typeof g.name === "string" && g.rules.length > 0, "a named group with rules");
    for (const r of g.rules) {
      const { alert, expr, labels, annotations } = r as {
        alert: string;
        expr: string;
        labels: { severity: string };
        annotations: { summary: string; description: string };
      };
      assertMatch(alert, /^Soundcheck\w+$/);
      assert(["info", "warning", "critical"].includes(labels.severity), `${alert}: severity`);
      assert(annotations.summary && annotations.description, `${alert}: annotations`);
      if (r.for !== undefined) assertMatch(String(r.for), /^\d+[smh]$/, `${alert}: for`);
      const names = expr.match(/\b(http|queue|jobs|outbox|db|process)_\w+/g) ?? [];
      for (const name of names) {
        const base = name.replace(/_(bucket|sum|count)$/, "");
        assert(exposed.has(base), `${alert}: ${name} is not exposed`);
      }
      alerts.push(alert);
    }
  }
  return alerts;
}
