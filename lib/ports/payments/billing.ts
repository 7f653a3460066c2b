/**
 * Subscriptions (the song studio's plans) at the payment port: a provider's subscription event,
 * normalised to the state it carries and the provider's time of that state, so the domain can
 * apply it by that time rather than by arrival. Stripe Billing: stripe_billing.ts; the built-in
 * provider: builtin_billing.ts.
 */
import { z } from "zod";

/**
 * Ours, narrower than Stripe's: `unpaid` covers Stripe's incomplete, unpaid and paused (no
 * payment has gone through); `canceled` its incomplete_expired too.
 */
export const SubscriptionStatus = z.enum(["active", "trialing", "past_due", "unpaid", "canceled"]);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;

export interface SubscriptionSnapshot {
  /** Stripe `sub_…`, the built-in provider's `bi_sub_…`. */
  subscriptionId: string;
  customerId: string | null;
  /** From our metadata on the subscription; a later event may omit it. */
  userId: string | null;
  planId: string | null;
  status: SubscriptionStatus;
  currency: string | null;
  amountMinor: number | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  /** The built-in provider's test card, which decides its renewals. */
  cardLast4: string | null;
  /** The provider's time of this state. */
  at: Date;
}

export interface SubscriptionCheckoutRequest {
  userId: string;
  planId: string;
  planName: string;
  amountMinor: number;
  currency: string;
  /** The user's earlier customer at the provider, reused so the portal shows one history. */
  customerId?: string | null;
  email?: string;
  returnUrl: string;
  idempotencyKey: string;
}
