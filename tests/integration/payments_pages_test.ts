/**
 * The payment pages over HTTP, as a browser posts them (forms with the CSRF field): the booking
 * page's pay, confirm, release and dispute forms, refusals naming the field with nothing changed,
 * the receipt (parties only, paid only) and the earnings page (musicians only).
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { type TestApp } from "../_helpers/app.ts";
import { getPage, postForm, signUpPerson } from "../_helpers/fuzz.ts";
import { makeBooking, startPaymentsApp } from "../_helpers/payments.ts";
import { paymentDeps, sweepPayments } from "../../lib/domains/payments/mod.ts";

async function state(a: TestApp, bookingId: string): Promise<string> {
  const [r] = await a.platform.db.asService((tx) =>
    tx.query<{ state: string }>("select state from public.payments where booking_id = $1", [
      bookingId,
    ])
  );
  return r?.state ?? "none";
}

Deno.test("payment pages - pay, confirm, release and dispute through the booking page's forms", async () => {
  await using a = await startPaymentsApp();
  const b = await makeBooking(a, "Pages");
  const page = `/bookings/${b.bookingId}`;

  // Only the client pays: the musician's post is refused on the page and writes nothing.
  const refused = await postForm(a, b.musician.token, page, { intent: "checkout" });
  assertEquals(refused.status, 403);
  assert(refused.text.includes("Only the client pays for a booking"));
  assertEquals(await state(a, b.bookingId), "none");

  const opened = await postForm(a, b.client.token, page, { intent: "checkout" });
  assertEquals([opened.status, opened.location], [303, `${page}#payment`]);
  const confirm = await getPage(a, b.client.token, page);
  assert(confirm.text.includes("Confirm and pay €420"), "the confirmation step with the total");
  assert(confirm.text.includes("Platform fee"));
  const pay = await postForm(a, b.client.token, page, { intent: "pay" });
  assertEquals([pay.status, pay.location], [303, `/pay/${b.bookingId}`]);
  assertEquals(
    await postForm(a, b.client.token, pay.location!, { card: "4242424242424242", intent: "pay" })
      .then((r) => r.status),
    303,
  );
  assertEquals(await state(a, b.bookingId), "held");

  // The held banner for both; the release's confirmation step is a page, not a write.
  assert((await getPage(a, b.client.token, page)).text.includes("€420 is held safely until"));
  assert(
    (await getPage(a, b.musician.token, page)).text.includes(
      "Your fee of €400 is held safely until",
    ),
  );
  const asked = await getPage(a, b.client.token, `${page}?confirm=release`);
  assert(asked.text.includes("Yes, release €400"));
  assertEquals(await state(a, b.bookingId), "held");

  // A dispute without a reason names the field; the musician cannot release.
  const empty = await postForm(a, b.musician.token, page, {
    intent: "dispute",
    dispute_reason: "  ",
  });
  assertEquals(empty.status, 422);
  assert(empty.text.includes('id="dispute-error"') && empty.text.includes("Give a reason"));
  const unconfirmed = await postForm(a, b.client.token, page, { intent: "release" });
  assertEquals(unconfirmed.status, 428, "releasing needs its confirmation");
  assert(unconfirmed.text.includes('data-testid="release-confirm"'), "and shows it");
  assertEquals(await state(a, b.bookingId), "held");
  const notTheirs = await postForm(a, b.musician.token, page, {
    intent: "release",
    confirm: "yes",
  });
  assertEquals(notTheirs.status, 403);
  assertEquals(await state(a, b.bookingId), "held");

  const released = await postForm(a, b.client.token, page, {
    intent: "release",
    confirm: "yes",
  });
  assertEquals([released.status, released.location], [303, `${page}#payment`]);
  assertEquals(await state(a, b.bookingId), "released");
  const again = await postForm(a, b.client.token, page, { intent: "release", confirm: "yes" });
  assertEquals(again.status, 409, "a second release is refused on the page");
  assert(again.text.includes("Only held funds can be released"));

  await sweepPayments(paymentDeps(a.platform));
  const earnings = await getPage(a, b.musician.token, "/earnings");
  assertEquals(earnings.status, 200);
  assert(earnings.text.includes("Paid out per month (EUR)"), "the monthly chart");
  assert(earnings.text.includes("Pages night"), "the payment in the list");
});

Deno.test("payment pages - a dispute freezes the money; receipts for parties of paid bookings only", async () => {
  await using a = await startPaymentsApp();
  const b = await makeBooking(a, "Receipts");
  const page = `/bookings/${b.bookingId}`;
  const stranger = await signUpPerson(a, "Stranger", "client");

  assertEquals(
    (await getPage(a, b.client.token, `${page}/receipt`)).status,
    404,
    "no receipt before paying",
  );
  await postForm(a, b.client.token, page, { intent: "checkout" });
  await postForm(a, b.client.token, `/pay/${b.bookingId}`, {
    card: "4242424242424242",
    intent: "pay",
  });
  assertEquals(await state(a, b.bookingId), "held");

  const opened = await postForm(a, b.client.token, page, {
    intent: "dispute",
    dispute_reason: "The band never showed up.",
  });
  assertEquals(opened.status, 303);
  assertEquals(await state(a, b.bookingId), "disputed");
  const seen = await getPage(a, b.musician.token, page);
  assert(seen.text.includes("The money is frozen.") && seen.text.includes("never showed up"));

  for (const who of [b.client, b.musician]) {
    const r = await getPage(a, who.token, `${page}/receipt`);
    assertEquals(r.status, 200);
    assert(r.text.includes("Receipt") && r.text.includes("€420"));
  }
  assertEquals((await getPage(a, stranger.token, `${page}/receipt`)).status, 404);
  assertEquals((await getPage(a, stranger.token, page)).status, 404);
  assertEquals(
    (await getPage(a, b.client.token, "/earnings")).status,
    403,
    "earnings are for musicians",
  );
  const newcomer = await signUpPerson(a, "Newcomer", "musician");
  const empty = await getPage(a, newcomer.token, "/earnings");
  assert(empty.text.includes("No earnings yet"));
});
