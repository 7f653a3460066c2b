/**
 * The song studio's plans for a user: what they are on and what each plan includes, upgrading
 * to pro (Stripe Billing's Checkout when Stripe is configured, else the built-in provider's
 * hosted page), cancelling at the period end or undoing it, and Stripe's customer portal. The
 * subscription's state only ever changes through the provider's verified events
 * (events.ts): these calls ask the provider, they never write the row themselves.
 */
import type { Claims } from "../../ports/db/mod.ts";
import { ProviderUnavailable } from "../../ports/payments/mod.ts";
import {
  openSubscriptionCheckout,
  portalLink,
  setCancelAtPeriodEnd,
} from "../../ports/payments/stripe_billing.ts";
import { HttpError } from "../../web/errors.ts";
import type { PaymentDeps } from "../payments/deps.ts";
import { changeBuiltinCancel } from "./builtin.ts";
import type { PlanCheckoutInput, PlanView } from "./schemas.ts";
import {
  getPlanView,
  isLive,
  PLAN_PATH,
  type PlanProvider,
  planProvider,
  priceOf,
} from "./view.ts";

/** The Stripe client for a Stripe subscription, or a 409 if Stripe is no longer configured. */
function stripe(deps: PaymentDeps) {
  try {
    return deps.providers.stripe().client;
  } catch (err) {
    if (!(err instanceof ProviderUnavailable)) throw err;
    throw new HttpError(409, err.message, { code: "payments_unavailable", field: "provider" });
  }
}

function requireProvider(deps: PaymentDeps): PlanProvider {
  const name = planProvider(deps);
  if (!name) {
    throw new HttpError(409, "Payments are not configured on this server", {
      code: "payments_unavailable",
      field: "provider",
    });
  }
  return name;
}

/** Opens the checkout for an upgrade: where to pay, and how much a month. */
export async function startPlanCheckout(
  deps: PaymentDeps,
  claims: Claims,
  input: PlanCheckoutInput,
) {
  const provider = requireProvider(deps);
  const view = await getPlanView(deps, claims);
  const amount = priceOf(view, input.plan, input.currency);
  if (isLive(view.subscription)) {
    throw new HttpError(409, "You already have a subscription: manage it on the plan page", {
      code: "already_subscribed",
      field: "plan",
    });
  }
  const done = { provider, amount_minor: amount, currency: input.currency };
  if (provider === "builtin") {
    const q = new URLSearchParams({ plan: input.plan, currency: input.currency });
    return { ...done, checkout_url: new URL(`/pay/plan?${q}`, deps.siteUrl).href };
  }
  const plan = view.plans.find((p) => p.id === input.plan)!;
  const last = view.subscription?.provider === "stripe" ? view.subscription : null;
  const [customer] = last
    ? await deps.db.asUser(claims, (tx) =>
      tx.query<{ provider_customer_id: string | null }>(
        "select provider_customer_id from public.subscriptions where id = $1::uuid",
        [last.id],
      ))
    : [];
  const checkout = await openSubscriptionCheckout(stripe(deps), {
    userId: claims.sub,
    planId: plan.id,
    planName: plan.name,
    amountMinor: amount,
    currency: input.currency,
    customerId: customer?.provider_customer_id ?? null,
    email: claims.email,
    returnUrl: new URL(PLAN_PATH, deps.siteUrl).href,
    // The same request in the same state replays Stripe's session; after any change, a new one.
    idempotencyKey: `${claims.sub}:plan:${plan.id}:${input.currency}:${amount}:${
      view.subscription?.updated_at.toISOString() ?? "first"
    }`,
  });
  return { ...done, checkout_url: checkout.url };
}

/** Cancel at the period end (`cancel`), or keep the plan after all. Answers the new view. */
export async function setPlanCancel(
  deps: PaymentDeps,
  claims: Claims,
  cancel: boolean,
): Promise<PlanView> {
  const view = await getPlanView(deps, claims);
  const sub = view.subscription;
  if (!sub || !["active", "trialing"].includes(sub.status)) {
    throw new HttpError(409, "You have no running subscription to change", {
      code: "no_subscription",
      field: "plan",
    });
  }
  if (sub.cancel_at_period_end === cancel) return view;
  if (sub.provider === "builtin") {
    await changeBuiltinCancel(deps, claims, sub, cancel);
  } else {
    const [ids] = await deps.db.asUser(claims, (tx) =>
      tx.query<{ ref: string }>(
        "select provider_subscription_id as ref from public.subscriptions where id = $1::uuid",
        [sub.id],
      ));
    await setCancelAtPeriodEnd(
      stripe(deps),
      ids.ref,
      cancel,
      `${sub.id}:cancel:${cancel}:${sub.updated_at.toISOString()}`,
    );
  }
  return await getPlanView(deps, claims);
}

/** Stripe's customer portal (card, invoices, cancel) for the caller's Stripe subscription. */
export async function planPortal(deps: PaymentDeps, claims: Claims): Promise<{ url: string }> {
  const [row] = await deps.db.asUser(claims, (tx) =>
    tx.query<{ customer: string }>(
      `select provider_customer_id as customer from public.subscriptions
        where user_id = (select auth.uid()) and provider = 'stripe'
          and provider_customer_id is not null
        order by status_at desc limit 1`,
    ));
  if (!row) {
    throw new HttpError(409, "There is nothing to manage at Stripe: use the plan page", {
      code: "no_portal",
      field: "plan",
    });
  }
  const url = await portalLink(
    stripe(deps),
    row.customer,
    new URL(PLAN_PATH, deps.siteUrl).href,
  );
  return { url };
}
