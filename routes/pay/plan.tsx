/**
 * The built-in provider's hosted subscription checkout (/pay/plan?plan=pro&currency=EUR): the
 * signed-in user enters a test card (lib/ports/payments/builtin_billing.ts) and the outcome
 * reaches the app as the provider's signed subscription event, verified and applied like any
 * webhook. A past-due subscription's user pays its renewal here with a new card.
 */
import { z } from "zod";
import { define, type State } from "../../utils.ts";
import { page } from "../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../lib/web/guards.ts";
import { readForm } from "../../lib/web/body.ts";
import { notFound } from "../../lib/web/params.ts";
import { flashCookie, seeOther } from "../../lib/web/respond.ts";
import { paymentDeps } from "../../lib/domains/payments/mod.ts";
import {
  BuiltinPayInput,
  getPlanView,
  payBuiltinPlan,
  PLAN_PATH,
  type PlanView,
} from "../../lib/domains/plans/mod.ts";
import { formatMoney } from "../../lib/shared/format.ts";
import { CsrfField } from "../../components/Field.tsx";
import { Button } from "../../components/Button.tsx";
import { PageTitle } from "../../components/Page.tsx";
import { TestCardField } from "../../components/TestCardField.tsx";

interface Data {
  view: PlanView;
  plan: string;
  currency: string;
  amountMinor: number;
  /** Made when the page is shown: a resubmitted form is the same payment. */
  attempt: string;
  pastDue: boolean;
  step: "card" | "confirm";
  card?: string;
  error?: string;
}

const Query = z.object({
  plan: z.enum(["pro"]).catch("pro"),
  currency: z.string().regex(/^[A-Z]{3}$/).catch("EUR"),
});

const ERRORS = {
  unknown_card: { status: 400, text: "Use one of the test cards" },
  declined: { status: 402, text: "The card was declined" },
} as const;

async function load(state: State, q: { plan: string; currency: string }) {
  const user = signedIn(state);
  const view = await getPlanView(paymentDeps(state.platform), user.claims);
  if (view.provider !== "builtin") throw notFound("Checkout");
  const sub = view.subscription;
  const pastDue = sub?.provider === "builtin" && sub.status === "past_due";
  const currency = pastDue && sub?.currency ? sub.currency : q.currency;
  const price = view.plans.find((p) => p.id === q.plan)?.prices.find((x) =>
    x.currency === currency
  );
  if (!price) throw notFound("Price");
  return { user, view, pastDue, currency, amountMinor: price.amount_minor };
}

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const q = Query.parse(Object.fromEntries(ctx.url.searchParams));
    const l = await load(ctx.state, q);
    return page({
      view: l.view,
      plan: q.plan,
      currency: l.currency,
      amountMinor: l.amountMinor,
      attempt: crypto.randomUUID(),
      pastDue: l.pastDue,
      step: "card",
    });
  },
  async POST(ctx) {
    const form = await readForm(ctx.req);
    const q = Query.parse({ plan: form.get("plan"), currency: form.get("currency") });
    const l = await load(ctx.state, q);
    const parsed = BuiltinPayInput.safeParse({
      plan: q.plan,
      currency: l.currency,
      card: String(form.get("card") ?? ""),
      attempt: String(form.get("attempt") ?? ""),
      confirmed: form.get("intent") === "confirm",
    });
    const base = {
      view: l.view,
      plan: q.plan,
      currency: l.currency,
      amountMinor: l.amountMinor,
      attempt: parsed.success ? parsed.data.attempt : crypto.randomUUID(),
      pastDue: l.pastDue,
    };
    if (!parsed.success) {
      return page({ ...base, step: "card", error: "Enter a test card number" }, { status: 400 });
    }
    const r = await payBuiltinPlan(paymentDeps(ctx.state.platform), l.user.claims, parsed.data);
    if (r.ok) {
      const text = r.what === "card_updated"
        ? "Card updated: your plan continues."
        : r.what === "subscribed"
        ? "Welcome to Pro! Your new quotas apply now."
        : "You already have this plan.";
      return seeOther(PLAN_PATH, [flashCookie({ kind: "success", text }, ctx.state.secure)]);
    }
    if (r.what === "confirm") return page({ ...base, step: "confirm", card: parsed.data.card });
    const e = ERRORS[r.what];
    return page({ ...base, step: "card", error: e.text }, { status: e.status });
  },
});

export default define.page<typeof handler>(function PayPlanPage({ data, state }) {
  const price = formatMoney(data.amountMinor, data.currency);
  const hidden = (
    <>
      <CsrfField token={state.csrf} />
      <input type="hidden" name="plan" value={data.plan} />
      <input type="hidden" name="currency" value={data.currency} />
      <input type="hidden" name="attempt" value={data.attempt} />
    </>
  );
  return (
    <>
      <PageTitle sub="Soundcheck test payments: no real money moves">
        {data.pastDue ? "Update your card" : "Subscribe to Pro"}
      </PageTitle>
      <p class="mb-4" data-testid="plan-price">
        {price} a month{data.pastDue ? ", starting with the renewal that failed" : ""}.
      </p>
      {data.error && <p role="alert" class="mb-4 text-red-700">{data.error}</p>}
      {data.step === "confirm"
        ? (
          <form method="post" action="/pay/plan">
            {hidden}
            <input type="hidden" name="card" value={data.card} />
            <p>Your bank asks you to confirm this payment.</p>
            <Button name="intent" value="confirm">Confirm payment</Button>
          </form>
        )
        : (
          <form method="post" action="/pay/plan" class="max-w-md space-y-3">
            {hidden}
            <TestCardField />
            <Button name="intent" value="pay">Pay {price}</Button>
          </form>
        )}
      <p class="mt-4 text-sm">
        <a class="text-indigo-700 underline" href={PLAN_PATH}>Back to your plan</a>
      </p>
    </>
  );
});
