/**
 * A dispute in a real browser, offline, with the built-in provider: the client pays into escrow →
 * the musician opens a dispute with a reason and a photo → both see the money frozen and the file;
 * the client adds a PDF of their own → an admin (made by scripts/make_admin.ts) reads both files
 * and the booking's read-only view, decides a split with a note after the confirmation step →
 * both parties see the outcome, the note and the notification; the ledger balances.
 */
import { Buffer } from "node:buffer";
import { chromium } from "playwright-core";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { CHROMIUM, TINY_PNG } from "../_helpers/app.ts";
import { makeBooking, startPaymentsApp } from "../_helpers/payments.ts";
import { pageAs, payIntoEscrow } from "../_helpers/payments_browser.ts";
import { adminPerson } from "../_helpers/fuzz.ts";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

Deno.test({
  name: "payments dispute journey - evidence, frozen for both, an admin splits with a note",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startPaymentsApp();
  const booked = await makeBooking(app, "Feud", 10);
  const bookingUrl = `${app.url}/bookings/${booked.bookingId}`;
  const arbiter = await adminPerson(app, "Arbiter");
  const browser = await chromium.launch(CHROMIUM);
  try {
    const problems: string[] = [];
    const client = await pageAs(browser, app, booked.client, problems);
    const musician = await pageAs(browser, app, booked.musician, problems);
    const admin = await pageAs(browser, app, arbiter, problems);
    await payIntoEscrow(client, bookingUrl);

    // The musician disputes with a reason and a photo.
    await musician.goto(bookingUrl);
    await musician.getByText("Something went wrong? Open a dispute").click();
    const form = musician.getByTestId("dispute-form");
    await form.getByLabel("What went wrong?").fill("The venue cut the second set.");
    await form.getByLabel("Evidence (optional)").setInputFiles({
      name: "running-order.png",
      mimeType: "image/png",
      buffer: Buffer.from(TINY_PNG),
    });
    await form.getByRole("button", { name: "Open dispute" }).click();
    await musician.getByText("Dispute opened.").waitFor();
    const mine = await musician.getByTestId("dispute-banner").innerText();
    assert(mine.includes("The money is frozen. You opened a dispute"), mine);
    assert(mine.includes("running-order.png"), mine);

    // The client sees it frozen too, with the file, and answers with a PDF of their own.
    await client.goto(bookingUrl);
    const theirs = await client.getByTestId("dispute-banner").innerText();
    assert(theirs.includes("The money is frozen. Feud Trio opened a dispute"), theirs);
    assert(theirs.includes("The venue cut the second set."), theirs);
    assertEquals(await client.getByTestId("held-banner").count(), 0);
    const photo = client.getByTestId("evidence-list").getByRole("link", {
      name: "running-order.png",
    });
    const href = await photo.getAttribute("href");
    const served = await client.request.get(`${app.url}${href}`);
    assertEquals(served.status(), 200);
    assertEquals(served.headers()["content-type"], "image/png");
    await client.getByTestId("evidence-form").getByLabel("Evidence (optional)").setInputFiles({
      name: "contract.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    });
    await client.getByRole("button", { name: "Add evidence" }).click();
    await client.getByText("Evidence added.").waitFor();
    await client.getByTestId("evidence-list").getByText("contract.pdf").waitFor();

    // The admin reads both files and the booking's read-only view.
    await admin.goto(`${app.url}/admin/disputes`);
    const open = admin.getByTestId("open-dispute");
    await open.getByText("The venue cut the second set.").waitFor();
    await open.getByTestId("dispute-evidence").getByText("running-order.png").waitFor();
    await open.getByTestId("dispute-evidence").getByText("contract.pdf").waitFor();
    await open.getByRole("link", { name: "Feud night" }).click();
    await admin.waitForURL(`${app.url}/admin/bookings/${booked.bookingId}`);
    await admin.getByTestId("ledger").waitFor();
    assertEquals(await admin.getByTestId("money-state").innerText(), "In dispute");
    assertEquals(await admin.getByTestId("ledger-sum").innerText(), "€0");
    await admin.getByRole("link", { name: "Back to disputes" }).click();

    // A split with a note, reviewed first: the confirmation says who gets what.
    await open.getByRole("radio", { name: "Split" }).check();
    await open.getByLabel(/the musician's amount/).fill("250");
    await open.getByLabel("Note to both sides (required)").fill(
      "Half the set was played: most of the fee.",
    );
    await open.getByRole("button", { name: "Review the decision" }).click();
    const confirm = await admin.getByTestId("decision-confirm").innerText();
    assert(confirm.includes("FeudMusician gets €250"), confirm);
    assert(confirm.includes("gets back €150"), confirm);
    await admin.getByRole("button", { name: "Yes, decide" }).click();
    await admin.getByText("Decided: split. Both parties have been told.").waitFor();
    await admin.getByTestId("decided-dispute").getByText("contract.pdf").waitFor();

    // Both parties see the outcome, the note and the notification.
    for (const page of [client, musician]) {
      await page.goto(bookingUrl);
      await page.getByText("Decided: split between both").waitFor();
      await page.getByText("Half the set was played: most of the fee.").first().waitFor();
      assertEquals(await page.getByTestId("dispute-banner").count(), 0, "no longer frozen");
      await page.goto(`${app.url}/notifications`);
      await page.getByTestId("notification").filter({ hasText: "Dispute decided" }).first()
        .waitFor();
    }

    // The ledger balances, with the split posted: the admin's view and the database agree.
    await admin.goto(`${app.url}/admin/bookings/${booked.bookingId}`);
    assertEquals(await admin.getByTestId("money-state").innerText(), "Dispute decided (split)");
    assertEquals(await admin.getByTestId("ledger-sum").innerText(), "€0");
    const sums = await app.platform.db.asService((tx) =>
      tx.query<{ account: string; amount: string }>(
        `select account, sum(amount_minor)::text as amount from public.ledger_entries
          where booking_id = $1 group by account`,
        [booked.bookingId],
      )
    );
    const by = Object.fromEntries(sums.map((s) => [s.account, Number(s.amount)]));
    assertEquals(Object.values(by).reduce((s, n) => s + n, 0), 0, "the ledger balances");
    assertEquals(by.escrow ?? 0, 0, "escrow is empty");
    assertEquals(problems, [], "no page errors");
  } finally {
    await browser.close();
  }
});
