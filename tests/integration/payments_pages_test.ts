/**
 * The payment pages over HTTP, as a browser posts them (forms with the CSRF field): the booking
 * page's pay, confirm, release and dispute forms, refusals naming the field with nothing changed,
 * the receipt (parties only, paid only) and the earnings page (musicians only).
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { browser, CSRF, type Person, signUpPerson } from "../_helpers/fuzz.ts";
import { BUILTIN_SECRET, makeBooking } from "../_helpers/payments.ts";
import { paymentDeps, sweepPayments } from "../../lib/domains/payments/mod.ts";

async function app(): Promise<TestApp> {
  return await startTestApp({
    WORKER: "off",
    PAYMENTS_BUILTIN_SECRET: BUILTIN_SECRET,
    PAYMENTS_BUILTIN_PAYOUT_DELAY_S: "0",
  });
}

async function post(a: TestApp, who: Person, path: string, fields: Record<string, string>) {
  const res = await a.fetch(path, {
    method: "POST",
    headers: { ...browser(a, who.token), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: CSRF, ...fields }),
  });
  return { status: res.status, location: res.headers.get("location"), text: await res.text() };
}

async function get(a: TestApp, who: Person, path: string) {
  const res = await a.fetch(path, { headers: browser(a, who.token) });
  return { status: res.status, text: await res.text() };
}

async function state(a: TestApp, bookingId: string): Promise<string> {
  const [r] = await a.platform.db.asService((tx) =>
    tx.query<{ state: string }>("select state from public.payments where booking_id = $1", [
      bookingId,
    ])
  );
  return r?.state ?? "none";
}

Deno.test("payment pages - pay, confirm, release and dispute through the booking page's forms", async () => {
  await using a = await app();
  const b = await makeBooking(a, "Pages");
  const page = `/bookings/${b.bookingId}`;

  // Only the client pays: the musician's post is refused on the page and writes nothing.
  const refused = await post(a, b.musician, page, { intent: "checkout" });
  assertEquals(refused.status, 403);
  assert(refused.text.includes("Only the client pays for a booking"));
  assertEquals(await state(a, b.bookingId), "none");

  const opened = await post(a, b.client, page, { intent: "checkout" });
  assertEquals([opened.status, opened.location], [303, `${page}#payment`]);
  const confirm = await get(a, b.client, page);
  assert(confirm.text.includes("Confirm and pay €420"), "the confirmation step with the total");
  assert(confirm.text.includes("Platform fee"));
  const pay = await post(a, b.client, page, { intent: "pay" });
  assertEquals([pay.status, pay.location], [303, `/pay/${b.bookingId}`]);
  assertEquals(
    await post(a, b.client, pay.location!, { card: "4242424242424242", intent: "pay" })
      .then((r) => r.status),
    303,
  );
  assertEquals(await state(a, b.bookingId), "held");

  // The held banner for both; the release's confirmation step is a page, not a write.
  assert((await get(a, b.client, page)).text.includes("€420 is held safely until"));
  assert((await get(a, b.musician, page)).text.includes("Your fee of €400 is held safely until"));
  const asked = await get(a, b.client, `${page}?confirm=release`);
  assert(asked.text.includes("Yes, release €400"));
  assertEquals(await state(a, b.bookingId), "held");

  // A dispute without a reason names the field; the musician cannot release.
  const empty = await post(a, b.musician, page, { intent: "dispute", dispute_reason: "  " });
  assertEquals(empty.status, 422);
  assert(empty.text.includes('id="dispute-error"') && empty.text.includes("Give a reason"));
  const notTheirs = await post(a, b.musician, page, { intent: "release" });
  assertEquals(notTheirs.status, 403);
  assertEquals(await state(a, b.bookingId), "held");

  const released = await post(a, b.client, page, { intent: "release" });
  assertEquals([released.status, released.location], [303, `${page}#payment`]);
  assertEquals(await state(a, b.bookingId), "released");
  const again = await post(a, b.client, page, { intent: "release" });
  assertEquals(again.status, 409, "a second release is refused on the page");
  assert(again.text.includes("Only held funds can be released"));

  await sweepPayments(paymentDeps(a.platform));
  const earnings = await get(a, b.musician, "/earnings");
  assertEquals(earnings.status, 200);
  assert(earnings.text.includes("Paid out per month (EUR)"), "the monthly chart");
  assert(earnings.text.includes("Pages night"), "the payment in the list");
});

Deno.test("payment pages - a dispute freezes the money; receipts for parties of paid bookings only", async () => {
  await using a = await app();
  const b = await makeBooking(a, "Receipts");
  const page = `/bookings/${b.bookingId}`;
  const stranger = await signUpPerson(a, "Stranger", "client");

  assertEquals((await get(a, b.client, `${page}/receipt`)).status, 404, "no receipt before paying");
  await post(a, b.client, page, { intent: "checkout" });
  await post(a, b.client, `/pay/${b.bookingId}`, { card: "4242424242424242", intent: "pay" });
  assertEquals(await state(a, b.bookingId), "held");

  const opened = await post(a, b.client, page, {
    intent: "dispute",
    dispute_reason: "The band never showed up.",
  });
  assertEquals(opened.status, 303);
  assertEquals(await state(a, b.bookingId), "disputed");
  const seen = await get(a, b.musician, page);
  assert(seen.text.includes("The money is frozen.") && seen.text.includes("never showed up"));

  for (const who of [b.client, b.musician]) {
    const r = await get(a, who, `${page}/receipt`);
    assertEquals(r.status, 200);
    assert(r.text.includes("Receipt") && r.text.includes("€420"));
  }
  assertEquals((await get(a, stranger, `${page}/receipt`)).status, 404);
  assertEquals((await get(a, stranger, page)).status, 404);
  assertEquals((await get(a, b.client, "/earnings")).status, 403, "earnings are for musicians");
  const empty = await get(a, await signUpPerson(a, "Newcomer", "musician"), "/earnings");
  assert(empty.text.includes("No earnings yet"));
});
