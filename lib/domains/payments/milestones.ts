/**
 * Paying a booking in two parts: a deposit now and the balance later. The amounts and dates
 * here are for pages (the choice, "Balance · due 12 May"); SQL (open_checkout) decides, with
 * the same terms (lib/shared/limits.ts, compared with SQL by tests/integration/limits_sql_test.ts).
 *
 * @module
 */
import {
  BALANCE_DUE_DAYS_BEFORE,
  DEPOSIT_MIN_DAYS_AHEAD,
  DEPOSIT_PERCENT,
} from "../../shared/limits.ts";
import type { PaymentPart, PaymentRow, PaymentView } from "./schemas.ts";

const DAY_MS = 86_400_000;

/** The deposit (the percent of the fee, rounded half up) and the balance (the rest). */
export function depositSplit(feeMinor: number): { deposit: number; balance: number } {
  const deposit = Math.floor((feeMinor * DEPOSIT_PERCENT + 50) / 100);
  return { deposit, balance: feeMinor - deposit };
}

/** A deposit is offered for a gig more than DEPOSIT_MIN_DAYS_AHEAD days ahead (and a fee ≥ 2). */
export function depositOffered(startsAt: Date, feeMinor: number, now = new Date()): boolean {
  const { deposit, balance } = depositSplit(feeMinor);
  return startsAt.getTime() - now.getTime() > DEPOSIT_MIN_DAYS_AHEAD * DAY_MS && deposit > 0 &&
    balance > 0;
}

/** When the balance falls due. */
export function balanceDueAt(startsAt: Date): Date {
  return new Date(startsAt.getTime() - BALANCE_DUE_DAYS_BEFORE * DAY_MS);
}

const ORDER: Record<PaymentPart, number> = { full: 0, deposit: 1, balance: 2 };

/** The booking's parts in the order money is taken from them (the deposit first). */
export function inPartOrder(parts: PaymentRow[]): PaymentRow[] {
  return [...parts].sort((a, b) => ORDER[a.part] - ORDER[b.part]);
}

/** The part a page acts on: the one whose checkout is open, else the first. */
export function focusPart(parts: PaymentRow[]): PaymentRow | null {
  const sorted = inPartOrder(parts);
  return sorted.find((p) => p.state === "checkout_open") ?? sorted[0] ?? null;
}

/** The booking's money as one state: frozen, held, being paid, else the first part's. */
export function overallState(parts: PaymentRow[]): PaymentRow["state"] {
  for (const s of ["disputed", "held", "checkout_open"] as const) {
    if (parts.some((p) => p.state === s)) return s;
  }
  return inPartOrder(parts)[0]?.state ?? "unpaid";
}

/** Every part of the view (a view built by hand may carry only `payment`). */
export function partsOf(view: PaymentView): PaymentRow[] {
  return view.parts ?? (view.payment ? [view.payment] : []);
}

/** The deposit and the balance, when the booking is paid in two parts. */
export function milestones(
  view: PaymentView,
): { deposit: PaymentRow; balance: PaymentRow | null } | null {
  const parts = partsOf(view);
  const deposit = parts.find((p) => p.part === "deposit");
  return deposit ? { deposit, balance: parts.find((p) => p.part === "balance") ?? null } : null;
}

/** Deposit states in which the balance is still owed (SQL: private.deposit_paid). */
export const DEPOSIT_PAID_STATES: readonly PaymentRow["state"][] = [
  "held",
  "released",
  "partially_refunded",
];

/**
 * The balance the client may pay now, else null: the deposit paid and standing (held, or
 * already released), the booking confirmed or completed (the musician played and is owed the
 * rest). Mirrors open_checkout's rule for the page; SQL decides.
 */
export function payableBalance(parts: PaymentRow[], bookingStatus: string): PaymentRow | null {
  const deposit = parts.find((p) => p.part === "deposit");
  const balance = parts.find((p) => p.part === "balance");
  if (!deposit || !balance || !["confirmed", "completed"].includes(bookingStatus)) return null;
  if (!DEPOSIT_PAID_STATES.includes(deposit.state)) return null;
  return balance.state === "unpaid" || balance.state === "checkout_open" ? balance : null;
}

export const PART_LABEL: Record<PaymentPart, string> = {
  full: "Full fee",
  deposit: "Deposit",
  balance: "Balance",
};
