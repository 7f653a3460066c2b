/**
 * Bookings paid in two parts, raced on real PostgreSQL from parallel connections (the
 * real-Postgres tier sets TEST_DATABASE_URL; skipped without it). Each race runs many times, the
 * second side starting a little later each time so both orders of arrival happen; after each the
 * ledger is intact and the booking is in one of the states a serial order would leave:
 *
 * - the client's release against the balance's capture webhook: the balance was captured then
 *   released with the deposit, or captured after the release and held (released later on its
 *   own, as any held part);
 * - a cancellation against the deposit's capture: the deposit settled by the cancellation terms
 *   (captured first) or refunded in full (captured after); the unpaid balance gone either way;
 * - a dispute against the auto-release of a booking with both parts held: both parts frozen, or
 *   both released and the dispute a 409, never one of each.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import {
  assertLedgerIntact,
  type Booked,
  BUILTIN_SECRET,
  capture,
  depositBooking,
  makeBooking,
  type OpenCheckout,
  openPart,
  serviceSql,
} from "../_helpers/payments.ts";
import type { Person } from "../_helpers/fuzz.ts";
import { paymentDeps, sweepPayments } from "../../lib/domains/payments/mod.ts";

const ignore = !Deno.env.get("TEST_DATABASE_URL");
const RUNS = 20;

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

async function post(a: TestApp, who: Person, path: string, body?: unknown): Promise<number> {
  const res = await a.fetch(path, {
    method: "POST",
    headers: { authorization: `Bearer ${who.token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await res.body?.cancel();
  return res.status;
}

const later = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

interface Part {
  part: string;
  state: string;
  refunded_minor: number;
  captures: number;
  settles: number;
}

/** The booking's parts with their postings, and its escrow; the ledger checked first. */
async function parts(a: TestApp, bookingId: string) {
  await assertLedgerIntact(a);
  const rows = await serviceSql<Part>(
    a,
    `select p.part, p.state, p.refunded_minor::int,
            (select count(*)::int from public.ledger_transactions t
              where t.payment_id = p.id and t.kind = 'capture') as captures,
            (select count(*)::int from public.ledger_transactions t
              where t.payment_id = p.id and t.kind in ('release', 'refund')) as settles
       from public.payments p where p.booking_id = $1 order by p.part`,
    [bookingId],
  );
  const [{ escrow }] = await serviceSql<{ escrow: string }>(
    a,
    `select coalesce(sum(amount_minor), 0)::text as escrow from public.ledger_entries
      where booking_id = $1 and account = 'escrow'`,
    [bookingId],
  );
  const by = Object.fromEntries(rows.map((r) => [r.part, r]));
  return { by, list: rows.map((r) => `${r.part}:${r.state}`), escrow: Number(escrow) };
}

Deno.test({
  name: "payments milestones race (real Postgres) - release against the balance's capture",
  ignore,
  async fn() {
    await using a = await app();
    const seen: Record<string, number> = {};
    for (let i = 0; i < RUNS; i++) {
      const b = await depositBooking(a, `RelCap${i}`);
      const release = later((i * 5) % 20).then(() =>
        post(a, b.client, `/api/bookings/${b.bookingId}/payment/release`)
      );
      const paid = later((i * 3) % 11).then(() => capture(a, b.balance));
      // The deposit is held whatever happens: the release succeeds; the checkout is open: the
      // capture applies.
      assertEquals(await Promise.all([release, paid]), [200, "applied"], `run ${i}`);
      const s = await parts(a, b.bookingId);
      assertEquals(s.by.deposit.state, "released", `run ${i}: ${s.list}`);
      assertEquals([s.by.deposit.captures, s.by.balance.captures], [1, 1], `run ${i}`);
      if (s.by.balance.state === "released") {
        // Captured first: the release took both parts.
        assertEquals([s.by.balance.settles, s.escrow], [1, 0], `run ${i}`);
      } else {
        // Captured after the release: held on its own, its money in escrow, released later.
        assertEquals(s.by.balance.state, "held", `run ${i}: ${s.list}`);
        assertEquals([s.by.balance.settles, s.escrow], [0, b.balance.total_minor], `run ${i}`);
        assertEquals(
          await post(a, b.client, `/api/bookings/${b.bookingId}/payment/release`),
          200,
          `run ${i}: the balance captured late is released by the next release`,
        );
        const after = await parts(a, b.bookingId);
        assertEquals([after.list, after.escrow], [["balance:released", "deposit:released"], 0]);
      }
      seen[s.by.balance.state] = (seen[s.by.balance.state] ?? 0) + 1;
    }
    console.log("balance after the race:", JSON.stringify(seen));
  },
});

Deno.test({
  name: "payments milestones race (real Postgres) - cancellation against the deposit's capture",
  ignore,
  async fn() {
    await using a = await app();
    const seen: Record<string, number> = {};
    for (let i = 0; i < RUNS; i++) {
      const b = await makeBooking(a, `CanCap${i}`, 30);
      const deposit = await openPart(a, b, "deposit");
      // Every other run the gig is 3 days away: a client cancelling owes half the fee, which
      // the deposit (a quarter) cannot cover, so a deposit captured first is kept by the musician.
      const late = i % 2 === 0;
      if (late) {
        await serviceSql(
          a,
          `update public.bookings set starts_at = now() + interval '3 days',
                  ends_at = now() + interval '3 days 2 hours' where id = $1`,
          [b.bookingId],
        );
      }
      const cancel = later((i * 5) % 20).then(() =>
        post(a, b.client, `/api/bookings/${b.bookingId}/cancel`, { reason: "The venue closed" })
      );
      const paid = later((i * 3) % 11).then(() => capture(a, deposit));
      assertEquals(await Promise.all([cancel, paid]), [200, "applied"], `run ${i}`);
      const s = await parts(a, b.bookingId);
      assertEquals(Object.keys(s.by), ["deposit"], `run ${i}: the unpaid balance is gone`);
      const d = s.by.deposit;
      assertEquals([d.captures, d.settles, s.escrow], [1, 1, 0], `run ${i}: ${s.list}`);
      // Refunded in full (captured after, or a free cancellation), or kept (captured first, late).
      const allowed = late ? ["refunded", "released"] : ["refunded"];
      assert(allowed.includes(d.state), `run ${i} (late ${late}): ${s.list}`);
      const key = `${late ? "late" : "free"} ${d.state}`;
      seen[key] = (seen[key] ?? 0) + 1;
    }
    console.log("deposit after the race:", JSON.stringify(seen));
  },
});

Deno.test({
  name: "payments milestones race (real Postgres) - a dispute against the auto-release",
  ignore,
  async fn() {
    await using a = await app();
    const deps = paymentDeps(a.platform);
    const seen: Record<string, number> = {};
    for (let i = 0; i < RUNS; i++) {
      const b = await depositBooking(a, `DisRel${i}`, { balance: "held" });
      await serviceSql(
        a,
        "update public.payments set release_at = now() - interval '1 minute' where booking_id = $1",
        [b.bookingId],
      );
      // pg_cron's bare call and the worker's sweep, in turn.
      const release = later((i * 5) % 20).then(() =>
        i % 2 === 0
          ? serviceSql(a, "select private.release_due_payments()").then(() => {})
          : sweepPayments(deps).then(() => {})
      );
      const by = i % 4 < 2 ? b.client : b.musician;
      const dispute = later((i * 3) % 11).then(() =>
        post(a, by, `/api/bookings/${b.bookingId}/payment/dispute`, {
          reason: "The second set never happened",
        })
      );
      const [status] = await Promise.all([dispute, release]);
      const s = await parts(a, b.bookingId);
      const [{ disputes }] = await serviceSql<{ disputes: number }>(
        a,
        "select count(*)::int as disputes from public.disputes where booking_id = $1",
        [b.bookingId],
      );
      if (status === 201) {
        assertEquals(s.list, ["balance:disputed", "deposit:disputed"], `run ${i}`);
        assertEquals([disputes, s.by.deposit.settles + s.by.balance.settles], [1, 0], `run ${i}`);
        assertEquals(s.escrow, b.deposit.total_minor + b.balance.total_minor, `run ${i}`);
      } else {
        assertEquals(status, 409, `run ${i}`);
        assertEquals(s.list, ["balance:released", "deposit:released"], `run ${i}`);
        assertEquals([disputes, s.by.deposit.settles + s.by.balance.settles, s.escrow], [0, 2, 0]);
      }
      const key = status === 201 ? "dispute" : "release";
      seen[key] = (seen[key] ?? 0) + 1;
    }
    console.log("winner:", JSON.stringify(seen));
  },
});

Deno.test({
  name: "payments milestones race (real Postgres) - a held booking makes the capture wait",
  ignore,
  async fn() {
    // Each order forced: the party's transaction holds the booking, the webhook on another
    // connection must wait for it (else it reads the booking as it was, and settles wrongly).
    await using a = await app();
    for (const action of ["release", "cancel"] as const) {
      let b: Booked;
      let part: OpenCheckout;
      if (action === "release") {
        const d = await depositBooking(a, "HoldRel");
        [b, part] = [d, d.balance];
      } else {
        b = await makeBooking(a, "HoldCan", 30);
        part = await openPart(a, b, "deposit");
      }
      const claims = await a.platform.auth.verify(b.client.token);
      assert(claims);
      let paid: Promise<string> | null = null;
      await a.platform.db.asUser(claims, async (tx) => {
        await tx.query(
          action === "release"
            ? "select id from public.release_payment($1::uuid)"
            : "select id from public.cancel_booking($1::uuid, 'The venue closed')",
          [b.bookingId],
        );
        paid = capture(a, part);
        const early = await Promise.race([paid, later(400)]);
        assertEquals(early, undefined, `the capture did not wait for the ${action}`);
      });
      assertEquals(await paid!, "applied");
      const s = await parts(a, b.bookingId);
      assertEquals(
        s.list,
        action === "release"
          ? ["balance:held", "deposit:released"] // captured after the release: held on its own
          : ["deposit:refunded"], // paid after the cancellation: all of it goes back
        action,
      );
    }
  },
});
