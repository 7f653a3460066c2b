/**
 * What replacing a payout account does, in words, before it is done. The account is read when a
 * payout is sent (private.payout_route), so every payout not sent yet follows the new one; what
 * was sent stays where it went. A first account (or the same one again) needs no confirmation.
 *
 * @module
 */
import type { Consequences } from "../../shared/consequences.ts";
import type { PayoutSetup } from "./payouts.ts";

/** The confirmation of pointing Razorpay payouts at `accountId`, or null when nothing is replaced. */
export function previewRazorpayChange(
  setup: PayoutSetup,
  accountId: string,
): Consequences | null {
  const now = setup.accounts.find((a) => a.provider === "razorpay");
  if (!now || now.account_id === accountId) return null;
  return {
    title: `Send your Razorpay payouts to ${accountId}?`,
    lines: [
      `Every payout not sent yet goes to ${accountId} instead of ${now.account_id}: money released to you and waiting, later bookings, and any payout tried again after a failure.`,
      `Payouts already sent to ${now.account_id} stay there: Soundcheck cannot move them.`,
      "Check the id against your Razorpay dashboard: a payout sent to a wrong account cannot be taken back from here.",
    ],
    undo:
      `You can switch back to ${now.account_id} here at any time; only payouts sent meanwhile stay where they went.`,
    confirmLabel: `Yes, pay out to ${accountId}`,
    variant: "danger",
  };
}
