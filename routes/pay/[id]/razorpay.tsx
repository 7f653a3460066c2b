/**
 * Razorpay Checkout for a booking (/pay/<booking>/razorpay?order=…): the page loads Checkout.js
 * (RAZORPAY_CHECKOUT_JS_URL, allowed in the CSP) and opens it for the booking's order; Checkout's
 * handler posts its answer here as a same-origin form with the CSRF field, like the built-in
 * checkout's forms. A good signature sends the client back to the booking page while the webhook
 * confirms the payment; a bad one is a 400 naming the problem, with nothing changed.
 */
import { define } from "../../../utils.ts";
import { page } from "../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { readForm } from "../../../lib/web/body.ts";
import { parseId } from "../../../lib/web/params.ts";
import { flashCookie, seeOther } from "../../../lib/web/respond.ts";
import { paymentDeps } from "../../../lib/domains/payments/mod.ts";
import {
  CheckoutReturnRejected,
  razorpayCheckout,
  type RazorpayCheckoutView,
  razorpayReturn,
} from "../../../lib/domains/payments/razorpay_checkout.ts";
import { formatMoney, statusLabel } from "../../../lib/shared/format.ts";
import { CsrfField } from "../../../components/Field.tsx";
import { PageTitle } from "../../../components/Page.tsx";

interface Data {
  view: RazorpayCheckoutView;
  scriptUrl: string;
  nonce: string;
  error?: string;
}

const RETURN_FIELDS = ["razorpay_payment_id", "razorpay_order_id", "razorpay_signature"];

/**
 * Opens Checkout on the button and posts its answer back. It runs after Checkout.js (a classic
 * script earlier in the page), so `Razorpay` is defined unless the script failed to load.
 */
const OPEN_CHECKOUT = `
const o = JSON.parse(document.getElementById("rzp-options").textContent);
const form = document.getElementById("rzp-return");
const button = document.getElementById("rzp-pay");
o.handler = (r) => {
  for (const k of ${JSON.stringify(RETURN_FIELDS)}) form.elements[k].value = r[k] || "";
  form.submit();
};
if (typeof Razorpay === "function") {
  const checkout = new Razorpay(o);
  button.addEventListener("click", (e) => { e.preventDefault(); checkout.open(); });
  button.disabled = false;
  button.dataset.ready = "1";
}`;

/** JSON safe inside a `<script>` element (no `</script>` or `<!--` can be formed). */
const scriptJson = (v: unknown) => JSON.stringify(v).replaceAll("<", "\\u003c");

export const handler = define.handlers<Data>({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Booking");
    const { platform } = ctx.state;
    const order = ctx.url.searchParams.get("order");
    const view = await razorpayCheckout(paymentDeps(platform), user.claims, id, order);
    const scriptUrl = platform.config.RAZORPAY_CHECKOUT_JS_URL;
    return page({ view, scriptUrl, nonce: ctx.nonce });
  },
  async POST(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Booking");
    const { platform } = ctx.state;
    const deps = paymentDeps(platform);
    const form = await readForm(ctx.req);
    const input = Object.fromEntries(RETURN_FIELDS.map((k) => [k, form.get(k) ?? undefined]));
    try {
      await razorpayReturn(deps, user.claims, id, input);
    } catch (err) {
      if (!(err instanceof CheckoutReturnRejected)) throw err;
      const view = await razorpayCheckout(deps, user.claims, id, null);
      const scriptUrl = platform.config.RAZORPAY_CHECKOUT_JS_URL;
      return page({ view, scriptUrl, nonce: ctx.nonce, error: err.message }, {
        status: err.status,
      });
    }
    const text = "Payment received, we're confirming it with Razorpay. " +
      "The booking shows the money as held once Razorpay confirms.";
    return seeOther(`/bookings/${id}#payment`, [
      flashCookie({ kind: "success", text }, ctx.state.secure),
    ]);
  },
});

export default define.page<typeof handler>(function RazorpayPage({ data, state }) {
  const v = data.view;
  const total = formatMoney(v.totalMinor, v.currency);
  return (
    <>
      <PageTitle sub="Payments are processed by Razorpay">Pay for the booking</PageTitle>
      {data.error && (
        <p role="alert" class="text-red-700" data-testid="checkout-error">{data.error}</p>
      )}
      {v.unavailable
        ? (
          <p role="status">
            Razorpay is not answering right now, so the payment cannot open. Nothing was charged by
            this page: try again in a minute.{" "}
            <a class="underline" href={`/bookings/${v.bookingId}`}>Back to the booking</a>
          </p>
        )
        : !v.options
        ? (
          <p>
            This booking's checkout is not open ({statusLabel("payment", v.state).toLowerCase()}).
            {" "}
            <a class="underline" href={`/bookings/${v.bookingId}`}>Back to the booking</a>
          </p>
        )
        : (
          <>
            <p class="mb-3">Total: {total}</p>
            <form id="rzp-return" method="post" class="max-w-md space-y-3">
              <CsrfField token={state.csrf} />
              {RETURN_FIELDS.map((k) => <input key={k} type="hidden" name={k} value="" />)}
              {/* Enabled by the script once Checkout.js has loaded. */}
              <button
                id="rzp-pay"
                type="submit"
                disabled
                class="inline-flex rounded-md bg-indigo-600 px-4 py-2 font-medium text-white disabled:opacity-60"
              >
                Pay {total} with Razorpay
              </button>
            </form>
            <script
              type="application/json"
              id="rzp-options"
              data-order={v.options.order_id}
              dangerouslySetInnerHTML={{ __html: scriptJson(v.options) }}
            />
            <script src={data.scriptUrl} />
            <script nonce={data.nonce} dangerouslySetInnerHTML={{ __html: OPEN_CHECKOUT }} />
          </>
        )}
    </>
  );
});
