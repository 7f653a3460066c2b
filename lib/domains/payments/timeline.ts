/**
 * The booking page's money timeline: one step per state the payment went through or still awaits
 * (unpaid → checkout → held → released | refunded, or disputed → decided, then the payout), each
 * with its date and amount when known. Pure: it reads a `PaymentView` and decides nothing.
 *
 * @module
 */
import type { PaymentRow, PaymentView } from "./mod.ts";

export type StepStatus = "done" | "current" | "upcoming" | "problem";

export interface TimelineStep {
  /** Stable name of the step (keys and tests). */
  key: string;
  label: string;
  at: Date | null;
  amountMinor: number | null;
  status: StepStatus;
  note?: string;
}

export interface TimelineNames {
  client: string;
  musician: string;
  /** When the checkout was first opened (the payment row's creation), if known. */
  openedAt?: Date | null;
}

/** What the musician keeps of the fee once money has left escrow. */
export function musicianShare(p: Pick<PaymentRow, "fee_minor" | "refunded_minor">): number {
  return p.fee_minor - Math.min(p.refunded_minor, p.fee_minor);
}

/** Whether money was ever captured: the payment has a receipt. */
export function wasPaid(view: PaymentView): boolean {
  return Boolean(view.payment?.held_at);
}

function ledgerAt(view: PaymentView, kind: string): Date | null {
  return view.timeline.find((t) => t.what === kind)?.at ?? null;
}

const RESOLUTION: Record<string, string> = {
  released: "Decided: paid to the musician",
  refunded: "Decided: refunded to the client",
  split: "Decided: split between both",
};

export function paymentTimeline(view: PaymentView, names: TimelineNames): TimelineStep[] {
  const p = view.payment;
  const step = (s: Partial<TimelineStep> & Pick<TimelineStep, "key" | "label" | "status">) => ({
    at: null,
    amountMinor: null,
    ...s,
  });
  const release = (status: StepStatus, at: Date | null, note?: string) =>
    step({
      key: "released",
      label: `Released to ${names.musician}`,
      status,
      at,
      amountMinor: p?.fee_minor ?? null,
      note,
    });
  if (!p || p.state === "unpaid") {
    return [
      step({ key: "unpaid", label: "Not paid yet", status: "current" }),
      step({ key: "held", label: "Held safely in escrow", status: "upcoming" }),
      release("upcoming", null),
    ];
  }
  const steps: TimelineStep[] = [];
  const opened = p.state === "checkout_open";
  steps.push(step({
    key: "checkout",
    label: opened ? "Checkout open: waiting for the card payment" : "Checkout opened",
    status: opened ? "current" : "done",
    at: names.openedAt ?? null,
  }));
  if (opened) {
    steps.push(
      step({ key: "held", label: "Held safely in escrow", status: "upcoming" }),
      release("upcoming", null),
    );
    return steps;
  }
  steps.push(step({
    key: "held",
    label: `Paid by ${names.client} and held in escrow`,
    status: "done",
    at: p.held_at ?? ledgerAt(view, "capture"),
    amountMinor: p.total_minor,
  }));
  const settled = ledgerAt(view, "release") ?? ledgerAt(view, "refund") ?? p.settled_at;
  switch (p.state) {
    case "held":
      steps.push(release("upcoming", p.release_at, "automatically, unless someone disputes"));
      break;
    case "disputed":
    case "resolved": {
      const d = view.dispute;
      steps.push(step({
        key: "disputed",
        label: "Dispute opened: money frozen",
        status: p.state === "disputed" ? "current" : "done",
        at: d?.created_at ?? null,
        note: d?.reason,
      }));
      steps.push(
        p.state === "disputed"
          ? step({ key: "resolved", label: "Soundcheck decides", status: "upcoming" })
          : step({
            key: "resolved",
            label: RESOLUTION[p.resolution ?? ""] ?? "Decided",
            status: "done",
            at: d?.decided_at ?? settled,
            amountMinor: musicianShare(p),
            note: d?.note ?? undefined,
          }),
      );
      break;
    }
    case "released":
      steps.push(release("done", settled));
      break;
    case "refunded":
    case "partially_refunded":
      steps.push(step({
        key: "refunded",
        label: p.state === "refunded"
          ? `Refunded to ${names.client}`
          : `Partly refunded to ${names.client}`,
        status: "done",
        at: settled,
        amountMinor: p.refunded_minor,
      }));
      break;
  }
  if (p.payout_state !== "none" && musicianShare(p) > 0) {
    const payout = {
      paid: { label: `Paid out to ${names.musician}`, status: "done" },
      pending: { label: `Payout to ${names.musician} on its way`, status: "current" },
      failed: { label: `Payout to ${names.musician} failed: retrying`, status: "problem" },
    }[p.payout_state] as { label: string; status: StepStatus } | undefined;
    if (payout) {
      steps.push(step({
        key: "payout",
        ...payout,
        at: p.payout_state === "paid" ? ledgerAt(view, "payout") : null,
        amountMinor: musicianShare(p),
        note: p.payout_state === "failed" ? p.payout_error ?? undefined : undefined,
      }));
    }
  }
  return steps;
}
