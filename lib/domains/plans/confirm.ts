/**
 * What cancelling the plan does, in words, before it is done (the plan page's confirmation step):
 * when the paid plan ends, what the user is on after, that nothing more is charged and that the
 * month already paid is not refunded, and how to take it back until then.
 *
 * @module
 */
import type { Blocked, Consequences } from "../../shared/consequences.ts";
import { formatDate, formatMoney } from "../../shared/format.ts";
import type { PlanView } from "./schemas.ts";

const songs = (n: number) => `${n} ${n === 1 ? "song" : "songs"} a month`;

/** The confirmation of "cancel at the end of the month" for `view`, dates in zone `tz`. */
export function previewPlanCancel(view: PlanView, tz: string | null): Consequences | Blocked {
  const s = view.subscription;
  if (view.state === "canceling" && s?.current_period_end) {
    return {
      blocked: `Already cancelled: ${view.plan.name} stays until ${
        formatDate(s.current_period_end, tz)
      }, then you are on Free.`,
    };
  }
  if (!s || (view.state !== "active" && view.state !== "trialing")) {
    return { blocked: "You have no running subscription to cancel." };
  }
  const until = s.current_period_end ? formatDate(s.current_period_end, tz) : null;
  const free = view.plans.find((p) => p.prices.every((x) => x.amount_minor === 0));
  const paid = s.amount_minor != null && s.currency
    ? ` (${formatMoney(s.amount_minor, s.currency)})`
    : "";
  const test = s.provider === "builtin" ? " These are test payments: no real money moves." : "";
  return {
    title: `Cancel ${view.plan.name} at the end of the month?`,
    lines: [
      until
        ? `${view.plan.name} stays until ${until}: ${songs(view.plan.songs_per_month)} until then.`
        : `${view.plan.name} stays until the end of the month you paid for.`,
      free
        ? `Then you are on ${free.name}: ${songs(free.songs_per_month)}.`
        : "Then you are on the free plan.",
      `Nothing more is charged. The month already paid${paid} is not refunded.${test}`,
      "Songs and masters you made stay yours, on any plan.",
    ],
    undo: until
      ? `Until ${until} you can keep your plan with one click on this page; it then renews as before.`
      : "Until the month ends you can keep your plan with one click on this page.",
    confirmLabel: "Yes, cancel at the end of the month",
    variant: "danger",
  };
}
