/**
 * Escrow races on real PostgreSQL, from separate connections (the real-Postgres tier sets
 * TEST_DATABASE_URL; skipped without it):
 *
 * - the client's release and the musician's refund at once: exactly one wins, one posting;
 * - a dispute opened while the auto-release runs: either the dispute froze the funds or the
 *   release happened first and the dispute is a 409, never both.
 *
 * After each, every ledger transaction sums to zero and no escrow is negative.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { apiCall } from "../_helpers/fuzz.ts";
import { BUILTIN_SECRET, builtinWebhook, makeBooking } from "../_helpers/payments.ts";

const URL_ = Deno.env.get("TEST_DATABASE_URL");
const ignore = !URL_;

async function app(): Promise<TestApp> {
  return await startTestApp({
    DATABASE_URL: URL_!,
    WORKER: "off",
    LOG_LEVEL: "error",
    PAYMENTS_BUILTIN_SECRET: BUILTIN_SECRET,
  });
}

function sql<T>(a: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return a.platform.db.asService((tx) => tx.query<T>(text, params));
}

/** A booking whose funds are held. */
async function held(a: TestApp, tag: string) {
  const b = await makeBooking(a, tag);
  const r = await apiCall(
    a,
    b.client,
    "POST",
    `/api/bookings/${b.bookingId}/payment/checkout`,
    undefined,
    201,
  );
  const p = r.payment as { id: string; total_minor: number; currency: string };
  const res = await builtinWebhook(a, {
    id: `evt_${p.id}`,
    type: "charge.succeeded",
    data: { payment_id: p.id, amount_minor: p.total_minor, currency: p.currency },
  });
  assertEquals(res.status, 200);
  await res.body?.cancel();
  return b;
}

async function status(a: TestApp, token: string, path: string, body?: unknown): Promise<number> {
  const res = await a.fetch(path, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await res.body?.cancel();
  return res.status;
}

async function assertLedgerIntact(a: TestApp, bookingId: string, settlements: number) {
  const bad = await sql(
    a,
    `select transaction_id from public.ledger_entries group by transaction_id
      having sum(amount_minor) <> 0
     union all
     select booking_id from public.ledger_entries where account = 'escrow'
      group by booking_id having sum(amount_minor) < 0`,
  );
  assertEquals(bad, []);
  const [r] = await sql<{ n: number }>(
    a,
    `select count(*)::int as n from public.ledger_transactions
      where booking_id = $1 and kind in ('release', 'refund')`,
    [bookingId],
  );
  assertEquals(r.n, settlements);
}

Deno.test({
  name: "payments races (real Postgres) - release and refund at once: exactly one wins",
  ignore,
  async fn() {
    await using a = await app();
    for (let i = 0; i < 4; i++) {
      const b = await held(a, `RaceRel${i}`);
      const statuses = await Promise.all([
        status(a, b.client.token, `/api/bookings/${b.bookingId}/payment/release`),
        status(a, b.musician.token, `/api/bookings/${b.bookingId}/payment/refund`, {}),
      ]);
      assertEquals(statuses.toSorted(), [200, 409], `release/refund statuses ${statuses}`);
      await assertLedgerIntact(a, b.bookingId, 1);
    }
  },
});

Deno.test({
  name: "payments races (real Postgres) - a dispute opened while the auto-release runs",
  ignore,
  async fn() {
    await using a = await app();
    for (let i = 0; i < 4; i++) {
      const b = await held(a, `RaceAuto${i}`);
      await sql(
        a,
        "update public.payments set release_at = now() - interval '1 minute' where booking_id = $1",
        [
          b.bookingId,
        ],
      );
      const [dispute] = await Promise.all([
        status(a, b.musician.token, `/api/bookings/${b.bookingId}/payment/dispute`, {
          reason: "The client says the gig did not happen",
        }),
        sql(a, "select private.release_due_payments()"),
      ]);
      const [p] = await sql<{ state: string }>(
        a,
        "select state from public.payments where booking_id = $1",
        [
          b.bookingId,
        ],
      );
      if (dispute === 201) {
        assertEquals(p.state, "disputed");
        await assertLedgerIntact(a, b.bookingId, 0);
      } else {
        assertEquals([dispute, p.state], [409, "released"]);
        await assertLedgerIntact(a, b.bookingId, 1);
      }
    }
  },
});
