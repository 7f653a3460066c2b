/**
 * The Razorpay Checkout page and its return, over HTTP through the edge, with the real `razorpay`
 * SDK inside the app talking to the fake: the checkout API hands out the in-app page, which
 * carries the order for Checkout.js (allowed by the CSP); Checkout's answer posted back with a
 * good signature captures an authorised payment and sends the client to the booking page, and
 * the signed `payment.captured` webhook marks the funds held; a tampered signature is a 400 page
 * naming it, with nothing changed at Razorpay or in the database.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { apiCall, browser, CSRF, type Person, signUpPerson } from "../_helpers/fuzz.ts";
import { inrBooking } from "../_helpers/razorpay_booking.ts";
import { FakeRazorpay } from "../_fakes/razorpay.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

async function sql<T>(a: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return await a.platform.db.asService((tx) => tx.query<T>(text, params));
}

async function paymentRow(a: TestApp, bookingId: string) {
  const [p] = await sql<{ state: string; provider_payment_id: string | null; events: number }>(
    a,
    `select state, provider_payment_id,
            (select count(*)::int from public.payment_events e where e.booking_id = $1) as events
       from public.payments where booking_id = $1`,
    [bookingId],
  );
  return p;
}

async function postReturn(a: TestApp, who: Person, path: string, fields: Record<string, string>) {
  const res = await a.fetch(path, {
    method: "POST",
    headers: { ...browser(a, who.token), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: CSRF, ...fields }),
    redirect: "manual",
  });
  return { res, text: await res.text() };
}

Deno.test(
  { name: "razorpay checkout - page, signed return, capture, webhook → held", ...opts },
  async () => {
    const fake = new FakeRazorpay();
    await using _f = fake;
    const scriptUrl = `${fake.url}/v1/checkout.js`;
    await using a = await startTestApp({
      WORKER: "off",
      ...fake.env(),
      RAZORPAY_CHECKOUT_JS_URL: scriptUrl,
    });
    const b = await inrBooking(a, fake, "RzpPage");
    const co = await apiCall(
      a,
      b.client,
      "POST",
      `/api/bookings/${b.bookingId}/payment/checkout`,
      undefined,
      201,
    );
    const url = new URL(String(co.checkout_url));
    assertEquals(url.pathname, `/pay/${b.bookingId}/razorpay`);
    const order = url.searchParams.get("order")!;
    const path = url.pathname + url.search;

    // The page: the order for Checkout.js, its script allowed by the CSP, the return form.
    const res = await a.fetch(path, { headers: browser(a, b.client.token) });
    const html = await res.text();
    assertEquals(res.status, 200, html.slice(0, 300));
    const csp = res.headers.get("content-security-policy") ?? "";
    assert(csp.includes(`script-src 'self' ${fake.url} 'nonce-`), csp);
    assert(csp.includes(`frame-src https://open.spotify.com ${fake.url}`), csp);
    assert(html.includes(`<script src="${scriptUrl}"></script>`), "Checkout.js is loaded");
    const json = html.match(
      /<script type="application\/json" id="rzp-options"[^>]*>(.*?)<\/script>/,
    );
    assert(json, "the Checkout options are on the page");
    const options = JSON.parse(json[1]);
    assertEquals(
      [options.key, options.order_id, options.amount, options.currency, options.prefill.email],
      [fake.keyId, order, 42800, "INR", b.client.email],
    );
    assert(html.includes('id="rzp-return"') && html.includes('name="_csrf"'));
    assert(/<script nonce="[^"]+">/.test(html), "the opening script carries the CSP nonce");

    // Only the client pays: the musician and a stranger get the same 404.
    const stranger = await signUpPerson(a, "RzpStranger", "client");
    for (const who of [b.musician, stranger]) {
      const r = await a.fetch(path, { headers: browser(a, who.token) });
      await r.body?.cancel();
      assertEquals(r.status, 404);
    }

    // The client pays in Checkout; this account leaves the payment authorised (no auto-capture).
    const paid = await fake.pay(order, { authorizeOnly: true });
    const payRef = paid.razorpay_payment_id;
    const ret = {
      razorpay_payment_id: payRef,
      razorpay_order_id: order,
      razorpay_signature: paid.razorpay_signature,
    };

    // Tampered: another payment id under the same signature → 400 naming it, nothing changed.
    const requests = fake.log.length;
    const forged = await postReturn(a, b.client, path, {
      ...ret,
      razorpay_payment_id: "pay_forged0000000",
    });
    assertEquals(forged.res.status, 400);
    assert(forged.text.includes("signature does not match"), forged.text.slice(0, 500));
    const flipped = ret.razorpay_signature.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    const bad = await postReturn(a, b.client, path, { ...ret, razorpay_signature: flipped });
    assertEquals(bad.res.status, 400);
    const missing = await postReturn(a, b.client, path, { razorpay_payment_id: payRef });
    assertEquals(missing.res.status, 400);
    assert(missing.text.includes("incomplete or malformed"));
    assertEquals(
      fake.log.slice(requests).filter((l) => !l.startsWith("GET /v1/orders/")),
      [],
      "nothing asked of Razorpay but the order for the page",
    );
    assertEquals(fake.state.get(payRef, "payment").status, "authorized");
    assertEquals(await paymentRow(a, b.bookingId), {
      state: "checkout_open",
      provider_payment_id: null,
      events: 0,
    });

    // A genuine answer for another booking's order is refused too.
    const other = await inrBooking(a, fake, "RzpOther");
    const otherCo = await apiCall(
      a,
      other.client,
      "POST",
      `/api/bookings/${other.bookingId}/payment/checkout`,
      undefined,
      201,
    );
    const otherPaid = await fake.pay(
      new URL(String(otherCo.checkout_url)).searchParams.get("order")!,
      { authorizeOnly: true },
    );
    const { events: _e, ...otherRet } = otherPaid;
    const wrong = await postReturn(a, b.client, path, otherRet);
    assertEquals(wrong.res.status, 400);
    assert(wrong.text.includes("another booking"), wrong.text.slice(0, 300));
    assertEquals(fake.state.get(otherPaid.razorpay_payment_id, "payment").status, "authorized");

    // Only the client may post the answer, even a genuine one.
    assertEquals((await postReturn(a, b.musician, path, ret)).res.status, 404);

    // Genuine: captured at Razorpay, back to the booking page; the webhook is what marks it held.
    const ok = await postReturn(a, b.client, path, ret);
    assertEquals(ok.res.status, 303);
    assertEquals(ok.res.headers.get("location"), `/bookings/${b.bookingId}#payment`);
    assert((ok.res.headers.get("set-cookie") ?? "").includes("confirming"));
    assertEquals(fake.state.get(payRef, "payment").status, "captured");
    const transfers = [...fake.state.entities.values()].filter((o) => o.entity === "transfer");
    assertEquals(transfers.map((t) => [t.recipient, t.amount, t.on_hold]), [
      [b.account, 40000, true],
    ]);
    assertEquals((await paymentRow(a, b.bookingId)).state, "checkout_open");
    // A second post of the same answer (a double click) captures nothing twice.
    assertEquals((await postReturn(a, b.client, path, ret)).res.status, 303);
    assertEquals(fake.eventsOf("payment.captured").length, 1);

    const [captured] = fake.eventsOf("payment.captured");
    const [delivery] = await fake.deliver(captured, {
      url: `${a.url}/functions/v1/payments-webhook`,
    });
    assertEquals(delivery.status, 200);
    assertEquals(await paymentRow(a, b.bookingId), {
      state: "held",
      provider_payment_id: payRef,
      events: 1,
    });
    // Razorpay down after a genuine answer: a page saying what it means for the money, not a 500.
    const third = await inrBooking(a, fake, "RzpOutage");
    const thirdCo = await apiCall(
      a,
      third.client,
      "POST",
      `/api/bookings/${third.bookingId}/payment/checkout`,
      undefined,
      201,
    );
    const thirdUrl = new URL(String(thirdCo.checkout_url));
    const { events: _t, ...thirdRet } = await fake.pay(thirdUrl.searchParams.get("order")!, {
      authorizeOnly: true,
    });
    fake.outage = true;
    const down = await postReturn(a, third.client, thirdUrl.pathname + thirdUrl.search, thirdRet);
    const page = await a.fetch(thirdUrl.pathname + thirdUrl.search, {
      headers: browser(a, third.client.token),
    });
    assertEquals(page.status, 200);
    assert((await page.text()).includes("Razorpay is not answering right now"));
    fake.outage = false;
    assertEquals(down.res.status, 502);
    assert(
      down.text.includes("Razorpay has not confirmed this payment yet"),
      down.text.slice(0, 300),
    );
    assertEquals((await paymentRow(a, third.bookingId)).state, "checkout_open");

    // Paid: the page no longer offers Checkout.
    const after = await a.fetch(path, { headers: browser(a, b.client.token) });
    const afterHtml = await after.text();
    assertEquals(after.status, 200);
    assert(!afterHtml.includes("rzp-options") && afterHtml.includes("not open (held in escrow)"));
  },
);
