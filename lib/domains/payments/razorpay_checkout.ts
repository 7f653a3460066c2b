/**
 * The in-app page that opens Razorpay Checkout for a booking's order, and what its handler posts
 * back. Checkout.js hands `razorpay_payment_id`, `razorpay_order_id` and `razorpay_signature` to
 * the page's handler, which posts them as a same-origin form (with the CSRF field) to the return
 * route. The return trusts nothing until the signature checks out; then it captures if the
 * adapter needs to. The money state moves only with the signed `payment.captured` webhook.
 */
import type { Claims } from "../../ports/db/mod.ts";
import type { RazorpayProvider } from "../../ports/payments/mod.ts";
import { CheckoutReturn } from "../../ports/payments/razorpay_verify.ts";
import { HttpError } from "../../web/errors.ts";
import type { PaymentDeps } from "./deps.ts";
import { availableProvider } from "./actions.ts";

/** What `new Razorpay(options)` gets on the page (the handler is added by the page's script). */
export interface RazorpayOptions {
  key: string;
  order_id: string;
  amount: number;
  currency: string;
  name: string;
  description: string;
  prefill: { email?: string };
  notes: Record<string, string | number>;
}

export interface RazorpayCheckoutView {
  bookingId: string;
  state: string;
  totalMinor: number;
  currency: string;
  /** Null once the checkout is no longer open (paid, or replaced by a newer order). */
  options: RazorpayOptions | null;
  /** True when Razorpay did not answer for the order: the page asks to try again shortly. */
  unavailable?: boolean;
}

interface OrderRow {
  payment_id: string;
  client_id: string;
  state: string;
  provider: string | null;
  order_id: string | null;
  total_minor: string;
  currency: string;
  gig_title: string | null;
}

/**
 * The booking's Razorpay payment as its client sees it: 404 for anyone else. Of a booking paid in
 * two parts, the one whose order is `orderId`, else the one being paid (its checkout open).
 */
async function clientsOrder(
  deps: PaymentDeps,
  claims: Claims,
  bookingId: string,
  orderId: string | null,
) {
  const [row] = await deps.db.asUser(claims, (tx) =>
    tx.query<OrderRow>(
      `select p.id as payment_id, b.client_id, p.state, p.provider,
              p.provider_checkout_id as order_id, p.total_minor, p.currency, g.title as gig_title
         from public.payments p join public.bookings b on b.id = p.booking_id
         left join public.gigs g on g.id = b.gig_id
        where p.booking_id = $1::uuid
        order by p.provider_checkout_id is not distinct from $2 desc,
                 p.state = 'checkout_open' desc, p.created_at
        limit 1`,
      [bookingId, orderId],
    ));
  // The musician sees the payment too, but only the client pays: the same 404 as a stranger.
  if (!row || row.provider !== "razorpay" || row.client_id !== claims.sub) {
    throw new HttpError(404, "Checkout not found", { field: "id" });
  }
  return row;
}

function razorpay(deps: PaymentDeps): RazorpayProvider {
  availableProvider(deps, "razorpay"); // a 409 naming the missing configuration
  return deps.providers.razorpay();
}

/** The page's data: Checkout's options for the booking's current order, if still open. */
export async function razorpayCheckout(
  deps: PaymentDeps,
  claims: Claims,
  bookingId: string,
  orderId: string | null,
): Promise<RazorpayCheckoutView> {
  const row = await clientsOrder(deps, claims, bookingId, orderId);
  const view = {
    bookingId,
    state: row.state,
    totalMinor: Number(row.total_minor),
    currency: row.currency,
  };
  // A stale link (an older order of a reopened checkout) must not be paid a second time.
  if (row.state !== "checkout_open" || !row.order_id || (orderId && orderId !== row.order_id)) {
    return { ...view, options: null };
  }
  const provider = razorpay(deps);
  let data;
  try {
    data = await provider.checkoutData(row.order_id, "");
  } catch {
    return { ...view, options: null, unavailable: true };
  }
  return {
    ...view,
    options: {
      key: data.key,
      order_id: data.order_id,
      amount: data.amount,
      currency: data.currency,
      name: "Soundcheck",
      description: row.gig_title ? `Booking: ${row.gig_title}`.slice(0, 255) : "Booking",
      prefill: claims.email ? { email: claims.email } : {},
      notes: data.notes,
    },
  };
}

/** A return whose signature or order is wrong: answered 400, nothing changed. */
/** Checkout's answer refused (400), or Razorpay not answering after a valid one (502). */
export class CheckoutReturnRejected extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
  }
}

/**
 * Checkout's answer, posted by the page: the signature must be HMAC-SHA256(key secret,
 * "order_id|payment_id") and the order this booking's open one. Then the payment is captured if
 * the order left it authorised (and the musician's share held); the webhook marks the funds held.
 */
export async function razorpayReturn(
  deps: PaymentDeps,
  claims: Claims,
  bookingId: string,
  input: Record<string, unknown>,
): Promise<{ paymentRef: string }> {
  const order = input.razorpay_order_id;
  const row = await clientsOrder(deps, claims, bookingId, typeof order === "string" ? order : null);
  const parsed = CheckoutReturn.safeParse(input);
  if (!parsed.success) {
    throw new CheckoutReturnRejected(
      "Razorpay's answer is incomplete or malformed (payment id, order id and signature)",
    );
  }
  const provider = razorpay(deps);
  if (!await provider.verifyCheckout(parsed.data)) {
    throw new CheckoutReturnRejected(
      "Razorpay's signature does not match this payment: nothing was changed",
    );
  }
  // An older order of this booking (the checkout was reopened meanwhile) was still paid: its
  // webhook holds the funds the same way, so it is accepted; another booking's is not.
  if (parsed.data.razorpay_order_id !== row.order_id) {
    const order = await unlessRazorpayFails(() =>
      provider.client.orders.fetch(parsed.data.razorpay_order_id)
    );
    const notes = order.notes as Record<string, unknown> | undefined;
    if (notes?.booking !== bookingId || notes?.payment !== row.payment_id) {
      throw new CheckoutReturnRejected("The payment is for another booking's order");
    }
  }
  await unlessRazorpayFails(() => provider.capture(parsed.data.razorpay_payment_id, bookingId));
  return { paymentRef: parsed.data.razorpay_payment_id };
}

/**
 * Razorpay unreachable or refusing after a valid signature: the client is told plainly what it
 * means for their money (a 502 page, not a bare 500); the webhook still holds a captured payment.
 */
async function unlessRazorpayFails<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof CheckoutReturnRejected || err instanceof HttpError) throw err;
    throw new CheckoutReturnRejected(
      "Razorpay has not confirmed this payment yet. If your card was charged, this booking shows " +
        "the money as held within a few minutes; if not, please try again.",
      502,
    );
  }
}
