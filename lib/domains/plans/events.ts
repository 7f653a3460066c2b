/**
 * A provider's subscription event applied to `public.subscriptions` (called by the payments
 * domain's applyEvent, inside its transaction, after the event row is stored once): the state
 * the event carries, by the provider's time of it, so replays and late older events change
 * nothing (private.apply_subscription decides).
 */
import type { Tx } from "../../ports/db/mod.ts";
import type { PaymentEvent, ProviderName } from "../../ports/payments/port.ts";
import type { SubscriptionSnapshot } from "../../ports/payments/billing.ts";
import {
  stripeSubscriptionFromEvent,
  subscriptionIdOf,
  withCurrentSubscription,
} from "../../ports/payments/stripe_billing.ts";
import { builtinSubscriptionFromEvent } from "../../ports/payments/builtin_billing.ts";
import type { PaymentDeps } from "../payments/deps.ts";

export type SubscriptionApplied = "applied" | "stale" | "unknown";

/**
 * A Stripe subscription event with the subscription's current state, read from Stripe before
 * the transaction (never a network call inside one). Stripe stamps events in whole seconds, so
 * two changes in one second (cancel, then keep the plan) are ordered by when each state was
 * read instead. A replay (the event already stored) is left as it is: it will change nothing.
 */
export async function withCurrentState(
  deps: PaymentDeps,
  provider: ProviderName,
  event: PaymentEvent,
): Promise<PaymentEvent> {
  if (provider !== "stripe" || !subscriptionIdOf(event)) return event;
  const [seen] = await deps.db.asService((tx) =>
    tx.query(
      "select 1 from public.payment_events where provider = 'stripe' and event_id = $1",
      [event.id],
    )
  );
  if (seen) return event;
  return await withCurrentSubscription(deps.providers.stripe().client, event);
}

/** The subscription state a verified event carries; null when it is not a subscription event. */
export function subscriptionFromEvent(
  provider: ProviderName,
  event: PaymentEvent,
): SubscriptionSnapshot | null {
  if (provider === "stripe") return stripeSubscriptionFromEvent(event);
  if (provider === "builtin") return builtinSubscriptionFromEvent(event);
  return null;
}

/** Null for an event that is not about a subscription. */
export async function applySubscriptionEvent(
  tx: Tx,
  provider: ProviderName,
  event: PaymentEvent,
): Promise<SubscriptionApplied | null> {
  const s = subscriptionFromEvent(provider, event);
  if (!s) return null;
  const [r] = await tx.query<{ r: SubscriptionApplied }>(
    `select private.apply_subscription($1, $2, $3, $4::uuid, $5, $6, $7, $8::bigint,
       $9::timestamptz, $10::boolean, $11, $12::timestamptz) as r`,
    [
      provider,
      s.subscriptionId,
      s.customerId,
      s.userId,
      s.planId,
      s.status,
      s.currency,
      s.amountMinor,
      s.currentPeriodEnd?.toISOString() ?? null,
      s.cancelAtPeriodEnd,
      s.cardLast4,
      s.at.toISOString(),
    ],
  );
  return r.r;
}
