/**
 * Razorpay Checkout in a real browser, offline: the fake Razorpay serves a stand-in checkout.js
 * (its origin allowed by the page's CSP, as the real one's is) that "pays" the order at the fake
 * and calls the page's handler with the signed answer, like the real Checkout. The handler posts
 * it back through the edge (CSRF field and all); the client lands on the booking page with the
 * confirming message, and the fake's signed `payment.captured` webhook makes the funds held.
 */
import { chromium } from "playwright-core";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { CHROMIUM, startTestApp } from "../_helpers/app.ts";
import { apiCall } from "../_helpers/fuzz.ts";
import { inrBooking } from "../_helpers/razorpay_booking.ts";
import { FakeRazorpay } from "../_fakes/razorpay.ts";
import { COOKIE } from "../../lib/web/cookies.ts";

Deno.test({
  name: "payments razorpay - Checkout.js opens, pays, posts back; the webhook holds the funds",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  const fake = new FakeRazorpay();
  await using _f = fake;
  await using app = await startTestApp({
    WORKER: "off",
    ...fake.env(),
    RAZORPAY_CHECKOUT_JS_URL: `${fake.url}/v1/checkout.js`,
  });
  fake.webhookUrl = `${app.url}/functions/v1/payments-webhook`;
  const b = await inrBooking(app, fake, "RzpBrowser");
  const co = await apiCall(
    app,
    b.client,
    "POST",
    `/api/bookings/${b.bookingId}/payment/checkout`,
    undefined,
    201,
  );
  const browser = await chromium.launch(CHROMIUM);
  try {
    const problems: string[] = [];
    const context = await browser.newContext();
    await context.addCookies([{ name: COOKIE.access, value: b.client.token, url: app.url }]);
    const page = await context.newPage();
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });

    // The site's origin is SITE_URL (unset in tests): open the page on the test server.
    const url = new URL(String(co.checkout_url));
    await page.goto(`${app.url}${url.pathname}${url.search}`);
    const pay = page.locator("#rzp-pay[data-ready='1']");
    await pay.waitFor(); // enabled once Checkout.js loaded under the CSP
    assert((await pay.innerText()).includes("with Razorpay"));
    await pay.click();
    await page.waitForURL((u) => u.pathname === `/bookings/${b.bookingId}`);
    await page.getByText("Payment received, we're confirming it").waitFor();

    await fake.flush(); // the fake's webhooks (payment.captured among them) were delivered
    const [p] = await app.platform.db.asService((tx) =>
      tx.query<{ state: string; provider_payment_id: string }>(
        "select state, provider_payment_id from public.payments where booking_id = $1",
        [b.bookingId],
      )
    );
    const [captured] = fake.eventsOf("payment.captured");
    assertEquals(p.state, "held");
    assert(captured.body.includes(p.provider_payment_id), "the payment Checkout made is held");
    await page.reload();
    await page.getByTestId("held-banner").waitFor();
    assertEquals(problems, [], "no page errors, nothing blocked by the CSP");
  } finally {
    await browser.close();
  }
});
