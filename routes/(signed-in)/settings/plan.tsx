/**
 * The plan page (/settings/plan): the plan in effect and what each includes, upgrading to pro
 * (the price shown for confirmation before any money moves), cancelling at the period end (after
 * `?confirm=cancel`, a step saying when access ends and that nothing is refunded; a POST without
 * its `confirm=yes` is a 428 showing that step) or keeping the plan, Stripe's customer portal,
 * and a past-due warning to update the card. Works without JavaScript: each button is a form.
 */
import { define } from "../../../utils.ts";
import { type FreshContext, page } from "../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";
import { HttpError, toHttpError } from "../../../lib/web/errors.ts";
import { flashCookie, seeOther } from "../../../lib/web/respond.ts";
import { paymentDeps } from "../../../lib/domains/payments/mod.ts";
import {
  getPlanView,
  PLAN_PATH,
  PlanCheckoutInput,
  planPortal,
  type PlanView,
  previewPlanCancel,
  priceOf,
  setPlanCancel,
  startPlanCheckout,
} from "../../../lib/domains/plans/mod.ts";
import { formatMoney } from "../../../lib/shared/format.ts";
import { CsrfField } from "../../../components/Field.tsx";
import { Button } from "../../../components/Button.tsx";
import { Card, PageTitle } from "../../../components/Page.tsx";
import { PlanCards, PlanStatus } from "../../../components/PlanCards.tsx";
import { ConfirmStep } from "../../../components/ConfirmStep.tsx";
import type { Blocked, Consequences } from "../../../lib/shared/consequences.ts";
import type { State } from "../../../utils.ts";

interface Data {
  view: PlanView;
  /** The upgrade waiting for confirmation: the price the user is about to agree to. */
  review?: { plan: string; currency: string; amountMinor: number };
  /** A provider page on another site (CSP's form-action keeps redirects on this one). */
  leaveTo?: { url: string; label: string };
  error?: string;
  /** The cancellation's confirmation step: when the plan ends, what is (not) refunded. */
  cancelStep?: Consequences | Blocked;
  /** A cancel came without its confirmation: nothing happened yet. */
  reminder?: boolean;
}

/** The plan page showing the cancellation's confirmation step (409 when there is none to do). */
async function cancelStep(ctx: FreshContext<State>, reminder: boolean) {
  const user = signedIn(ctx.state);
  const view = await getPlanView(paymentDeps(ctx.state.platform), user.claims);
  const step = previewPlanCancel(view, ctx.state.viewerZone ?? null);
  ctx.state.head = { title: "blocked" in step ? "Your plan" : step.title };
  const status = "blocked" in step ? 409 : reminder ? 428 : 200;
  return page<Data>({ view, cancelStep: step, reminder }, { status });
}

const INTENTS = new Set(["review", "checkout", "cancel", "resume", "portal"]);

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    if (ctx.url.searchParams.get("confirm") === "cancel") return await cancelStep(ctx, false);
    return page({ view: await getPlanView(paymentDeps(ctx.state.platform), user.claims) });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const deps = paymentDeps(ctx.state.platform);
    const form = await readForm(ctx.req);
    const intent = String(form.get("intent") ?? "");
    const flash = (text: string) =>
      seeOther(PLAN_PATH, [flashCookie({ kind: "success", text }, ctx.state.secure)]);
    try {
      if (!INTENTS.has(intent)) throw new HttpError(400, "Unknown action", { field: "intent" });
      switch (intent) {
        case "review":
        case "checkout": {
          const input = PlanCheckoutInput.parse({
            plan: form.get("plan") ?? undefined,
            currency: form.get("currency") ?? undefined,
          });
          if (intent === "review") {
            // Nothing is asked of the provider yet: the price, then a confirm button.
            const view = await getPlanView(deps, user.claims);
            const amountMinor = priceOf(view, input.plan, input.currency);
            return page({ view, review: { ...input, amountMinor } });
          }
          const r = await startPlanCheckout(deps, user.claims, input);
          const url = new URL(r.checkout_url, ctx.state.siteUrl);
          if (r.provider === "builtin") return seeOther(url.pathname + url.search);
          return page({
            view: await getPlanView(deps, user.claims),
            leaveTo: { url: url.href, label: "Continue to Stripe to pay" },
          });
        }
        case "cancel":
          // Only the confirmation step's form carries confirm=yes: else show it, change nothing.
          if (form.get("confirm") !== "yes") return await cancelStep(ctx, true);
          await setPlanCancel(deps, user.claims, true);
          return flash("Cancelled: pro stays until the end of the paid month.");
        case "resume":
          await setPlanCancel(deps, user.claims, false);
          return flash("Your plan continues: it renews as before.");
        case "portal": {
          const { url } = await planPortal(deps, user.claims);
          return page({
            view: await getPlanView(deps, user.claims),
            leaveTo: { url, label: "Open Stripe's billing page" },
          });
        }
      }
    } catch (err) {
      const h = toHttpError(err);
      if (!h || h.status >= 500) throw err;
      return page({ view: await getPlanView(deps, user.claims), error: h.message }, {
        status: h.status,
      });
    }
    return seeOther(PLAN_PATH);
  },
});

export default define.page<typeof handler>(function PlanPage({ data, state }) {
  const { view, review, leaveTo, error } = data;
  if (data.cancelStep) {
    return (
      <div class="mx-auto max-w-2xl">
        <ConfirmStep
          preview={data.cancelStep}
          action={PLAN_PATH}
          fields={{ intent: "cancel" }}
          backHref={PLAN_PATH}
          csrf={state.csrf}
          reminder={data.reminder}
        />
      </div>
    );
  }
  return (
    <>
      <PageTitle sub="The song studio's quotas come with your plan.">Your plan</PageTitle>
      {error && <p role="alert" class="mb-4 text-red-700">{error}</p>}
      {leaveTo && (
        <p class="mb-4" data-testid="leave-to">
          <a class="text-indigo-700 underline" href={leaveTo.url}>{leaveTo.label}</a>
        </p>
      )}
      <PlanStatus view={view} csrf={state.csrf} />
      {review
        ? (
          <Card>
            <form method="post" action={PLAN_PATH} class="space-y-3" data-testid="plan-confirm">
              <CsrfField token={state.csrf} />
              <input type="hidden" name="plan" value={review.plan} />
              <input type="hidden" name="currency" value={review.currency} />
              <p>
                You will pay <strong>{formatMoney(review.amountMinor, review.currency)}</strong>
                {" "}
                a month from today, renewed every month until you cancel
                {view.provider === "builtin" ? " (test payments: no real money moves)" : ""}.
              </p>
              <div class="flex gap-2">
                <Button name="intent" value="checkout">Confirm and pay</Button>
                <a class="px-4 py-2 text-indigo-700 underline" href={PLAN_PATH}>Not now</a>
              </div>
            </form>
          </Card>
        )
        : <PlanCards view={view} csrf={state.csrf} />}
    </>
  );
});
