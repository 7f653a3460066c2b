/**
 * The admin console in a real browser, at a phone's size: a musician reports a gig → an admin opens
 * the console, finds it in the moderation queue, hides it after the confirmation step → the gig is
 * gone for others and the reporter reads the outcome from their notification. Then a job the
 * worker gave up on: the admin finds it on the queues page with its error, retries it, and the
 * worker completes it.
 */
import { chromium } from "playwright-core";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { CHROMIUM, startTestApp } from "../_helpers/app.ts";
import { adminPerson, apiCall, FUZZ_ENV, gigBody, signUpPerson } from "../_helpers/fuzz.ts";
import { pageAs } from "../_helpers/payments_browser.ts";
import { createWorker } from "../../lib/ports/queue/worker.ts";
import { send } from "../../lib/ports/queue/mod.ts";

Deno.test({
  name: "admin journey - a report is hidden and the reporter told; a dead letter is retried",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp(FUZZ_ENV);
  const venue = await signUpPerson(app, "Shady", "client");
  const reporter = await signUpPerson(app, "Watchful", "musician");
  const moderator = await adminPerson(app, "Moderator");
  const gig = await apiCall(app, venue, "POST", "/api/gigs?publish=true", {
    ...gigBody("Pay to play night", 20),
  }, 201);
  const gigUrl = `${app.url}/gigs/${gig.id}`;

  const browser = await chromium.launch(CHROMIUM);
  try {
    const problems: string[] = [];
    const musician = await pageAs(browser, app, reporter, problems);
    const admin = await pageAs(browser, app, moderator, problems);

    // The musician reports the gig from its page.
    await musician.goto(gigUrl);
    await musician.getByTestId("report-link").click();
    const form = musician.getByTestId("report-form");
    await form.getByLabel("Scam or fraud").check();
    await form.getByLabel(/^Details/).fill("They ask for €50 up front to play.");
    await form.getByRole("button", { name: "Send report" }).click();
    await musician.getByText("our moderators will look at it").waitFor();

    // The admin reaches the queue from the console and hides the gig after confirming.
    await admin.goto(`${app.url}/admin`);
    await admin.getByRole("link", { name: /Reports/ }).first().click();
    await admin.waitForURL(`${app.url}/admin/reports`);
    const item = admin.getByTestId("queue-item").filter({ hasText: "Pay to play night" });
    await item.getByText("They ask for €50 up front to play.").waitFor();
    await item.getByLabel(/^Note/).fill("Asking musicians to pay is not allowed.");
    await item.getByRole("button", { name: "Hide…" }).click();
    await admin.getByRole("button", { name: "Yes, hide it" }).click();
    await admin.waitForURL((u) => u.pathname === "/admin/reports");
    assertEquals(await admin.getByTestId("queue-item").count(), 0, "the queue is empty");

    // Others no longer see the gig; the reporter follows the notification to the outcome.
    assertEquals((await musician.goto(gigUrl))?.status(), 404);
    await musician.goto(`${app.url}/notifications`);
    await musician.getByRole("link", { name: /We removed the gig you reported/ }).click();
    await musician.waitForURL(`${app.url}/reports`);
    const outcome = await musician.getByTestId("report-outcome").first().innerText();
    assert(outcome.includes("hidden from everyone"), outcome);

    // A job that kept failing (its provider was down) was dead-lettered by the worker.
    let down = true;
    const ran: string[] = [];
    const worker = createWorker({
      db: app.platform.db,
      handlers: {
        matching: (m) => {
          if (m.kind !== "probe") return Promise.resolve();
          if (down) return Promise.reject(new Error("provider unavailable (503)"));
          ran.push(m.idempotency_key);
          return Promise.resolve();
        },
      },
      visibilityTimeout: 0,
      maxAttempts: 2,
      log: () => {},
    });
    await app.platform.db.asService((tx) =>
      send(tx, "matching", { kind: "probe", idempotency_key: "probe:journey" })
    );
    let dead = 0;
    for (let i = 0; i < 4 && dead === 0; i++) dead = (await worker.runOnce()).deadLettered;
    assertEquals(dead, 1, "the job was dead-lettered");

    // The admin finds it with its error and retries it once the provider is back.
    await admin.goto(`${app.url}/admin`);
    await admin.getByRole("link", { name: /Queues/ }).first().click();
    await admin.waitForURL(`${app.url}/admin/queues`);
    await admin.locator('a[href="/admin/queues/matching_dlq"]').first().click();
    const letter = admin.getByTestId("dead-letter");
    await letter.getByText("provider unavailable (503)").waitFor();
    down = false;
    await letter.getByRole("button", { name: "Retry" }).click();
    await admin.getByText("is back on its queue").waitFor();
    assertEquals(await admin.getByTestId("dead-letter").count(), 0);
    await worker.runOnce();
    assertEquals(ran, ["probe:journey"], "the worker completed the retried job");

    // Both decisions are in the audit log.
    await admin.goto(`${app.url}/admin/audit`);
    const log = await admin.locator("main").innerText();
    assert(/report/i.test(log) && /dead/i.test(log), log.slice(0, 800));
    assertEquals(problems, []);
  } finally {
    await browser.close();
  }
});
