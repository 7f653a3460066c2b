/**
 * Escrow payments in a real browser, offline, with the built-in provider: a booked client pays into
 * escrow (fee breakdown, confirmation, the hosted checkout with 4242…) → both sides see the held
 * banner → the gig date passes → auto-release → the musician sees the payout on the earnings page
 * and the receipt. Then a dispute opened by the musician shows to both.
 *
 * The clock: the payments sweep releases what `release_at <= now()` says is due, so the test moves
 * the booking and the payment's `release_at` into the past as service role (as the marketplace
 * journey moves a booking), then runs the domain's sweep itself (the worker's periodic task is off
 * here, so nothing races it): the first run releases and starts the payout, the second settles it.
 */
import { chromium, type Page } from "playwright-core";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { CHROMIUM, startTestApp } from "../_helpers/app.ts";
import { BUILTIN_SECRET, makeBooking, startPaymentsApp } from "../_helpers/payments.ts";
import { pageAs, payIntoEscrow, releaseDatePassed } from "../_helpers/payments_browser.ts";
import { gigPlayed } from "../_helpers/booking.ts";
import { paymentDeps, sweepPayments } from "../../lib/domains/payments/mod.ts";

/** The confirmation step shows every fee before any money moves. */
async function checkBreakdown(client: Page) {
  const breakdown = await client.getByTestId("fee-breakdown").innerText();
  for (const part of ["Gig fee", "€400", "Platform fee", "€20", "Card provider fee", "€420"]) {
    assert(breakdown.includes(part), `the breakdown shows ${part}: ${breakdown}`);
  }
}

Deno.test({
  name: "payments journey - pay, held for both, auto-release after the gig, payout on earnings",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startPaymentsApp();
  const booked = await makeBooking(app, "Journey", 10);
  const bookingUrl = `${app.url}/bookings/${booked.bookingId}`;
  const browser = await chromium.launch(CHROMIUM);
  try {
    const problems: string[] = [];
    const client = await pageAs(browser, app, booked.client, problems);
    const musician = await pageAs(browser, app, booked.musician, problems);

    // Before paying, the musician is told the money is not in yet; nothing to earn.
    await musician.goto(bookingUrl);
    await musician.getByText("has not paid into escrow yet").waitFor();
    await musician.goto(`${app.url}/earnings`);
    await musician.getByText("No earnings yet").waitFor();

    await payIntoEscrow(client, bookingUrl, checkBreakdown);
    const clientBanner = await client.getByTestId("held-banner").innerText();
    assert(/€420 is held safely until/.test(clientBanner), clientBanner);
    await musician.goto(bookingUrl);
    const musicianBanner = await musician.getByTestId("held-banner").innerText();
    assert(/Your fee of €400 is held safely until/.test(musicianBanner), musicianBanner);
    assertEquals(
      await musician.getByTestId("payment-timeline").locator('[data-step="held"]').getAttribute(
        "data-status",
      ),
      "done",
    );
    await musician.goto(`${app.url}/earnings`);
    assertEquals(await musician.getByTestId("total-Held").innerText(), "€400");

    // The client's release asks for confirmation first; "Not yet" leaves the money held.
    await client.getByRole("link", { name: "The gig happened — release now" }).click();
    await client.getByTestId("release-confirm").getByText("Release €400 to Journey Trio now?")
      .waitFor();
    await client.getByRole("link", { name: "Not yet" }).click();
    await client.getByTestId("held-banner").waitFor();
    assertEquals(await client.getByTestId("release-confirm").count(), 0);

    // The gig happens and the release date passes: the sweep releases, then pays out.
    await gigPlayed(app, booked.bookingId, 4 * 24 + 1);
    await releaseDatePassed(app, booked.bookingId);
    const deps = paymentDeps(app.platform);
    assertEquals((await sweepPayments(deps)).released, 1, "the due payment is released");
    await app.platform.worker.runOnce(); // the payout is a job on the payments queue
    await sweepPayments(deps);

    await musician.goto(`${app.url}/earnings`);
    assertEquals(await musician.getByTestId("total-Paid out").innerText(), "€400");
    assertEquals(await musician.getByTestId("total-Held").innerText(), "€0");
    assertEquals(await musician.getByTestId("earning-status").innerText(), "Paid out");
    await musician.getByTestId("earnings-chart-EUR").waitFor();
    await musician.goto(bookingUrl);
    await musician.getByTestId("payout-status").getByText("Paid out: €400.").waitFor();
    assertEquals(await musician.getByTestId("held-banner").count(), 0, "no longer held");

    // Both parties have a receipt.
    await client.goto(bookingUrl);
    await client.getByRole("link", { name: "Receipt" }).click();
    await client.getByTestId("receipt").getByText("Released to the musician").waitFor();
    assertEquals(problems, [], "no page errors");
  } finally {
    await browser.close();
  }
});

Deno.test({
  name: "payments journey - a dispute opened by the musician freezes the money for both",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp({
    WORKER: "off",
    PAYMENTS_BUILTIN_SECRET: BUILTIN_SECRET,
  });
  const booked = await makeBooking(app, "Quarrel", 10);
  const bookingUrl = `${app.url}/bookings/${booked.bookingId}`;
  const browser = await chromium.launch(CHROMIUM);
  try {
    const problems: string[] = [];
    const client = await pageAs(browser, app, booked.client, problems);
    const musician = await pageAs(browser, app, booked.musician, problems);
    await payIntoEscrow(client, bookingUrl, checkBreakdown);

    await musician.goto(bookingUrl);
    const form = musician.getByTestId("dispute-form");
    await musician.getByText("Something went wrong? Open a dispute").click();
    // An empty reason is refused, naming the field, and nothing is frozen.
    await form.getByRole("button", { name: "Open dispute" }).click();
    await musician.getByTestId("dispute-form").getByRole("alert").getByText("Give a reason")
      .waitFor();
    await musician.getByTestId("held-banner").waitFor();
    await musician.getByLabel("What went wrong?").fill("The venue cancelled the second set.");
    await musician.getByRole("button", { name: "Open dispute" }).click();
    await musician.getByText("Dispute opened.").waitFor();
    const mine = await musician.getByTestId("dispute-banner").innerText();
    assert(mine.includes("You opened a dispute"), mine);

    await client.goto(bookingUrl);
    const theirs = await client.getByTestId("dispute-banner").innerText();
    assert(theirs.includes("Quarrel Trio opened a dispute"), theirs);
    assert(theirs.includes("The venue cancelled the second set."), theirs);
    assertEquals(
      await client.getByRole("link", { name: "The gig happened — release now" }).count(),
      0,
      "frozen money cannot be released",
    );
    // The sweep never releases disputed money, even when its date has passed.
    await releaseDatePassed(app, booked.bookingId);
    assertEquals((await sweepPayments(paymentDeps(app.platform))).released, 0);
    assertEquals(problems, [], "no page errors");
  } finally {
    await browser.close();
  }
});
