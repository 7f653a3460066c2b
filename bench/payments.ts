/**
 * Payment webhooks (issue 13), in the format of ../shared/BENCH.md: the `payments-webhook`
 * endpoint of the embedded app (`startTestApp`: PGlite, WORKER=off, API_RATE_LIMIT=0), each
 * request a distinct signed built-in `charge.succeeded` for a payment of its own whose checkout
 * is open, so each one is verified, stored, applied (checkout_open → held) and posts its capture.
 * The load comes from a second process (this file with `--send`): `BENCH_PAYMENTS_SENDERS` [50]
 * senders, keep-alive, sending events signed just before the run (as a provider signs them).
 *
 * - `payments.webhook.p95_ms`: the 95th percentile of a webhook's round trip while the 50 senders
 *   together offer `BENCH_PAYMENTS_RATE` [300] events a second (the throughput target), each
 *   timed from when it was due: the latency a provider sees at that load (as chat.deliver.p95_ms
 *   is measured at a paced rate).
 * - `payments.webhooks_per_s`: webhooks applied per second with the senders flat out.
 * - `payments.webhook.saturated_p95_ms` (extra): the p95 flat out, where each webhook waits behind
 *   the other 49: 50 divided by the throughput, whatever a webhook itself costs.
 * - `payments.webhook.serial_p95_ms` (extra): the p95 with one sender: a webhook's own cost.
 * - `payments.pg.*` (extra): the same on real PostgreSQL 15 (`BENCH_DATABASE_URL`, else a
 *   throwaway cluster when tests/_helpers/postgres.ts can start one): whether the embedded
 *   database's one connection is what limits the figures, or the machine.
 *
 * The payments are seeded per run by SQL (clones of one booking made through the API, with their
 * triggers off), `BENCH_PAYMENTS_PER_RUN` [4000] of them; a sender that runs out stops early.
 * Each run lasts `BENCH_DURATION_S` [3] after `BENCH_WARMUP_S` [0.5]; value: the median over
 * `BENCH_RUNS` [5] runs, after one discarded paced pass. A response other than 200 "applied" fails the bench.
 * `deno run -A bench/payments.ts` runs it alone and merges into bench/results.json.
 *
 * @module
 */
import { startTestApp, type TestApp } from "../tests/_helpers/app.ts";
import { BUILTIN_SECRET, makeBooking } from "../tests/_helpers/payments.ts";
import { SIGNATURE_HEADER, signBuiltin } from "../lib/ports/payments/builtin.ts";
import { type Result, summarise, writeResults } from "./results.ts";
import { postgresAvailable, startPostgres } from "../tests/_helpers/postgres.ts";

const num = (name: string, fallback: number) => Number(Deno.env.get(name) ?? fallback);

export const PAYMENTS_METRICS = [
  "payments.webhook.p95_ms",
  "payments.webhooks_per_s",
  "payments.webhook.saturated_p95_ms",
  "payments.webhook.serial_p95_ms",
  "payments.pg.webhook.p95_ms",
  "payments.pg.webhooks_per_s",
  "payments.pg.webhook.saturated_p95_ms",
  "payments.pg.webhook.serial_p95_ms",
];
export const PAYMENTS_TARGETS: [string, "≥" | "≤", number][] = [
  ["payments.webhook.p95_ms", "≤", 25],
  ["payments.webhooks_per_s", "≥", 300],
];

class PaymentsBenchFailure extends Error {}

interface SendResult {
  applied: number;
  errors: number;
  per_s: number;
  p95_ms: number;
  first_error: string | null;
}

interface Checkout {
  id: string;
  total: number;
  currency: string;
}

/** `n` payments with an open built-in checkout, each on a booking of its own cloned from `bookingId`. */
async function seed(app: TestApp, bookingId: string, n: number, run: number): Promise<Checkout[]> {
  return await app.platform.db.driver.transaction(async (tx) => {
    // Clones skip the foreign keys' triggers (gig and application ids are fresh); the exclusion
    // constraint still holds: each clone is an hour of its own, far from the original.
    await tx.exec("set local session_replication_role = replica");
    return await tx.query<Checkout>(
      `with b as (
         insert into public.bookings (gig_id, application_id, client_id, musician_id, fee_minor,
           currency, starts_at, ends_at, timezone, place, remote, cancellation_terms)
         select gen_random_uuid(), gen_random_uuid(), o.client_id, o.musician_id, o.fee_minor,
                o.currency, s.at, s.at + interval '30 minutes', o.timezone, o.place, o.remote,
                o.cancellation_terms
           from public.bookings o,
                lateral (select now() + make_interval(days => 400 + $3 * 400, hours => g) as at
                           from generate_series(1, $2::int) g) s
          where o.id = $1::uuid
         returning id, fee_minor, currency)
       insert into public.payments (booking_id, provider, state, currency, fee_minor, total_minor)
       select id, 'builtin', 'checkout_open', currency, fee_minor, fee_minor from b
       returning id::text, total_minor::int as total, currency`,
      [bookingId, n, run],
    );
  });
}

/**
 * The second process: sends one event per checkout from `senders` loops; prints a SendResult.
 * With a `rate`, event i is due at i / rate seconds and sent by sender i mod `senders` once due
 * and once that sender's previous webhook has returned; its latency counts from when it was due,
 * so a slow answer that delays the next send is not hidden. Without one, the senders go flat out.
 */
async function send(url: string, checkouts: Checkout[], senders: number, w: Window) {
  // Signed before the clock starts (well inside the 5-minute tolerance): the provider's cost of
  // signing is not the endpoint's, and it would take this machine's CPU from the server.
  const signed = await Promise.all(checkouts.map(async (p) => {
    const raw = JSON.stringify({
      id: `evt_bench_${p.id}`,
      type: "charge.succeeded",
      data: { payment_id: p.id, amount_minor: p.total, currency: p.currency, ref: `ch_${p.id}` },
    });
    return { raw, signature: await signBuiltin(BUILTIN_SECRET, raw) };
  }));
  const t0 = performance.now();
  const measureFrom = t0 + w.warmupS * 1000;
  const stopAt = measureFrom + w.durationS * 1000;
  const latencies: number[] = [];
  let applied = 0;
  let errors = 0;
  let firstError: string | null = null;
  let next = 0;
  let lastEnd = measureFrom;
  const post = async (i: number, due: number) => {
    const { raw, signature } = signed[i];
    let ok = false;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature },
        body: raw,
      });
      const text = await res.text();
      ok = res.status === 200 && text.includes('"applied"');
      if (!ok) firstError ??= `${res.status} ${text.slice(0, 200)}`;
    } catch (err) {
      firstError ??= String(err);
    }
    const ended = performance.now();
    if (due < measureFrom) return;
    lastEnd = Math.max(lastEnd, ended);
    if (ok) {
      applied++;
      latencies.push(ended - due);
    } else errors++;
  };
  const flatOut = async () => {
    while (performance.now() < stopAt && next < checkouts.length) {
      await post(next++, performance.now());
    }
  };
  const paced = async (s: number) => {
    for (let i = s; i < checkouts.length; i += senders) {
      const due = t0 + (i * 1000) / w.rate!;
      if (due >= stopAt) break;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await post(i, due);
    }
  };
  await Promise.all(
    Array.from({ length: senders }, (_, s) => w.rate ? paced(s) : flatOut()),
  );
  latencies.sort((a, b) => a - b);
  const result: SendResult = {
    applied,
    errors,
    per_s: applied / ((lastEnd - measureFrom) / 1000),
    p95_ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.95))] ?? NaN,
    first_error: firstError,
  };
  console.log(JSON.stringify(result));
}

interface Window {
  durationS: number;
  warmupS: number;
  /** Events per second offered by all senders together; null: as fast as they are answered. */
  rate: number | null;
}

/** Runs the senders in a second process on `checkouts`. */
async function load(url: string, checkouts: Checkout[], senders: number, w: Window) {
  const file = await Deno.makeTempFile({ prefix: "bench-payments-", suffix: ".json" });
  try {
    await Deno.writeTextFile(file, JSON.stringify(checkouts));
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        new URL(import.meta.url).pathname,
        "--send",
        url,
        file,
        String(senders),
        String(w.durationS),
        String(w.warmupS),
        String(w.rate ?? 0),
      ],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const timer = setTimeout(() => child.kill("SIGKILL"), (w.durationS + w.warmupS + 60) * 1000);
    const out = await child.output();
    clearTimeout(timer);
    if (!out.success) throw new PaymentsBenchFailure(`the senders exited ${out.code}`);
    const line = new TextDecoder().decode(out.stdout).trim().split("\n").at(-1) ?? "";
    return JSON.parse(line) as SendResult;
  } finally {
    await Deno.remove(file).catch(() => {});
  }
}

interface Options {
  runs: number;
  window: Window;
  perRun: number;
  senders: number;
  /** The offered rate `payments.webhook.p95_ms` is measured at. */
  rate: number;
}

/** The embedded figures always; the real-Postgres ones (`payments.pg.*`) when it is available. */
export async function paymentsBench(
  opts: { runs?: number; durationS?: number; warmupS?: number } = {},
): Promise<Result[]> {
  const o: Options = {
    runs: opts.runs ?? num("BENCH_RUNS", 5),
    window: {
      durationS: opts.durationS ?? num("BENCH_DURATION_S", 3),
      warmupS: opts.warmupS ?? num("BENCH_WARMUP_S", 0.5),
      rate: null,
    },
    rate: num("BENCH_PAYMENTS_RATE", 300),
    perRun: num("BENCH_PAYMENTS_PER_RUN", 4000),
    senders: num("BENCH_PAYMENTS_SENDERS", 50),
  };
  const results = await measure("payments.", o, {});
  const given = Deno.env.get("BENCH_DATABASE_URL");
  if (!given && !postgresAvailable()) {
    console.log("payments.pg.*: no BENCH_DATABASE_URL and no PostgreSQL 15: not measured");
    return results;
  }
  const pg = given ? null : await startPostgres();
  try {
    const url = given ?? await pg!.freshDatabase();
    results.push(...await measure("payments.pg.", o, { DATABASE_URL: url }));
  } finally {
    await pg?.stop();
  }
  return results;
}

async function measure(prefix: string, o: Options, env: Record<string, string>) {
  await using app = await startTestApp({
    WORKER: "off",
    LOG_LEVEL: Deno.env.get("BENCH_LOG_LEVEL") ?? "warn",
    API_RATE_LIMIT: "0",
    PAYMENTS_BUILTIN_SECRET: BUILTIN_SECRET,
    ...env,
  });
  const template = await makeBooking(app, "Bench");
  const p95: number[] = [];
  const rate: number[] = [];
  const saturated: number[] = [];
  const serial: number[] = [];
  const url = `${app.url}/functions/v1/payments-webhook`;
  const measured = async (run: number, n: number, callers: number, offered: number | null) => {
    const checkouts = await seed(app, template.bookingId, n, run);
    const r = await load(url, checkouts, callers, { ...o.window, rate: offered });
    if (r.errors > 0 || r.applied === 0) {
      throw new PaymentsBenchFailure(
        `run ${run}: ${r.errors} failed webhooks of ${r.applied + r.errors}: ${r.first_error}`,
      );
    }
    return r;
  };
  const { durationS, warmupS } = o.window;
  const pacedCount = Math.ceil(o.rate * (durationS + warmupS)) + o.senders;
  // A discarded pass first: the first webhooks also pay for compiling the code paths and plans.
  await measured(1, pacedCount, o.senders, o.rate);
  for (let run = 1; run <= o.runs; run++) {
    const paced = await measured(3 * run, pacedCount, o.senders, o.rate);
    const flat = await measured(3 * run + 1, o.perRun, o.senders, null);
    const one = await measured(3 * run + 2, o.perRun, 1, null);
    const [bad] = await app.platform.db.asService((tx) =>
      tx.query<{ n: number }>(
        `select count(*)::int as n from (select transaction_id from public.ledger_entries
           group by transaction_id having sum(amount_minor) <> 0) x`,
      )
    );
    if (bad.n !== 0) throw new PaymentsBenchFailure(`${bad.n} unbalanced ledger transactions`);
    p95.push(paced.p95_ms);
    rate.push(flat.per_s);
    saturated.push(flat.p95_ms);
    serial.push(one.p95_ms);
    console.log(
      `${prefix} run ${run}  at ${o.rate}/s: p95 ${paced.p95_ms.toFixed(1)} ms` +
        `  flat out: ${flat.per_s.toFixed(0)}/s p95 ${flat.p95_ms.toFixed(1)} ms` +
        `  one sender: p95 ${one.p95_ms.toFixed(1)} ms`,
    );
  }
  return [
    summarise(`${prefix}webhook.p95_ms`, "ms", p95),
    summarise(`${prefix}webhooks_per_s`, "events/s", rate),
    summarise(`${prefix}webhook.saturated_p95_ms`, "ms", saturated),
    summarise(`${prefix}webhook.serial_p95_ms`, "ms", serial),
  ];
}

if (import.meta.main) {
  if (Deno.args[0] === "--send") {
    const [, url, file, senders, durationS, warmupS, rate] = Deno.args;
    const checkouts = JSON.parse(await Deno.readTextFile(file)) as Checkout[];
    await send(url, checkouts, Number(senders), {
      durationS: Number(durationS),
      warmupS: Number(warmupS),
      rate: Number(rate) || null,
    });
  } else {
    const results = await paymentsBench();
    await writeResults(results);
    for (const r of results) {
      const target = PAYMENTS_TARGETS.find(([n]) => n === r.name);
      const met = target && (target[1] === "≥" ? r.value >= target[2] : r.value <= target[2]);
      const note = target ? `  target ${target[1]} ${target[2]}: ${met ? "met" : "MISSED"}` : "";
      console.log(`  ${r.name.padEnd(28)} ${String(r.value).padStart(9)} ${r.unit}${note}`);
    }
  }
}
