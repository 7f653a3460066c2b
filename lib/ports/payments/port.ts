/**
 * The payment port: what a payment provider does for an escrowed booking. Adapters: the built-in
 * provider (builtin.ts, offline), Stripe (stripe.ts) and Razorpay (razorpay.ts); mod.ts builds them.
 *
 * Every call that moves money carries an idempotency key, `<booking>:<action>` (a deposit or a
 * balance: `<booking>:<part>:<action>`), so a retried call (a crash between the provider's answer
 * and our commit) never moves money twice.
 */
import { z } from "zod";

export type ProviderName = "builtin" | "stripe" | "razorpay";

export interface CheckoutRequest {
  bookingId: string;
  paymentId: string;
  amountMinor: number;
  currency: string;
  /** Where the provider sends the client back to. */
  returnUrl: string;
  idempotencyKey: string;
  /** The gig's start: Stripe saves the card for one far ahead and charges it near the date. */
  startsAt?: Date | null;
}

export interface Checkout {
  /** The provider's checkout id. */
  ref: string;
  /** The page the client pays on. */
  url: string;
}

/** A verified provider event, normalised. `type` is one of ours or `unknown` (stored, acknowledged). */
export const PaymentEvent = z.object({
  id: z.string().min(1).max(255),
  type: z.enum([
    "payment.succeeded",
    "payment.failed",
    "dispute.created",
    "payout.paid",
    /** The musician's bank refused a payout (Stripe's `payout.failed` on their account). */
    "payout.failed",
    /** A card saved for a later off-session charge (Stripe Checkout in setup mode). */
    "card.saved",
    "unknown",
  ]),
  /** The provider's own type name, kept for the record. */
  providerType: z.string().max(100),
  paymentId: z.string().uuid().nullable(),
  amountMinor: z.number().int().nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/).nullable(),
  providerRef: z.string().max(255).nullable(),
  /** Why the provider refused (a failed payout), in its words. */
  failure: z.string().max(500).nullable().optional(),
  payload: z.record(z.string(), z.unknown()),
});
export type PaymentEvent = z.infer<typeof PaymentEvent>;

export interface TransferRequest {
  bookingId: string;
  paymentId: string;
  amountMinor: number;
  currency: string;
  idempotencyKey: string;
  /** The provider's payment (a Stripe PaymentIntent, a Razorpay `pay_…`): Route releases need it. */
  providerPaymentRef?: string | null;
}

export interface Transfer {
  ref: string;
  /** When the money reaches the musician; the payments sweep settles it then. */
  settlesAt: Date;
}

export interface RefundRequest extends TransferRequest {
  providerPaymentRef: string | null;
}

/** The provider objects the reconcile compares with the ledger. */
export type ProviderObjectKind = "payment" | "refund" | "transfer";

/** A provider's own record of one object, normalised (amounts in minor units). */
export interface ProviderObject {
  kind: ProviderObjectKind;
  ref: string;
  amountMinor: number;
  currency: string;
  /** `reversed`: a transfer taken back in full; `pending`: not final yet. */
  status: "succeeded" | "pending" | "failed" | "reversed";
}

export interface PaymentProvider {
  readonly name: ProviderName;
  openCheckout(req: CheckoutRequest): Promise<Checkout>;
  /** The raw body as received and the request's headers; throws `WebhookRejected` when not genuine. */
  verifyWebhook(rawBody: string, headers: Headers): Promise<PaymentEvent>;
  /** Release: transfer the musician's share. */
  transfer(req: TransferRequest): Promise<Transfer>;
  refund(req: RefundRequest): Promise<{ ref: string }>;
  /** The provider's record of an object we made (the daily reconcile); null when it has none. */
  retrieve(kind: ProviderObjectKind, ref: string): Promise<ProviderObject | null>;
}

/** A webhook whose signature, timestamp or shape is wrong: answered 400, nothing stored. */
export class WebhookRejected extends Error {}

/**
 * `<booking>:<action>`: one provider effect per booking and action, however often retried. A
 * booking paid in two parts has one per part: `<booking>:<part>:<action>`.
 */
export function idempotencyKey(bookingId: string, action: string, part = "full"): string {
  return part === "full" ? `${bookingId}:${action}` : `${bookingId}:${part}:${action}`;
}
