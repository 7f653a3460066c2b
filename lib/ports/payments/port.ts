/**
 * The payment port: what a payment provider does for an escrowed booking. Adapters: the built-in
 * provider (builtin.ts, offline), Stripe (stripe.ts) and Razorpay (razorpay.ts); mod.ts builds them.
 *
 * Every call that moves money carries an idempotency key, `<booking>:<action>`, so a retried call
 * (a crash between the provider's answer and our commit) never moves money twice.
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
    "unknown",
  ]),
  /** The provider's own type name, kept for the record. */
  providerType: z.string().max(100),
  paymentId: z.string().uuid().nullable(),
  amountMinor: z.number().int().nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/).nullable(),
  providerRef: z.string().max(255).nullable(),
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

export interface PaymentProvider {
  readonly name: ProviderName;
  openCheckout(req: CheckoutRequest): Promise<Checkout>;
  /** The raw body as received and the request's headers; throws `WebhookRejected` when not genuine. */
  verifyWebhook(rawBody: string, headers: Headers): Promise<PaymentEvent>;
  /** Release: transfer the musician's share. */
  transfer(req: TransferRequest): Promise<Transfer>;
  refund(req: RefundRequest): Promise<{ ref: string }>;
}

/** A webhook whose signature, timestamp or shape is wrong: answered 400, nothing stored. */
export class WebhookRejected extends Error {}

/** `<booking>:<action>`: one provider effect per booking and action, however often retried. */
export function idempotencyKey(bookingId: string, action: string): string {
  return `${bookingId}:${action}`;
}
