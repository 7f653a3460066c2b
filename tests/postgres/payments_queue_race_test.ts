/**
 * The payments queue on real PostgreSQL, from separate connections (the real-Postgres tier sets
 * TEST_DATABASE_URL; skipped without it): payments auto-released at once, then for each of them
 * the request's own attempt, duplicate job messages and two workers all at the same time. The
 * lease lets exactly one attempt call the provider per payment; one payout posting each.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { drainJobs, startTestApp, type TestApp } from "../_helpers/app.ts";
import {
  assertLedgerIntact,
  BUILTIN_SECRET,
  heldBooking,
  postings,
  serviceSql,
} from "../_helpers/payments.ts";
import { attemptProviderWork, paymentDeps, sweepPayments } from "../../lib/domains/payments/mod.ts";

const URL_ = Deno.env.get("TEST_DATABASE_URL");

Deno.test({
  name: "payments queue (real Postgres) - concurrent attempts call the provider once per payment",
  ignore: !URL_,
  async fn() {
    await using a: TestApp = await startTestApp({
      DATABASE_URL: URL_!,
      WORKER: "off",
      LOG_LEVEL: "error",
      PAYMENTS_BUILTIN_SECRET: BUILTIN_SECRET,
      PAYMENTS_BUILTIN_PAYOUT_DELAY_S: "0",
    });
    const deps = paymentDeps(a.platform);
    const booked = [];
    for (let i = 0; i < 4; i++) booked.push(await heldBooking(a, `QueueRace${i}`));
    const calls = new Map<string, number>();
    const real = deps.providers.builtin.transfer.bind(deps.providers.builtin);
    deps.providers.builtin.transfer = async (req) => {
      calls.set(req.paymentId, (calls.get(req.paymentId) ?? 0) + 1);
      await new Promise((ok) => setTimeout(ok, 20)); // a provider that takes its time
      return await real(req);
    };
    await serviceSql(
      a,
      `update public.payments set release_at = now() - interval '1 minute'
        where booking_id = any($1::uuid[])`,
      [booked.map((b) => b.bookingId)],
    );
    assertEquals((await sweepPayments(deps)).released, 4);
    // A duplicate message per payment besides the trigger's.
    await serviceSql(
      a,
      `select pgmq.send('payments'::text, jsonb_build_object('kind', 'provider_work',
         'payment_id', id, 'idempotency_key', 'dup:' || id))
         from public.payments where booking_id = any($1::uuid[])`,
      [booked.map((b) => b.bookingId)],
    );
    const attempt = async (paymentId: string) => {
      const commit = await attemptProviderWork(deps, paymentId);
      if (commit) await a.platform.db.asService(commit);
    };
    await Promise.all([
      a.platform.worker.runOnce(),
      a.platform.worker.runOnce(),
      ...booked.flatMap((b) => [attempt(b.payment.id), attempt(b.payment.id)]),
    ]);
    await drainJobs(a); // the held notices the captures queued too
    assertEquals(
      booked.map((b) => calls.get(b.payment.id)),
      [1, 1, 1, 1],
      "one transfer call per payment",
    );
    await sweepPayments(deps);
    for (const b of booked) assertEquals(await postings(a, b.bookingId, "payout"), 1);
    const [left] = await serviceSql<{ n: number }>(
      a,
      "select count(*)::int as n from pgmq.q_payments",
    );
    assertEquals(left.n, 0, "every message archived");
    await assertLedgerIntact(a);
  },
});
