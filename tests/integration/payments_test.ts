/**
 * Escrow payments with the built-in provider, over HTTP: book → checkout → pay on the hosted page
 * → signed webhook → held → release → payout, the ledger balanced throughout; webhooks replayed,
 * tampered, stale, out of order, mismatched and unknown; a second release; a stranger.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { type TestApp } from "../_helpers/app.ts";
import { apiCall, bearer, browser, CSRF, signUpPerson } from "../_helpers/fuzz.ts";
import {
  assertLedgerIntact,
  builtinWebhook,
  makeBooking,
  openCheckout,
  postings,
  releaseAs,
  serviceSql,
  startPaymentsApp,
} from "../_helpers/payments.ts";
import { paymentDeps, sweepPayments } from "../../lib/domains/payments/mod.ts";

function paid(p: { id: string; total_minor: number; currency: string }, id = `evt_${p.id}_ok`) {
  return {
    id,
    type: "charge.succeeded",
    data: {
      payment_id: p.id,
      amount_minor: p.total_minor,
      currency: p.currency,
      ref: `ch_${p.id}`,
    },
  };
}

async function payOnPage(
  a: TestApp,
  token: string,
  bookingId: string,
  card: string,
  intent = "pay",
) {
  const body = new URLSearchParams({ _csrf: CSRF, card, intent });
  const res = await a.fetch(`/pay/${bookingId}`, {
    method: "POST",
    headers: { ...browser(a, token), "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  await res.body?.cancel();
  return res.status;
}

Deno.test("payments - the built-in flow end to end over HTTP, ledger balanced", async () => {
  await using a = await startPaymentsApp();
  const b = await makeBooking(a, "Flow");
  const r = await apiCall(
    a,
    b.client,
    "POST",
    `/api/bookings/${b.bookingId}/payment/checkout`,
    undefined,
    201,
  );
  assert(String(r.checkout_url).endsWith(`/pay/${b.bookingId}`), String(r.checkout_url));
  const page = await a.fetch(`/pay/${b.bookingId}`, { headers: browser(a, b.client.token) });
  assertEquals(page.status, 200);
  assert((await page.text()).includes('name="card"'));

  assertEquals(await payOnPage(a, b.client.token, b.bookingId, "4000000000000002"), 402);
  let v = await apiCall(a, b.client, "GET", `/api/bookings/${b.bookingId}/payment`, undefined, 200);
  assertEquals(v.state, "checkout_open", "a declined card leaves the checkout open");

  // 3-D-Secure-like: the first post asks to confirm, the confirmation pays.
  assertEquals(await payOnPage(a, b.client.token, b.bookingId, "4000000000003220"), 200);
  assertEquals(await postings(a, b.bookingId, "capture"), 0);
  assertEquals(await payOnPage(a, b.client.token, b.bookingId, "4000000000003220", "confirm"), 303);
  v = await apiCall(a, b.musician, "GET", `/api/bookings/${b.bookingId}/payment`, undefined, 200);
  assertEquals(v.state, "held", "the musician sees the funds held");
  // The webhook queued the musician's notice; the worker writes it, once however often it runs.
  await a.platform.worker.runOnce();
  await a.platform.worker.runOnce();
  const held = await serviceSql<{ user_id: string; title: string }>(
    a,
    "select user_id, title from public.notifications where kind = 'payment_held' and link = $1",
    [`/bookings/${b.bookingId}`],
  );
  assertEquals(held, [{ user_id: b.musician.id, title: "Paid into escrow" }]);

  const released = await releaseAs(a, b);
  assertEquals(released.state, "released");
  await releaseAs(a, b, 409);
  assertEquals(await postings(a, b.bookingId, "release"), 1, "a second release posts nothing");

  // The built-in payout settles on the sweep once due (delay 0 here).
  await sweepPayments(paymentDeps(a.platform));
  v = await apiCall(a, b.musician, "GET", `/api/bookings/${b.bookingId}/payment`, undefined, 200);
  assertEquals((v.payment as { payout_state: string }).payout_state, "paid");
  const totals = await serviceSql<{ account: string; n: string }>(
    a,
    `select account, sum(amount_minor)::text as n from public.ledger_entries
      where booking_id = $1 group by account order by account`,
    [b.bookingId],
  );
  assertEquals(totals.map((t) => [t.account, Number(t.n)]), [
    ["client_funds", -42000],
    ["escrow", 0],
    ["musician_payable", 0],
    ["payouts", 40000],
    ["platform_fees", 2000],
  ]);
  await assertLedgerIntact(a);
});

Deno.test("payments - a webhook replayed 100 times at once posts once; tampered and stale are 400", async () => {
  await using a = await startPaymentsApp();
  const b = await makeBooking(a, "Replay");
  const p = await openCheckout(a, b);
  const [{ n: before }] = await serviceSql<{ n: number }>(
    a,
    "select count(*)::int as n from public.payment_events",
  );
  assertEquals((await builtinWebhook(a, paid(p), { tamper: true })).status, 400);
  assertEquals(
    (await builtinWebhook(a, paid(p), { now: Date.now() - 6 * 60_000 })).status,
    400,
    "a signature older than 5 minutes is refused",
  );
  assertEquals(
    (await builtinWebhook(a, paid(p), { secret: "not-the-secret-0123456789" })).status,
    400,
  );
  const [{ n: after }] = await serviceSql<{ n: number }>(
    a,
    "select count(*)::int as n from public.payment_events",
  );
  assertEquals(after, before, "nothing stored for a rejected webhook");

  const statuses = await Promise.all(
    Array.from({ length: 100 }, () =>
      builtinWebhook(a, paid(p)).then(async (r) => {
        await r.body?.cancel();
        return r.status;
      })),
  );
  assertEquals(new Set(statuses), new Set([200]));
  assertEquals(await postings(a, b.bookingId, "capture"), 1);
  const v = await apiCall(
    a,
    b.client,
    "GET",
    `/api/bookings/${b.bookingId}/payment`,
    undefined,
    200,
  );
  assertEquals(v.state, "held");
  await assertLedgerIntact(a);
});

Deno.test("payments - out of order, mismatched and unknown events", async () => {
  await using a = await startPaymentsApp();
  const b = await makeBooking(a, "Order");
  const p = await openCheckout(a, b);
  // The dispute arrives before the capture: kept pending, applied once the funds are held.
  const early = await builtinWebhook(a, {
    id: `evt_${p.id}_dispute`,
    type: "charge.dispute.created",
    data: { payment_id: p.id },
  });
  assertEquals((await early.json()).result, "pending");
  const wrong = await builtinWebhook(a, {
    ...paid(p, "evt_wrong"),
    data: { ...paid(p).data, amount_minor: 1 },
  });
  assertEquals((await wrong.json()).result, "flagged");
  assertEquals(await postings(a, b.bookingId, "capture"), 0, "a mismatched amount posts nothing");
  const [flag] = await serviceSql<{ flagged_reason: string }>(
    a,
    "select flagged_reason from public.payment_events where event_id = 'evt_wrong'",
  );
  assert(flag.flagged_reason.includes("amount"));
  const unknown = await builtinWebhook(a, {
    id: "evt_unknown",
    type: "customer.created",
    data: {},
  });
  assertEquals(unknown.status, 200);
  assertEquals((await unknown.json()).result, "ignored");

  assertEquals((await (await builtinWebhook(a, paid(p))).json()).result, "applied");
  const v = await apiCall(
    a,
    b.client,
    "GET",
    `/api/bookings/${b.bookingId}/payment`,
    undefined,
    200,
  );
  assertEquals(v.state, "disputed", "the early dispute applied after the capture");
  await releaseAs(a, b, 409);
  assertEquals(await postings(a, b.bookingId, "release"), 0);
  await assertLedgerIntact(a);
});

Deno.test("payments - a stranger gets 404; a musician refunds; a party disputes", async () => {
  await using a = await startPaymentsApp();
  const b = await makeBooking(a, "Stranger");
  const stranger = await signUpPerson(a, "Eve", "client");
  for (const action of ["checkout", "release"]) {
    await apiCall(
      a,
      stranger,
      "POST",
      `/api/bookings/${b.bookingId}/payment/${action}`,
      undefined,
      404,
    );
  }
  await apiCall(a, stranger, "GET", `/api/bookings/${b.bookingId}/payment`, undefined, 404);
  const p = await openCheckout(a, b);
  await builtinWebhook(a, paid(p));
  await apiCall(a, stranger, "POST", `/api/bookings/${b.bookingId}/payment/refund`, {}, 404);
  await apiCall(a, stranger, "POST", `/api/bookings/${b.bookingId}/payment/dispute`, {
    reason: "mine",
  }, 404);
  const page = await a.fetch(`/pay/${b.bookingId}`, { headers: browser(a, stranger.token) });
  await page.body?.cancel();
  assertEquals(page.status, 404);

  await apiCall(a, b.client, "POST", `/api/bookings/${b.bookingId}/payment/refund`, {}, 403);
  const refunded = await apiCall(
    a,
    b.musician,
    "POST",
    `/api/bookings/${b.bookingId}/payment/refund`,
    {
      amount_minor: 10000,
    },
    200,
  );
  assertEquals([refunded.state, refunded.refunded_minor], ["partially_refunded", 10000]);
  await apiCall(a, b.musician, "POST", `/api/bookings/${b.bookingId}/payment/refund`, {}, 409);
  await apiCall(a, b.client, "POST", `/api/bookings/${b.bookingId}/payment/dispute`, {
    reason: "x",
  }, 409);
  assertEquals(await postings(a, b.bookingId, "refund"), 1);
  const res = await a.fetch(`/api/bookings/${b.bookingId}/payment`, {
    headers: bearer(b.client.token),
  });
  assertEquals(((await res.json()).payment as { refund_state: string }).refund_state, "done");
  await assertLedgerIntact(a);
});
