/**
 * Stripe bookings far ahead, with the real `stripe` SDK in the app against the fake: the adapter
 * opens Checkout in setup mode (the card is saved, nothing charged), and the payments sweep
 * charges the saved card off-session two days before the gig with the key booking + "charge";
 * `payment_intent.succeeded` arrives as the usual webhook → held, once however often the sweep
 * runs. A declined or authentication-requiring card is recorded, the client is notified, and
 * they pay on-session through the ordinary checkout.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { apiCall, browser } from "../_helpers/fuzz.ts";
import { type Booked, makeBooking } from "../_helpers/payments.ts";
import { FakeStripe } from "../_fakes/stripe.ts";
import type { CardOutcome } from "../_fakes/stripe_objects.ts";
import { paymentDeps, sweepPayments } from "../../lib/domains/payments/mod.ts";
import { chargeSavedCards } from "../../lib/domains/payments/off_session.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

async function sql<T>(a: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return await a.platform.db.asService((tx) => tx.query<T>(text, params));
}

async function paymentOf(a: TestApp, bookingId: string) {
  const [p] = await sql<{
    id: string;
    state: string;
    charge_state: string;
    charge_error: string | null;
    provider_payment_id: string | null;
    total_minor: string;
  }>(
    a,
    `select id, state, charge_state, charge_error, provider_payment_id, total_minor
       from public.payments where booking_id = $1`,
    [bookingId],
  );
  return p;
}

/** The musician onboards with Stripe Express; the client opens the checkout for a gig 30 days out. */
async function booked(a: TestApp, fake: FakeStripe, tag: string): Promise<Booked> {
  const b = await makeBooking(a, tag, 30);
  const r = await apiCall(a, b.musician, "POST", "/api/payouts/onboarding", undefined, 201);
  await fake.completeOnboarding((r.account as { account_id: string }).account_id);
  await apiCall(a, b.client, "POST", `/api/bookings/${b.bookingId}/payment/checkout`, {}, 201);
  return b;
}

/**
 * The checkout the API opened for a gig 30 days ahead is a setup-mode session: the client saves a
 * card behaving as `card` on the fake's hosted page; its webhook records the card as saved, and
 * the booking page says when it will be charged.
 */
async function saveCard(a: TestApp, fake: FakeStripe, b: Booked, card: CardOutcome) {
  const [{ id, ref }] = await sql<{ id: string; ref: string }>(
    a,
    "select id, provider_checkout_id as ref from public.payments where booking_id = $1",
    [b.bookingId],
  );
  const session = fake.state.objects.get(ref)!;
  assertEquals([session.mode, session.payment_intent], ["setup", null], "nothing charged yet");
  await fake.completeCheckout(ref, card);
  await fake.flush();
  assertEquals((await paymentOf(a, b.bookingId)).charge_state, "saved");
  const page = await a.fetch(`/bookings/${b.bookingId}`, { headers: browser(a, b.client.token) });
  const html = await page.text();
  assert(html.includes("Your card is saved. We charge"), "the client is told when");
  return { deps: paymentDeps(a.platform), paymentId: id };
}

/** The gig moves to tomorrow, inside the charge window. */
async function gigTomorrow(a: TestApp, bookingId: string) {
  await sql(
    a,
    `update public.bookings set starts_at = now() + interval '1 day',
            ends_at = now() + interval '1 day 3 hours' where id = $1`,
    [bookingId],
  );
}

async function stripeApp() {
  const fake = new FakeStripe();
  const app = await startTestApp({ WORKER: "off", ...fake.env() });
  fake.webhookUrl = `${app.url}/functions/v1/payments-webhook`;
  return { fake, app };
}

const intents = (fake: FakeStripe) =>
  [...fake.state.objects.values()].filter((o) => o.object === "payment_intent");

Deno.test(
  { name: "payments off-session - saved card charged near the date → held, once", ...opts },
  async () => {
    const { fake, app: a } = await stripeApp();
    await using _a = a;
    await using _f = fake;
    const b = await booked(a, fake, "OffSession");
    const { deps, paymentId } = await saveCard(a, fake, b, "succeeded");
    await fake.flush();
    assertEquals(
      (await paymentOf(a, b.bookingId)).state,
      "checkout_open",
      "a saved card pays nothing",
    );

    // 30 days ahead: the sweep leaves it alone.
    assertEquals(await chargeSavedCards(deps), { tried: 0 });
    assertEquals(intents(fake), []);

    await gigTomorrow(a, b.bookingId);
    await sweepPayments(deps); // the worker's periodic task
    await fake.flush();
    const [pi] = intents(fake);
    assertEquals(
      [pi.amount, pi.status, pi.transfer_group, (pi.metadata as Record<string, string>).payment],
      [Number((await paymentOf(a, b.bookingId)).total_minor), "succeeded", b.bookingId, paymentId],
    );
    const p = await paymentOf(a, b.bookingId);
    assertEquals([p.state, p.charge_state, p.provider_payment_id], ["held", "charged", pi.id]);
    const [{ n }] = await sql<{ n: number }>(
      a,
      "select count(*)::int as n from public.ledger_transactions where booking_id = $1 and kind = 'capture'",
      [b.bookingId],
    );
    assertEquals(n, 1);

    // Later sweeps charge nothing again.
    assertEquals(await chargeSavedCards(deps), { tried: 0 });
    assertEquals(intents(fake).length, 1);
  },
);

Deno.test(
  { name: "payments off-session - declined or authentication required → client asked", ...opts },
  async () => {
    const { fake, app: a } = await stripeApp();
    await using _a = a;
    await using _f = fake;
    for (const card of ["declined", "authentication_required"] as const) {
      const b = await booked(a, fake, `OffSession${card.slice(0, 4)}`);
      const { deps } = await saveCard(a, fake, b, card);
      await gigTomorrow(a, b.bookingId);
      assertEquals(await chargeSavedCards(deps), { tried: 1 });
      await fake.flush();
      const p = await paymentOf(a, b.bookingId);
      const code = card === "declined" ? "card_declined" : "authentication_required";
      assertEquals([p.state, p.charge_state], ["checkout_open", "failed"]);
      assert(p.charge_error?.startsWith(`${code}: `), String(p.charge_error));
      const notes = await sql<{ user_id: string; kind: string; link: string; body: string }>(
        a,
        "select user_id, kind, link, body from public.notifications where kind = 'payment_action_needed' and link = $1",
        [`/bookings/${b.bookingId}`],
      );
      assertEquals(notes.map((x) => x.user_id), [b.client.id], "the client, once");
      assert(notes[0].body.includes(code), notes[0].body);
      const page = await a.fetch(`/bookings/${b.bookingId}`, {
        headers: browser(a, b.client.token),
      });
      assert((await page.text()).includes("We could not charge your saved card"));
      // Not retried by itself: the client pays on-session (the ordinary checkout).
      assertEquals(await chargeSavedCards(deps), { tried: 0 });
    }
  },
);
