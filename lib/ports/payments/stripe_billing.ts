/**
 * Stripe Billing for the song studio's plans, beside the escrow adapter: Checkout in
 * `subscription` mode (a monthly price made inline from the plan's price), the customer portal
 * (`billing_portal.sessions.create`), cancel at period end and undo, and the
 * `customer.subscription.created/updated/deleted` events read into a SubscriptionSnapshot.
 * The subscription carries `metadata.user` and `metadata.plan`, which is how an event finds its
 * user; an event is applied by the subscription's current state, retrieved when it arrives.
 */
import type Stripe from "stripe";
import { z } from "zod";
import type { PaymentEvent } from "./port.ts";
import type {
  SubscriptionCheckoutRequest,
  SubscriptionSnapshot,
  SubscriptionStatus,
} from "./billing.ts";

export async function openSubscriptionCheckout(
  stripe: Stripe,
  req: SubscriptionCheckoutRequest,
): Promise<{ ref: string; url: string }> {
  const metadata = { user: req.userId, plan: req.planId };
  const back = req.returnUrl;
  const s = await stripe.checkout.sessions.create({
    mode: "subscription",
    client_reference_id: req.userId,
    ...(req.customerId
      ? { customer: req.customerId }
      : req.email
      ? { customer_email: req.email }
      : {}),
    line_items: [{
      price_data: {
        currency: req.currency.toLowerCase(),
        unit_amount: req.amountMinor,
        recurring: { interval: "month" },
        product_data: { name: `Soundcheck ${req.planName}` },
      },
      quantity: 1,
    }],
    subscription_data: { metadata },
    metadata,
    // Kept raw: Stripe fills in `{CHECKOUT_SESSION_ID}` itself.
    success_url: `${back}${back.includes("?") ? "&" : "?"}cs={CHECKOUT_SESSION_ID}`,
    cancel_url: back,
  }, { idempotencyKey: req.idempotencyKey });
  if (!s.url) throw new Error(`Stripe returned Checkout Session ${s.id} without a url`);
  return { ref: s.id, url: s.url };
}

/** A one-time customer-portal link (card, invoices, cancel) that comes back to `returnUrl`. */
export async function portalLink(
  stripe: Stripe,
  customerId: string,
  returnUrl: string,
): Promise<string> {
  const s = await stripe.billingPortal.sessions.create({
    customer: customerId,
    return_url: returnUrl,
  });
  return s.url;
}

/** Cancel at the period end (or undo it); the state itself arrives by webhook. */
export async function setCancelAtPeriodEnd(
  stripe: Stripe,
  subscriptionId: string,
  cancel: boolean,
  idempotencyKey: string,
): Promise<void> {
  await stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: cancel }, {
    idempotencyKey,
  });
}

const STATUS: Record<string, SubscriptionStatus> = {
  active: "active",
  trialing: "trialing",
  past_due: "past_due",
  incomplete: "unpaid",
  unpaid: "unpaid",
  paused: "unpaid",
  canceled: "canceled",
  incomplete_expired: "canceled",
};

const idOf = z.union([z.string(), z.object({ id: z.string() }).transform((o) => o.id)]);

/** The fields read from a Stripe Subscription (the period end moved onto its items in 2025). */
const StripeSubscription = z.object({
  object: z.literal("subscription"),
  id: z.string().min(1).max(255),
  customer: idOf.nullish(),
  status: z.string(),
  cancel_at_period_end: z.boolean().nullish(),
  current_period_end: z.number().int().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  items: z.object({
    data: z.array(z.object({
      current_period_end: z.number().int().nullish(),
      quantity: z.number().int().nullish(),
      price: z.object({
        unit_amount: z.number().int().nullish(),
        currency: z.string().nullish(),
      }).nullish(),
    })),
  }).nullish(),
});

/**
 * Where the subscription as retrieved just before the event is applied rides on its payload: a
 * Stripe event's time is whole seconds, so two changes in one second (cancel, then keep) cannot
 * be ordered by it. The object's current state, stamped with when it was read, can.
 */
const CURRENT = "soundcheck_current";

const Current = z.object({ object: z.unknown(), retrieved_at_ms: z.number().int().positive() });

const SUBSCRIPTION_EVENTS = new Set([
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
]);

/** The subscription id a `customer.subscription.*` event names; null for other events. */
export function subscriptionIdOf(event: PaymentEvent): string | null {
  if (!SUBSCRIPTION_EVENTS.has(event.providerType)) return null;
  const raw = event.payload as { data?: { object?: unknown } };
  const parsed = StripeSubscription.safeParse(raw.data?.object);
  return parsed.success ? parsed.data.id : null;
}

/** The event with the subscription's current state attached (one API call). */
export async function withCurrentSubscription(
  stripe: Stripe,
  event: PaymentEvent,
  now: () => number = Date.now,
): Promise<PaymentEvent> {
  const id = subscriptionIdOf(event);
  if (!id) return event;
  const object = await stripe.subscriptions.retrieve(id);
  return { ...event, payload: { ...event.payload, [CURRENT]: { object, retrieved_at_ms: now() } } };
}

/**
 * A verified `customer.subscription.*` event's state: the subscription as retrieved when it was
 * applied (withCurrentSubscription) at that time, else the event's own object at its `created`
 * second. Null for any other event or shape.
 */
export function stripeSubscriptionFromEvent(event: PaymentEvent): SubscriptionSnapshot | null {
  if (!SUBSCRIPTION_EVENTS.has(event.providerType)) return null;
  const raw = event.payload as { created?: unknown; data?: { object?: unknown } };
  const current = Current.safeParse((event.payload as Record<string, unknown>)[CURRENT]);
  const parsed = StripeSubscription.safeParse(
    current.success ? current.data.object : raw.data?.object,
  );
  const atMs = current.success ? current.data.retrieved_at_ms : Number(raw.created) * 1000;
  if (!parsed.success || !Number.isInteger(atMs)) return null;
  const s = parsed.data;
  const item = s.items?.data[0];
  const periodEnd = item?.current_period_end ?? s.current_period_end ?? null;
  const unit = item?.price?.unit_amount;
  const user = z.string().uuid().safeParse(s.metadata?.user);
  return {
    subscriptionId: s.id,
    customerId: s.customer ?? null,
    userId: user.success ? user.data : null,
    planId: s.metadata?.plan ?? null,
    // A deleted subscription is over whatever status the event's copy still shows.
    status: event.providerType === "customer.subscription.deleted" && !current.success
      ? "canceled"
      : STATUS[s.status] ?? "unpaid",
    currency: item?.price?.currency?.toUpperCase() ?? null,
    amountMinor: typeof unit === "number" ? unit * (item?.quantity ?? 1) : null,
    currentPeriodEnd: periodEnd === null ? null : new Date(periodEnd * 1000),
    cancelAtPeriodEnd: Boolean(s.cancel_at_period_end),
    cardLast4: null,
    at: new Date(atMs),
  };
}
