/**
 * Plans through the built-in provider (offline, test cards only): subscribing on its hosted
 * page (routes/pay/plan.tsx), a new card for a past-due subscription, cancel at the period end
 * and undo, and renewals when a period ends. Each is the provider's own signed event, verified
 * and applied exactly as a webhook would be (the same applyEvent), never a direct write.
 */
import { z } from "zod";
import type { Claims } from "../../ports/db/mod.ts";
import {
  type BuiltinSubscription,
  type BuiltinSubscriptionBody,
  RENEWAL_FAILS_CARD,
  signedSubscriptionEvent,
  subscriptionCardOutcome,
} from "../../ports/payments/builtin_billing.ts";
import { HttpError } from "../../web/errors.ts";
import { availableProvider } from "../payments/actions.ts";
import type { PaymentDeps } from "../payments/deps.ts";
import { applyEvent, type ApplyResult } from "../payments/events.ts";
import type { SubscriptionRow } from "./schemas.ts";
import { getPlanView, isLive, priceOf } from "./view.ts";

/** What the hosted page posts. `attempt` (made when the page was shown) makes a resubmit a replay. */
export const BuiltinPayInput = z.object({
  plan: z.enum(["pro"]).default("pro"),
  currency: z.string().regex(/^[A-Z]{3}$/),
  card: z.string().trim().max(40),
  attempt: z.string().uuid(),
  confirmed: z.boolean(),
});
export type BuiltinPayInput = z.infer<typeof BuiltinPayInput>;

export type BuiltinPayOutcome =
  | { ok: true; what: "subscribed" | "card_updated" | "already" }
  | { ok: false; what: "unknown_card" | "declined" | "confirm" };

/** Signs the body with the provider's secret, verifies it as the webhook does, applies it. */
export async function deliverBuiltin(
  deps: PaymentDeps,
  body: BuiltinSubscriptionBody,
): Promise<ApplyResult> {
  const provider = availableProvider(deps, "builtin");
  const { raw, headers } = await signedSubscriptionEvent(deps.providers.builtin.secret, body);
  return await applyEvent(deps, "builtin", await provider.verifyWebhook(raw, headers));
}

/** One calendar month later (the 31st becomes the month's last day, as Stripe does). */
export function addMonth(d: Date): Date {
  const out = new Date(d);
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + 1);
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(d.getUTCDate(), last));
  return out;
}

const last4 = (card: string) => card.replace(/[\s-]/g, "").slice(-4);

/** The provider's copy of a subscription row, for its next event. */
async function providerCopy(
  deps: PaymentDeps,
  claims: Claims,
  sub: SubscriptionRow,
): Promise<BuiltinSubscription> {
  const [r] = await deps.db.asUser(
    claims,
    (tx) =>
      tx.query<{ ref: string; status_at: string | Date }>(
        "select provider_subscription_id as ref, status_at from public.subscriptions where id = $1::uuid",
        [sub.id],
      ),
  );
  return {
    id: r.ref,
    user: claims.sub,
    plan: sub.plan_id,
    status: sub.status,
    currency: sub.currency ?? "EUR",
    amount_minor: sub.amount_minor ?? 0,
    current_period_end: (sub.current_period_end ?? new Date()).toISOString(),
    cancel_at_period_end: sub.cancel_at_period_end,
    card_last4: sub.card_last4,
    // Never before the state it follows, even if this clock is behind.
    at: Math.max(Date.now(), new Date(r.status_at).getTime() + 1),
  };
}

/** The hosted page's payment: subscribe, or pay a past-due renewal with a new card. */
export async function payBuiltinPlan(
  deps: PaymentDeps,
  claims: Claims,
  input: BuiltinPayInput,
): Promise<BuiltinPayOutcome> {
  const view = await getPlanView(deps, claims);
  if (view.provider !== "builtin") throw new HttpError(404, "Checkout not found");
  const sub = view.subscription;
  const pastDue = sub?.provider === "builtin" && sub.status === "past_due";
  if (isLive(sub) && !pastDue) return { ok: true, what: "already" };
  const amount = priceOf(view, input.plan, pastDue ? sub!.currency ?? "" : input.currency);
  const outcome = subscriptionCardOutcome(input.card);
  if (outcome === "unknown") return { ok: false, what: "unknown_card" };
  if (outcome === "decline") return { ok: false, what: "declined" };
  if (outcome === "confirm" && !input.confirmed) return { ok: false, what: "confirm" };
  if (pastDue) {
    const s = await providerCopy(deps, claims, sub!);
    await deliverBuiltin(deps, {
      id: `evt_${s.id}_card_${input.attempt}`,
      type: "subscription.updated",
      data: {
        subscription: {
          ...s,
          status: "active",
          current_period_end: addMonth(new Date(s.current_period_end)).toISOString(),
          card_last4: last4(input.card),
        },
      },
    });
    return { ok: true, what: "card_updated" };
  }
  const id = `bi_sub_${input.attempt}`;
  await deliverBuiltin(deps, {
    id: `evt_${id}_created`,
    type: "subscription.created",
    data: {
      subscription: {
        id,
        user: claims.sub,
        plan: input.plan,
        status: "active",
        currency: input.currency,
        amount_minor: amount,
        current_period_end: addMonth(new Date()).toISOString(),
        cancel_at_period_end: false,
        card_last4: last4(input.card),
        at: Date.now(),
      },
    },
  });
  return { ok: true, what: "subscribed" };
}

/** Cancel at the period end, or keep the plan after all. */
export async function changeBuiltinCancel(
  deps: PaymentDeps,
  claims: Claims,
  sub: SubscriptionRow,
  cancel: boolean,
): Promise<void> {
  const s = await providerCopy(deps, claims, sub);
  await deliverBuiltin(deps, {
    id: `evt_${s.id}_${cancel ? "cancel" : "resume"}_${crypto.randomUUID()}`,
    type: "subscription.updated",
    data: { subscription: { ...s, cancel_at_period_end: cancel } },
  });
}

/** How long a past-due subscription is retried before it is canceled (as current_plan's grace). */
const GRACE_MS = 7 * 86_400_000;

/**
 * The provider's renewals, for subscriptions whose period ended by `now`: canceled if asked to;
 * past_due if the card's renewals fail (4000 0000 0000 0341), then canceled after the grace
 * week; else renewed for a month. Event ids are fixed per period, so two sweeps renew once.
 */
export async function renewBuiltinPlans(
  deps: PaymentDeps,
  now = new Date(),
): Promise<{ renewed: number; failed: number; canceled: number }> {
  const due = await deps.db.asService((tx) =>
    tx.query<{
      ref: string;
      user_id: string;
      plan_id: string;
      status: "active" | "trialing" | "past_due";
      currency: string | null;
      amount_minor: string | number | null;
      current_period_end: string | Date;
      cancel_at_period_end: boolean;
      card_last4: string | null;
      status_at: string | Date;
    }>(
      `select provider_subscription_id as ref, user_id, plan_id, status, currency, amount_minor,
              current_period_end, cancel_at_period_end, card_last4, status_at
         from public.subscriptions
        where provider = 'builtin' and status in ('active', 'trialing', 'past_due')
          and current_period_end <= $1::timestamptz
        order by current_period_end limit 200`,
      [now.toISOString()],
    )
  );
  const counts = { renewed: 0, failed: 0, canceled: 0 };
  for (const r of due) {
    const end = new Date(r.current_period_end);
    const base: BuiltinSubscription = {
      id: r.ref,
      user: r.user_id,
      plan: r.plan_id,
      status: r.status,
      currency: r.currency ?? "EUR",
      amount_minor: Number(r.amount_minor ?? 0),
      current_period_end: end.toISOString(),
      cancel_at_period_end: r.cancel_at_period_end,
      card_last4: r.card_last4,
      at: Math.max(now.getTime(), new Date(r.status_at).getTime() + 1),
    };
    const key = `evt_${r.ref}_${end.getTime()}`;
    let body: BuiltinSubscriptionBody;
    if (r.status === "past_due") {
      if (now.getTime() < end.getTime() + GRACE_MS) continue;
      body = {
        id: `${key}_lapsed`,
        type: "subscription.deleted",
        data: { subscription: { ...base, status: "canceled" } },
      };
      counts.canceled++;
    } else if (r.cancel_at_period_end) {
      body = {
        id: `${key}_ended`,
        type: "subscription.deleted",
        data: { subscription: { ...base, status: "canceled" } },
      };
      counts.canceled++;
    } else if (r.card_last4 === RENEWAL_FAILS_CARD.slice(-4)) {
      body = {
        id: `${key}_failed`,
        type: "subscription.updated",
        data: { subscription: { ...base, status: "past_due" } },
      };
      counts.failed++;
    } else {
      body = {
        id: `${key}_renewed`,
        type: "subscription.updated",
        data: {
          subscription: {
            ...base,
            status: "active",
            current_period_end: addMonth(end).toISOString(),
          },
        },
      };
      counts.renewed++;
    }
    await deliverBuiltin(deps, body);
  }
  return counts;
}
