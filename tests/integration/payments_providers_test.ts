/**
 * Escrow through the live adapters, over HTTP, against the fake Stripe and Razorpay on 127.0.0.1
 * (the real SDKs inside the app): the musician sets up payouts (Stripe Express onboarding →
 * `account.updated` → enabled; a Razorpay linked account id), the client checks out, the fake
 * completes the payment and delivers its signed webhooks → held; release → the transfer to the
 * musician's account, visible in the fake; refund; a Stripe dispute matched by its PaymentIntent;
 * webhooks replayed 20× at once → one posting. And the built-in provider refused in production.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import {
  adminPerson,
  apiCall,
  getPage,
  gigBody,
  type Person,
  postForm,
  signUpPerson,
} from "../_helpers/fuzz.ts";
import {
  assertLedgerIntact,
  type Booked,
  makeBooking,
  postings,
  releaseAs,
  serviceSql,
} from "../_helpers/payments.ts";
import { FakeStripe } from "../_fakes/stripe.ts";
import { FakeRazorpay } from "../_fakes/razorpay.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const DAY = 86_400_000;

type Payment = {
  id: string;
  state: string;
  fee_minor: number;
  total_minor: number;
  payout_state: string;
  payout_error: string | null;
};

async function paymentOf(a: TestApp, who: Person, bookingId: string) {
  const v = await apiCall(a, who, "GET", `/api/bookings/${bookingId}/payment`, undefined, 200);
  return v.payment as Payment;
}

const checkoutPath = (b: Booked) => `/api/bookings/${b.bookingId}/payment/checkout`;

/** Like makeBooking, in another currency (the gig's currency is the booking's). */
async function bookingIn(a: TestApp, tag: string, currency: string): Promise<Booked> {
  const client = await signUpPerson(a, `${tag}Client`, "client");
  const musician = await signUpPerson(a, `${tag}Musician`, "musician");
  await apiCall(a, musician, "PUT", "/api/profile", {
    musician: { stage_name: `${tag} Duo`, genres: "jazz", instruments: "sitar", published: true },
  }, 200);
  const gig = await apiCall(a, client, "POST", "/api/gigs?publish=true", {
    ...gigBody(`${tag} night`, 30),
    currency,
    starts_at: new Date(Date.now() + 30 * DAY).toISOString(),
  }, 201);
  const application = await apiCall(a, musician, "POST", `/api/gigs/${gig.id}/applications`, {
    proposal: "We would love to play this evening: ragas and a few jazz standards.",
    quoted_fee_minor: 40000,
  }, 201);
  const booking = await apiCall(
    a,
    client,
    "POST",
    `/api/applications/${application.id}/accept`,
    undefined,
    201,
  );
  return { client, musician, bookingId: String(booking.id) };
}

// ---- Stripe ----

/** A gig this close is paid at checkout; one further ahead saves the card (off-session test). */
const STRIPE_ON_SESSION_DAYS = 5;

async function stripeApp() {
  const fake = new FakeStripe();
  const app = await startTestApp({ WORKER: "off", ...fake.env() });
  fake.webhookUrl = `${app.url}/functions/v1/payments-webhook`;
  return { fake, app };
}

/** The musician onboards: the link from the API, the fake's hosted page, `account.updated`. */
async function onboardStripe(a: TestApp, fake: FakeStripe, musician: Person): Promise<string> {
  const r = await apiCall(a, musician, "POST", "/api/payouts/onboarding", undefined, 201);
  const account = r.account as { account_id: string; status: string };
  assertEquals(account.status, "pending");
  const again = await apiCall(a, musician, "POST", "/api/payouts/onboarding", undefined, 201);
  assertEquals((again.account as { account_id: string }).account_id, account.account_id);
  await fake.completeOnboarding(account.account_id); // delivers account.updated to the app
  const mine = await apiCall(a, musician, "GET", "/api/payouts", undefined, 200);
  assertEquals(
    (mine.accounts as { provider: string; status: string }[]).map((x) => [x.provider, x.status]),
    [["stripe", "enabled"]],
  );
  return account.account_id;
}

/** The client checks out and pays on the fake's hosted Checkout page (webhooks follow). */
async function payStripe(a: TestApp, fake: FakeStripe, b: Booked): Promise<string> {
  const r = await apiCall(a, b.client, "POST", checkoutPath(b), undefined, 201);
  const url = String(r.checkout_url);
  assert(url.startsWith(`${fake.url}/checkout/pay/`), url);
  const res = await fetch(url, { redirect: "manual" });
  await res.body?.cancel();
  // Back to the booking page on the site's origin (SITE_URL; unset in tests, the default one).
  const back = new URL(res.headers.get("location") ?? "");
  assertEquals(back.pathname, `/bookings/${b.bookingId}`);
  assert(back.searchParams.get("cs")?.startsWith("cs_"), back.href);
  await fake.flush();
  const p = await paymentOf(a, b.client, b.bookingId);
  assertEquals(p.state, "held");
  const [{ ref }] = await serviceSql<{ ref: string }>(
    a,
    "select provider_payment_id as ref from public.payments where booking_id = $1",
    [b.bookingId],
  );
  assert(ref.startsWith("pi_"), ref);
  return ref;
}

const stripeObjects = (fake: FakeStripe, kind: string) =>
  [...fake.state.objects.values()].filter((o) => o.object === kind);

Deno.test(
  { name: "payments providers - Stripe: onboard, pay, held, release", ...opts },
  async () => {
    const { fake, app: a } = await stripeApp();
    await using _a = a;
    await using _f = fake;
    const b = await makeBooking(a, "StripeFlow", STRIPE_ON_SESSION_DAYS);
    const refused = await a.fetch(checkoutPath(b), {
      method: "POST",
      headers: { authorization: `Bearer ${b.client.token}` },
    });
    assertEquals(refused.status, 409);
    assertEquals((await refused.json()).error.field, "payout_account");
    assertEquals((await paymentOf(a, b.client, b.bookingId)) ?? null, null, "nothing written");

    const acct = await onboardStripe(a, fake, b.musician);
    const pi = await payStripe(a, fake, b);
    assertEquals(await postings(a, b.bookingId, "capture"), 1);

    // Stripe retries and duplicates: both paid events 100 times at once → still one posting.
    const paidEvents = [
      ...fake.eventsOf("checkout.session.completed"),
      ...fake.eventsOf("payment_intent.succeeded"),
    ];
    const replies = await fake.deliver(paidEvents, { times: 100 });
    assertEquals(new Set(replies.map((d) => d.status)), new Set([200]));
    assertEquals(await postings(a, b.bookingId, "capture"), 1);

    const released = await releaseAs(a, b);
    assertEquals(released.state, "released");
    const p = await paymentOf(a, b.musician, b.bookingId);
    assertEquals([p.payout_state, p.payout_error], ["pending", null]);
    assertEquals(
      stripeObjects(fake, "transfer").map((t) => [t.amount, t.destination, t.transfer_group]),
      [[40000, acct, b.bookingId]],
      "the musician's share (the gig fee) went to their connected account",
    );
    const [intent] = stripeObjects(fake, "payment_intent").filter((x) => x.id === pi);
    assertEquals(intent.transfer_group, b.bookingId);
    await assertLedgerIntact(a);
  },
);

Deno.test(
  { name: "payments providers - Stripe: the bank refuses the payout, an admin retries", ...opts },
  async () => {
    const { fake, app: a } = await stripeApp();
    await using _a = a;
    await using _f = fake;
    const b = await makeBooking(a, "StripeBounce", STRIPE_ON_SESSION_DAYS);
    await onboardStripe(a, fake, b.musician);
    await payStripe(a, fake, b);
    await releaseAs(a, b);
    const [first] = stripeObjects(fake, "payout");
    assertEquals(first.status, "pending");

    // The bank account was closed: Stripe's payout.failed on the musician's account.
    await fake.payoutFailed(String(first.id));
    await fake.flush();
    const refused =
      "The bank refused the payout: The bank account has been closed. Check the bank details of the payout account";
    const failed = await paymentOf(a, b.musician, b.bookingId);
    assertEquals([failed.payout_state, failed.payout_error], ["failed", refused]);
    const told = await serviceSql<{ body: string }>(
      a,
      "select body from public.notifications where user_id = $1 and kind = 'payout_failed'",
      [b.musician.id],
    );
    assertEquals(told.length, 1, "the musician is told once");
    assert(told[0].body.includes("The bank account has been closed"), told[0].body);
    const seen = await getPage(a, b.musician.token, `/bookings/${b.bookingId}`);
    assert(seen.text.includes("The bank refused the payout"), "the booking page says so");
    const replay = await fake.deliver(fake.eventsOf("payout.failed"), { times: 20 });
    assertEquals(new Set(replay.map((d) => d.status)), new Set([200]));

    // Not retried by itself; an admin's retry pays the same transfer out again.
    const admin = await adminPerson(a, "Payroll");
    const retried = await postForm(a, admin.token, "/admin/payments", { booking_id: b.bookingId });
    assertEquals(retried.status, 303);
    await fake.flush();
    const payouts = stripeObjects(fake, "payout");
    assertEquals(payouts.map((p) => p.status), ["failed", "pending"]);
    assertEquals(stripeObjects(fake, "transfer").length, 1, "no second transfer");
    assertEquals((await paymentOf(a, b.musician, b.bookingId)).payout_error, null);
    await fake.payoutPaid(String(payouts[1].id));
    await fake.flush();
    assertEquals((await paymentOf(a, b.musician, b.bookingId)).payout_state, "paid");
    assertEquals(await postings(a, b.bookingId, "payout"), 1);
    await assertLedgerIntact(a);
  },
);

Deno.test({ name: "payments providers - Stripe: refund and a dispute", ...opts }, async () => {
  const { fake, app: a } = await stripeApp();
  await using _a = a;
  await using _f = fake;
  const b = await makeBooking(a, "StripeRefund", STRIPE_ON_SESSION_DAYS);
  await onboardStripe(a, fake, b.musician);
  const pi = await payStripe(a, fake, b);
  const refunded = await apiCall(
    a,
    b.musician,
    "POST",
    `/api/bookings/${b.bookingId}/payment/refund`,
    {},
    200,
  );
  assertEquals(refunded.state, "refunded");
  assertEquals(
    stripeObjects(fake, "refund").map((r) => [r.amount, r.payment_intent]),
    [[(refunded as unknown as Payment).total_minor, pi]],
    "the whole total went back through the PaymentIntent",
  );
  assertEquals(stripeObjects(fake, "transfer"), []);

  // A bank dispute carries no metadata of ours: matched by its PaymentIntent, funds frozen.
  const d = await makeBooking(a, "StripeDispute", STRIPE_ON_SESSION_DAYS);
  await onboardStripe(a, fake, d.musician);
  const pi2 = await payStripe(a, fake, d);
  const disputed = await fake.dispute(pi2, { reason: "fraudulent" });
  assertEquals((await paymentOf(a, d.client, d.bookingId)).state, "disputed");
  // The dispute's event 100 times at once: one dispute, the funds frozen once.
  const again = await fake.deliver(disputed.events, { times: 100 });
  assertEquals(new Set(again.map((x) => x.status)), new Set([200]));
  const [{ n }] = await serviceSql<{ n: number }>(
    a,
    "select count(*)::int as n from public.disputes where booking_id = $1",
    [d.bookingId],
  );
  assertEquals(n, 1, "one dispute for 101 deliveries");
  await assertLedgerIntact(a);
});

// ---- Razorpay ----

Deno.test(
  { name: "payments providers - Razorpay: INR, Route hold, release", ...opts },
  async () => {
    const fake = new FakeRazorpay();
    await using _f = fake;
    await using a = await startTestApp({ WORKER: "off", ...fake.env() });
    fake.webhookUrl = `${a.url}/functions/v1/payments-webhook`;
    const b = await bookingIn(a, "RzpFlow", "INR");
    const refused = await a.fetch(checkoutPath(b), {
      method: "POST",
      headers: { authorization: `Bearer ${b.client.token}` },
    });
    assertEquals([refused.status, (await refused.json()).error.field], [409, "payout_account"]);

    await apiCall(a, b.musician, "POST", "/api/payouts/razorpay", { account_id: "acc_short" }, 400);
    await apiCall(
      a,
      b.client,
      "POST",
      "/api/payouts/razorpay",
      { account_id: fake.linkedAccount(), musician_id: b.musician.id },
      404,
    );
    const acc = fake.linkedAccount();
    const reg = await apiCall(
      a,
      b.musician,
      "POST",
      "/api/payouts/razorpay",
      { account_id: acc },
      200,
    );
    assertEquals([reg.provider, reg.account_id, reg.status], ["razorpay", acc, "enabled"]);

    const r = await apiCall(a, b.client, "POST", checkoutPath(b), undefined, 201);
    const order = new URL(String(r.checkout_url)).searchParams.get("order")!;
    assert(order.startsWith("order_"), String(r.checkout_url));
    const paid = await fake.pay(order);
    await fake.flush();
    assertEquals((await paymentOf(a, b.client, b.bookingId)).state, "held");
    const transfers = () =>
      [...fake.state.entities.values()].filter((o) => o.entity === "transfer");
    assertEquals(transfers().map((t) => [t.recipient, t.amount, t.on_hold]), [
      [acc, 40000, true],
    ]);

    const captured = fake.eventsOf("payment.captured");
    const replies = await fake.deliver(captured, { times: 100 });
    assertEquals(new Set(replies.map((d) => d.status)), new Set([200]));
    assertEquals(await postings(a, b.bookingId, "capture"), 1);
    const [{ ref }] = await serviceSql<{ ref: string }>(
      a,
      "select provider_payment_id as ref from public.payments where booking_id = $1",
      [b.bookingId],
    );
    assertEquals(ref, paid.razorpay_payment_id);

    await releaseAs(a, b);
    const p = await paymentOf(a, b.musician, b.bookingId);
    assertEquals([p.state, p.payout_state, p.payout_error], ["released", "pending", null]);
    assertEquals(transfers().map((t) => [t.amount, t.on_hold]), [[40000, false]]);
    await assertLedgerIntact(a);
  },
);

Deno.test(
  { name: "payments providers - Razorpay: refund reverses the hold", ...opts },
  async () => {
    const fake = new FakeRazorpay();
    await using _f = fake;
    await using a = await startTestApp({ WORKER: "off", ...fake.env() });
    fake.webhookUrl = `${a.url}/functions/v1/payments-webhook`;
    const b = await bookingIn(a, "RzpRefund", "INR");
    const acc = fake.linkedAccount();
    await apiCall(a, b.musician, "POST", "/api/payouts/razorpay", { account_id: acc }, 200);
    const r = await apiCall(a, b.client, "POST", checkoutPath(b), undefined, 201);
    const paid = await fake.pay(new URL(String(r.checkout_url)).searchParams.get("order")!);
    await fake.flush();
    const refunded = await apiCall(
      a,
      b.musician,
      "POST",
      `/api/bookings/${b.bookingId}/payment/refund`,
      {},
      200,
    ) as unknown as Payment;
    assertEquals(refunded.state, "refunded");
    const entities = (kind: string) =>
      [...fake.state.entities.values()].filter((o) => o.entity === kind);
    assertEquals(
      entities("refund").map((x) => [x.payment_id, x.amount]),
      [[paid.razorpay_payment_id, refunded.total_minor]],
    );
    const [t] = entities("transfer");
    assertEquals(t.amount_reversed, 40000, "the musician's held share came back first");
    // Every event so far (captured, refund processed…) 100 times at once: nothing posts twice.
    const replies = await fake.deliver(fake.eventsOf(), { times: 100 });
    assertEquals(new Set(replies.map((d) => d.status)), new Set([200]));
    assertEquals(
      [await postings(a, b.bookingId, "capture"), await postings(a, b.bookingId, "refund")],
      [1, 1],
    );
    await assertLedgerIntact(a);
  },
);

// ---- the built-in provider in production ----

Deno.test({ name: "payments providers - built-in refused in production", ...opts }, async () => {
  for (const [env, status] of [[{}, 409], [{ PAYMENTS_BUILTIN: "on" }, 201]] as const) {
    await using a = await startTestApp({ WORKER: "off", APP_ENV: "prod", ...env });
    const b = await makeBooking(a, `Prod${status}`);
    const res = await a.fetch(checkoutPath(b), {
      method: "POST",
      headers: { authorization: `Bearer ${b.client.token}` },
    });
    const body = await res.json();
    assertEquals(res.status, status, JSON.stringify(body));
    if (status === 409) {
      assertEquals([body.error.code, body.error.field], ["payments_unavailable", "provider"]);
      assert(/not configured/.test(body.error.message), body.error.message);
      assertEquals(await postings(a, b.bookingId, "capture"), 0);
      const [{ n }] = await serviceSql<{ n: number }>(
        a,
        "select count(*)::int as n from public.payments where booking_id = $1",
        [b.bookingId],
      );
      assertEquals(n, 0, "nothing written");
    }
  }
});
