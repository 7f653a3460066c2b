/**
 * Paying a booking in two parts with the built-in provider, over HTTP: deposit → held → balance →
 * held → release → both parts paid out, the ledger intact throughout; refused choices name the
 * field.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { type TestApp } from "../_helpers/app.ts";
import { apiCall, bearer } from "../_helpers/fuzz.ts";
import {
  assertLedgerIntact,
  builtinWebhook,
  capture,
  makeBooking,
  openPart,
  postings,
  serviceSql,
  startPaymentsApp,
} from "../_helpers/payments.ts";
import { paymentDeps, sweepPayments } from "../../lib/domains/payments/mod.ts";
import { payableBalance } from "../../lib/domains/payments/milestones.ts";
import type { PaymentRow } from "../../lib/domains/payments/schemas.ts";

interface Part {
  id: string;
  part: string;
  state: string;
  fee_minor: number;
  total_minor: number;
  currency: string;
  payout_state: string;
}

async function pay(a: TestApp, p: Part) {
  const res = await builtinWebhook(a, {
    id: `evt_${p.id}_ok`,
    type: "charge.succeeded",
    data: {
      payment_id: p.id,
      amount_minor: p.total_minor,
      currency: p.currency,
      ref: `ch_${p.id}`,
    },
  });
  assertEquals(res.status, 200);
  await res.body?.cancel();
}

Deno.test("payments milestones - deposit, balance, release, both paid out", async () => {
  await using a = await startPaymentsApp();
  const b = await makeBooking(a, "Milestone", 30);
  const checkout = (part: string, expect = 201) =>
    apiCall(a, b.client, "POST", `/api/bookings/${b.bookingId}/payment/checkout`, { part }, expect);

  // The balance before the deposit, and an unknown part: refused, naming the field.
  const early = await checkout("balance", 409);
  assertEquals((early.error as { field: string }).field, "state");
  const bad = await checkout("half", 400);
  assertEquals((bad.error as { field: string }).field, "part");

  const deposit = (await checkout("deposit")).payment as Part;
  assertEquals([deposit.part, deposit.fee_minor], ["deposit", 10000]);
  let view = await apiCall(
    a,
    b.client,
    "GET",
    `/api/bookings/${b.bookingId}/payment`,
    undefined,
    200,
  );
  const parts = () =>
    (view.parts as Part[]).map((p) => `${p.part}:${p.state}:${p.fee_minor}`).sort();
  assertEquals(parts(), ["balance:unpaid:30000", "deposit:checkout_open:10000"]);
  const full = await checkout("full", 409);
  assertEquals((full.error as { field: string }).field, "part");

  await pay(a, deposit);
  await assertLedgerIntact(a);
  const balance = (await checkout("balance")).payment as Part;
  assertEquals([balance.part, balance.fee_minor, balance.state], [
    "balance",
    30000,
    "checkout_open",
  ]);
  view = await apiCall(a, b.client, "GET", `/api/bookings/${b.bookingId}/payment`, undefined, 200);
  assertEquals((view.payment as Part).part, "balance", "the open checkout is the part in focus");
  assertEquals(view.state, "held", "the deposit is held meanwhile");
  await pay(a, balance);
  await assertLedgerIntact(a);
  assertEquals(await postings(a, b.bookingId, "capture"), 2);

  await apiCall(
    a,
    b.client,
    "POST",
    `/api/bookings/${b.bookingId}/payment/release`,
    undefined,
    200,
  );
  await apiCall(
    a,
    b.client,
    "POST",
    `/api/bookings/${b.bookingId}/payment/release`,
    undefined,
    409,
  );
  assertEquals(await postings(a, b.bookingId, "release"), 2);
  await sweepPayments(paymentDeps(a.platform));
  view = await apiCall(
    a,
    b.musician,
    "GET",
    `/api/bookings/${b.bookingId}/payment`,
    undefined,
    200,
  );
  assertEquals(
    (view.parts as Part[]).map((p) => `${p.part}:${p.state}:${p.payout_state}`).sort(),
    ["balance:released:paid", "deposit:released:paid"],
  );
  assertEquals(await postings(a, b.bookingId, "payout"), 2);
  const [sum] = await serviceSql<{ payouts: string }>(
    a,
    `select sum(amount_minor) as payouts from public.ledger_entries
      where booking_id = $1 and account = 'payouts'`,
    [b.bookingId],
  );
  assertEquals(Number(sum.payouts), 40000, "the musician is paid the whole fee");
  await assertLedgerIntact(a);
});

Deno.test("payments milestones - no deposit for a gig two weeks ahead or less", async () => {
  await using a = await startPaymentsApp();
  const b = await makeBooking(a, "Soon", 10);
  const res = await a.fetch(`/api/bookings/${b.bookingId}/payment/checkout`, {
    method: "POST",
    headers: { ...bearer(b.client.token), "content-type": "application/json" },
    body: JSON.stringify({ part: "deposit" }),
  });
  assertEquals(res.status, 409);
  assertEquals((await res.json()).error.field, "part");
  assertEquals(
    await serviceSql(a, "select 1 from public.payments where booking_id = $1", [
      b.bookingId,
    ]),
    [],
  );
});

Deno.test("payments milestones - the balance is still owed once the deposit is released", async () => {
  await using a = await startPaymentsApp();
  const b = await makeBooking(a, "Owed", 30);
  const deposit = await openPart(a, b, "deposit");
  assertEquals(await capture(a, deposit), "applied");
  // The client releases the deposit early; the balance is not paid yet.
  const release = `/api/bookings/${b.bookingId}/payment/release`;
  await apiCall(a, b.client, "POST", release, undefined, 200);
  const view = await apiCall(
    a,
    b.client,
    "GET",
    `/api/bookings/${b.bookingId}/payment`,
    undefined,
    200,
  );
  const parts = view.parts as PaymentRow[];
  assertEquals(payableBalance(parts, "confirmed")?.part, "balance", "the page offers the balance");
  assertEquals(payableBalance(parts, "cancelled"), null);
  const balance = await openPart(a, b, "balance");
  assertEquals(await capture(a, balance), "applied");
  await assertLedgerIntact(a);
  // Captured after the release: held on its own until the client releases it (or the sweep).
  const [row] = await serviceSql<{ state: string }>(
    a,
    "select state from public.payments where booking_id = $1 and part = 'balance'",
    [b.bookingId],
  );
  assertEquals(row.state, "held");
  await apiCall(a, b.client, "POST", release, undefined, 200);
  assertEquals(await postings(a, b.bookingId, "release"), 2);
  await assertLedgerIntact(a);
});
