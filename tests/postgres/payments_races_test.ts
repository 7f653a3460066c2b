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
import {
  assertLedgerIntact,
  BUILTIN_SECRET,
  heldBooking,
  serviceSql,
} from "../_helpers/payments.ts";

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

async function status(a: TestApp, token: string, path: string, body?: unknown): Promise<number> {
  const res = await a.fetch(path, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await res.body?.cancel();
  return res.status;
}

async function assertSettled(a: TestApp, bookingId: string, settlements: number) {
  await assertLedgerIntact(a);
  const [r] = await serviceSql<{ n: number }>(
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
      const b = await heldBooking(a, `RaceRel${i}`);
      const statuses = await Promise.all([
        status(a, b.client.token, `/api/bookings/${b.bookingId}/payment/release`),
        status(a, b.musician.token, `/api/bookings/${b.bookingId}/payment/refund`, {}),
      ]);
      assertEquals(statuses.toSorted(), [200, 409], `release/refund statuses ${statuses}`);
      await assertSettled(a, b.bookingId, 1);
    }
  },
});

Deno.test({
  name: "payments races (real Postgres) - a dispute opened while the auto-release runs",
  ignore,
  async fn() {
    await using a = await app();
    for (let i = 0; i < 4; i++) {
      const b = await heldBooking(a, `RaceAuto${i}`);
      await serviceSql(
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
        serviceSql(a, "select private.release_due_payments()"),
      ]);
      const [p] = await serviceSql<{ state: string }>(
        a,
        "select state from public.payments where booking_id = $1",
        [
          b.bookingId,
        ],
      );
      if (dispute === 201) {
        assertEquals(p.state, "disputed");
        await assertSettled(a, b.bookingId, 0);
      } else {
        assertEquals([dispute, p.state], [409, "released"]);
        await assertSettled(a, b.bookingId, 1);
      }
    }
  },
});
