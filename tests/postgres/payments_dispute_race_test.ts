/**
 * A dispute against the auto-release, on real PostgreSQL from parallel connections (the
 * real-Postgres tier sets TEST_DATABASE_URL; skipped without it). Exactly one of them wins and
 * the ledger stays intact, in each order:
 *
 * - the auto-release holds the booking: the party's dispute waits for it, then is a 409;
 * - the party's dispute holds the booking: the auto-release skips it (SKIP LOCKED), and it is
 *   not released later either;
 * - both at once, many times, through the HTTP API against the worker's sweep and against the
 *   bare `private.release_due_payments()` (pg_cron's call), and a provider's chargeback webhook
 *   against the sweep.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import {
  assertLedgerIntact,
  type Booked,
  BUILTIN_SECRET,
  builtinWebhook,
  heldBooking,
  serviceSql,
} from "../_helpers/payments.ts";
import { paymentDeps, sweepPayments } from "../../lib/domains/payments/mod.ts";

const ignore = !Deno.env.get("TEST_DATABASE_URL");

async function app(): Promise<TestApp> {
  // A fresh copy of the migrated database (startTestApp makes one under the tier).
  const a = await startTestApp({
    WORKER: "off",
    LOG_LEVEL: "error",
    PAYMENTS_BUILTIN_SECRET: BUILTIN_SECRET,
    PAYMENTS_BUILTIN_PAYOUT_DELAY_S: "3600",
  });
  assertEquals(a.platform.db.driver.kind, "postgres");
  return a;
}

/** A booking whose funds are held and due for release now. */
async function due(a: TestApp, tag: string): Promise<Booked & { paymentId: string }> {
  const b = await heldBooking(a, tag);
  await serviceSql(
    a,
    "update public.payments set release_at = now() - interval '1 minute' where booking_id = $1",
    [b.bookingId],
  );
  return { ...b, paymentId: b.payment.id };
}

function dispute(a: TestApp, b: Booked, byClient: boolean): Promise<number> {
  return a.fetch(`/api/bookings/${b.bookingId}/payment/dispute`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${(byClient ? b.client : b.musician).token}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ reason: "The gig did not happen as agreed" }),
  }).then(async (res) => {
    await res.body?.cancel();
    return res.status;
  });
}

/** Exactly one winner, and the ledger as that winner leaves it; returns which one won. */
async function assertOneWinner(a: TestApp, bookingId: string): Promise<"dispute" | "release"> {
  await assertLedgerIntact(a);
  const [r] = await serviceSql<
    { state: string; disputes: number; releases: number; captures: number; escrow: string }
  >(
    a,
    `select p.state,
            (select count(*)::int from public.disputes d where d.payment_id = p.id) as disputes,
            (select count(*)::int from public.ledger_transactions t
              where t.payment_id = p.id and t.kind in ('release', 'refund')) as releases,
            (select count(*)::int from public.ledger_transactions t
              where t.payment_id = p.id and t.kind = 'capture') as captures,
            (select coalesce(sum(amount_minor), 0)::text from public.ledger_entries e
              where e.booking_id = p.booking_id and e.account = 'escrow') as escrow
       from public.payments p where p.booking_id = $1`,
    [bookingId],
  );
  assertEquals(r.captures, 1);
  if (r.state === "disputed") {
    assertEquals([r.disputes, r.releases], [1, 0], "a disputed payment was also released");
    assert(Number(r.escrow) > 0, "disputed funds stay in escrow");
    return "dispute";
  }
  assertEquals(
    [r.state, r.disputes, r.releases, Number(r.escrow)],
    ["released", 0, 1, 0],
    "a released payment was also disputed",
  );
  return "release";
}

Deno.test({
  name: "payments dispute race (real Postgres) - the auto-release holds the booking: a 409",
  ignore,
  async fn() {
    await using a = await app();
    const b = await due(a, "HoldRel");
    let disputed: Promise<number> | null = null;
    await a.platform.db.driver.transaction(async (tx) => {
      const [r] = await tx.query<{ n: number }>("select private.release_due_payments() as n");
      assertEquals(r.n, 1);
      // Another connection: the party's dispute must wait for this transaction.
      disputed = dispute(a, b, true);
      const early = await Promise.race([disputed, new Promise((ok) => setTimeout(ok, 400))]);
      assertEquals(early, undefined, "the dispute did not wait for the auto-release");
    });
    assertEquals(await disputed!, 409);
    assertEquals(await assertOneWinner(a, b.bookingId), "release");
  },
});

Deno.test({
  name: "payments dispute race (real Postgres) - a dispute holds the booking: no auto-release",
  ignore,
  async fn() {
    await using a = await app();
    const b = await due(a, "HoldDis");
    const claims = await a.platform.auth.verify(b.musician.token);
    assert(claims);
    await a.platform.db.asUser(claims, async (tx) => {
      await tx.query("select id from public.open_dispute($1::uuid, $2)", [
        b.bookingId,
        "The client cancelled on the night",
      ]);
      // The auto-release on another connection, while the dispute is not committed yet.
      const [r] = await serviceSql<{ n: number }>(a, "select private.release_due_payments() as n");
      assertEquals(r.n, 0, "the auto-release took a booking a party is acting on");
    });
    const [r] = await serviceSql<{ n: number }>(a, "select private.release_due_payments() as n");
    assertEquals(r.n, 0, "disputed funds were auto-released");
    assertEquals(await assertOneWinner(a, b.bookingId), "dispute");
  },
});

Deno.test({
  name: "payments dispute race (real Postgres) - both at once: exactly one wins, every time",
  ignore,
  async fn() {
    await using a = await app();
    const deps = paymentDeps(a.platform);
    const wins: Record<string, number> = {};
    for (let i = 0; i < 12; i++) {
      const b = await due(a, `Both${i}`);
      const kind = ["sweep", "cron", "chargeback"][i % 3];
      // The release starts a little later each time, so both orders of arrival happen.
      const release = new Promise((ok) => setTimeout(ok, (i * 7) % 24)).then(() =>
        kind === "cron"
          ? serviceSql(a, "select private.release_due_payments()").then(() => {})
          : sweepPayments(deps).then(() => {})
      );
      let party: Promise<number>;
      if (kind === "chargeback") {
        party = builtinWebhook(a, {
          id: `evt_dispute_${b.paymentId}`,
          type: "charge.dispute.created",
          data: { payment_id: b.paymentId },
        }).then(async (res) => {
          const { result } = await res.json();
          return res.status === 200 && result === "applied" ? 201 : res.status === 200 ? 409 : 500;
        });
      } else {
        party = dispute(a, b, i % 2 === 0);
      }
      const [status] = await Promise.all([party, release]);
      const winner = await assertOneWinner(a, b.bookingId);
      assertEquals(status, winner === "dispute" ? 201 : 409, `${kind} ${i}: ${status}/${winner}`);
      wins[`${kind} ${winner}`] = (wins[`${kind} ${winner}`] ?? 0) + 1;
    }
    console.log("winners:", JSON.stringify(wins));
  },
});
