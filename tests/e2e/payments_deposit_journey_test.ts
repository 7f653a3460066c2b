/**
 * Paying a booking in two parts in a real browser, offline, with the built-in provider: a gig a
 * month ahead → the client chooses a deposit on the booking page, sees its fees and confirms,
 * pays on the hosted checkout with 4242… → both sides see the deposit held and the balance's due
 * date → the client pays the balance from the booking page → both parts held → the gig is played
 * and the release date passes (the sweep releases, the payments queue pays out, as in
 * payments_journey_test.ts) → the musician's earnings show the whole fee paid out, and the
 * receipt lists both parts. Then a dispute over both parts: an admin sees and splits the whole
 * fee held, and the booking's read-only view lists each part.
 */
import { chromium, type Page } from "playwright-core";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { CHROMIUM } from "../_helpers/app.ts";
import {
  type Booked,
  builtinWebhook,
  makeBooking,
  serviceSql,
  startPaymentsApp,
} from "../_helpers/payments.ts";
import { apiCall, type Person, signUpPerson } from "../_helpers/fuzz.ts";
import type { TestApp } from "../_helpers/app.ts";
import { makeAdmin } from "../../scripts/make_admin.ts";
import { pageAs, releaseDatePassed } from "../_helpers/payments_browser.ts";
import { gigPlayed } from "../_helpers/booking.ts";
import { paymentDeps, sweepPayments } from "../../lib/domains/payments/mod.ts";
import { formatDay } from "../../lib/shared/format.ts";

async function includesAll(page: Page, testId: string, parts: string[]) {
  const text = await page.getByTestId(testId).first().innerText();
  for (const part of parts) assert(text.includes(part), `${testId} shows ${part}: ${text}`);
}

/** The client confirms a part on the booking page, then pays it on the hosted checkout. */
async function payPart(client: Page, bookingUrl: string, title: string, total: string) {
  await client.getByRole("button", { name: `Confirm and pay ${total}` }).click();
  await client.waitForURL((u) => /^\/pay\/[0-9a-f-]{36}$/.test(u.pathname));
  await client.getByRole("heading", { name: `${title}: ${total}` }).waitFor();
  await client.getByLabel("Card number").fill("4242424242424242");
  await client.getByRole("button", { name: `Pay ${total}` }).click();
  await client.waitForURL((u) => u.href.split("#")[0] === bookingUrl);
  await client.getByTestId("held-banner").waitFor();
}

Deno.test({
  name: "payments deposit journey - deposit, balance, auto-release, whole fee paid out",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startPaymentsApp();
  const booked = await makeBooking(app, "Deposit", 30);
  const bookingUrl = `${app.url}/bookings/${booked.bookingId}`;
  const [b] = await serviceSql<{ starts_at: Date; timezone: string }>(
    app,
    "select starts_at, timezone from public.bookings where id = $1",
    [booked.bookingId],
  );
  const browser = await chromium.launch(CHROMIUM);
  try {
    const problems: string[] = [];
    const client = await pageAs(browser, app, booked.client, problems);
    const musician = await pageAs(browser, app, booked.musician, problems);

    // The client chooses a deposit and sees its fees before anything is charged.
    await client.goto(bookingUrl);
    await client.getByLabel(/Pay a 25% deposit now \(€100\)/).check();
    await client.getByRole("button", { name: "Continue" }).click();
    await client.getByTestId("pay-confirm").getByText("Pay the deposit: Check the amounts")
      .waitFor();
    await includesAll(client, "fee-breakdown", [
      "Deposit of the gig fee",
      "€100",
      "Platform fee",
      "€5",
      "€105",
    ]);
    await payPart(client, bookingUrl, "Pay the deposit", "€105");

    // Both sides: the deposit held, the balance due on its date (not held money).
    const [{ due_at }] = await serviceSql<{ due_at: Date }>(
      app,
      "select due_at from public.payments where booking_id = $1 and part = 'balance'",
      [booked.bookingId],
    );
    const due = `due ${formatDay(due_at, b.timezone)}`;
    await includesAll(client, "held-banner", ["The deposit of €105 is held safely until"]);
    await includesAll(client, "payment-parts", ["Deposit · held", `Balance · ${due}`]);
    const balanceStep = client.getByTestId("payment-timeline").locator('[data-step="balance"]');
    assertEquals(await balanceStep.getAttribute("data-status"), "upcoming");
    assert((await balanceStep.innerText()).includes("Balance due"));
    await musician.goto(bookingUrl);
    await includesAll(musician, "held-banner", ["The deposit of €100 is held safely until"]);
    await includesAll(musician, "payment-parts", ["Deposit · held", `Balance · ${due}`, "€300"]);
    await musician.goto(`${app.url}/earnings`);
    assertEquals(await musician.getByTestId("total-Held").innerText(), "€100");
    const statuses = () => musician.getByTestId("earning-status").allInnerTexts();
    assertEquals(await statuses(), ["Deposit · Held in escrow", `Balance · ${due}`]);

    // The client pays the balance from the booking page, with its own fees.
    await client.getByRole("button", { name: "Pay the balance" }).click();
    await client.getByTestId("pay-confirm").getByText("Pay the balance: Check the amounts")
      .waitFor();
    await includesAll(client, "fee-breakdown", ["Balance of the gig fee", "€300", "€15", "€315"]);
    await payPart(client, bookingUrl, "Pay the balance", "€315");
    await includesAll(client, "held-banner", ["€420 is held safely until"]);
    await includesAll(client, "payment-parts", ["Deposit · held", "Balance · held"]);
    await musician.goto(bookingUrl);
    await includesAll(musician, "held-banner", ["Your fee of €400 is held safely until"]);
    await musician.goto(`${app.url}/earnings`);
    assertEquals(await musician.getByTestId("total-Held").innerText(), "€400");

    // The gig happens and the release date passes: the sweep releases both parts, then pays out.
    await gigPlayed(app, booked.bookingId, 4 * 24 + 1);
    await releaseDatePassed(app, booked.bookingId);
    const deps = paymentDeps(app.platform);
    assertEquals((await sweepPayments(deps)).released, 2, "both parts are released");
    await app.platform.worker.runOnce(); // the payouts are jobs on the payments queue
    await sweepPayments(deps);

    await musician.goto(`${app.url}/earnings`);
    assertEquals(await musician.getByTestId("total-Paid out").innerText(), "€400");
    assertEquals(await musician.getByTestId("total-Held").innerText(), "€0");
    assertEquals(await statuses(), ["Deposit · Paid out", "Balance · Paid out"]);
    await musician.getByTestId("earnings-chart-EUR").waitFor();
    await musician.goto(bookingUrl);
    await musician.getByTestId("payout-status").getByText("Paid out: €400.").waitFor();

    // The receipt: one block per part with its fees, and the total paid.
    await client.goto(bookingUrl);
    await client.getByRole("link", { name: "Receipt" }).click();
    assertEquals(await client.getByTestId("receipt-part").count(), 2);
    await includesAll(client, "receipt", ["Deposit · paid", "Balance · paid", "€105", "€315"]);
    assertEquals(await client.getByTestId("receipt-total").innerText(), "€420");
    assertEquals(
      await client.getByTestId("receipt-status").innerText(),
      "Released to the musician",
    );
    assertEquals(problems, [], "no page errors");
  } finally {
    await browser.close();
  }
});

/** Both parts paid over the API: the deposit, then the balance, each through its webhook. */
async function bothPartsHeld(app: TestApp, b: Booked) {
  for (const part of ["deposit", "balance"]) {
    const path = `/api/bookings/${b.bookingId}/payment/checkout`;
    const p = (await apiCall(app, b.client, "POST", path, { part }, 201)).payment as {
      id: string;
      total_minor: number;
      currency: string;
    };
    const res = await builtinWebhook(app, {
      id: `evt_${p.id}_ok`,
      type: "charge.succeeded",
      data: { payment_id: p.id, amount_minor: p.total_minor, currency: p.currency, ref: p.id },
    });
    assertEquals(res.status, 200);
    await res.body?.cancel();
  }
}

Deno.test({
  name: "payments deposit journey - a dispute covers both parts; the admin splits the whole fee",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startPaymentsApp();
  const booked = await makeBooking(app, "Halves", 30);
  await bothPartsHeld(app, booked);
  await apiCall(app, booked.musician, "POST", `/api/bookings/${booked.bookingId}/payment/dispute`, {
    reason: "Only half the set was played.",
  }, 201);
  const signedUp = await signUpPerson(app, "Judge", "client");
  assert(await makeAdmin(app.platform.db, signedUp.email));
  const session = await app.platform.auth.signIn({
    email: signedUp.email,
    password: "fuzz-password-123",
  });
  const judge: Person = { ...signedUp, token: session.accessToken };
  const browser = await chromium.launch(CHROMIUM);
  try {
    const problems: string[] = [];
    const admin = await pageAs(browser, app, judge, problems);
    await admin.goto(`${app.url}/admin/disputes`);
    const open = admin.getByTestId("open-dispute").filter({ hasText: "Halves night" });
    const facts = await open.innerText();
    assert(facts.includes("fee in dispute €400 (the client paid €420 with fees)"), facts);
    // A split is bounded by the whole fee held, both parts together.
    await open.getByRole("radio", { name: "Split" }).check();
    await open.getByLabel(/the musician's amount \(EUR, less than €400\)/).fill("400");
    await open.getByLabel("Note to both sides (required)").fill("Half the set.");
    await open.getByRole("button", { name: "Review the decision" }).click();
    await open.getByText("less than the fee").first().waitFor();
    await open.getByLabel(/the musician's amount/).fill("250");
    await open.getByRole("button", { name: "Review the decision" }).click();
    const confirm = await admin.getByTestId("decision-confirm").innerText();
    assert(confirm.includes("gets €250") && confirm.includes("gets back €150"), confirm);
    await admin.getByRole("button", { name: "Yes, decide" }).click();
    await admin.getByText("Decided: split. Both parties have been told.").waitFor();

    // The share comes out of the deposit first: the deposit is released, the balance split.
    await admin.goto(`${app.url}/admin/bookings/${booked.bookingId}`);
    assertEquals(await admin.getByTestId("money-state").innerText(), "Dispute decided (split)");
    const parts = admin.getByTestId("admin-parts");
    await includesAll(admin, "admin-parts", ["Deposit", "Balance", "€100", "€300", "€150"]);
    assert(
      (await parts.locator('[data-part="deposit"]').innerText()).includes("Decided (released)"),
    );
    assert((await parts.locator('[data-part="balance"]').innerText()).includes("Decided (split)"));
    assertEquals(await admin.getByTestId("ledger-sum").innerText(), "€0");
    const step = admin.getByTestId("payment-timeline").locator('[data-step="resolved"]');
    assert((await step.innerText()).includes("Decided: split between both · €250"));
    assertEquals(problems, [], "no page errors");
  } finally {
    await browser.close();
  }
});
