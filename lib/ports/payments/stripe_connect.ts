/**
 * Stripe helpers the payments domain calls beside the port: Connect Express accounts for
 * musicians (create, onboarding link, status from `account.updated`) and the off-session path
 * for bookings far ahead. A card authorisation expires after 7 days, so a booking more than
 * `OFF_SESSION_AFTER_DAYS` ahead saves the card (Checkout in setup mode) and is charged
 * off-session near the date, in the booking's `transfer_group` like a Checkout payment.
 */
import Stripe from "stripe";
import type { PaymentEvent } from "./port.ts";

export const OFF_SESSION_AFTER_DAYS = 6;

/** Whether a booking starting at `startsAt` saves the card now and is charged later. */
export function chargesOffSession(startsAt: Date, now = new Date()): boolean {
  return startsAt.getTime() - now.getTime() > OFF_SESSION_AFTER_DAYS * 24 * 3600_000;
}

// ---- Connect Express ----

export interface ConnectStatus {
  accountId: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  /** Transfers can be sent to it. */
  ready: boolean;
}

export async function createExpressAccount(
  stripe: Stripe,
  p: { profileId: string; email?: string; country?: string; idempotencyKey: string },
): Promise<string> {
  const acct = await stripe.accounts.create({
    type: "express",
    ...(p.country ? { country: p.country } : {}),
    ...(p.email ? { email: p.email } : {}),
    capabilities: { transfers: { requested: true } },
    // The release pays each booking out on its own (stripe.ts), so its payout.paid names it.
    settings: { payouts: { schedule: { interval: "manual" } } },
    metadata: { profile: p.profileId },
  }, { idempotencyKey: p.idempotencyKey });
  return acct.id;
}

/** A one-time onboarding link (they expire: make one per visit, not per account). */
export async function onboardingLink(
  stripe: Stripe,
  p: { accountId: string; returnUrl: string; refreshUrl: string },
): Promise<string> {
  const link = await stripe.accountLinks.create({
    account: p.accountId,
    type: "account_onboarding",
    return_url: p.returnUrl,
    refresh_url: p.refreshUrl,
  });
  return link.url;
}

export function connectStatus(acct: Stripe.Account): ConnectStatus {
  const status = {
    accountId: acct.id,
    chargesEnabled: Boolean(acct.charges_enabled),
    payoutsEnabled: Boolean(acct.payouts_enabled),
    detailsSubmitted: Boolean(acct.details_submitted),
  };
  return { ...status, ready: status.payoutsEnabled && status.detailsSubmitted };
}

export async function fetchConnectStatus(stripe: Stripe, accountId: string) {
  return connectStatus(await stripe.accounts.retrieve(accountId));
}

/** The account status an `account.updated` event carries (a verified, normalised event). */
export function connectStatusFromEvent(event: PaymentEvent): ConnectStatus | null {
  if (event.providerType !== "account.updated") return null;
  const obj = (event.payload as { data?: { object?: Stripe.Account } }).data?.object;
  return obj?.object === "account" ? connectStatus(obj) : null;
}

// ---- saved card, charged off-session ----

export interface SaveCardRequest {
  bookingId: string;
  paymentId: string;
  currency: string;
  /** The client's Stripe customer; made (idempotently) from `email` when absent. */
  customerId?: string;
  email?: string;
  returnUrl: string;
  idempotencyKey: string;
}

/** Checkout in setup mode: the client saves a card for this booking; nothing is charged. */
export async function openSaveCardCheckout(
  stripe: Stripe,
  req: SaveCardRequest,
): Promise<{ ref: string; url: string; customerId: string }> {
  const customerId = req.customerId ?? (await stripe.customers.create(
    { ...(req.email ? { email: req.email } : {}), metadata: { booking: req.bookingId } },
    { idempotencyKey: `${req.idempotencyKey}:customer` },
  )).id;
  const metadata = { booking: req.bookingId, payment: req.paymentId };
  const s = await stripe.checkout.sessions.create({
    mode: "setup",
    currency: req.currency.toLowerCase(),
    customer: customerId,
    setup_intent_data: { metadata },
    metadata,
    success_url: `${req.returnUrl}${
      req.returnUrl.includes("?") ? "&" : "?"
    }cs={CHECKOUT_SESSION_ID}`,
    cancel_url: req.returnUrl,
  }, { idempotencyKey: req.idempotencyKey });
  if (!s.url) throw new Error(`Stripe returned Checkout Session ${s.id} without a url`);
  return { ref: s.id, url: s.url, customerId };
}

/** The card a completed setup-mode session saved (from its `checkout.session.completed`). */
export async function savedCard(
  stripe: Stripe,
  sessionId: string,
): Promise<{ customerId: string; paymentMethodId: string } | null> {
  const s = await stripe.checkout.sessions.retrieve(sessionId, { expand: ["setup_intent"] });
  const si = s.setup_intent as Stripe.SetupIntent | null;
  const pm = typeof si?.payment_method === "string" ? si.payment_method : si?.payment_method?.id;
  const customer = typeof si?.customer === "string" ? si.customer : si?.customer?.id;
  return si?.status === "succeeded" && pm && customer
    ? { customerId: customer, paymentMethodId: pm }
    : null;
}

export type OffSessionResult =
  | { ok: true; ref: string }
  /** Declined or needs the client back on-session (`authentication_required`): tell them. */
  | { ok: false; ref: string | null; code: string; message: string };

/** Charges the saved card near the gig date; money lands in the booking's transfer group. */
export async function chargeOffSession(
  stripe: Stripe,
  req: {
    bookingId: string;
    paymentId: string;
    amountMinor: number;
    currency: string;
    customerId: string;
    paymentMethodId: string;
    idempotencyKey: string;
  },
): Promise<OffSessionResult> {
  try {
    const pi = await stripe.paymentIntents.create({
      amount: req.amountMinor,
      currency: req.currency.toLowerCase(),
      customer: req.customerId,
      payment_method: req.paymentMethodId,
      off_session: true,
      confirm: true,
      transfer_group: req.bookingId,
      metadata: { booking: req.bookingId, payment: req.paymentId },
    }, { idempotencyKey: req.idempotencyKey });
    return { ok: true, ref: pi.id };
  } catch (e) {
    if (!(e instanceof Stripe.errors.StripeCardError)) throw e;
    return {
      ok: false,
      ref: e.payment_intent?.id ?? null,
      code: e.code ?? "card_error",
      message: e.message,
    };
  }
}
