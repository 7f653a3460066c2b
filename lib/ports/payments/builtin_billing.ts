/**
 * The built-in provider's subscriptions, for the song studio's plans: its events are signed like
 * its payment events (builtin.ts: `x-soundcheck-signature`) and go through the same verification,
 * as `subscription.created`, `subscription.updated` (cancel at period end, a renewal, a failed
 * renewal, a new card) and `subscription.deleted`. Each carries the whole subscription and the
 * provider's time in milliseconds, so a late older event changes nothing.
 *
 * Test cards are the payment ones (4242… subscribes; 0002 declined; 3220 asks to confirm), plus
 * 4000 0000 0000 0341, which subscribes but whose renewals fail (→ past_due).
 */
import { z } from "zod";
import { type CardOutcome, cardOutcome, SIGNATURE_HEADER, signBuiltin } from "./builtin.ts";
import type { PaymentEvent } from "./port.ts";
import { type SubscriptionSnapshot, SubscriptionStatus } from "./billing.ts";

export const RENEWAL_FAILS_CARD = "4000000000000341";

/** A card on the hosted subscription page: the payment outcomes, or one whose renewals fail. */
export function subscriptionCardOutcome(number: string): CardOutcome | "renewal_fails" {
  return number.replace(/[\s-]/g, "") === RENEWAL_FAILS_CARD
    ? "renewal_fails"
    : cardOutcome(number);
}

export const BuiltinSubscription = z.object({
  id: z.string().regex(/^bi_sub_[A-Za-z0-9_-]{1,100}$/),
  user: z.string().uuid(),
  plan: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/),
  status: SubscriptionStatus,
  currency: z.string().regex(/^[A-Z]{3}$/),
  amount_minor: z.number().int().min(0),
  current_period_end: z.string().datetime(),
  cancel_at_period_end: z.boolean(),
  card_last4: z.string().regex(/^[0-9]{4}$/).nullable(),
  /** The provider's time of this state, in ms. */
  at: z.number().int().positive(),
});
export type BuiltinSubscription = z.infer<typeof BuiltinSubscription>;

export const SUBSCRIPTION_EVENT_TYPES = [
  "subscription.created",
  "subscription.updated",
  "subscription.deleted",
] as const;

export interface BuiltinSubscriptionBody {
  id: string;
  type: typeof SUBSCRIPTION_EVENT_TYPES[number];
  data: { subscription: BuiltinSubscription };
}

/** The request the provider sends for `body`: the raw body and its signature header. */
export async function signedSubscriptionEvent(
  secret: string,
  body: BuiltinSubscriptionBody,
): Promise<{ raw: string; headers: Headers }> {
  const raw = JSON.stringify(body);
  const headers = new Headers({
    "content-type": "application/json",
    [SIGNATURE_HEADER]: await signBuiltin(secret, raw),
  });
  return { raw, headers };
}

/** A verified built-in subscription event's state; null for any other event or shape. */
export function builtinSubscriptionFromEvent(event: PaymentEvent): SubscriptionSnapshot | null {
  if (!(SUBSCRIPTION_EVENT_TYPES as readonly string[]).includes(event.providerType)) return null;
  const data = (event.payload as { data?: { subscription?: unknown } }).data;
  const parsed = BuiltinSubscription.safeParse(data?.subscription);
  if (!parsed.success) return null;
  const s = parsed.data;
  return {
    subscriptionId: s.id,
    customerId: null,
    userId: s.user,
    planId: s.plan,
    status: event.providerType === "subscription.deleted" ? "canceled" : s.status,
    currency: s.currency,
    amountMinor: s.amount_minor,
    currentPeriodEnd: new Date(s.current_period_end),
    cancelAtPeriodEnd: s.cancel_at_period_end,
    cardLast4: s.card_last4,
    at: new Date(s.at),
  };
}
