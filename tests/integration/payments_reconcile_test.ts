/**
 * The daily reconcile: queued once a day, run by the `payments` queue; the provider's objects
 * compared with the ledger. Clean payments flag nothing; drift injected in the built-in provider's
 * record (a short transfer, a failed refund) or in the fake Stripe (a transfer changed, another
 * missing) is flagged, shown to admins, and resolved once the provider agrees again.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { drainJobs, startTestApp, type TestApp } from "../_helpers/app.ts";
import { adminPerson, apiCall, browser, gigBody, signUpPerson } from "../_helpers/fuzz.ts";
import { applyTo, publishedMusician } from "../_helpers/booking.ts";
import {
  type Booked,
  heldBooking,
  makeBooking,
  releaseAs,
  serviceSql,
  startPaymentsApp,
} from "../_helpers/payments.ts";
import { paymentDeps, reconcilePayments } from "../../lib/domains/payments/mod.ts";
import { FakeStripe } from "../_fakes/stripe.ts";
import { FakeRazorpay } from "../_fakes/razorpay.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

interface Drift {
  booking_id: string;
  object: string;
  detail: string;
  open: boolean;
}

async function drift(a: TestApp): Promise<Drift[]> {
  return await serviceSql<Drift>(
    a,
    `select booking_id, object, detail, resolved_at is null as open from public.payment_drift
      order by detail`,
  );
}

/** Reconcile now, as the queue's job would, without the once-a-day gate. */
async function reconcile(a: TestApp) {
  const commit = await reconcilePayments(paymentDeps(a.platform), { days: 7 });
  await a.platform.db.asService(commit);
}

interface Refs {
  fee_minor: string;
  currency: string;
  payout_ref: string | null;
  refund_ref: string | null;
  refunded_minor: string;
}

async function refs(a: TestApp, bookingId: string): Promise<Refs> {
  const [r] = await serviceSql<Refs>(
    a,
    `select fee_minor, currency, payout_ref, refund_ref, refunded_minor from public.payments
      where booking_id = $1`,
    [bookingId],
  );
  return r;
}

Deno.test("payments reconcile - built-in: clean flags nothing, injected drift is flagged", async () => {
  await using a = await startPaymentsApp();
  const paid = await heldBooking(a, "Settled");
  await releaseAs(a, paid);
  const back = await heldBooking(a, "Returned");
  await apiCall(
    a,
    back.musician,
    "POST",
    `/api/bookings/${back.bookingId}/payment/refund`,
    {},
    200,
  );

  // Once a day: the first call queues it, the second does not; the queue's job runs it.
  const queued = () =>
    serviceSql<{ q: boolean }>(a, "select private.enqueue_payment_reconcile() as q").then((r) =>
      r[0].q
    );
  assertEquals([await queued(), await queued()], [true, false]);
  await drainJobs(a);
  const [run] = await serviceSql<{ checked: number; drifted: number; unchecked: number }>(
    a,
    "select checked, drifted, unchecked from public.payment_reconcile_runs where finished_at is not null",
  );
  // Settled: its payment and transfer; Returned: its payment and refund.
  assertEquals(run, { checked: 4, drifted: 0, unchecked: 0 });
  assertEquals(await drift(a), [], "clean: nothing flagged");

  const builtin = paymentDeps(a.platform).providers.builtin;
  const s = await refs(a, paid.bookingId);
  const r = await refs(a, back.bookingId);
  builtin.record({
    kind: "transfer",
    ref: s.payout_ref!,
    amountMinor: Number(s.fee_minor) - 100,
    currency: s.currency,
    status: "succeeded",
  });
  builtin.record({
    kind: "refund",
    ref: r.refund_ref!,
    amountMinor: Number(r.refunded_minor),
    currency: r.currency,
    status: "failed",
  });
  await reconcile(a);
  assertEquals(await drift(a), [
    {
      booking_id: back.bookingId,
      object: "refund",
      detail: `refund ${r.refund_ref}: status failed at the provider, succeeded expected`,
      open: true,
    },
    {
      booking_id: paid.bookingId,
      object: "transfer",
      detail: `transfer ${s.payout_ref}: amount ${Number(s.fee_minor) - 100} at the provider, ${
        Number(s.fee_minor)
      } in the ledger`,
      open: true,
    },
  ]);

  const auditor = await adminPerson(a, "Auditor");
  const res = await a.fetch("/admin/payments", { headers: browser(a, auditor.token) });
  const html = await res.text();
  assertEquals(res.status, 200);
  assert(html.includes("Settled night") && html.includes("Returned night"), "admins see both");
  assert(html.includes("status failed at the provider"), "with what differs");
  const mine = await a.fetch("/admin/payments", { headers: browser(a, paid.musician.token) });
  assertEquals(mine.status, 403);
  await mine.body?.cancel();
  const [seen] = await a.platform.db.queryAsUser<{ n: number }>(
    { sub: paid.musician.id, role: "authenticated" },
    "select count(*)::int as n from public.payment_drift",
  );
  assertEquals(seen.n, 0, "only admins read drift");

  // The provider agrees again: the transfer's drift is resolved, the refund's stays open.
  builtin.record({
    kind: "transfer",
    ref: s.payout_ref!,
    amountMinor: Number(s.fee_minor),
    currency: s.currency,
    status: "succeeded",
  });
  await reconcile(a);
  assertEquals((await drift(a)).map((d) => [d.object, d.open]), [["refund", true], [
    "transfer",
    false,
  ]]);
});

Deno.test(
  { name: "payments reconcile - Stripe through the SDK: drift and missing", ...opts },
  async () => {
    const fake = new FakeStripe();
    await using _f = fake;
    await using a = await startTestApp({ WORKER: "off", ...fake.env() });
    fake.webhookUrl = `${a.url}/functions/v1/payments-webhook`;

    const bookings: Booked[] = [];
    for (const tag of ["StripeOk", "StripeBent"]) {
      // 5 days ahead: paid at checkout (further ahead, Stripe saves the card instead).
      const b = await makeBooking(a, tag, 5);
      const r = await apiCall(a, b.musician, "POST", "/api/payouts/onboarding", undefined, 201);
      await fake.completeOnboarding((r.account as { account_id: string }).account_id);
      const c = await apiCall(
        a,
        b.client,
        "POST",
        `/api/bookings/${b.bookingId}/payment/checkout`,
        undefined,
        201,
      );
      const page = await fetch(String(c.checkout_url), { redirect: "manual" });
      await page.body?.cancel();
      await fake.flush();
      await releaseAs(a, b);
      bookings.push(b);
    }
    await reconcile(a);
    assertEquals(await drift(a), [], "Stripe agrees with the ledger");

    const [ok, bent] = await Promise.all(bookings.map((b) => refs(a, b.bookingId)));
    const transfer = fake.state.objects.get(bent.payout_ref!)!;
    transfer.amount_reversed = 5000;
    await serviceSql(
      a,
      "update public.payments set payout_ref = 'tr_gone0000000000000000' where booking_id = $1",
      [
        bookings[0].bookingId,
      ],
    );
    await reconcile(a);
    assertEquals((await drift(a)).map((d) => [d.booking_id, d.object, d.detail]), [
      [bookings[0].bookingId, "transfer", "The provider has no transfer tr_gone0000000000000000"],
      [
        bookings[1].bookingId,
        "transfer",
        `transfer ${bent.payout_ref}: amount ${Number(bent.fee_minor) - 5000} at the provider, ${
          Number(bent.fee_minor)
        } in the ledger`,
      ],
    ]);
    assert(ok.payout_ref?.startsWith("tr_"), "a real transfer was made");
  },
);

Deno.test(
  { name: "payments reconcile - Razorpay through the SDK: a reversed transfer", ...opts },
  async () => {
    const fake = new FakeRazorpay();
    await using _f = fake;
    await using a = await startTestApp({ WORKER: "off", ...fake.env() });
    fake.webhookUrl = `${a.url}/functions/v1/payments-webhook`;
    const client = await signUpPerson(a, "RzpRecClient", "client");
    const musician = await publishedMusician(a, "RzpRecMusician", "Raga Trio");
    const gig = await apiCall(a, client, "POST", "/api/gigs?publish=true", {
      ...gigBody("RzpRec night", 30),
      currency: "INR",
      starts_at: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    }, 201);
    const applicationId = await applyTo(a, musician, String(gig.id));
    const booking = await apiCall(
      a,
      client,
      "POST",
      `/api/applications/${applicationId}/accept`,
      undefined,
      201,
    );
    const bookingId = String(booking.id);
    await apiCall(a, musician, "POST", "/api/payouts/razorpay", {
      account_id: fake.linkedAccount(),
    }, 200);
    const r = await apiCall(
      a,
      client,
      "POST",
      `/api/bookings/${bookingId}/payment/checkout`,
      undefined,
      201,
    );
    await fake.pay(new URL(String(r.checkout_url)).searchParams.get("order")!);
    await fake.flush();
    await apiCall(a, client, "POST", `/api/bookings/${bookingId}/payment/release`, {}, 200);

    await reconcile(a);
    assertEquals(await drift(a), [], "Razorpay agrees with the ledger");
    const p = await refs(a, bookingId);
    assert(p.payout_ref?.startsWith("trf_"), `the Route transfer: ${p.payout_ref}`);
    const t = fake.state.entities.get(p.payout_ref!)!;
    t.amount_reversed = t.amount;
    await reconcile(a);
    assertEquals((await drift(a)).map((d) => [d.object, d.detail]), [[
      "transfer",
      `transfer ${p.payout_ref}: amount 0 at the provider, ${p.fee_minor} in the ledger; ` +
      "status reversed at the provider, succeeded expected",
    ]]);
  },
);
