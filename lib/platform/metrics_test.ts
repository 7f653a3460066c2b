import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import { escapeLabelValue, formatValue, Registry } from "./metrics.ts";

Deno.test("metrics - counters and gauges in the text format, label values escaped", () => {
  const r = new Registry();
  const c = r.counter("http_requests_total", "Requests.\nBy route \\ status", ["route", "status"]);
  c.inc({ route: "/gigs/:id", status: "200" });
  c.inc({ route: "/gigs/:id", status: "200" }, 2);
  c.inc({ route: 'a"b\\c\nd', status: "500" });
  const g = r.gauge("queue_depth", "Messages waiting.", ["queue"]);
  g.set({ queue: "ai" }, 3);
  g.set({ queue: "ai" }, 4);
  g.set({ queue: "notify" }, NaN);
  const up = r.gauge("process_uptime_seconds", "Uptime.");
  up.set({}, 1.5);
  assertEquals(
    r.render(),
    [
      "# HELP http_requests_total Requests.\\nBy route \\\\ status",
      "# TYPE http_requests_total counter",
      'http_requests_total{route="/gigs/:id",status="200"} 3',
      'http_requests_total{route="a\\"b\\\\c\\nd",status="500"} 1',
      "# HELP queue_depth Messages waiting.",
      "# TYPE queue_depth gauge",
      'queue_depth{queue="ai"} 4',
      'queue_depth{queue="notify"} NaN',
      "# HELP process_uptime_seconds Uptime.",
      "# TYPE process_uptime_seconds gauge",
      "process_uptime_seconds 1.5",
      "",
    ].join("\n"),
  );
  assertEquals(c.get({ route: "/gigs/:id", status: "200" }), 3);
  g.clear();
  assert(!r.render().includes("queue_depth{"), "a cleared gauge has no series");
});

Deno.test("metrics - histogram buckets are cumulative, with +Inf, _sum and _count", () => {
  const r = new Registry();
  const h = r.histogram("latency_seconds", "Latency.", ["route"], [0.1, 0.5, 1]);
  for (const v of [0.05, 0.1, 0.3, 0.7, 2]) h.observe({ route: "/" }, v);
  assertEquals(
    r.render().split("\n").filter((l) => !l.startsWith("#")),
    [
      'latency_seconds_bucket{route="/",le="0.1"} 2',
      'latency_seconds_bucket{route="/",le="0.5"} 3',
      'latency_seconds_bucket{route="/",le="1"} 4',
      'latency_seconds_bucket{route="/",le="+Inf"} 5',
      'latency_seconds_sum{route="/"} 3.15',
      'latency_seconds_count{route="/"} 5',
      "",
    ],
  );
  const bare = new Registry().histogram("db_seconds", "Db.", [], [1]);
  bare.observe({}, 0.5);
  assertEquals(bare.render().split("\n")[2], 'db_seconds_bucket{le="1"} 1');
  assertEquals(bare.get({}), { sum: 0.5, count: 1 });
});

Deno.test("metrics - scrape hooks run before exposition; bad names refused", async () => {
  const r = new Registry();
  const g = r.gauge("outbox_messages", "Outbox.", ["state"]);
  let scrapes = 0;
  r.onScrape(() => {
    g.set({ state: "failed" }, ++scrapes);
  });
  assert((await r.expose()).includes('outbox_messages{state="failed"} 1'));
  assert((await r.expose()).includes('outbox_messages{state="failed"} 2'));
  const refused = (f: () => unknown) => {
    try {
      f();
    } catch {
      return true;
    }
    return false;
  };
  assert(refused(() => r.counter("bad-name", "x")), "metric name");
  assert(refused(() => r.counter("ok_total", "x", ["le"])), "reserved label");
  assert(refused(() => r.gauge("outbox_messages", "again")), "duplicate");
  assert(refused(() => r.histogram("h", "x", [], [1, 1])), "buckets in order");
  assert(refused(() => r.counter("c_total", "x").inc({}, -1)), "counters only go up");
  assertEquals(escapeLabelValue('"\\\n'), '\\"\\\\\\n');
  assertEquals([formatValue(Infinity), formatValue(-Infinity), formatValue(2)], [
    "+Inf",
    "-Inf",
    "2",
  ]);
});
