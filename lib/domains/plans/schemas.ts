/** Shapes of the plans domain: what the plan API reads and returns. */
import { z } from "zod";
import { SubscriptionStatus } from "../../ports/payments/billing.ts";

const Minor = z.coerce.number().int();

export const PlanPrice = z.object({
  currency: z.string(),
  amount_minor: Minor.describe("Per month, in minor units"),
});

export const Plan = z.object({
  id: z.string(),
  name: z.string(),
  songs_per_month: z.coerce.number().int().describe("The song studio's quota per UTC month"),
  features: z.array(z.string()),
  prices: z.array(PlanPrice),
});
export type Plan = z.infer<typeof Plan>;

export const SubscriptionRow = z.object({
  id: z.string().uuid(),
  plan_id: z.string(),
  provider: z.enum(["builtin", "stripe"]),
  status: SubscriptionStatus,
  currency: z.string().nullable(),
  amount_minor: Minor.nullable(),
  current_period_end: z.coerce.date().nullable(),
  cancel_at_period_end: z.boolean(),
  card_last4: z.string().nullable(),
  updated_at: z.coerce.date(),
});
export type SubscriptionRow = z.infer<typeof SubscriptionRow>;

/**
 * What the plan page says: `free`; `active`/`trialing`; `canceling` (pro until the period end);
 * `past_due` (a renewal failed: update the card); `unpaid` (no payment went through).
 */
export const PlanState = z.enum(["free", "active", "trialing", "canceling", "past_due", "unpaid"]);
export type PlanState = z.infer<typeof PlanState>;

export const PlanView = z.object({
  plan: Plan.describe("The plan in effect: its quotas apply now"),
  state: PlanState,
  subscription: SubscriptionRow.nullable().describe("The caller's latest subscription"),
  plans: z.array(Plan),
  provider: z.enum(["builtin", "stripe"]).nullable()
    .describe("Where an upgrade is paid; null when payments are not configured here"),
});
export type PlanView = z.infer<typeof PlanView>;

export const PlanAction = z.enum(["checkout", "cancel", "resume", "portal"]);

export const PlanCheckoutInput = z.object({
  plan: z.enum(["pro"]).default("pro"),
  currency: z.string().regex(/^[A-Z]{3}$/, "A currency is three capital letters").default("EUR"),
}).strict();
export type PlanCheckoutInput = z.infer<typeof PlanCheckoutInput>;

export const PlanCheckoutResult = z.object({
  checkout_url: z.string().describe("Where the caller pays (Stripe Checkout or the built-in page)"),
  provider: z.enum(["builtin", "stripe"]),
  amount_minor: Minor,
  currency: z.string(),
});

export const PortalResult = z.object({ url: z.string() });
