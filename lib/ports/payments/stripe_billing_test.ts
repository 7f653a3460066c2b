import { assertEquals } from "../../../tests/_helpers/assert.ts";
import type { PaymentEvent } from "./port.ts";
import { stripeSubscriptionFromEvent } from "./stripe_billing.ts";

const user = "7d3f7a52-3f0e-4c51-9d7a-0a4f6f1f0b11";

function event(type: string, object: Record<string, unknown>, created = 1_800_000_000) {
  return {
    id: "evt_1",
    type: "unknown",
    providerType: type,
    paymentId: null,
    amountMinor: null,
    currency: null,
    providerRef: null,
    payload: { id: "evt_1", type, created, data: { object } },
  } satisfies PaymentEvent;
}

const sub = (patch: Record<string, unknown> = {}) => ({
  object: "subscription",
  id: "sub_1",
  customer: "cus_1",
  status: "active",
  cancel_at_period_end: false,
  metadata: { user, plan: "pro" },
  items: {
    data: [{
      current_period_end: 1_802_592_000,
      quantity: 1,
      price: { unit_amount: 900, currency: "eur" },
    }],
  },
  ...patch,
});

Deno.test("stripe billing - a subscription event's state, time and metadata", () => {
  const s = stripeSubscriptionFromEvent(event("customer.subscription.created", sub()));
  assertEquals(s, {
    subscriptionId: "sub_1",
    customerId: "cus_1",
    userId: user,
    planId: "pro",
    status: "active",
    currency: "EUR",
    amountMinor: 900,
    currentPeriodEnd: new Date(1_802_592_000_000),
    cancelAtPeriodEnd: false,
    cardLast4: null,
    at: new Date(1_800_000_000_000),
  });
});

Deno.test("stripe billing - Stripe's statuses in ours; deleted is canceled; others ignored", () => {
  const cases: [string, string, string][] = [
    ["customer.subscription.updated", "past_due", "past_due"],
    ["customer.subscription.updated", "incomplete", "unpaid"],
    ["customer.subscription.updated", "unpaid", "unpaid"],
    ["customer.subscription.updated", "paused", "unpaid"],
    ["customer.subscription.updated", "incomplete_expired", "canceled"],
    ["customer.subscription.updated", "trialing", "trialing"],
    ["customer.subscription.deleted", "active", "canceled"],
  ];
  for (const [type, status, ours] of cases) {
    assertEquals(stripeSubscriptionFromEvent(event(type, sub({ status })))?.status, ours, status);
  }
  assertEquals(stripeSubscriptionFromEvent(event("invoice.paid", sub())), null);
  assertEquals(stripeSubscriptionFromEvent(event("customer.subscription.updated", {})), null);
  const noUser = sub({ metadata: { user: "not-a-uuid" } });
  assertEquals(
    stripeSubscriptionFromEvent(event("customer.subscription.created", noUser))?.userId,
    null,
  );
});

Deno.test("stripe billing - the current state read when applied wins over the event's copy", () => {
  const e = event("customer.subscription.updated", sub({ cancel_at_period_end: true }));
  const current = {
    object: sub({ cancel_at_period_end: false }),
    retrieved_at_ms: 1_800_000_000_123,
  };
  const s = stripeSubscriptionFromEvent({
    ...e,
    payload: { ...e.payload, soundcheck_current: current },
  });
  assertEquals([s?.cancelAtPeriodEnd, s?.at.getTime()], [false, 1_800_000_000_123]);
});
