/** Shapes of the payments domain: what the API reads and returns. */
import { z } from "zod";

export const PaymentState = z.enum([
  "unpaid",
  "checkout_open",
  "held",
  "released",
  "refunded",
  "partially_refunded",
  "disputed",
  "resolved",
]);

const Minor = z.coerce.number().int();

/** How a payment covers its booking: the whole fee, or the deposit and then the balance. */
export const PaymentPart = z.enum(["full", "deposit", "balance"]);
export type PaymentPart = z.infer<typeof PaymentPart>;

export const PaymentRow = z.object({
  id: z.string().uuid(),
  booking_id: z.string().uuid(),
  part: PaymentPart.default("full"),
  provider: z.string().nullable(),
  state: PaymentState,
  resolution: z.string().nullable(),
  currency: z.string(),
  fee_minor: Minor,
  platform_fee_minor: Minor,
  provider_fee_minor: Minor,
  total_minor: Minor,
  refunded_minor: Minor,
  payout_state: z.string(),
  payout_error: z.string().nullable(),
  /** After a failed provider call: the next attempt (null: none scheduled). */
  work_retry_at: z.coerce.date().nullish(),
  /** Set once the payments queue stopped retrying; an admin looks. */
  work_gave_up_at: z.coerce.date().nullish(),
  refund_state: z.string(),
  /** A Stripe booking far ahead: its saved card (saved → charged near the date, or failed). */
  charge_state: z.enum(["none", "saved", "charged", "failed"]).default("none"),
  charge_error: z.string().nullish(),
  release_at: z.coerce.date().nullable(),
  /** The balance: when it falls due (null for the other parts). */
  due_at: z.coerce.date().nullish(),
  held_at: z.coerce.date().nullable(),
  settled_at: z.coerce.date().nullable(),
});
export type PaymentRow = z.infer<typeof PaymentRow>;

export const TimelineItem = z.object({
  at: z.coerce.date(),
  what: z.string(),
  amount_minor: Minor.nullable(),
});

export const LedgerLine = z.object({
  kind: z.string(),
  account: z.string(),
  amount_minor: Minor,
  currency: z.string(),
});

export const DisputeRow = z.object({
  id: z.string().uuid(),
  opened_by: z.string().uuid(),
  reason: z.string(),
  state: z.enum(["open", "resolved"]),
  decision: z.string().nullable(),
  musician_share_minor: Minor.nullable(),
  note: z.string().nullable(),
  created_at: z.coerce.date(),
  decided_at: z.coerce.date().nullable(),
});
export type DisputeRow = z.infer<typeof DisputeRow>;

/** A file attached to a dispute (bucket `evidence`); served at /api/bookings/:id/evidence/:id. */
export const EvidenceItem = z.object({
  id: z.string().uuid(),
  booking_id: z.string().uuid(),
  uploaded_as: z.enum(["client", "musician"]),
  name: z.string(),
  content_type: z.string(),
  size_bytes: Minor,
  created_at: z.coerce.date(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

export const PaymentView = z.object({
  booking_id: z.string().uuid(),
  state: PaymentState.describe("The booking's money as one state (disputed, held, open, …)"),
  payment: PaymentRow.nullable()
    .describe("The part in focus: the one whose checkout is open, else the first part"),
  parts: z.array(PaymentRow).optional()
    .describe("Every payment of the booking: one 'full', or a 'deposit' and a 'balance'"),
  ledger: z.array(LedgerLine),
  timeline: z.array(TimelineItem),
  dispute: DisputeRow.nullable(),
  evidence: z.array(EvidenceItem).optional().describe("The dispute's files, oldest first"),
});
export type PaymentView = z.infer<typeof PaymentView>;

export const CheckoutInput = z.object({
  part: PaymentPart.default("full")
    .describe(
      "full, deposit (a gig more than 14 days ahead) or balance (once the deposit is held)",
    ),
}).strict();

export const CheckoutResult = z.object({
  payment: PaymentRow,
  checkout_url: z.string(),
});

export const RefundInput = z.object({
  amount_minor: z.number().int().min(1).max(2_000_000_000).optional()
    .describe("Part of the fee to refund; the whole fee when absent"),
}).strict();

export const DisputeInput = z.object({
  reason: z.string().trim().min(1, "Give a reason").max(2000),
}).strict();

export const ResolveInput = z.object({
  decision: z.enum(["release", "refund", "split"]),
  musician_share_minor: z.number().int().min(1).max(2_000_000_000).optional(),
  note: z.string({ error: "Write a note: both sides read it" }).trim()
    .min(1, "Write a note: both sides read it").max(2000)
    .describe("Why: both parties read it"),
}).strict();
