/**
 * The song studio's plans over HTTP. The built-in provider: the hosted page's test cards →
 * active pro; cancel at the period end and undo; renewals (a month on; a failing card → past
 * due → a new card; lapsed after the grace week); the plan page's confirmation before money
 * moves. Subscription events out of order and replayed → one state; tampered → 400; a non-owner
 * sees and changes nothing. Stripe Billing through the real `stripe` SDK against the fake:
 * subscription Checkout, the customer portal, cancel/resume, `customer.subscription.*` replayed
 * and late.
 */
import type Stripe from "stripe";
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { apiCall, getPage, type Person, postForm, signUpPerson } from "../_helpers/fuzz.ts";
import { BUILTIN_SECRET, builtinWebhook, serviceSql } from "../_helpers/payments.ts";
import { FakeStripe } from "../_fakes/stripe.ts";
import { paymentDeps } from "../../lib/domains/payments/mod.ts";
import { renewBuiltinPlans } from "../../lib/domains/plans/mod.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const DAY = 86_400_000;

async function builtinApp(): Promise<TestApp> {
  return await startTestApp({ WORKER: "off", PAYMENTS_BUILTIN_SECRET: BUILTIN_SECRET });
}

type View = {
  state: string;
  plan: { id: string; songs_per_month: number };
  provider: string | null;
  subscription: {
    id: string;
    provider: string;
    status: string;
    cancel_at_period_end: boolean;
    current_period_end: string | null;
    card_last4: string | null;
    amount_minor: number | null;
    currency: string | null;
  } | null;
};

const planOf = async (a: TestApp, p: Person) =>
  await apiCall(a, p, "GET", "/api/plan", undefined, 200) as unknown as View;

/** The hosted page's attempt id for this visit. */
async function attemptOf(a: TestApp, p: Person, currency = "EUR"): Promise<string> {
  const page = await getPage(a, p.token, `/pay/plan?plan=pro&currency=${currency}`);
  assertEquals(page.status, 200);
  return page.text.match(/name="attempt" value="([0-9a-f-]{36})"/)![1];
}

/** Subscribes on the hosted page with `card`; answers the attempt used. */
async function subscribe(a: TestApp, p: Person, card = "4242 4242 4242 4242") {
  const attempt = await attemptOf(a, p);
  const r = await postForm(a, p.token, "/pay/plan", {
    plan: "pro",
    currency: "EUR",
    attempt,
    card,
  });
  assertEquals([r.status, r.location], [303, "/settings/plan"], r.text.slice(0, 300));
  return attempt;
}

const subscriptionRows = async (a: TestApp, user: string) =>
  await serviceSql<{ status: string; cancel_at_period_end: boolean }>(
    a,
    "select status, cancel_at_period_end from public.subscriptions where user_id = $1",
    [user],
  );

Deno.test(
  { name: "plans - built-in: hosted page's cards, pro, cancel and resume", ...opts },
  async () => {
    await using a = await builtinApp();
    const sam = await signUpPerson(a, "PlanSam", "musician");
    let v = await planOf(a, sam);
    assertEquals([v.state, v.plan.id, v.plan.songs_per_month, v.provider], [
      "free",
      "free",
      3,
      "builtin",
    ]);

    const co = await apiCall(a, sam, "POST", "/api/plan/checkout", { currency: "EUR" }, 201);
    assertEquals([co.provider, co.amount_minor, co.currency], ["builtin", 900, "EUR"]);
    assertMatch(String(co.checkout_url), /\/pay\/plan\?plan=pro&currency=EUR$/);
    await apiCall(a, sam, "POST", "/api/plan/checkout", { currency: "XYZ" }, 400);

    // The plan page shows the price for confirmation; nothing is asked of the provider yet.
    const review = await postForm(a, sam.token, "/settings/plan", {
      intent: "review",
      plan: "pro",
      currency: "GBP",
    });
    assertEquals(review.status, 200);
    assert(review.text.includes('data-testid="plan-confirm"') && review.text.includes("£8"));
    assertEquals(await subscriptionRows(a, sam.id), []);
    const go = await postForm(a, sam.token, "/settings/plan", {
      intent: "checkout",
      plan: "pro",
      currency: "EUR",
    });
    assertEquals([go.status, go.location], [303, "/pay/plan?plan=pro&currency=EUR"]);

    const attempt = await attemptOf(a, sam);
    const pay = (card: string, intent = "pay") =>
      postForm(a, sam.token, "/pay/plan", { plan: "pro", currency: "EUR", attempt, card, intent });
    assertEquals((await pay("4000000000000002")).status, 402, "declined");
    assertEquals((await pay("1234")).status, 400, "not a test card");
    const ask = await pay("4000000000003220");
    assertEquals(ask.status, 200);
    assert(ask.text.includes("Confirm payment"), "3-D-Secure-like step");
    assertEquals(await subscriptionRows(a, sam.id), [], "nothing before the confirmation");
    assertEquals((await pay("4000000000003220", "confirm")).status, 303);
    v = await planOf(a, sam);
    assertEquals([v.state, v.plan.id, v.plan.songs_per_month], ["active", "pro", 100]);
    assertEquals([v.subscription?.card_last4, v.subscription?.amount_minor], ["3220", 900]);
    // The same form posted again is the same payment.
    assertEquals((await pay("4000000000003220", "confirm")).status, 303);
    assertEquals((await subscriptionRows(a, sam.id)).length, 1);
    await apiCall(a, sam, "POST", "/api/plan/checkout", { currency: "EUR" }, 409);
    await apiCall(a, sam, "POST", "/api/plan/portal", undefined, 409);

    v = await apiCall(a, sam, "POST", "/api/plan/cancel", undefined, 200) as unknown as View;
    assertEquals([v.state, v.plan.id], ["canceling", "pro"], "pro until the period end");
    const page = await getPage(a, sam.token, "/settings/plan");
    assert(page.text.includes('data-state="canceling"') && page.text.includes("Keep my plan"));
    v = await apiCall(a, sam, "POST", "/api/plan/resume", undefined, 200) as unknown as View;
    assertEquals(v.state, "active");
    // The page's cancel: first a step saying when pro ends and that nothing is refunded; a post
    // without its confirm=yes shows that step again (428) and changes nothing.
    const step = await getPage(a, sam.token, "/settings/plan?confirm=cancel");
    assertEquals(step.status, 200);
    assert(step.text.includes('data-testid="confirm-step"'), "the confirmation step");
    assert(/Pro stays until \d+ \w+ \d{4}/.test(step.text), "when access ends");
    assert(step.text.includes("is not refunded") && step.text.includes("Nothing more is charged"));
    assert(step.text.includes("Then you are on Free: 3 songs a month"));
    const bare = await postForm(a, sam.token, "/settings/plan", { intent: "cancel" });
    assertEquals(bare.status, 428);
    assert(bare.text.includes("Nothing has happened yet"));
    assertEquals((await planOf(a, sam)).state, "active", "still renewing");
    const form = await postForm(a, sam.token, "/settings/plan", {
      intent: "cancel",
      confirm: "yes",
    });
    assertEquals([form.status, form.location], [303, "/settings/plan"]);
    assertEquals((await planOf(a, sam)).state, "canceling");
    const again = await getPage(a, sam.token, "/settings/plan?confirm=cancel");
    assertEquals(again.status, 409, "nothing left to confirm");
    assert(again.text.includes("Already cancelled"));

    // The period ends: the provider's own event ends it.
    const end = new Date(v.subscription!.current_period_end!);
    const r = await renewBuiltinPlans(paymentDeps(a.platform), new Date(end.getTime() + 60_000));
    assertEquals(r, { renewed: 0, failed: 0, canceled: 1 });
    v = await planOf(a, sam);
    assertEquals([v.state, v.plan.id, v.subscription?.status], ["free", "free", "canceled"]);
    await apiCall(a, sam, "POST", "/api/plan/cancel", undefined, 409);
    const [{ id }] = await serviceSql<{ id: string }>(
      a,
      "select id from public.current_plan($1)",
      [sam.id],
    );
    assertEquals(id, "free");
  },
);

Deno.test(
  { name: "plans - built-in renewals: a month on, past due, new card, lapsed", ...opts },
  async () => {
    await using a = await builtinApp();
    const deps = paymentDeps(a.platform);
    const [ok, failing, lapsing] = await Promise.all(
      ["RenewOk", "RenewFail", "RenewLapse"].map((n) => signUpPerson(a, n, "client")),
    );
    await subscribe(a, ok);
    await subscribe(a, failing, "4000 0000 0000 0341");
    await subscribe(a, lapsing, "4000000000000341");
    const end = new Date((await planOf(a, ok)).subscription!.current_period_end!);
    const later = new Date(end.getTime() + 3_600_000);
    // Two sweeps at once renew each subscription once (the events' ids are fixed per period).
    const [r1, r2] = await Promise.all([
      renewBuiltinPlans(deps, later),
      renewBuiltinPlans(deps, later),
    ]);
    assertEquals(r1.renewed + r2.renewed, 2);
    let v = await planOf(a, ok);
    assertEquals(v.state, "active");
    const next = new Date(v.subscription!.current_period_end!);
    assert(next.getTime() - end.getTime() > 27 * DAY && next.getTime() - end.getTime() < 32 * DAY);
    const renewedEvents = await serviceSql<{ n: number }>(
      a,
      "select count(*)::int as n from public.payment_events where event_id like '%_renewed'",
    );
    assertEquals(renewedEvents[0].n, 1);

    v = await planOf(a, failing);
    assertEquals([v.state, v.plan.id], ["past_due", "pro"], "a grace week while retried");
    const page = await getPage(a, failing.token, "/settings/plan");
    assert(page.text.includes("update your card"), "the page says what to do");
    assert(page.text.includes('href="/pay/plan?currency=EUR"'));
    const attempt = await attemptOf(a, failing);
    const paid = await postForm(a, failing.token, "/pay/plan", {
      plan: "pro",
      currency: "EUR",
      attempt,
      card: "4242424242424242",
    });
    assertEquals(paid.status, 303);
    v = await planOf(a, failing);
    assertEquals([v.state, v.subscription?.card_last4], ["active", "4242"]);
    assert(new Date(v.subscription!.current_period_end!).getTime() > later.getTime());

    // Still failing a week after the period end: canceled, back to free.
    const r = await renewBuiltinPlans(deps, new Date(end.getTime() + 8 * DAY));
    assertEquals(r.canceled, 1);
    v = await planOf(a, lapsing);
    assertEquals([v.state, v.plan.id], ["free", "free"]);
  },
);

/** A built-in subscription event for `user` at `at` ms. */
function subEvent(
  user: string,
  type: "subscription.created" | "subscription.updated" | "subscription.deleted",
  at: number,
  patch: Record<string, unknown> = {},
) {
  return {
    id: `evt_order_${type}_${at}`,
    type,
    data: {
      subscription: {
        id: `bi_sub_order_${user}`,
        user,
        plan: "pro",
        status: "active",
        currency: "EUR",
        amount_minor: 900,
        current_period_end: new Date(at + 30 * DAY).toISOString(),
        cancel_at_period_end: false,
        card_last4: "4242",
        at,
        ...patch,
      },
    },
  };
}

Deno.test({
  name: "plans - events out of order and replayed: one state; strangers see nothing",
  ...opts,
}, async () => {
  await using a = await builtinApp();
  const [owner, stranger] = await Promise.all([
    signUpPerson(a, "OrderOwner", "client"),
    signUpPerson(a, "OrderStranger", "musician"),
  ]);
  const t0 = Date.now() - 60_000;
  const created = subEvent(owner.id, "subscription.created", t0);
  const canceling = subEvent(owner.id, "subscription.updated", t0 + 1000, {
    cancel_at_period_end: true,
  });
  const deleted = subEvent(owner.id, "subscription.deleted", t0 + 2000, { status: "canceled" });

  const tampered = await builtinWebhook(a, created, { tamper: true }); // the amount changed
  assertEquals(tampered.status, 400);
  await tampered.body?.cancel();
  const stale = await builtinWebhook(a, created, { now: Date.now() - 6 * 60_000 });
  assertEquals(stale.status, 400, "a signature older than 5 minutes");
  await stale.body?.cancel();
  assertEquals(await subscriptionRows(a, owner.id), [], "nothing stored from a forged event");

  // The last first: the earlier ones arriving later change nothing.
  for (const e of [deleted, canceling, created]) {
    const res = await builtinWebhook(a, e);
    assertEquals(res.status, 200);
    await res.body?.cancel();
  }
  // Each replayed 20 times, all at once.
  const all = await Promise.all(
    [created, canceling, deleted].flatMap((e) => Array.from({ length: 20 }, () => e))
      .sort(() => Math.random() - 0.5)
      .map(async (e) => {
        const res = await builtinWebhook(a, e);
        return [res.status, (await res.json()).result];
      }),
  );
  assert(all.every(([s, r]) => s === 200 && r === "duplicate"), JSON.stringify(all.slice(0, 3)));
  assertEquals(await subscriptionRows(a, owner.id), [{
    status: "canceled",
    cancel_at_period_end: false,
  }]);
  const events = await serviceSql<{ n: number }>(
    a,
    "select count(*)::int as n from public.payment_events where event_id like 'evt_order_%'",
  );
  assertEquals(events[0].n, 3);
  assertEquals((await planOf(a, owner)).plan.id, "free");

  // A live one, then a stranger tries.
  const live = subEvent(owner.id, "subscription.created", Date.now(), {});
  live.data.subscription.id = `bi_sub_live_${owner.id}`;
  live.id = "evt_live_created";
  assertEquals((await builtinWebhook(a, live)).status, 200);
  assertEquals((await planOf(a, owner)).state, "active");
  const theirs = await planOf(a, stranger);
  assertEquals([theirs.state, theirs.subscription], ["free", null]);
  await apiCall(a, stranger, "POST", "/api/plan/cancel", undefined, 409);
  await apiCall(a, stranger, "POST", "/api/plan/portal", undefined, 409);
  const seen = await a.platform.db.asUser(
    (await a.platform.auth.verify(stranger.token))!,
    (tx) => tx.query("select * from public.subscriptions"),
  );
  assertEquals(seen, [], "RLS: a stranger reads no subscription");
  assertEquals((await planOf(a, owner)).state, "active", "the owner's plan is untouched");
  // A subscription event naming nobody of ours is stored and flagged, not applied.
  const ghost = subEvent(crypto.randomUUID(), "subscription.created", Date.now());
  const res = await builtinWebhook(a, ghost);
  assertEquals((await res.json()).result, "flagged");
});

// ---- Stripe Billing ----

Deno.test({
  name: "plans - Stripe Billing: Checkout, portal, cancel, late and replayed events",
  ...opts,
}, async () => {
  await using fake = new FakeStripe();
  await using a = await startTestApp({ WORKER: "off", ...fake.env() });
  fake.webhookUrl = `${a.url}/functions/v1/payments-webhook`;
  const ana = await signUpPerson(a, "StripeAna", "client");
  assertEquals((await planOf(a, ana)).provider, "stripe");

  const co = await apiCall(a, ana, "POST", "/api/plan/checkout", { currency: "USD" }, 201);
  assertEquals([co.provider, co.amount_minor], ["stripe", 1000]);
  const url = String(co.checkout_url);
  assert(url.startsWith(`${fake.url}/checkout/pay/`), url);
  const session = fake.state.objects.get(url.split("/").pop()!)!;
  assertEquals([session.mode, (session.metadata as Record<string, string>).user], [
    "subscription",
    ana.id,
  ]);
  const again = await apiCall(a, ana, "POST", "/api/plan/checkout", { currency: "USD" }, 201);
  assertEquals(again.checkout_url, url, "the same request replays Stripe's session");
  // The page hands over a link to Stripe (a form's redirect stays on this site).
  const viaPage = await postForm(a, ana.token, "/settings/plan", {
    intent: "checkout",
    plan: "pro",
    currency: "USD",
  });
  assertEquals(viaPage.status, 200);
  assert(viaPage.text.includes(url), "the page links to Stripe Checkout");

  const res = await fetch(url, { redirect: "manual" }); // pays; webhooks are delivered
  await res.body?.cancel();
  assertMatch(res.headers.get("location") ?? "", /\/settings\/plan\?cs=cs_test_/);
  let v = await planOf(a, ana);
  assertEquals([v.state, v.plan.id, v.subscription?.provider], ["active", "pro", "stripe"]);
  assertEquals([v.subscription?.amount_minor, v.subscription?.currency], [1000, "USD"]);
  assert(v.subscription?.current_period_end, "the period end from the subscription's items");
  const sub = fake.eventsOf("customer.subscription.created")[0].data.object as Stripe.Subscription;

  const portal = await apiCall(a, ana, "POST", "/api/plan/portal", undefined, 201);
  assert(String(portal.url).startsWith(`${fake.url}/billing/portal/`));
  const portalSession = [...fake.state.objects.values()].find((o) =>
    o.object === "billing_portal.session"
  )!;
  assertEquals(portalSession.customer, sub.customer);

  await apiCall(a, ana, "POST", "/api/plan/cancel", undefined, 200);
  await fake.flush();
  v = await planOf(a, ana);
  assertEquals([v.state, v.plan.id], ["canceling", "pro"]);
  assertEquals(fake.state.objects.get(sub.id)!.cancel_at_period_end, true);
  await apiCall(a, ana, "POST", "/api/plan/resume", undefined, 200);
  await fake.flush();
  assertEquals((await planOf(a, ana)).state, "active");

  // Cancel and keep within one second, delivered in reverse: Stripe's event times are whole
  // seconds, so only the subscription's current state (read when applied) orders them.
  const url0 = fake.webhookUrl;
  fake.webhookUrl = undefined;
  const [cancel] = (await fake.updateSubscription(sub.id, { cancel_at_period_end: true })).events;
  const [keep] = (await fake.updateSubscription(sub.id, { cancel_at_period_end: false })).events;
  keep.created = cancel.created;
  fake.webhookUrl = url0;
  await fake.deliver(keep);
  await fake.deliver(cancel);
  assertEquals((await planOf(a, ana)).state, "active", "kept: the later change wins");

  // A renewal whose payment fails, then Stripe gives up.
  await fake.updateSubscription(sub.id, { status: "past_due" });
  v = await planOf(a, ana);
  assertEquals([v.state, v.plan.id], ["past_due", "pro"]);
  const page = await getPage(a, ana.token, "/settings/plan");
  assert(page.text.includes("update your card") && page.text.includes('value="portal"'));
  await fake.updateSubscription(sub.id, { status: "canceled" });
  v = await planOf(a, ana);
  assertEquals([v.state, v.plan.id], ["free", "free"]);

  // Every event again, 10 times each, at once and shuffled: nothing changes.
  const before = await serviceSql<Record<string, unknown>>(
    a,
    "select * from public.subscriptions where user_id = $1",
    [ana.id],
  );
  const subEvents = fake.eventsOf().filter((e) => e.type.startsWith("customer.subscription"));
  const sent = await fake.deliver(subEvents, { times: 10, seed: 13 });
  assert(sent.every((d) => d.status === 200), JSON.stringify(sent.filter((d) => d.status !== 200)));
  assertEquals(
    await serviceSql(a, "select * from public.subscriptions where user_id = $1", [ana.id]),
    before,
    "replays are duplicates: not even the row's time moves",
  );
  // An event first delivered long after (it carries an old active state): the subscription is
  // read from Stripe as it is now, so the plan stays canceled.
  const late = structuredClone(fake.eventsOf("customer.subscription.updated")[0]);
  late.id = "evt_late_active_copy";
  late.created -= 3600;
  await fake.deliver(late);
  const pick = (rows: Record<string, unknown>[]) =>
    rows.map((r) => [r.status, r.cancel_at_period_end, r.plan_id, r.amount_minor, r.currency]);
  assertEquals(
    pick(await serviceSql(a, "select * from public.subscriptions where user_id = $1", [ana.id])),
    pick(before),
  );
  assertEquals((await planOf(a, ana)).state, "free");
  const stored = await serviceSql<{ n: number }>(
    a,
    `select count(*)::int as n from public.payment_events
      where provider = 'stripe' and type like 'customer.subscription.%'`,
  );
  assertEquals(stored[0].n, subEvents.length + 1, "one row per event id");
});
