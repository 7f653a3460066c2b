/**
 * The Stripe adapter (separate charges and transfers): the client pays through Checkout on the
 * platform account, the PaymentIntent's `transfer_group` is the booking, and a release transfers
 * the musician's share to their Connect Express account. Every call carries the port's
 * idempotency key, so a retried call replays Stripe's saved answer instead of moving money again.
 * Connect onboarding and the off-session path live in stripe_connect.ts.
 *
 * When the musician is paid: a transfer lands in the connected account's Stripe balance at once
 * (there is no `transfer.paid` any more), and an automatic payout to their bank bundles many
 * transfers, with nothing of ours on it. So musicians' accounts are made with a manual payout
 * schedule (stripe_connect.ts) and the release pays the share out right after the transfer,
 * with our metadata on the payout: its `payout.paid` (a Connect event, `event.account` set) is
 * the port's `payout.paid` for exactly that payment, as the built-in provider's is.
 */
import Stripe from "stripe";
import { z } from "zod";
import {
  type Checkout,
  type CheckoutRequest,
  PaymentEvent,
  type PaymentProvider,
  type ProviderObject,
  type RefundRequest,
  type Transfer,
  type TransferRequest,
  WebhookRejected,
} from "./port.ts";
import { chargesOffSession, openSaveCardCheckout } from "./stripe_connect.ts";

/** The env the Stripe adapter needs; `STRIPE_API_URL` points the SDK at a fake in tests. */
export const StripeEnv = z.object({
  STRIPE_SECRET_KEY: z.string().min(1),
  STRIPE_WEBHOOK_SECRET: z.string().min(1),
  STRIPE_API_URL: z.string().url().optional(),
});
export type StripeEnv = z.infer<typeof StripeEnv>;

export interface StripeOptions {
  secretKey: string;
  webhookSecret: string;
  /** The Connect endpoint's secret: events on musicians' accounts are signed with it. */
  connectWebhookSecret?: string;
  /** e.g. `http://127.0.0.1:4010` for the fake; unset, the SDK talks to api.stripe.com. */
  apiUrl?: string;
  /** The musician's Connect account for a booking's release (the port does not carry it). */
  destinationFor(bookingId: string): Promise<string | null>;
  /** How long a transfer takes to reach the musician's balance (Stripe does not say). */
  settlementDelayMs?: number;
  /** Seconds a signature stays valid; the SDK's default (300) when unset. */
  toleranceS?: number;
  maxNetworkRetries?: number;
  now?: () => number;
}

export interface StripeProvider extends PaymentProvider {
  readonly name: "stripe";
  /** The configured SDK client, for the Connect and off-session helpers. */
  readonly client: Stripe;
}

/** A configured SDK client; `apiUrl` becomes the SDK's own host/port/protocol options. */
export function stripeClient(
  secretKey: string,
  opts: { apiUrl?: string; maxNetworkRetries?: number } = {},
): Stripe {
  const config: Stripe.StripeConfig = { maxNetworkRetries: opts.maxNetworkRetries ?? 2 };
  if (opts.apiUrl) {
    const u = new URL(opts.apiUrl);
    const protocol = u.protocol === "http:" ? "http" : "https";
    config.host = u.hostname;
    config.port = Number(u.port || (protocol === "http" ? 80 : 443));
    config.protocol = protocol;
  }
  return new Stripe(secretKey, config);
}

export function createStripeProvider(opts: StripeOptions): StripeProvider {
  const stripe = stripeClient(opts.secretKey, opts);
  const now = opts.now ?? Date.now;
  const settleMs = opts.settlementDelayMs ?? 2 * 24 * 3600_000;

  /** A refund names the PaymentIntent; a Checkout Session id is resolved to its intent. */
  async function intentOf(ref: string): Promise<string> {
    if (!ref.startsWith("cs_")) return ref;
    const s = await stripe.checkout.sessions.retrieve(ref);
    const pi = typeof s.payment_intent === "string" ? s.payment_intent : s.payment_intent?.id;
    if (!pi) throw new Error(`Checkout Session ${ref} has no PaymentIntent (not paid yet)`);
    return pi;
  }

  return {
    name: "stripe",
    client: stripe,
    async openCheckout(req: CheckoutRequest): Promise<Checkout> {
      if (req.startsAt && chargesOffSession(req.startsAt, new Date(now()))) {
        // Far ahead: save the card now (setup mode), charged off-session near the date
        // (lib/domains/payments/off_session.ts). Its own key: a later reopening in payment
        // mode must not collide with this request's saved answer.
        const saved = await openSaveCardCheckout(stripe, {
          ...req,
          idempotencyKey: `${req.idempotencyKey}:setup`,
        });
        return { ref: saved.ref, url: saved.url };
      }
      const metadata = { booking: req.bookingId, payment: req.paymentId };
      const s = await stripe.checkout.sessions.create({
        mode: "payment",
        client_reference_id: req.paymentId,
        line_items: [{
          price_data: {
            currency: req.currency.toLowerCase(),
            unit_amount: req.amountMinor,
            product_data: { name: `Booking ${req.bookingId}` },
          },
          quantity: 1,
        }],
        payment_intent_data: { transfer_group: req.bookingId, metadata },
        metadata,
        success_url: withParam(req.returnUrl, "cs", "{CHECKOUT_SESSION_ID}"),
        cancel_url: req.returnUrl,
      }, { idempotencyKey: req.idempotencyKey });
      if (!s.url) throw new Error(`Stripe returned Checkout Session ${s.id} without a url`);
      return { ref: s.id, url: s.url };
    },
    async verifyWebhook(rawBody: string, headers: Headers): Promise<PaymentEvent> {
      const sig = headers.get("stripe-signature");
      if (!sig) throw new WebhookRejected("Missing Stripe-Signature");
      let event: Stripe.Event | undefined;
      let error = "Bad signature";
      // Platform and Connect endpoints sign with their own secrets; one URL may serve both.
      for (const secret of [opts.webhookSecret, opts.connectWebhookSecret]) {
        if (!secret || event) continue;
        try {
          // The worker build Deno loads has only the async (SubtleCrypto) check.
          event = await stripe.webhooks.constructEventAsync(rawBody, sig, secret, opts.toleranceS);
        } catch (e) {
          error = e instanceof Error ? e.message : error;
        }
      }
      if (!event) throw new WebhookRejected(error);
      return normaliseStripeEvent(event);
    },
    async transfer(req: TransferRequest): Promise<Transfer> {
      const destination = await opts.destinationFor(req.bookingId);
      if (!destination) {
        throw new Error(`Booking ${req.bookingId}: the musician has no Stripe account yet`);
      }
      // Stripe keeps idempotency keys for 24 hours: a later retry finds what it made first.
      const made = await stripe.transfers.list({ transfer_group: req.bookingId, limit: 20 });
      const tr = made.data.find((t) => t.metadata?.payment === req.paymentId) ??
        await stripe.transfers.create({
          amount: req.amountMinor,
          currency: req.currency.toLowerCase(),
          destination,
          transfer_group: req.bookingId,
          metadata: { booking: req.bookingId, payment: req.paymentId },
        }, { idempotencyKey: req.idempotencyKey });
      // Paid out to the bank at once, tagged so its `payout.paid` settles this payment. A
      // retry finds the transfer and then makes the payout it missed; after the bank refused
      // one (`payout.failed`, the money back in the balance), a new one with a key of its own.
      const account = { stripeAccount: destination };
      const payouts = (await stripe.payouts.list({ limit: 100 }, account)).data
        .filter((p) => p.metadata?.transfer === tr.id);
      const failed = payouts.filter((p) => p.status === "failed" || p.status === "canceled");
      if (failed.length === payouts.length) {
        await stripe.payouts.create({
          amount: tr.amount - (tr.amount_reversed ?? 0),
          currency: tr.currency,
          metadata: { booking: req.bookingId, payment: req.paymentId, transfer: tr.id },
        }, {
          ...account,
          idempotencyKey: `${req.idempotencyKey}:payout${failed.length ? `:${failed.length}` : ""}`,
        });
      }
      return { ref: tr.id, settlesAt: new Date(now() + settleMs) };
    },
    async refund(req: RefundRequest): Promise<{ ref: string }> {
      if (!req.providerPaymentRef) {
        throw new Error(`Payment ${req.paymentId}: no Stripe PaymentIntent to refund`);
      }
      const r = await stripe.refunds.create({
        payment_intent: await intentOf(req.providerPaymentRef),
        amount: req.amountMinor,
        metadata: { booking: req.bookingId, payment: req.paymentId },
      }, { idempotencyKey: req.idempotencyKey });
      return { ref: r.id };
    },
    async retrieve(kind, ref) {
      try {
        return await retrieveStripe(stripe, kind, ref);
      } catch (e) {
        // Stripe has no such object (deleted, another account, a typo'd ref): that is drift.
        if (e instanceof Stripe.errors.StripeError && e.statusCode === 404) return null;
        throw e;
      }
    },
  };
}

/** The reconcile's view of a PaymentIntent (or Checkout Session), refund or transfer. */
async function retrieveStripe(
  stripe: Stripe,
  kind: ProviderObject["kind"],
  ref: string,
): Promise<ProviderObject> {
  const base = { kind, ref };
  if (kind === "transfer") {
    const t = await stripe.transfers.retrieve(ref);
    const net = t.amount - (t.amount_reversed ?? 0);
    const status = t.reversed || net === 0 ? "reversed" : "succeeded";
    return { ...base, amountMinor: net, currency: t.currency.toUpperCase(), status };
  }
  if (kind === "refund") {
    const r = await stripe.refunds.retrieve(ref);
    const status = r.status === "succeeded"
      ? "succeeded"
      : r.status === "failed" || r.status === "canceled"
      ? "failed"
      : "pending";
    return { ...base, amountMinor: r.amount, currency: r.currency.toUpperCase(), status };
  }
  const pi = ref.startsWith("cs_")
    ? idOf((await stripe.checkout.sessions.retrieve(ref)).payment_intent) ?? ref
    : ref;
  const p = await stripe.paymentIntents.retrieve(pi);
  const status = p.status === "succeeded"
    ? "succeeded"
    : p.status === "canceled"
    ? "failed"
    : "pending";
  return { ...base, amountMinor: p.amount_received, currency: p.currency.toUpperCase(), status };
}

const uuid = z.string().uuid();
type Meta = Stripe.Metadata | null | undefined;

function paymentIdOf(metadata: Meta): string | null {
  const id = metadata?.payment;
  return uuid.safeParse(id).success ? id! : null;
}

function idOf(v: string | { id: string } | null | undefined): string | null {
  return typeof v === "string" ? v : v?.id ?? null;
}

/**
 * A verified Stripe event in the port's terms. Both `checkout.session.completed` and
 * `payment_intent.succeeded` say "paid": the domain applies by state, so the second is a no-op.
 * The reference is always the PaymentIntent, which refunds and disputes name too.
 */
export function normaliseStripeEvent(event: Stripe.Event): PaymentEvent {
  let out: Pick<
    PaymentEvent,
    "type" | "paymentId" | "amountMinor" | "currency" | "providerRef" | "failure"
  > = {
    type: "unknown",
    paymentId: null,
    amountMinor: null,
    currency: null,
    providerRef: null,
  };
  switch (event.type) {
    case "checkout.session.completed": {
      const s = event.data.object;
      // Setup-mode sessions (a saved card) and delayed methods carry no money yet.
      if (s.mode === "setup" && s.status === "complete") {
        out = {
          type: "card.saved",
          paymentId: paymentIdOf(s.metadata),
          amountMinor: null,
          currency: null,
          providerRef: s.id,
        };
      } else if (s.mode === "payment" && s.payment_status === "paid") {
        out = {
          type: "payment.succeeded",
          paymentId: paymentIdOf(s.metadata),
          amountMinor: s.amount_total,
          currency: s.currency?.toUpperCase() ?? null,
          providerRef: idOf(s.payment_intent),
        };
      }
      break;
    }
    case "payment_intent.succeeded":
    case "payment_intent.payment_failed": {
      const pi = event.data.object;
      const ok = event.type === "payment_intent.succeeded";
      out = {
        type: ok ? "payment.succeeded" : "payment.failed",
        paymentId: paymentIdOf(pi.metadata),
        amountMinor: ok ? pi.amount_received : pi.amount,
        currency: pi.currency.toUpperCase(),
        providerRef: pi.id,
      };
      break;
    }
    case "payout.paid":
    case "payout.failed": {
      // Only our payouts (made by `transfer`) name a payment; the ref stays the transfer's.
      const po = event.data.object;
      const paymentId = event.account ? paymentIdOf(po.metadata) : null;
      if (paymentId) {
        out = {
          type: event.type,
          paymentId,
          amountMinor: po.amount,
          currency: po.currency.toUpperCase(),
          providerRef: po.metadata?.transfer ?? po.id,
          failure: event.type === "payout.failed"
            ? (po.failure_message ?? po.failure_code ?? "no reason given").slice(0, 500)
            : null,
        };
      }
      break;
    }
    case "charge.dispute.created": {
      const d = event.data.object;
      // A dispute carries no metadata of ours: the domain finds the payment by its intent.
      out = {
        type: "dispute.created",
        paymentId: paymentIdOf(d.metadata),
        amountMinor: d.amount,
        currency: d.currency.toUpperCase(),
        providerRef: idOf(d.payment_intent),
      };
      break;
    }
  }
  const parsed = PaymentEvent.safeParse({
    id: event.id,
    providerType: event.type.slice(0, 100),
    payload: event as unknown as Record<string, unknown>,
    ...out,
  });
  if (!parsed.success) throw new WebhookRejected("Unexpected Stripe event shape");
  return parsed.data;
}

/** `url` with `key=value` added; the value is kept raw for Stripe's `{CHECKOUT_SESSION_ID}`. */
function withParam(url: string, key: string, value: string): string {
  const [base, hash] = url.split("#", 2);
  const sep = base.includes("?") ? "&" : "?";
  return `${base}${sep}${key}=${value}${hash === undefined ? "" : `#${hash}`}`;
}
