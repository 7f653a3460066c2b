/**
 * The Razorpay adapter: an Order per checkout paid in Razorpay Checkout, Route transfers to the
 * musician's linked account created `on_hold` when the payment is captured, released by editing
 * the transfer (`on_hold: false`), refunds. Razorpay takes no idempotency key on these APIs, so
 * the key goes into each object's notes and a retried call first looks for what it already made
 * (one caller per booking and action at a time: the payments state machine serialises them).
 */
import Razorpay from "razorpay";
import type { Orders } from "razorpay/dist/types/orders";
import type { Transfers } from "razorpay/dist/types/transfers";
import { z } from "zod";
import type {
  Checkout,
  CheckoutRequest,
  PaymentProvider,
  ProviderObject,
  RefundRequest,
  Transfer,
  TransferRequest,
} from "./port.ts";
import {
  type CheckoutReturn,
  verifyCheckoutSignature,
  verifyRazorpayWebhook,
} from "./razorpay_verify.ts";

export { CheckoutReturn, verifyCheckoutSignature } from "./razorpay_verify.ts";

/** The env the Razorpay adapter needs; `RAZORPAY_API_URL` points the SDK at a fake in tests. */
export const RazorpayEnv = z.object({
  RAZORPAY_KEY_ID: z.string().min(1),
  RAZORPAY_KEY_SECRET: z.string().min(1),
  RAZORPAY_WEBHOOK_SECRET: z.string().min(1),
  RAZORPAY_API_URL: z.string().url().optional(),
});
export type RazorpayEnv = z.infer<typeof RazorpayEnv>;

/** Where a booking's musician share goes (the port does not carry it). */
export interface Route {
  account: string;
  amountMinor: number;
}

export interface RazorpayOptions {
  keyId: string;
  keySecret: string;
  webhookSecret: string;
  /** e.g. the fake's `http://127.0.0.1:…`; unset, the SDK's own `https://api.razorpay.com`. */
  apiUrl?: string;
  /** The app's page that opens Razorpay Checkout for an order. */
  checkoutPageUrl(bookingId: string, orderId: string): string;
  /** The musician's linked account and share; null while they have none. */
  routeFor(bookingId: string, paymentId?: string): Promise<Route | null>;
  /** Linked-account settlement after release (Razorpay settles on its own schedule). */
  settlementDelayMs?: number;
  now?: () => number;
}

/** The port's release and refund, plus the Razorpay payment id the port does not carry yet. */
export type RazorpayTransferRequest = TransferRequest & { providerPaymentRef?: string | null };

/** What the checkout page hands Razorpay Checkout (`new Razorpay(data).open()`). */
export interface CheckoutData {
  key: string;
  order_id: string;
  amount: number;
  currency: string;
  callback_url: string;
  notes: Record<string, string | number>;
}

export interface RazorpayProvider extends PaymentProvider {
  readonly name: "razorpay";
  readonly client: Razorpay;
  transfer(req: RazorpayTransferRequest): Promise<Transfer>;
  /** The Checkout options for an order, for the checkout page. */
  checkoutData(orderId: string, callbackUrl: string): Promise<CheckoutData>;
  /** The return route's check of `razorpay_signature`. */
  verifyCheckout(ret: CheckoutReturn): Promise<boolean>;
  /** Captures an authorised payment (manual-capture orders) and holds the musician's share. */
  capture(paymentRef: string, bookingId: string): Promise<void>;
  /** Holds the musician's share of a captured payment, if not held already. */
  holdTransfer(paymentRef: string, bookingId: string, paymentId: string): Promise<string | null>;
}

/** Razorpay has no host option: its axios instance takes a base URL. */
export function razorpayClient(keyId: string, keySecret: string, apiUrl?: string): Razorpay {
  const rzp = new Razorpay({ key_id: keyId, key_secret: keySecret });
  if (apiUrl) {
    (rzp.api as unknown as { rq: { defaults: { baseURL: string } } }).rq.defaults.baseURL = apiUrl;
  }
  return rzp;
}

type Notes = Record<string, string | number>;
const notesOf = (o: { notes?: unknown }): Notes =>
  o.notes && typeof o.notes === "object" && !Array.isArray(o.notes) ? o.notes as Notes : {};

export function createRazorpayProvider(opts: RazorpayOptions): RazorpayProvider {
  const rzp = razorpayClient(opts.keyId, opts.keySecret, opts.apiUrl);
  const now = opts.now ?? Date.now;
  const settleMs = opts.settlementDelayMs ?? 2 * 24 * 3600_000;

  async function transfersOf(paymentRef: string, bookingId: string) {
    const { items } = await rzp.payments.fetchTransfer(paymentRef);
    return items.filter((t) => notesOf(t).booking === bookingId);
  }

  async function holdTransfer(paymentRef: string, bookingId: string, paymentId: string) {
    const existing = await transfersOf(paymentRef, bookingId);
    if (existing.length) return existing[0].id;
    const route = await opts.routeFor(bookingId, paymentId || undefined);
    if (!route) return null; // no linked account yet: release creates the transfer instead
    const p = await rzp.payments.fetch(paymentRef);
    const made = await rzp.payments.transfer(paymentRef, {
      transfers: [{
        account: route.account,
        amount: route.amountMinor,
        currency: p.currency,
        on_hold: true,
        notes: { booking: bookingId, payment: paymentId },
      } as Transfers.RazorpayPaymentCreateRequestBody],
    });
    return made.items[0]?.id ?? null;
  }

  function paymentRefOf(req: RazorpayTransferRequest): string {
    if (!req.providerPaymentRef) {
      throw new Error(`Payment ${req.paymentId}: no Razorpay payment id (pay_…) to act on`);
    }
    return req.providerPaymentRef;
  }

  return {
    name: "razorpay",
    client: rzp,
    async openCheckout(req: CheckoutRequest): Promise<Checkout> {
      const notes = { booking: req.bookingId, payment: req.paymentId, key: req.idempotencyKey };
      const route = await opts.routeFor(req.bookingId, req.paymentId);
      // With a linked account known, Razorpay makes the held transfer itself at capture.
      const body = {
        amount: req.amountMinor,
        currency: req.currency.toUpperCase(),
        receipt: req.paymentId.replaceAll("-", ""),
        notes,
        ...(route
          ? {
            transfers: [{
              account: route.account,
              amount: route.amountMinor,
              currency: req.currency.toUpperCase(),
              on_hold: true,
              notes: { booking: req.bookingId, payment: req.paymentId },
            }],
          }
          : {}),
      };
      const order = await rzp.orders.create(body as Orders.RazorpayOrderCreateRequestBody);
      return { ref: order.id, url: opts.checkoutPageUrl(req.bookingId, order.id) };
    },
    async checkoutData(orderId, callbackUrl) {
      const order = await rzp.orders.fetch(orderId);
      return {
        key: opts.keyId,
        order_id: order.id,
        amount: Number(order.amount),
        currency: order.currency,
        callback_url: callbackUrl,
        notes: notesOf(order),
      };
    },
    verifyCheckout: (ret) => verifyCheckoutSignature(opts.keySecret, ret),
    verifyWebhook: (rawBody, headers) =>
      verifyRazorpayWebhook(opts.webhookSecret, rawBody, headers),
    async capture(paymentRef, bookingId) {
      const p = await rzp.payments.fetch(paymentRef);
      if (p.status === "authorized") await rzp.payments.capture(p.id, p.amount, p.currency);
      await holdTransfer(p.id, bookingId, String(notesOf(p).payment ?? ""));
    },
    holdTransfer,
    async transfer(req: RazorpayTransferRequest): Promise<Transfer> {
      const paymentRef = paymentRefOf(req);
      const settlesAt = new Date(now() + settleMs);
      const mine = await transfersOf(paymentRef, req.bookingId);
      let t = mine[0];
      if (!t) {
        const route = await opts.routeFor(req.bookingId, req.paymentId);
        if (!route) throw new Error(`Booking ${req.bookingId}: the musician has no linked account`);
        const made = await rzp.payments.transfer(paymentRef, {
          transfers: [{
            account: route.account,
            amount: req.amountMinor,
            currency: req.currency.toUpperCase(),
            on_hold: false,
            notes: { booking: req.bookingId, payment: req.paymentId },
          } as Transfers.RazorpayPaymentCreateRequestBody],
        });
        return { ref: made.items[0].id, settlesAt };
      }
      // A split decision releases less than was held: the rest comes back to the platform.
      const net = Number(t.amount) - Number(t.amount_reversed ?? 0);
      if (net < req.amountMinor) {
        throw new Error(`Transfer ${t.id} holds ${net}, less than the ${req.amountMinor} released`);
      }
      if (net > req.amountMinor) {
        await rzp.transfers.reverse(t.id, { amount: net - req.amountMinor });
      }
      if (t.on_hold) t = await rzp.transfers.edit(t.id, { on_hold: false });
      return { ref: t.id, settlesAt };
    },
    async refund(req: RefundRequest): Promise<{ ref: string }> {
      const paymentRef = paymentRefOf(req);
      const { items } = await rzp.payments.fetchMultipleRefund(paymentRef);
      const done = items.find((r) => notesOf(r).key === req.idempotencyKey);
      if (done) return { ref: done.id };
      // Money held for the musician cannot also go back to the client: shrink the hold first.
      const p = await rzp.payments.fetch(paymentRef);
      const left = Number(p.amount) - Number(p.amount_refunded ?? 0) - req.amountMinor;
      for (const t of await transfersOf(paymentRef, req.bookingId)) {
        const net = Number(t.amount) - Number(t.amount_reversed ?? 0);
        if (t.on_hold && net > left) {
          await rzp.transfers.reverse(t.id, { amount: net - Math.max(left, 0) });
        }
      }
      const r = await rzp.payments.refund(paymentRef, {
        amount: req.amountMinor,
        notes: { booking: req.bookingId, payment: req.paymentId, key: req.idempotencyKey },
      });
      return { ref: r.id };
    },
    async retrieve(kind, ref) {
      try {
        return await retrieveRazorpay(rzp, kind, ref);
      } catch (e) {
        // Razorpay answers an unknown id with 400 "The id provided does not exist".
        const err = e as { statusCode?: number; error?: { description?: string } };
        if (err?.statusCode === 404 || /does not exist/i.test(err?.error?.description ?? "")) {
          return null;
        }
        throw e;
      }
    },
  };
}

/** The reconcile's view of a Razorpay payment, refund or Route transfer. */
async function retrieveRazorpay(
  rzp: Razorpay,
  kind: ProviderObject["kind"],
  ref: string,
): Promise<ProviderObject> {
  const base = { kind, ref };
  if (kind === "transfer") {
    const t = await rzp.transfers.fetch(ref);
    const net = Number(t.amount) - Number(t.amount_reversed ?? 0);
    const status = net === 0 ? "reversed" : t.on_hold ? "pending" : "succeeded";
    return { ...base, amountMinor: net, currency: String(t.currency).toUpperCase(), status };
  }
  if (kind === "refund") {
    const r = await rzp.refunds.fetch(ref);
    const status = r.status === "processed"
      ? "succeeded"
      : r.status === "failed"
      ? "failed"
      : "pending";
    return {
      ...base,
      amountMinor: Number(r.amount),
      currency: String(r.currency).toUpperCase(),
      status,
    };
  }
  const p = await rzp.payments.fetch(ref);
  // A refunded payment was still captured: the refund is compared on its own.
  const status = p.status === "captured" || p.status === "refunded"
    ? "succeeded"
    : p.status === "failed"
    ? "failed"
    : "pending";
  return {
    ...base,
    amountMinor: Number(p.amount),
    currency: String(p.currency).toUpperCase(),
    status,
  };
}
