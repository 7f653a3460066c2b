/** The plan page's parts: the current plan and its state, and the plans side by side. */
import type { JSX } from "preact";
import type { PlanView } from "../lib/domains/plans/mod.ts";
import { formatMoney } from "../lib/shared/format.ts";
import { CsrfField, SelectField } from "./Field.tsx";
import { Button } from "./Button.tsx";
import { Card } from "./Page.tsx";

const day = (d: Date | null) =>
  d
    ? d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })
    : "the end of the period";

function Action(
  { csrf, intent, label, variant = "secondary" }: {
    csrf: string;
    intent: string;
    label: string;
    variant?: "primary" | "secondary" | "danger";
  },
): JSX.Element {
  return (
    <form method="post" action="/settings/plan" class="inline">
      <CsrfField token={csrf} />
      <Button name="intent" value={intent} variant={variant}>{label}</Button>
    </form>
  );
}

/** What the user is on now, and what they can do about it. */
export function PlanStatus({ view, csrf }: { view: PlanView; csrf: string }): JSX.Element {
  const s = view.subscription;
  const stripe = s?.provider === "stripe";
  const price = s?.amount_minor != null && s.currency
    ? `${formatMoney(s.amount_minor, s.currency)} a month`
    : "";
  return (
    <div class="mb-6" data-testid="plan-status" data-state={view.state}>
      <Card>
        <p class="text-lg">
          You are on <strong>{view.plan.name}</strong>: {view.plan.songs_per_month}{" "}
          songs a month in the song studio.
        </p>
        {view.state === "active" || view.state === "trialing"
          ? (
            <>
              <p class="mt-1 text-gray-700">
                {price} · renews on {day(s!.current_period_end)}
                {s!.card_last4 ? ` · card ending ${s!.card_last4}` : ""}
              </p>
              <div class="mt-3 flex flex-wrap gap-2">
                {/* The next page says when the plan ends and what is refunded, before it does. */}
                <form method="get" action="/settings/plan" class="inline">
                  <input type="hidden" name="confirm" value="cancel" />
                  <Button variant="secondary">Cancel at the end of the month…</Button>
                </form>
                {stripe && <Action csrf={csrf} intent="portal" label="Manage billing" />}
              </div>
            </>
          )
          : view.state === "canceling"
          ? (
            <>
              <p class="mt-1 text-gray-700">
                Cancelled: {view.plan.name} stays until{" "}
                {day(s!.current_period_end)}, then you are on Free. Nothing more is charged.
              </p>
              <div class="mt-3">
                <Action csrf={csrf} intent="resume" label="Keep my plan" variant="primary" />
              </div>
            </>
          )
          : view.state === "past_due" || view.state === "unpaid"
          ? (
            <div role="alert" class="mt-3 rounded-md border border-red-300 bg-red-50 p-3">
              <p class="font-medium text-red-900">
                {view.state === "past_due"
                  ? "Your last payment failed: update your card to keep your plan."
                  : "No payment has gone through for your plan: update your card."}
              </p>
              <div class="mt-2">
                {stripe
                  ? (
                    <Action
                      csrf={csrf}
                      intent="portal"
                      label="Update your card"
                      variant="primary"
                    />
                  )
                  : (
                    <a
                      class="text-indigo-700 underline"
                      href={`/pay/plan?currency=${s?.currency ?? "EUR"}`}
                    >
                      Update your card
                    </a>
                  )}
              </div>
            </div>
          )
          : null}
      </Card>
    </div>
  );
}

/** Every plan with what it includes; an upgrade form on the ones the user is not on. */
export function PlanCards({ view, csrf }: { view: PlanView; csrf: string }): JSX.Element {
  const upgradable = view.state === "free" && view.provider !== null;
  return (
    <div class="grid gap-4 sm:grid-cols-2" data-testid="plans">
      {view.plans.map((p) => {
        const paid = p.prices.filter((x) => x.amount_minor > 0);
        const current = p.id === view.plan.id;
        return (
          <Card key={p.id}>
            <h2 class="text-xl font-semibold">
              {p.name}
              {current && <span class="ml-2 text-sm font-normal text-green-700">your plan</span>}
            </h2>
            <p class="text-gray-700">
              {paid.length
                ? paid.map((x) => formatMoney(x.amount_minor, x.currency)).join(" · ") +
                  " a month"
                : "Free"}
            </p>
            <ul class="my-3 list-disc pl-5">
              {p.features.map((f) => <li key={f}>{f}</li>)}
            </ul>
            {upgradable && !current && paid.length > 0 && (
              <form method="post" action="/settings/plan" data-testid={`upgrade-${p.id}`}>
                <CsrfField token={csrf} />
                <input type="hidden" name="plan" value={p.id} />
                <SelectField
                  name="currency"
                  label="Pay in"
                  options={paid.map((x) =>
                    x.currency
                  )}
                  value="EUR"
                  id={`currency-${p.id}`}
                />
                <Button name="intent" value="review">Upgrade to {p.name}</Button>
              </form>
            )}
          </Card>
        );
      })}
    </div>
  );
}
