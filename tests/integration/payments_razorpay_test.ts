/**
 * The Razorpay adapter against the fake Razorpay, through the real `razorpay` SDK: an Order, the
 * client pays in Checkout, the return route's signature check, webhooks verified and normalised
 * by the adapter (keyed by `X-Razorpay-Event-Id`), the musician's share held by Route at capture
 * and released by editing the transfer, refunds; retries move no money twice (Razorpay takes no
 * idempotency key: the adapter finds what it made by its notes), checked in the fake's state.
 */
import { assert, assertEquals, assertRejects } from "../_helpers/assert.ts";
import { FakeRazorpay, type RazorpayEvent } from "../_fakes/razorpay.ts";
import { createRazorpayProvider, type Route } from "../../lib/ports/payments/razorpay.ts";
import { idempotencyKey, WebhookRejected } from "../../lib/ports/payments/port.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

function setup() {
  const fake = new FakeRazorpay();
  const routes = new Map<string, Route>();
  const provider = createRazorpayProvider({
    keyId: fake.keyId,
    keySecret: fake.keySecret,
    webhookSecret: fake.webhookSecret,
    apiUrl: fake.url,
    checkoutPageUrl: (booking, order) => `http://app.test/pay/${booking}?order=${order}`,
    routeFor: (booking) => Promise.resolve(routes.get(booking) ?? null),
    now: () => Date.parse("2026-12-06T12:00:00Z"),
  });
  const verify = async (e: RazorpayEvent, secret?: string) => {
    const req = await fake.sign(e, secret);
    return await provider.verifyWebhook(req.body, new Headers(req.headers));
  };
  const transfers = () => [...fake.state.entities.values()].filter((o) => o.entity === "transfer");
  const refunds = () => [...fake.state.entities.values()].filter((o) => o.entity === "refund");
  return { fake, provider, routes, verify, transfers, refunds };
}

async function paid(s: ReturnType<typeof setup>, amountMinor: number, share?: number) {
  const bookingId = crypto.randomUUID(), paymentId = crypto.randomUUID();
  if (share) s.routes.set(bookingId, { account: s.fake.linkedAccount(), amountMinor: share });
  const co = await s.provider.openCheckout({
    bookingId,
    paymentId,
    amountMinor,
    currency: "INR",
    returnUrl: `http://app.test/bookings/${bookingId}`,
    idempotencyKey: idempotencyKey(bookingId, "checkout"),
  });
  assertEquals(co.url, `http://app.test/pay/${bookingId}?order=${co.ref}`);
  const data = await s.provider.checkoutData(co.ref, "http://app.test/return");
  assertEquals([data.key, data.order_id, data.amount, data.currency], [
    s.fake.keyId,
    co.ref,
    amountMinor,
    "INR",
  ]);
  const ret = await s.fake.pay(co.ref);
  return { bookingId, paymentId, co, ret, payRef: ret.razorpay_payment_id };
}

Deno.test({ name: "payments razorpay - order, Checkout, verified events", ...opts }, async () => {
  const s = setup();
  await using _f = s.fake;
  const b = await paid(s, 500000, 450000);
  assert(await s.provider.verifyCheckout(b.ret));
  assert(!await s.provider.verifyCheckout({ ...b.ret, razorpay_payment_id: "pay_forged00000" }));
  assert(!await s.provider.verifyCheckout({ ...b.ret, razorpay_signature: "0".repeat(64) }));

  const captured = s.fake.eventsOf("payment.captured")[0];
  const e = await s.verify(captured);
  assertEquals(
    [e.id, e.type, e.paymentId, e.amountMinor, e.currency, e.providerRef],
    [captured.id, "payment.succeeded", b.paymentId, 500000, "INR", b.payRef],
  );
  // Route held the musician's share at capture
  assertEquals(s.transfers().map((t) => [t.amount, t.on_hold, t.settlement_status]), [
    [450000, true, "on_hold"],
  ]);
  const tp = await s.verify(s.fake.eventsOf("transfer.processed")[0]);
  assertEquals([tp.type, tp.paymentId, tp.amountMinor], ["unknown", b.paymentId, 450000]);

  const { events } = await s.fake.dispute(b.payRef);
  const d = await s.verify(events[0]);
  assertEquals([d.type, d.paymentId, d.providerRef, d.amountMinor], [
    "dispute.created",
    b.paymentId,
    b.payRef,
    500000,
  ]);
  const other = await s.verify(s.fake.eventsOf("order.paid")[0]);
  assertEquals([other.type, other.providerType], ["unknown", "order.paid"]);
});

Deno.test(
  { name: "payments razorpay - forged and tampered webhooks refused", ...opts },
  async () => {
    const s = setup();
    await using _f = s.fake;
    await paid(s, 30000);
    const e = s.fake.eventsOf("payment.captured")[0];
    const good = await s.fake.sign(e);
    const reject = (body: string, headers: Record<string, string>) =>
      assertRejects(() => s.provider.verifyWebhook(body, new Headers(headers)));
    const errs = await Promise.all([
      reject(good.body.replace('"amount":30000', '"amount":1'), good.headers),
      reject(good.body, (await s.fake.sign(e, "other_secret")).headers),
      reject(good.body, { "x-razorpay-event-id": e.id }),
      reject("not json", {
        "x-razorpay-signature":
          (await s.fake.sign({ ...e, body: "not json" })).headers["x-razorpay-signature"],
      }),
    ]);
    for (const err of errs) assert(err instanceof WebhookRejected, String(err));
    assertEquals((await s.provider.verifyWebhook(good.body, new Headers(good.headers))).id, e.id);
  },
);

Deno.test(
  { name: "payments razorpay - release by edit, refund, retries idempotent", ...opts },
  async () => {
    const s = setup();
    await using _f = s.fake;
    const b = await paid(s, 500000, 450000);
    const release = {
      bookingId: b.bookingId,
      paymentId: b.paymentId,
      amountMinor: 450000,
      currency: "INR",
      idempotencyKey: idempotencyKey(b.bookingId, "release"),
      providerPaymentRef: b.payRef,
    };
    const [t1, t2] = [await s.provider.transfer(release), await s.provider.transfer(release)];
    assertEquals(t2.ref, t1.ref);
    assertEquals(t1.settlesAt.toISOString(), "2026-12-08T12:00:00.000Z");
    assertEquals(s.transfers().map((t) => [t.id, t.amount, t.on_hold, t.settlement_status]), [
      [t1.ref, 450000, false, "pending"],
    ]);
    await assertRejects(
      () => s.provider.transfer({ ...release, providerPaymentRef: undefined }),
      /no Razorpay payment id/,
    );

    const refund = {
      ...release,
      amountMinor: 50000,
      idempotencyKey: idempotencyKey(b.bookingId, "refund"),
    };
    const [r1, r2] = [await s.provider.refund(refund), await s.provider.refund(refund)];
    assertEquals(r2.ref, r1.ref);
    assertEquals(s.refunds().map((r) => r.amount), [50000]);
    assertEquals(s.fake.state.get(b.payRef, "payment").amount_refunded, 50000);
    const processed = await s.verify(s.fake.eventsOf("refund.processed")[0]);
    assertEquals([processed.type, processed.providerRef, processed.amountMinor], [
      "unknown",
      r1.ref,
      50000,
    ]);
  },
);

Deno.test(
  { name: "payments razorpay - hold after capture, split release, full refund", ...opts },
  async () => {
    const s = setup();
    await using _f = s.fake;
    // no linked account at checkout: the share is held once the payment is captured
    const b = await paid(s, 200000);
    assertEquals(s.transfers().length, 0);
    s.routes.set(b.bookingId, { account: s.fake.linkedAccount(), amountMinor: 180000 });
    const h1 = await s.provider.holdTransfer(b.payRef, b.bookingId, b.paymentId);
    const h2 = await s.provider.holdTransfer(b.payRef, b.bookingId, b.paymentId);
    assertEquals(h2, h1);
    assertEquals(s.transfers().map((t) => [t.amount, t.on_hold]), [[180000, true]]);
    // a dispute decided as a split: the musician gets 100000, the rest comes back
    const t = await s.provider.transfer({
      bookingId: b.bookingId,
      paymentId: b.paymentId,
      amountMinor: 100000,
      currency: "INR",
      idempotencyKey: idempotencyKey(b.bookingId, "release"),
      providerPaymentRef: b.payRef,
    });
    assertEquals(t.ref, h1);
    assertEquals(s.transfers().map((x) => [x.amount_reversed, x.on_hold]), [[80000, false]]);

    // another booking refunded in full while its share is held: the hold is reversed first
    const c = await paid(s, 100000, 90000);
    await s.provider.refund({
      bookingId: c.bookingId,
      paymentId: c.paymentId,
      amountMinor: 100000,
      currency: "INR",
      idempotencyKey: idempotencyKey(c.bookingId, "refund"),
      providerPaymentRef: c.payRef,
    });
    const held = s.transfers().find((x) => x.source === c.payRef)!;
    assertEquals([held.amount_reversed, s.fake.state.get(c.payRef, "payment").status], [
      90000,
      "refunded",
    ]);
  },
);
