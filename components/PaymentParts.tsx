/**
 * A booking paid in two parts on the booking page: the client's choice (in full, or a deposit
 * now and the balance later), each part's state ("Deposit · held", "Balance · due 12 May") and
 * "Pay the balance". Plain forms posting to the booking page; the fees of a part are confirmed on
 * the next step (PaymentPanel's checkout step) before anything is charged.
 */
import type { JSX } from "preact";
import {
  balanceDueAt,
  depositOffered,
  depositSplit,
  inPartOrder,
  PART_LABEL,
  type PaymentRow,
} from "../lib/domains/payments/mod.ts";
import type { BookingWithParties } from "../lib/domains/gigs/mod.ts";
import { formatDay, formatMoney } from "../lib/shared/format.ts";
import { BALANCE_DUE_DAYS_BEFORE, DEPOSIT_PERCENT } from "../lib/shared/limits.ts";
import { CsrfField } from "./Field.tsx";
import { Button } from "./Button.tsx";

/** The client's first step: how to pay. Without a deposit on offer, the one "Pay" button. */
export function PaymentChoice({ b, csrf, error }: {
  b: BookingWithParties;
  csrf: string;
  error?: string;
}): JSX.Element {
  const fee = formatMoney(b.fee_minor, b.currency);
  const intro = (
    <p>
      Pay {fee} into escrow. Soundcheck holds it safely and pays {b.musician_name}{" "}
      after the gig, unless you raise a problem. You see every fee before you pay.
    </p>
  );
  if (!depositOffered(new Date(b.starts_at), b.fee_minor)) {
    return (
      <form method="post" class="space-y-2">
        <CsrfField token={csrf} />
        {intro}
        <Button name="intent" value="checkout">Pay into escrow</Button>
      </form>
    );
  }
  const { deposit, balance } = depositSplit(b.fee_minor);
  const due = formatDay(balanceDueAt(new Date(b.starts_at)), b.timezone);
  const option = "flex items-start gap-2 rounded-md border border-gray-200 p-3";
  return (
    <form method="post" class="space-y-3" data-testid="pay-choice">
      <CsrfField token={csrf} />
      {intro}
      <fieldset class="space-y-2" aria-describedby={error ? "part-error" : undefined}>
        <legend class="font-semibold">How would you like to pay?</legend>
        <label class={option}>
          <input type="radio" name="part" value="full" checked class="mt-1" />
          <span>Pay in full now: {fee}</span>
        </label>
        <label class={option}>
          <input type="radio" name="part" value="deposit" class="mt-1" />
          <span>
            Pay a{" "}
            {DEPOSIT_PERCENT}% deposit now ({formatMoney(deposit, b.currency)}), the balance
            ({formatMoney(balance, b.currency)}) by {due}, {BALANCE_DUE_DAYS_BEFORE}{" "}
            days before the gig. Each part has its own small platform fee.
          </span>
        </label>
      </fieldset>
      {error && <p id="part-error" role="alert" class="text-red-700">{error}</p>}
      <Button name="intent" value="checkout">Continue</Button>
    </form>
  );
}

function partStatus(p: PaymentRow, b: BookingWithParties, client: boolean): string {
  if (p.part === "balance" && (p.state === "unpaid" || p.state === "checkout_open")) {
    if (b.status === "cancelled") return "not needed: the booking was cancelled";
    const due = p.due_at ?? balanceDueAt(new Date(b.starts_at));
    return new Date(b.starts_at) < new Date()
      ? "not paid"
      : `due ${formatDay(due, b.timezone)}${p.state === "checkout_open" ? " (checkout open)" : ""}`;
  }
  return {
    unpaid: "not paid yet",
    checkout_open: "checkout open",
    held: "held",
    released: client ? "released to the musician" : "released to you",
    refunded: "refunded",
    partially_refunded: "partly refunded",
    disputed: "frozen by a dispute",
    resolved: "decided",
  }[p.state];
}

/** Each part with its amount and state, the deposit first. */
export function PartsList({ parts, b, client }: {
  parts: PaymentRow[];
  b: BookingWithParties;
  client: boolean;
}): JSX.Element {
  return (
    <ul
      class="divide-y divide-gray-100 rounded-md border border-gray-200"
      data-testid="payment-parts"
    >
      {inPartOrder(parts).map((p) => (
        <li key={p.id} class="flex flex-wrap justify-between gap-2 p-3" data-part={p.part}>
          <span>
            <span class="font-medium">{PART_LABEL[p.part]}</span> · {partStatus(p, b, client)}
          </span>
          <span>{formatMoney(client ? p.total_minor : p.fee_minor, p.currency)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The deposit is held and the balance not paid: the client opens its checkout. */
export function PayBalance({ balance, csrf }: { balance: PaymentRow; csrf: string }) {
  return (
    <form method="post" class="space-y-2" data-testid="pay-balance">
      <CsrfField token={csrf} />
      <input type="hidden" name="part" value="balance" />
      <p>
        The balance of {formatMoney(balance.fee_minor, balance.currency)}{" "}
        is still to pay. You see its fees before you pay.
      </p>
      <Button name="intent" value="checkout">Pay the balance</Button>
    </form>
  );
}
