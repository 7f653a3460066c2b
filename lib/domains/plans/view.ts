/**
 * What a user's plan is: the plan in effect (public.current_plan), their latest subscription,
 * the catalogue with its prices, and where an upgrade would be paid.
 */
import type { Claims, Tx } from "../../ports/db/mod.ts";
import { ProviderUnavailable } from "../../ports/payments/mod.ts";
import { HttpError } from "../../web/errors.ts";
import type { PaymentDeps } from "../payments/deps.ts";
import { Plan, type PlanState, type PlanView, SubscriptionRow } from "./schemas.ts";

export type PlanProvider = "stripe" | "builtin";

/** The plan page, where providers send the user back to. */
export const PLAN_PATH = "/settings/plan";

const SUB_COLUMNS = `id, plan_id, provider, status, currency, amount_minor, current_period_end,
  cancel_at_period_end, card_last4, updated_at`;

/** Where a new subscription is paid: Stripe when configured, else the built-in provider. */
export function planProvider(deps: PaymentDeps): PlanProvider | null {
  for (const name of ["stripe", "builtin"] as const) {
    try {
      deps.providers.get(name);
      return name;
    } catch (err) {
      if (!(err instanceof ProviderUnavailable)) throw err;
    }
  }
  return null;
}

/** The caller's latest subscription, a live one first (admins read others' too: not here). */
export async function latestSubscription(tx: Tx): Promise<SubscriptionRow | null> {
  const [row] = await tx.query(
    `select ${SUB_COLUMNS} from public.subscriptions where user_id = (select auth.uid())
      order by (status <> 'canceled') desc, status_at desc limit 1`,
  );
  return row ? SubscriptionRow.parse(row) : null;
}

export function planState(sub: SubscriptionRow | null): PlanState {
  if (!sub || sub.status === "canceled") return "free";
  if (sub.cancel_at_period_end && (sub.status === "active" || sub.status === "trialing")) {
    return "canceling";
  }
  return sub.status;
}

/** A subscription that is paying or being retried: a second one is refused. */
export const isLive = (s: SubscriptionRow | null): boolean =>
  !!s && ["active", "trialing", "past_due"].includes(s.status);

async function readPlans(tx: Tx): Promise<Plan[]> {
  const rows = await tx.query(
    `select p.id, p.name, p.songs_per_month, array_to_json(p.features) as features,
            coalesce(json_agg(json_build_object('currency', pp.currency,
                       'amount_minor', pp.amount_minor) order by pp.currency)
                     filter (where pp.currency is not null), '[]'::json) as prices
       from public.plans p left join public.plan_prices pp on pp.plan_id = p.id
      group by p.id order by p.sort_order`,
  );
  return rows.map((r) => Plan.parse(r));
}

/** The caller's plan, their subscription and the catalogue. */
export function getPlanView(deps: PaymentDeps, claims: Claims): Promise<PlanView> {
  return deps.db.asUser(claims, async (tx) => {
    const plans = await readPlans(tx);
    const [current] = await tx.query<{ id: string }>("select id from public.current_plan()");
    const subscription = await latestSubscription(tx);
    return {
      plan: plans.find((p) => p.id === current.id) ?? plans[0],
      state: planState(subscription),
      subscription,
      plans,
      provider: planProvider(deps),
    };
  });
}

/** The monthly price of `plan` in `currency`, or a 400 naming the currencies it is sold in. */
export function priceOf(view: PlanView, plan: string, currency: string): number {
  const p = view.plans.find((x) => x.id === plan);
  const price = p?.prices.find((x) => x.currency === currency);
  if (!p || !price) {
    const sold = p?.prices.map((x) => x.currency).join(", ") ?? "";
    throw new HttpError(400, `${p?.name ?? plan} is sold in ${sold}, not ${currency}`, {
      field: "currency",
    });
  }
  return price.amount_minor;
}
