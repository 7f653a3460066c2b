/**
 * Escrow property test: `PAYMENTS_PROPERTY_OPS` [1000] random operations (checkout, pay event,
 * duplicate event, release, refund or partial refund, dispute, resolve, sweep) on a few bookings,
 * drawn from a seeded PRNG (`PAYMENTS_PROPERTY_SEED` replays a run; the seed is printed). Each
 * outcome is checked against a model of the payment's state machine, and after every operation
 * the ledger invariants hold: each transaction sums to zero in one currency, no escrow is
 * negative, and each payment's postings match its state.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { apiCall, gigBody, type Person, signUpPerson } from "../_helpers/fuzz.ts";
import {
  type Booked,
  BUILTIN_SECRET,
  builtinWebhook,
  ledgerViolations,
  makeBooking,
  serviceSql,
} from "../_helpers/payments.ts";
import { seededRandom } from "../../lib/domains/gigs/facts.ts";
import { paymentDeps, resolveDispute, sweepPayments } from "../../lib/domains/payments/mod.ts";
import { toHttpError } from "../../lib/web/errors.ts";

const OPS = Number(Deno.env.get("PAYMENTS_PROPERTY_OPS") ?? 1000);
const BOOKINGS = 4;

type State =
  | "none"
  | "checkout_open"
  | "held"
  | "released"
  | "refunded"
  | "partially_refunded"
  | "disputed"
  | "resolved";

interface Model {
  b: Booked;
  state: State;
  payment: { id: string; total_minor: number; fee_minor: number; currency: string } | null;
  /** Events sent, to replay: a duplicate must change nothing. */
  sent: Record<string, unknown>[];
}

/** Another booking between the same two people (signing up anew is the slow part), `days` ahead. */
async function rebook(a: TestApp, b: Booked, days: number): Promise<Booked> {
  const gig = await apiCall(a, b.client, "POST", "/api/gigs?publish=true", {
    ...gigBody(`Property night ${days}`, days),
    starts_at: new Date(Date.now() + days * 86_400_000).toISOString(),
  }, 201);
  const application = await apiCall(a, b.musician, "POST", `/api/gigs/${gig.id}/applications`, {
    proposal: "Happy to play this one as well: the same trio, the same set of standards.",
    quoted_fee_minor: 30000 + days,
  }, 201);
  const booking = await apiCall(
    a,
    b.client,
    "POST",
    `/api/applications/${application.id}/accept`,
    undefined,
    201,
  );
  return { ...b, bookingId: String(booking.id) };
}

async function call(a: TestApp, p: Person, path: string, body?: unknown) {
  const res = await a.fetch(path, {
    method: "POST",
    headers: { authorization: `Bearer ${p.token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  return { status: res.status, json };
}

Deno.test("payments property - random operations keep the ledger invariants", async () => {
  const seed = Deno.env.get("PAYMENTS_PROPERTY_SEED") ?? String(Date.now());
  console.log(`payments property seed: ${seed} (PAYMENTS_PROPERTY_SEED=${seed} replays it)`);
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  await using a = await startTestApp({
    WORKER: "off",
    PAYMENTS_BUILTIN_SECRET: BUILTIN_SECRET,
    PAYMENTS_BUILTIN_PAYOUT_DELAY_S: "0",
  });
  const deps = paymentDeps(a.platform);
  const adminPerson = await signUpPerson(a, "PropAdmin", "client");
  const admin = {
    sub: adminPerson.id,
    role: "authenticated" as const,
    app_metadata: { role: "admin" },
  };
  const models: Model[] = [];
  for (let i = 0; i < BOOKINGS; i++) {
    models.push({ b: await makeBooking(a, `Prop${i}`), state: "none", payment: null, sent: [] });
  }
  const url = (m: Model, action: string) => `/api/bookings/${m.b.bookingId}/payment/${action}`;
  const ops = [
    "checkout",
    "pay",
    "pay",
    "duplicate",
    "release",
    "refund",
    "partial",
    "dispute",
    "resolve",
    "sweep",
  ] as const;
  const counts: Record<string, number> = {};
  const started = performance.now();
  for (let step = 0; step < OPS; step++) {
    const m = pick(models);
    let op: typeof ops[number] = pick(ops);
    // An event needs a checkout to name, a duplicate an event sent before.
    if (op === "duplicate" && m.sent.length === 0) op = "pay";
    if (op === "pay" && !m.payment) op = "checkout";
    const where = `step ${step} (${op} on ${m.b.bookingId}, model ${m.state}, seed ${seed})`;
    let outcome = "";
    switch (op) {
      case "checkout": {
        const r = await call(a, m.b.client, url(m, "checkout"));
        if (m.state === "none" || m.state === "checkout_open") {
          assertEquals(r.status, 201, where);
          m.payment = r.json.payment;
          m.state = "checkout_open";
        } else assertEquals(r.status, 409, where);
        outcome = String(r.status);
        break;
      }
      case "pay": {
        const p = m.payment!;
        const body = {
          id: `evt_${crypto.randomUUID()}`,
          type: "charge.succeeded",
          data: { payment_id: p.id, amount_minor: p.total_minor, currency: p.currency },
        };
        const res = await builtinWebhook(a, body);
        assertEquals(res.status, 200, where);
        const { result } = await res.json();
        assertEquals(result, m.state === "checkout_open" ? "applied" : "stale", where);
        if (m.state === "checkout_open") m.state = "held";
        m.sent.push(body);
        outcome = result;
        break;
      }
      case "duplicate": {
        const res = await builtinWebhook(a, pick(m.sent));
        assertEquals(res.status, 200, where);
        outcome = (await res.json()).result;
        assertEquals(outcome, "duplicate", where);
        break;
      }
      case "release": {
        const r = await call(a, m.b.client, url(m, "release"));
        assertEquals(r.status, m.state === "held" ? 200 : 409, where);
        if (r.status === 200) m.state = "released";
        outcome = String(r.status);
        break;
      }
      case "refund":
      case "partial": {
        const fee = m.payment?.fee_minor ?? 1;
        const amount = op === "partial" ? 1 + Math.floor(rand() * (fee - 1)) : undefined;
        const r = await call(a, m.b.musician, url(m, "refund"), { amount_minor: amount });
        assertEquals(r.status, m.state === "held" ? 200 : 409, where);
        if (r.status === 200) {
          m.state = amount === undefined ? "refunded" : "partially_refunded";
          assertEquals(r.json.state, m.state, where);
        }
        outcome = String(r.status);
        break;
      }
      case "dispute": {
        const by = rand() < 0.5 ? m.b.client : m.b.musician;
        const r = await call(a, by, url(m, "dispute"), { reason: `Property step ${step}` });
        assertEquals(r.status, m.state === "held" ? 201 : 409, where);
        if (r.status === 201) m.state = "disputed";
        outcome = String(r.status);
        break;
      }
      case "resolve": {
        const decision = pick(["release", "refund", "split"] as const);
        const fee = m.payment?.fee_minor ?? 2;
        const share = decision === "split" ? 1 + Math.floor(rand() * (fee - 1)) : undefined;
        let status = 200;
        try {
          await resolveDispute(deps, admin, m.b.bookingId, {
            decision,
            musician_share_minor: share,
            note: `Decided: ${decision}.`,
          });
        } catch (err) {
          status = toHttpError(err)?.status ?? 500;
        }
        assertEquals(status, m.state === "disputed" ? 200 : 409, where);
        if (status === 200) m.state = "resolved";
        outcome = `${status} ${decision}`;
        break;
      }
      case "sweep": {
        // The gig's date passes for this booking: a held payment is auto-released.
        await serviceSql(
          a,
          "update public.payments set release_at = now() - interval '1 minute' where booking_id = $1",
          [m.b.bookingId],
        );
        await sweepPayments(deps);
        if (m.state === "held") m.state = "released";
        outcome = "swept";
        break;
      }
    }
    counts[`${op} ${outcome}`] = (counts[`${op} ${outcome}`] ?? 0) + 1;
    const [row] = await serviceSql<{ state: string }>(
      a,
      "select state from public.payments where booking_id = $1",
      [m.b.bookingId],
    );
    assertEquals(row?.state ?? "none", m.state, where);
    assertEquals(await ledgerViolations((text) => serviceSql(a, text)), [], where);
    // A settled booking is done: start another so the run keeps exercising every state.
    if (
      ["released", "refunded", "partially_refunded", "resolved"].includes(m.state) && rand() < 0.3
    ) {
      models[models.indexOf(m)] = {
        b: await rebook(a, m.b, 40 + step),
        state: "none",
        payment: null,
        sent: [],
      };
    }
  }
  console.log(
    `${OPS} steps in ${((performance.now() - started) / 1000).toFixed(1)} s:`,
    JSON.stringify(counts),
  );
  // The checker is not blind: a payment whose state disagrees with its postings is reported.
  const rollback = new Error("rollback");
  await a.platform.db.driver.transaction(async (tx) => {
    await tx.query(
      `update public.payments set resolution = null,
         state = case when state in ('held', 'disputed') then 'checkout_open' else 'held' end`,
    );
    const seen = await ledgerViolations((text) => tx.query(text));
    assert(seen.length > 0, "a corrupted payment state went unnoticed");
    throw rollback;
  }).catch((err) => {
    if (err !== rollback) throw err;
  });
  // The run reached every transition at least once (a generator stuck in one state proves little).
  for (const k of ["pay applied", "release 200", "refund 200", "partial 200", "dispute 201"]) {
    assert((counts[k] ?? 0) > 0, `${k} never happened (seed ${seed})`);
  }
  assert(Object.keys(counts).some((k) => k.startsWith("resolve 200")), `no resolve (seed ${seed})`);
});
