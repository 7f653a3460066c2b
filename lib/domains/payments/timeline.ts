/**
 * The booking page's money timeline: one step per state the payment went through or still awaits
 * (unpaid → checkout → held → released | refunded, or disputed → decided, then the payout), each
 * with its date and amount when known. A booking paid in two parts shows the deposit and the
 * balance (due, paid, or not paid by the gig), then one outcome covering both. Pure: it reads a
 * `PaymentView` and decides nothing.
 *
 * @module
 */
import type { PaymentRow, PaymentView } from "./schemas.ts";
import { milestones, partsOf } from "./milestones.ts";

export type StepStatus = "done" | "current" | "upcoming" | "problem";

export interface TimelineStep {
  /** Stable name of the step (keys and tests). */
  key: string;
  label: string;
  at: Date | null;
  amountMinor: number | null;
  status: StepStatus;
  note?: string;
  /** Said before the date; by default "Due " for an upcoming step. */
  atPrefix?: string;
}

export interface TimelineNames {
  client: string;
  musician: string;
  /** When the checkout was first opened (the payment row's creation), if known. */
  openedAt?: Date | null;
  /** The gig's start: a balance unpaid by then is "not paid by the gig". */
  startsAt?: Date | null;
  /** The booking was cancelled: an unpaid balance is no longer needed. */
  cancelled?: boolean;
  now?: Date;
}

/** What the musician keeps of the fee once money has left escrow. */
export function musicianShare(p: Pick<PaymentRow, "fee_minor" | "refunded_minor">): number {
  return p.fee_minor - Math.min(p.refunded_minor, p.fee_minor);
}

/** Whether money was ever captured, for any part: the booking has a receipt. */
export function wasPaid(view: PaymentView): boolean {
  return partsOf(view).some((p) => Boolean(p.held_at));
}

/** Money was taken for this part (whatever happened to it since). */
export function captured(p: PaymentRow): boolean {
  return p.state !== "unpaid" && p.state !== "checkout_open";
}

function ledgerAt(view: PaymentView, kind: string, last = false): Date | null {
  const hits = view.timeline.filter((t) => t.what === kind);
  return (last ? hits.at(-1) : hits[0])?.at ?? null;
}

const sum = (parts: PaymentRow[], f: (p: PaymentRow) => number) =>
  parts.reduce((n, p) => n + f(p), 0);

const latest = (dates: (Date | null | undefined)[]): Date | null =>
  dates.reduce<Date | null>((m, d) => (d && (!m || d > m) ? d : m), null);

const RESOLUTION: Record<string, string> = {
  released: "Decided: paid to the musician",
  refunded: "Decided: refunded to the client",
  split: "Decided: split between both",
};
const DECISION: Record<string, string> = {
  release: "released",
  refund: "refunded",
  split: "split",
};

type Step = Partial<TimelineStep> & Pick<TimelineStep, "key" | "label" | "status">;
const step = (s: Step): TimelineStep => ({ at: null, amountMinor: null, ...s });

function release(names: TimelineNames, status: StepStatus, at: Date | null, fee: number | null) {
  const note = status === "upcoming" && at ? "automatically, unless someone disputes" : undefined;
  return step({
    key: "released",
    label: `Released to ${names.musician}`,
    status,
    at,
    amountMinor: fee,
    note,
  });
}

/** After the money was taken: what happened to the captured parts, then the payout. */
function outcome(
  view: PaymentView,
  paid: PaymentRow[],
  names: TimelineNames,
  plannedFee: number,
): TimelineStep[] {
  const steps: TimelineStep[] = [];
  const frozen = paid.filter((p) => p.state === "disputed" || p.state === "resolved");
  const settled = paid.filter((p) =>
    p.state === "released" || p.state === "refunded" || p.state === "partially_refunded"
  );
  const held = paid.filter((p) => p.state === "held");
  const settledAt = ledgerAt(view, "release") ?? ledgerAt(view, "refund") ??
    latest(paid.map((p) => p.settled_at));
  if (frozen.length) {
    const d = view.dispute;
    const open = frozen.some((p) => p.state === "disputed");
    steps.push(step({
      key: "disputed",
      label: "Dispute opened: money frozen",
      status: open ? "current" : "done",
      at: d?.created_at ?? null,
      note: d?.reason,
    }));
    const how = DECISION[d?.decision ?? ""] ?? frozen[0].resolution ?? "";
    steps.push(
      open ? step({ key: "resolved", label: "Soundcheck decides", status: "upcoming" }) : step({
        key: "resolved",
        label: RESOLUTION[how] ?? "Decided",
        status: "done",
        at: d?.decided_at ?? settledAt,
        amountMinor: sum(frozen, musicianShare),
        note: d?.note ?? undefined,
      }),
    );
  }
  if (settled.length) {
    const refunded = sum(settled, (p) => p.refunded_minor);
    steps.push(
      refunded > 0
        ? step({
          key: "refunded",
          label: settled.every((p) => p.state === "refunded")
            ? `Refunded to ${names.client}`
            : `Partly refunded to ${names.client}`,
          status: "done",
          at: settledAt,
          amountMinor: refunded,
        })
        : release(names, "done", settledAt, sum(settled, (p) => p.fee_minor)),
    );
  }
  if (held.length) {
    steps.push(release(names, "upcoming", latest(held.map((p) => p.release_at)), plannedFee));
  }
  const payable = paid.filter((p) => p.payout_state !== "none" && musicianShare(p) > 0);
  if (payable.length) {
    const failed = payable.find((p) => p.payout_state === "failed");
    const pending = payable.some((p) => p.payout_state === "pending");
    const done = !failed && !pending;
    steps.push(step({
      key: "payout",
      ...(failed
        ? { label: `Payout to ${names.musician} failed: retrying`, status: "problem" as const }
        : pending
        ? { label: `Payout to ${names.musician} on its way`, status: "current" as const }
        : { label: `Paid out to ${names.musician}`, status: "done" as const }),
      at: done ? ledgerAt(view, "payout", true) : null,
      amountMinor: sum(payable, musicianShare),
      note: failed?.payout_error ?? undefined,
    }));
  }
  return steps;
}

/** The whole fee at once: checkout, held, then the outcome. */
function fullTimeline(view: PaymentView, p: PaymentRow, names: TimelineNames): TimelineStep[] {
  const opened = p.state === "checkout_open";
  const steps = [step({
    key: "checkout",
    label: opened ? "Checkout open: waiting for the card payment" : "Checkout opened",
    status: opened ? "current" : "done",
    at: names.openedAt ?? null,
  })];
  if (opened) {
    steps.push(
      step({ key: "held", label: "Held safely in escrow", status: "upcoming" }),
      release(names, "upcoming", null, p.fee_minor),
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
  return [...steps, ...outcome(view, [p], names, p.fee_minor)];
}

/** Where an unpaid balance stands. */
type BalanceOutlook = "due" | "cancelled" | "on_hold" | "missed" | "not_paid";

function balanceOutlook(deposit: PaymentRow, names: TimelineNames): BalanceOutlook {
  if (names.cancelled) return "cancelled";
  if (deposit.state === "disputed") return "on_hold";
  if (names.startsAt && names.startsAt <= (names.now ?? new Date())) return "missed";
  // Released or refunded without it: it can no longer be paid.
  return captured(deposit) && deposit.state !== "held" ? "not_paid" : "due";
}

const OUTLOOK: Record<Exclude<BalanceOutlook, "due">, [string, StepStatus]> = {
  cancelled: ["Balance not needed: the booking was cancelled", "upcoming"],
  on_hold: ["Balance on hold while the dispute is open", "upcoming"],
  missed: ["Balance not paid by the gig", "problem"],
  not_paid: ["Balance not paid", "problem"],
};

/** One part of two: paid and held, its checkout open, or (the balance) due or missed. */
function partStep(p: PaymentRow, deposit: PaymentRow, names: TimelineNames): TimelineStep {
  const what = p.part === "deposit" ? "Deposit" : "Balance";
  if (captured(p)) {
    return step({
      key: p.part,
      label: `${what} paid by ${names.client} and held in escrow`,
      status: "done",
      at: p.held_at,
      amountMinor: p.total_minor,
    });
  }
  const outlook = p.part === "balance" ? balanceOutlook(deposit, names) : "due";
  if (outlook !== "due") {
    const [label, status] = OUTLOOK[outlook];
    return step({
      key: p.part,
      label,
      status,
      amountMinor: outlook === "cancelled" ? null : p.total_minor,
    });
  }
  const open = p.state === "checkout_open";
  return step({
    key: p.part,
    label: open ? `${what}: checkout open, waiting for the card payment` : `${what} due`,
    status: open ? "current" : "upcoming",
    at: p.due_at ?? null,
    atPrefix: p.due_at ? "Due " : undefined,
    amountMinor: p.total_minor,
  });
}

export function paymentTimeline(view: PaymentView, names: TimelineNames): TimelineStep[] {
  const p = view.payment;
  if (!p || p.state === "unpaid") {
    return [
      step({ key: "unpaid", label: "Not paid yet", status: "current" }),
      step({ key: "held", label: "Held safely in escrow", status: "upcoming" }),
      release(names, "upcoming", null, null),
    ];
  }
  const two = milestones(view);
  if (!two) return fullTimeline(view, p, names);
  const parts = two.balance ? [two.deposit, two.balance] : [two.deposit];
  const steps = parts.map((x) => partStep(x, two.deposit, names));
  const paid = parts.filter(captured);
  // The release to come covers the balance too while it may still be paid.
  const due = balanceOutlook(two.deposit, names) === "due";
  const planned = sum(
    parts.filter((x) => captured(x) || x.part === "deposit" || due),
    (x) => x.fee_minor,
  );
  if (!paid.length) return [...steps, release(names, "upcoming", null, planned)];
  return [...steps, ...outcome(view, paid, names, planned)];
}
