/**
 * The Stripe adapter against the fake Stripe, through the real `stripe` SDK: Checkout → the
 * client pays on the hosted page → the adapter verifies the signed events and normalises them;
 * forged, tampered and stale signatures refused; release and refund idempotent (a retry moves
 * no money twice, checked in the fake's state); Connect onboarding and the off-session path.
 */
import type Stripe from "stripe";
import { assert, assertEquals, assertMatch, assertRejects } from "../_helpers/assert.ts";
import { FakeStripe } from "../_fakes/stripe.ts";
import { createStripeProvider } from "../../lib/ports/payments/stripe.ts";
import {
  chargeOffSession,
  chargesOffSession,
  connectStatusFromEvent,
  createExpressAccount,
  onboardingLink,
  openSaveCardCheckout,
  savedCard,
} from "../../lib/ports/payments/stripe_connect.ts";
import { idempotencyKey, WebhookRejected } from "../../lib/ports/payments/port.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

function setup(destinations = new Map<string, string>()) {
  const fake = new FakeStripe();
  const provider = createStripeProvider({
    secretKey: fake.secretKey,
    webhookSecret: fake.webhookSecret,
    apiUrl: fake.url,
    destinationFor: (booking) => Promise.resolve(destinations.get(booking) ?? null),
    now: () => Date.parse("2026-12-06T12:00:00Z"),
  });
  /** Signs an event as Stripe would and hands it to the adapter. */
  const verify = async (e: Stripe.Event, o: { timestamp?: number; secret?: string } = {}) => {
    const req = await fake.sign(e, o);
    return await provider.verifyWebhook(req.body, new Headers(req.headers));
  };
  return { fake, provider, verify, destinations };
}

const objects = (fake: FakeStripe, kind: string) =>
  [...fake.state.objects.values()].filter((o) => o.object === kind);

async function paidBooking(s: ReturnType<typeof setup>, amountMinor = 12000) {
  const bookingId = crypto.randomUUID(), paymentId = crypto.randomUUID();
  const req = {
    bookingId,
    paymentId,
    amountMinor,
    currency: "EUR",
    returnUrl: `http://app.test/bookings/${bookingId}?paid=1`,
    idempotencyKey: idempotencyKey(bookingId, "checkout"),
  };
  const co = await s.provider.openCheckout(req);
  assertEquals((await s.provider.openCheckout(req)).ref, co.ref, "a retried checkout is the same");
  const before = s.fake.events.length;
  const res = await fetch(co.url, { redirect: "manual" });
  await res.body?.cancel();
  assertEquals(res.headers.get("location"), `${req.returnUrl}&cs=${co.ref}`);
  return { ...req, co, events: s.fake.events.slice(before) };
}

Deno.test(
  { name: "payments stripe - checkout, pay, verified normalised events", ...opts },
  async () => {
    const s = setup();
    await using _f = s.fake;
    const b = await paidBooking(s);
    assertEquals(objects(s.fake, "checkout.session").length, 1);
    const session = objects(s.fake, "checkout.session")[0];
    const pi = s.fake.state.objects.get(session.payment_intent as string)!;
    assertEquals([pi.transfer_group, (pi.metadata as Record<string, string>).payment], [
      b.bookingId,
      b.paymentId,
    ]);
    const got = await Promise.all(b.events.map((e) => s.verify(e)));
    assertEquals(got.map((e) => e.providerType).sort(), [
      "checkout.session.completed",
      "payment_intent.succeeded",
    ]);
    for (const [i, e] of got.entries()) {
      assertEquals(
        [e.id, e.type, e.paymentId, e.amountMinor, e.currency, e.providerRef],
        [b.events[i].id, "payment.succeeded", b.paymentId, 12000, "EUR", pi.id as string],
      );
    }

    const { events } = await s.fake.dispute(pi.id as string, { reason: "fraudulent" });
    const d = await s.verify(events[0]);
    assertEquals([d.type, d.providerRef, d.amountMinor, d.currency], [
      "dispute.created",
      pi.id as string,
      12000,
      "EUR",
    ]);
  },
);

Deno.test(
  { name: "payments stripe - forged, tampered, stale; unknown kept", ...opts },
  async () => {
    const s = setup();
    await using _f = s.fake;
    const b = await paidBooking(s, 3000);
    const e = b.events[0];
    const good = await s.fake.sign(e);
    const reject = (body: string, headers: Record<string, string>) =>
      assertRejects(() => s.provider.verifyWebhook(body, new Headers(headers)));
    const cases = [
      reject(good.body.replace("3000", "3001"), good.headers),
      reject(good.body, {}),
      reject(good.body, (await s.fake.sign(e, { secret: "whsec_other" })).headers),
      reject(
        good.body,
        (await s.fake.sign(e, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).headers,
      ),
    ];
    for (const err of await Promise.all(cases)) assert(err instanceof WebhookRejected, String(err));
    assertEquals((await s.provider.verifyWebhook(good.body, new Headers(good.headers))).id, e.id);

    // a type we do not map is still genuine: stored and acknowledged by the domain
    const odd = { ...e, id: "evt_unmapped", type: "customer.created" } as unknown as Stripe.Event;
    const u = await s.verify(odd);
    assertEquals([u.type, u.providerType, u.paymentId, u.amountMinor], [
      "unknown",
      "customer.created",
      null,
      null,
    ]);
    assertEquals((u.payload as { id: string }).id, "evt_unmapped");
  },
);

Deno.test({ name: "payments stripe - release and refund idempotent", ...opts }, async () => {
  const s = setup();
  await using _f = s.fake;
  const b = await paidBooking(s, 12000);
  const pi = (b.events.find((e) => e.type === "payment_intent.succeeded")!.data
    .object as Stripe.PaymentIntent).id;
  const release = {
    bookingId: b.bookingId,
    paymentId: b.paymentId,
    amountMinor: 10000,
    currency: "EUR",
    idempotencyKey: idempotencyKey(b.bookingId, "release"),
  };
  await assertRejects(() => s.provider.transfer(release), /no Stripe account/);
  const acct = await createExpressAccount(s.provider.client, {
    profileId: "m1",
    idempotencyKey: "m1:connect",
  });
  s.destinations.set(b.bookingId, acct);
  await s.fake.completeOnboarding(acct);
  const [t1, t2] = [await s.provider.transfer(release), await s.provider.transfer(release)];
  assertEquals(t2.ref, t1.ref);
  assertEquals(t1.settlesAt.toISOString(), "2026-12-08T12:00:00.000Z");
  const transfers = objects(s.fake, "transfer");
  assertEquals(transfers.map((t) => [t.amount, t.destination, t.transfer_group]), [
    [10000, acct, b.bookingId],
  ]);

  const refund = {
    ...release,
    amountMinor: 1500,
    providerPaymentRef: b.co.ref, // a Checkout Session id resolves to its intent
    idempotencyKey: idempotencyKey(b.bookingId, "refund"),
  };
  const [r1, r2] = [await s.provider.refund(refund), await s.provider.refund(refund)];
  assertEquals(r2.ref, r1.ref);
  assertEquals(objects(s.fake, "refund").map((r) => [r.amount, r.payment_intent]), [[1500, pi]]);
  assertEquals(s.fake.state.balance.get("eur"), 12000 - 10000 - 1500);
  const again = await assertRejects(() => s.provider.refund({ ...refund, amountMinor: 1600 }));
  assertMatch(again.message, /same parameters/); // same key, other amount: refused, not applied
  await assertRejects(
    () => s.provider.refund({ ...refund, providerPaymentRef: null }),
    /no Stripe/,
  );
});

Deno.test(
  { name: "payments stripe - Connect onboarding status from account.updated", ...opts },
  async () => {
    const s = setup();
    await using _f = s.fake;
    const acct = await createExpressAccount(s.provider.client, {
      profileId: "m2",
      email: "m2@example.test",
      country: "DE",
      idempotencyKey: "m2:connect",
    });
    const url = await onboardingLink(s.provider.client, {
      accountId: acct,
      returnUrl: "http://app.test/earnings?onboarded=1",
      refreshUrl: "http://app.test/earnings/refresh",
    });
    const res = await fetch(url, { redirect: "manual" });
    await res.body?.cancel();
    const [updated] = s.fake.eventsOf("account.updated");
    const e = await s.verify(updated);
    assertEquals([e.type, e.providerType], ["unknown", "account.updated"]);
    assertEquals(connectStatusFromEvent(e), {
      accountId: acct,
      chargesEnabled: true,
      payoutsEnabled: true,
      detailsSubmitted: true,
      ready: true,
    });
  },
);

Deno.test(
  { name: "payments stripe - card saved, charged off-session later", ...opts },
  async () => {
    const s = setup();
    await using _f = s.fake;
    const now = new Date("2026-12-06T12:00:00Z");
    assert(chargesOffSession(new Date("2026-12-13T12:00:00Z"), now));
    assert(!chargesOffSession(new Date("2026-12-11T12:00:00Z"), now));
    const bookingId = crypto.randomUUID(), paymentId = crypto.randomUUID();
    const save = await openSaveCardCheckout(s.provider.client, {
      bookingId,
      paymentId,
      currency: "EUR",
      email: "client@example.test",
      returnUrl: "http://app.test/bookings/x",
      idempotencyKey: idempotencyKey(bookingId, "save-card"),
    });
    const done = await s.fake.completeCheckout(save.ref);
    const completed = await s.verify(done.events[0]);
    // A saved card, not money: the booking records it and waits for the charge date.
    assertEquals([completed.providerType, completed.type, completed.paymentId], [
      "checkout.session.completed",
      "card.saved",
      paymentId,
    ]);
    const card = await savedCard(s.provider.client, save.ref);
    assert(card);
    assertEquals(card.customerId, save.customerId);
    const charge = {
      bookingId,
      paymentId,
      amountMinor: 5000,
      currency: "EUR",
      ...card,
      idempotencyKey: idempotencyKey(bookingId, "charge"),
    };
    const [c1, c2] = [
      await chargeOffSession(s.provider.client, charge),
      await chargeOffSession(s.provider.client, charge),
    ];
    assert(c1.ok && c2.ok);
    assertEquals(c2.ref, c1.ref);
    assertEquals(
      objects(s.fake, "payment_intent").filter((p) => p.status === "succeeded").length,
      1,
    );
    const ok = await s.verify(s.fake.eventsOf("payment_intent.succeeded")[0]);
    assertEquals([ok.type, ok.paymentId, ok.amountMinor], ["payment.succeeded", paymentId, 5000]);

    const declined = await chargeOffSession(s.provider.client, {
      ...charge,
      paymentMethodId: s.fake.card(card.customerId, "declined"),
      idempotencyKey: idempotencyKey(bookingId, "charge-2"),
    });
    assertEquals(declined.ok ? "" : declined.code, "card_declined");
    await s.fake.flush();
    const failed = await s.verify(s.fake.eventsOf("payment_intent.payment_failed")[0]);
    assertEquals([failed.type, failed.paymentId, failed.amountMinor, failed.currency], [
      "payment.failed",
      paymentId,
      5000,
      "EUR",
    ]);
  },
);

Deno.test(
  { name: "payments stripe - payout.paid on the Connect account, Connect secret", ...opts },
  async () => {
    const fake = new FakeStripe();
    await using _f = fake;
    const connectSecret = "whsec_connect_endpoint_0123456789";
    const destinations = new Map<string, string>();
    const make = (connectWebhookSecret?: string) =>
      createStripeProvider({
        secretKey: fake.secretKey,
        webhookSecret: fake.webhookSecret,
        connectWebhookSecret,
        apiUrl: fake.url,
        destinationFor: (booking) => Promise.resolve(destinations.get(booking) ?? null),
      });
    const provider = make(connectSecret);
    const s = { fake, provider, verify: async () => {}, destinations };
    const b = await paidBooking(s as unknown as ReturnType<typeof setup>, 12000);
    const acct = await createExpressAccount(provider.client, {
      profileId: "m3",
      idempotencyKey: "m3:connect",
    });
    const account = (await provider.client.accounts.retrieve(acct)) as Stripe.Account;
    assertEquals(account.settings?.payouts?.schedule.interval, "manual");
    destinations.set(b.bookingId, acct);
    await fake.completeOnboarding(acct);
    const release = {
      bookingId: b.bookingId,
      paymentId: b.paymentId,
      amountMinor: 10000,
      currency: "EUR",
      idempotencyKey: idempotencyKey(b.bookingId, "release"),
    };
    const [t1, t2] = [await provider.transfer(release), await provider.transfer(release)];
    assertEquals(t2.ref, t1.ref);
    // A retry after Stripe forgot the key (24 hours) finds the transfer and payout it made.
    const late = await provider.transfer({ ...release, idempotencyKey: "forgotten" });
    assertEquals(late.ref, t1.ref);
    assertEquals(objects(fake, "transfer").length, 1);
    const payouts = objects(fake, "payout");
    assertEquals(
      payouts.map((p) => [p.amount, p.status, (p.metadata as Record<string, string>).payment]),
      [[10000, "pending", b.paymentId]],
      "one payout of the share, tagged with the payment, however often retried",
    );

    const { events } = await fake.payoutPaid(payouts[0].id as string);
    const [paidEvent] = events;
    assertEquals([paidEvent.type, paidEvent.account], ["payout.paid", acct]);
    const signed = (secret: string) => fake.sign(paidEvent, { secret });
    const viaConnect = await signed(connectSecret);
    const e = await provider.verifyWebhook(viaConnect.body, new Headers(viaConnect.headers));
    assertEquals(
      [e.type, e.paymentId, e.amountMinor, e.currency, e.providerRef],
      ["payout.paid", b.paymentId, 10000, "EUR", t1.ref],
    );
    // The platform endpoint's secret verifies too; any other, or none configured, does not.
    const viaPlatform = await signed(fake.webhookSecret);
    assertEquals(
      (await provider.verifyWebhook(viaPlatform.body, new Headers(viaPlatform.headers))).id,
      paidEvent.id,
    );
    const other = await signed("whsec_someone_else");
    const errs = await Promise.all([
      assertRejects(() => provider.verifyWebhook(other.body, new Headers(other.headers))),
      assertRejects(() => make().verifyWebhook(viaConnect.body, new Headers(viaConnect.headers))),
    ]);
    for (const err of errs) assert(err instanceof WebhookRejected, String(err));

    // A payout not made by a release (no payment of ours on it) stays an unknown event.
    const foreign = {
      ...paidEvent,
      id: "evt_foreign_payout",
      data: { object: { ...paidEvent.data.object, metadata: {} } },
    } as Stripe.Event;
    const f = await fake.sign(foreign);
    const u = await provider.verifyWebhook(f.body, new Headers(f.headers));
    assertEquals([u.type, u.providerType, u.paymentId], ["unknown", "payout.paid", null]);
  },
);
