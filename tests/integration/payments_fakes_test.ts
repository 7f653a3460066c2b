/**
 * The payment-provider fakes driven through the REAL `stripe` and `razorpay` SDKs: create →
 * complete as the customer would → events delivered to a local receiver that verifies them with
 * the SDK's own check (`stripe.webhooks.constructEventAsync`, `Razorpay.validateWebhookSignature`),
 * idempotency keys, typed SDK errors, concurrent out-of-order replays, and tampered or stale
 * signatures refused. These pin the fakes to the SDKs the adapters use.
 */
import Stripe from "stripe";
import Razorpay from "razorpay";
import { validatePaymentVerification } from "razorpay/dist/utils/razorpay-utils.js";
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { FakeStripe } from "../_fakes/stripe.ts";
import { decodeForm } from "../_fakes/stripe_form.ts";
import { FakeRazorpay, pointSdkAt, RazorpayFail } from "../_fakes/razorpay.ts";
import { post } from "../_fakes/webhooks.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

/** A webhook endpoint that accepts what `verify` accepts (answering the event id) and 400s the rest. */
class Receiver implements AsyncDisposable {
  readonly seen: string[] = [];
  readonly bodies: string[] = [];
  rejected = 0;
  private server: Deno.HttpServer<Deno.NetAddr>;

  constructor(verify: (body: string, headers: Headers) => Promise<string>) {
    this.server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      async (req) => {
        const body = await req.text();
        try {
          this.seen.push(await verify(body, req.headers));
          this.bodies.push(body);
          return new Response("ok");
        } catch {
          this.rejected++;
          return new Response("bad signature", { status: 400 });
        }
      },
    );
  }

  get url(): string {
    return `http://127.0.0.1:${this.server.addr.port}/hook`;
  }

  count(id: string): number {
    return this.seen.filter((s) => s === id).length;
  }

  async [Symbol.asyncDispose]() {
    await this.server.shutdown();
  }
}

function stripeReceiver(stripe: Stripe, secret: string): Receiver {
  return new Receiver(async (body, headers) => {
    const event = await stripe.webhooks.constructEventAsync(
      body,
      headers.get("stripe-signature") ?? "",
      secret,
    );
    return event.id;
  });
}

function razorpayReceiver(secret: string): Receiver {
  return new Receiver((body, headers) => {
    const ok = Razorpay.validateWebhookSignature(
      body,
      headers.get("x-razorpay-signature") ?? "",
      secret,
    );
    if (!ok) return Promise.reject(new Error("bad signature"));
    return Promise.resolve(headers.get("x-razorpay-event-id") ?? "");
  });
}

/** What `fn` threw (the Razorpay SDK throws plain `{ statusCode, error }` objects). */
async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

function setup() {
  const fake = new FakeStripe();
  const stripe = new Stripe(fake.secretKey, fake.sdkConfig());
  const hook = stripeReceiver(stripe, fake.webhookSecret);
  fake.webhookUrl = hook.url;
  return { fake, stripe, hook };
}

Deno.test("payments fakes - Stripe form decoding matches stripe-node's encoding", () => {
  assertEquals(
    decodeForm("a[b][c]=1&a[d][0]=x&a[d][1]=y%20z&e=%2B&l[0][p][q]=2&l[1][p][q]=3"),
    { a: { b: { c: "1" }, d: ["x", "y z"] }, e: "+", l: [{ p: { q: "2" } }, { p: { q: "3" } }] },
  );
});

Deno.test(
  { name: "payments fakes - Stripe Connect onboarding and account.updated", ...opts },
  async () => {
    const { fake, stripe, hook } = setup();
    await using _f = fake;
    await using _h = hook;
    const acct = await stripe.accounts.create({
      type: "express",
      country: "DE",
      email: "musician@example.test",
      capabilities: { transfers: { requested: true } },
      metadata: { profile: "m1" },
    });
    assertEquals([acct.charges_enabled, acct.payouts_enabled, acct.metadata?.profile], [
      false,
      false,
      "m1",
    ]);
    const link = await stripe.accountLinks.create({
      account: acct.id,
      type: "account_onboarding",
      return_url: "http://app.test/earnings?onboarded=1",
      refresh_url: "http://app.test/earnings/refresh",
    });
    // the musician follows the link; the hosted page completes onboarding and sends them back
    const res = await fetch(link.url, { redirect: "manual" });
    assertEquals([res.status, res.headers.get("location")], [
      303,
      "http://app.test/earnings?onboarded=1",
    ]);
    await fake.flush();
    const after = await stripe.accounts.retrieve(acct.id);
    assertEquals([after.charges_enabled, after.payouts_enabled, after.details_submitted], [
      true,
      true,
      true,
    ]);
    const [updated] = fake.eventsOf("account.updated");
    assertEquals(hook.seen, [updated.id]);
    const received = JSON.parse(hook.bodies[0]) as Stripe.Event;
    assertEquals(received.account, acct.id);
    assertEquals(
      (received.data.previous_attributes as Record<string, unknown>).charges_enabled,
      false,
    );
    const off = await fake.setAccount(acct.id, { payouts: false });
    assertEquals([off.payouts_enabled, off.events[0].type], [false, "account.updated"]);
    const missing = await thrown(() => stripe.accounts.retrieve("acct_nope"));
    assert(missing instanceof Stripe.errors.StripeInvalidRequestError);
    assertEquals([missing.code, missing.statusCode], ["resource_missing", 404]);
  },
);

Deno.test({
  name: "payments fakes - Stripe Checkout payment, idempotency, transfer, refund, dispute",
  ...opts,
}, async () => {
  const { fake, stripe, hook } = setup();
  await using _f = fake;
  await using _h = hook;
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: "payment",
    line_items: [{
      price_data: { currency: "eur", unit_amount: 12000, product_data: { name: "Gig b1" } },
      quantity: 1,
    }],
    payment_intent_data: { transfer_group: "booking_b1", metadata: { booking: "b1" } },
    metadata: { booking: "b1" },
    success_url: "http://app.test/bookings/b1?cs={CHECKOUT_SESSION_ID}",
    cancel_url: "http://app.test/bookings/b1",
  };
  const s1 = await stripe.checkout.sessions.create(params, { idempotencyKey: "b1:checkout" });
  const s2 = await stripe.checkout.sessions.create(params, { idempotencyKey: "b1:checkout" });
  assertEquals([s2.id, s2.amount_total, s2.currency, s2.status], [s1.id, 12000, "eur", "open"]);
  const sessions = [...fake.state.objects.values()].filter((o) => o.object === "checkout.session");
  assertEquals(sessions.length, 1);
  const other = await thrown(() =>
    stripe.checkout.sessions.create({ ...params, metadata: { booking: "b2" } }, {
      idempotencyKey: "b1:checkout",
    })
  );
  assert(other instanceof Stripe.errors.StripeIdempotencyError, String(other));
  assertMatch(other.message, /same parameters/);
  const elsewhere = await thrown(() =>
    stripe.customers.create({}, { idempotencyKey: "b1:checkout" })
  );
  assert(elsewhere instanceof Stripe.errors.StripeIdempotencyError);

  // the client pays on the hosted page: redirected to success_url with the session id
  const res = await fetch(s1.url!, { redirect: "manual" });
  assertEquals(res.headers.get("location"), `http://app.test/bookings/b1?cs=${s1.id}`);
  const paid = fake.eventsOf();
  assertEquals(paid.map((e) => e.type).sort(), [
    "checkout.session.completed",
    "payment_intent.succeeded",
  ]);
  assertEquals(hook.seen.toSorted(), paid.map((e) => e.id).sort());
  const done = await stripe.checkout.sessions.retrieve(s1.id, { expand: ["payment_intent"] });
  const pi = done.payment_intent as Stripe.PaymentIntent;
  assertEquals([done.status, done.payment_status], ["complete", "paid"]);
  assertEquals([pi.status, pi.transfer_group, pi.metadata.booking, pi.amount_received], [
    "succeeded",
    "booking_b1",
    "b1",
    12000,
  ]);
  assert(await thrown(() => fake.completeCheckout(s1.id)) instanceof Error, "completes once");

  // release: a transfer needs an onboarded destination and enough platform balance
  const acct = await stripe.accounts.create({ type: "express" });
  const release = {
    amount: 10000,
    currency: "eur",
    destination: acct.id,
    transfer_group: "booking_b1",
  };
  const early = await thrown(() => stripe.transfers.create(release));
  assert(early instanceof Stripe.errors.StripeInvalidRequestError);
  assertEquals(early.code, "insufficient_capabilities_for_transfer");
  await fake.completeOnboarding(acct.id);
  const tr = await stripe.transfers.create(release, { idempotencyKey: "b1:release" });
  const tr2 = await stripe.transfers.create(release, { idempotencyKey: "b1:release" });
  assertEquals([tr2.id, tr.transfer_group, tr.destination], [tr.id, "booking_b1", acct.id]);
  const broke = await thrown(() => stripe.transfers.create({ ...release, amount: 5000 }));
  assert(broke instanceof Stripe.errors.StripeInvalidRequestError);
  assertEquals(broke.code, "balance_insufficient");
  assertEquals((await stripe.transfers.list({ transfer_group: "booking_b1" })).data.length, 1);

  // refunds: partial, then more than is left fails
  const re = await stripe.refunds.create({ payment_intent: pi.id, amount: 1500 });
  assertEquals([re.status, re.amount, re.payment_intent], ["succeeded", 1500, pi.id]);
  await fake.flush();
  const [refunded] = fake.eventsOf("charge.refunded");
  assertEquals((refunded.data.object as Stripe.Charge).amount_refunded, 1500);
  assertEquals(hook.count(refunded.id), 1);
  const tooMuch = await thrown(() =>
    stripe.refunds.create({ payment_intent: pi.id, amount: 20000 })
  );
  assert(tooMuch instanceof Stripe.errors.StripeInvalidRequestError);
  assertMatch(tooMuch.message, /greater than unrefunded amount/);

  const { events } = await fake.dispute(pi.id, { reason: "product_not_received" });
  assertEquals(events.map((e) => e.type), ["charge.dispute.created"]);
  assertEquals((events[0].data.object as Stripe.Dispute).payment_intent, pi.id);
  assertEquals(hook.count(events[0].id), 1);
  assertEquals(hook.rejected, 0);
});

Deno.test(
  { name: "payments fakes - Stripe saved card charged off-session; card errors", ...opts },
  async () => {
    const { fake, stripe, hook } = setup();
    await using _f = fake;
    await using _h = hook;
    const cus = await stripe.customers.create({ email: "client@example.test" });
    const s = await stripe.checkout.sessions.create({
      mode: "setup",
      currency: "eur",
      customer: cus.id,
      success_url: "http://app.test/ok",
      setup_intent_data: { metadata: { booking: "b3" } },
    });
    const done = await fake.completeCheckout(s.id);
    assertEquals(done.events.map((e) => e.type), ["checkout.session.completed"]);
    const si = await stripe.setupIntents.retrieve(done.setup_intent as string);
    const pm = si.payment_method as string;
    assertEquals([si.status, si.customer, si.metadata?.booking], ["succeeded", cus.id, "b3"]);
    const charge = {
      amount: 5000,
      currency: "eur",
      customer: cus.id,
      off_session: true,
      confirm: true,
    };
    const pi = await stripe.paymentIntents.create({
      ...charge,
      payment_method: pm,
      transfer_group: "b3",
    }, {
      idempotencyKey: "b3:charge",
    });
    const again = await stripe.paymentIntents.create({
      ...charge,
      payment_method: pm,
      transfer_group: "b3",
    }, {
      idempotencyKey: "b3:charge",
    });
    assertEquals(
      [pi.status, again.id, again.lastResponse.requestId === pi.lastResponse.requestId],
      [
        "succeeded",
        pi.id,
        true,
      ],
    );

    const declined = await thrown(() =>
      stripe.paymentIntents.create({ ...charge, payment_method: fake.card(cus.id, "declined") })
    );
    assert(declined instanceof Stripe.errors.StripeCardError, String(declined));
    assertEquals([declined.code, declined.decline_code], ["card_declined", "generic_decline"]);
    assertEquals(declined.payment_intent?.status, "requires_payment_method");
    const sca = await thrown(() =>
      stripe.paymentIntents.create({
        ...charge,
        payment_method: fake.card(cus.id, "authentication_required"),
      })
    );
    assert(sca instanceof Stripe.errors.StripeCardError);
    assertEquals(sca.code, "authentication_required");

    const later = await stripe.paymentIntents.create({
      amount: 700,
      currency: "eur",
      customer: cus.id,
      payment_method: pm,
    });
    assertEquals(later.status, "requires_confirmation");
    assertEquals(
      (await stripe.paymentIntents.confirm(later.id, { off_session: true })).status,
      "succeeded",
    );
    const twice = await thrown(() => stripe.paymentIntents.confirm(later.id));
    assert(twice instanceof Stripe.errors.StripeInvalidRequestError);
    assertEquals(twice.code, "payment_intent_unexpected_state");
    await fake.flush();
    assertEquals(fake.eventsOf("payment_intent.payment_failed").length, 2);
    assertEquals(fake.eventsOf("payment_intent.succeeded").length, 2);

    const wrongKey = new Stripe("sk_test_wrong", fake.sdkConfig());
    assert(
      await thrown(() => wrongKey.customers.create({})) instanceof
        Stripe.errors.StripeAuthenticationError,
    );
  },
);

Deno.test({
  name: "payments fakes - Stripe Billing: subscription Checkout, portal, subscription events",
  ...opts,
}, async () => {
  const { fake, stripe, hook } = setup();
  await using _f = fake;
  await using _h = hook;
  const price = await stripe.prices.create({
    currency: "eur",
    unit_amount: 900,
    recurring: { interval: "month" },
    product: "prod_pro",
  });
  const s = await stripe.checkout.sessions.create({
    mode: "subscription",
    line_items: [{ price: price.id, quantity: 1 }],
    customer_email: "singer@example.test",
    subscription_data: { metadata: { user: "u1", plan: "pro" } },
    success_url: "http://app.test/plan",
  });
  const done = await fake.completeCheckout(s.id);
  assertEquals(done.events.map((e) => e.type).sort(), [
    "checkout.session.completed",
    "customer.subscription.created",
  ]);
  const sub = await stripe.subscriptions.retrieve(done.subscription as string);
  assertEquals([sub.status, sub.metadata.plan, sub.customer], ["active", "pro", done.customer]);
  const portal = await stripe.billingPortal.sessions.create({
    customer: sub.customer as string,
    return_url: "http://app.test/plan",
  });
  const res = await fetch(portal.url, { redirect: "manual" });
  assertEquals(res.headers.get("location"), "http://app.test/plan");
  const updated = await fake.updateSubscription(sub.id, { cancel_at_period_end: true });
  assertEquals(
    (updated.events[0].data.previous_attributes as Record<string, unknown>).cancel_at_period_end,
    false,
  );
  const canceled = await stripe.subscriptions.cancel(sub.id);
  assertEquals(canceled.status, "canceled");
  await fake.flush();
  const types = fake.eventsOf().map((e) => e.type).filter((t) =>
    t.startsWith("customer.subscription")
  );
  assertEquals(types, [
    "customer.subscription.created",
    "customer.subscription.updated",
    "customer.subscription.deleted",
  ]);
  assertEquals(hook.seen.length, fake.events.length);
  const nope = await thrown(() =>
    stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{
        price_data: { currency: "eur", unit_amount: 5, product_data: { name: "x" } },
        quantity: 1,
      }],
    })
  );
  assert(nope instanceof Stripe.errors.StripeInvalidRequestError);
});

Deno.test({
  name: "payments fakes - Stripe webhooks replayed concurrently; tampered and stale refused",
  ...opts,
}, async () => {
  await using fake = new FakeStripe();
  const stripe = new Stripe(fake.secretKey, fake.sdkConfig());
  await using hook = stripeReceiver(stripe, fake.webhookSecret);
  const s = await stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [{
      price_data: { currency: "usd", unit_amount: 3000, product_data: { name: "g" } },
      quantity: 2,
    }],
  });
  const { events } = await fake.completeCheckout(s.id);
  assertEquals(hook.seen.length, 0, "no webhookUrl: recorded, not sent");
  const sent = await fake.deliver(events, { url: hook.url, times: 25, seed: 7 });
  assertEquals(sent.filter((d) => d.status === 200).length, 50);
  for (const e of events) assertEquals(hook.count(e.id), 25);
  const firstHalf = sent.slice(0, 25).map((d) => d.event);
  assert(new Set(firstHalf).size === 2, "the two events are interleaved");

  const good = await fake.sign(events[0]);
  const tampered = {
    ...good,
    body: good.body.replace("6000", "6001"),
  };
  assert(tampered.body !== good.body);
  const stale = await fake.sign(events[0], { timestamp: Math.floor(Date.now() / 1000) - 3600 });
  const wrong = await fake.sign(events[0], { secret: "whsec_other" });
  for (const req of [tampered, stale, wrong]) {
    assertEquals((await post(hook.url, req, "x")).status, 400);
  }
  assertEquals((await post(hook.url, good, "x")).status, 200);
  assertEquals(hook.rejected, 3);
});

Deno.test({
  name:
    "payments fakes - Razorpay order, Checkout signature, capture, Route on hold, refund, dispute",
  ...opts,
}, async () => {
  await using fake = new FakeRazorpay();
  await using hook = razorpayReceiver(fake.webhookSecret);
  fake.webhookUrl = hook.url;
  const rzp = fake.sdk(Razorpay);
  const order = await rzp.orders.create({
    amount: 500000,
    currency: "INR",
    receipt: "booking_b1",
    notes: { booking: "b1" },
  });
  assertEquals([order.status, order.amount_due, order.receipt], ["created", 500000, "booking_b1"]);
  const paid = await fake.pay(order.id);
  assert(
    validatePaymentVerification(
      { order_id: order.id, payment_id: paid.razorpay_payment_id },
      paid.razorpay_signature,
      fake.keySecret,
    ),
  );
  assert(
    !validatePaymentVerification(
      { order_id: order.id, payment_id: "pay_forged" },
      paid.razorpay_signature,
      fake.keySecret,
    ),
  );
  assertEquals(paid.events.map((e) => e.event), [
    "payment.authorized",
    "payment.captured",
    "order.paid",
  ]);
  assertEquals(hook.seen.toSorted(), paid.events.map((e) => e.id).sort()); // delivered concurrently
  const captured = JSON.parse(paid.events[1].body);
  assertEquals([captured.entity, captured.contains, captured.payload.payment.entity.id], ["event", [
    "payment",
  ], paid.razorpay_payment_id]);
  const payment = await rzp.payments.fetch(paid.razorpay_payment_id);
  assertEquals([payment.status, payment.order_id, payment.captured], ["captured", order.id, true]);
  assertEquals((await rzp.orders.fetch(order.id)).status, "paid");

  const acc = fake.linkedAccount();
  const held = await rzp.payments.transfer(payment.id, {
    transfers: [{
      account: acc,
      amount: 450000,
      currency: "INR",
      on_hold: true,
      notes: { booking: "b1" },
    }],
  });
  const tr = held.items[0];
  assertEquals([tr.on_hold, tr.settlement_status, tr.recipient, tr.source], [
    true,
    "on_hold",
    acc,
    payment.id,
  ]);
  const over = await thrown(() =>
    rzp.payments.transfer(payment.id, {
      transfers: [{ account: acc, amount: 100000, currency: "INR" }],
    })
  );
  assertEquals((over as { statusCode: number }).statusCode, 400);
  assertMatch(
    (over as { error: { description: string } }).error.description,
    /greater than the captured amount/,
  );
  const released = await rzp.transfers.edit(tr.id, { on_hold: false });
  assertEquals([released.on_hold, (await rzp.transfers.fetch(tr.id)).settlement_status], [
    false,
    "pending",
  ]);
  assertEquals(fake.eventsOf("transfer.processed").length, 1);

  const refund = await rzp.payments.refund(payment.id, {
    amount: 50000,
    notes: { reason: "cancelled" },
  });
  assertEquals([refund.status, refund.amount, refund.payment_id], ["processed", 50000, payment.id]);
  const after = await rzp.payments.fetch(payment.id);
  assertEquals([after.amount_refunded, after.refund_status], [50000, "partial"]);
  await fake.flush();
  const processed = fake.eventsOf("refund.processed")[0];
  assertEquals(JSON.parse(processed.body).payload.refund.entity.id, refund.id);
  const tooMuch = await thrown(() => rzp.payments.refund(payment.id, { amount: 500000 }));
  assertEquals((tooMuch as { statusCode: number }).statusCode, 400);

  const { events } = await fake.dispute(payment.id);
  assertEquals(events.map((e) => e.event), ["payment.dispute.created"]);
  assertEquals(JSON.parse(events[0].body).payload.dispute.entity.payment_id, payment.id);
  assertEquals(hook.seen.length, fake.events.length);
  assertEquals(hook.rejected, 0);
});

Deno.test(
  { name: "payments fakes - Razorpay manual capture, failed payment, wrong key", ...opts },
  async () => {
    await using fake = new FakeRazorpay();
    const rzp = fake.sdk(Razorpay);
    const order = await rzp.orders.create({
      amount: 10000,
      currency: "INR",
      payment_capture: false,
    });
    const paid = await fake.pay(order.id);
    assertEquals((await rzp.payments.fetch(paid.razorpay_payment_id)).status, "authorized");
    assertEquals(
      (await rzp.payments.capture(paid.razorpay_payment_id, 10000, "INR")).status,
      "captured",
    );
    const twice = await thrown(() => rzp.payments.capture(paid.razorpay_payment_id, 10000, "INR"));
    assertMatch(
      (twice as { error: { description: string } }).error.description,
      /already been captured/,
    );

    const other = await rzp.orders.create({ amount: 20000, currency: "INR" });
    assert(await thrown(() => fake.pay(other.id, { fail: true })) instanceof RazorpayFail);
    assertEquals([
      (await rzp.orders.fetch(other.id)).status,
      fake.eventsOf("payment.failed").length,
    ], ["attempted", 1]);
    const unknown = await thrown(() => rzp.payments.fetch("pay_doesnotexist00"));
    assertEquals((unknown as { statusCode: number }).statusCode, 400);

    const stranger = new Razorpay({ key_id: fake.keyId, key_secret: "wrong" });
    pointSdkAt(stranger, fake.url);
    assertEquals(
      (await thrown(() => stranger.orders.fetch(order.id)) as { statusCode: number }).statusCode,
      401,
    );
  },
);

Deno.test({
  name: "payments fakes - Razorpay webhooks replayed concurrently; tampered refused",
  ...opts,
}, async () => {
  await using fake = new FakeRazorpay();
  await using hook = razorpayReceiver(fake.webhookSecret);
  const rzp = fake.sdk(Razorpay);
  const order = await rzp.orders.create({ amount: 30000, currency: "INR" });
  const { events } = await fake.pay(order.id);
  const sent = await fake.deliver(events, { url: hook.url, times: 25, seed: 11 });
  assertEquals(sent.filter((d) => d.status === 200).length, 75);
  for (const e of events) assertEquals(hook.count(e.id), 25);
  const good = await fake.sign(events[1]);
  const tampered = { ...good, body: good.body.replace('"amount":30000', '"amount":1') };
  assert(tampered.body !== good.body);
  const wrong = await fake.sign(events[1], "other_secret");
  for (const req of [tampered, wrong]) assertEquals((await post(hook.url, req, "x")).status, 400);
  assertEquals(hook.rejected, 2);
});
