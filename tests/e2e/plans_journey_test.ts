/**
 * The plan page in a real browser, offline, with the built-in provider: a free user sees what
 * each plan includes → upgrades (the price shown for confirmation first) → pays on the hosted
 * page with 4242… → is on Pro → cancels at the period end → keeps the plan after all.
 */
import { chromium } from "playwright-core";
import { assert } from "../_helpers/assert.ts";
import { CHROMIUM, startTestApp } from "../_helpers/app.ts";
import { BUILTIN_SECRET } from "../_helpers/payments.ts";
import { signUpPerson } from "../_helpers/fuzz.ts";
import { COOKIE } from "../../lib/web/cookies.ts";

Deno.test({
  name: "plans journey - upgrade with a confirmation, pay, cancel at period end, keep",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp({ WORKER: "off", PAYMENTS_BUILTIN_SECRET: BUILTIN_SECRET });
  const singer = await signUpPerson(app, "PlanSinger", "musician");
  const browser = await chromium.launch(CHROMIUM);
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.addCookies([{ name: COOKIE.access, value: singer.token, url: app.url }]);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    const status = page.getByTestId("plan-status");

    await page.goto(`${app.url}/settings/plan`);
    assert((await status.innerText()).includes("You are on Free: 3 songs"));
    assert((await page.getByTestId("plans").innerText()).includes("100 songs a month"));

    await page.getByLabel("Pay in").selectOption("EUR");
    await page.getByRole("button", { name: "Upgrade to Pro" }).click();
    const confirm = page.getByTestId("plan-confirm");
    await confirm.waitFor();
    assert((await confirm.innerText()).includes("€9"), await confirm.innerText());
    await page.getByRole("button", { name: "Confirm and pay" }).click();
    await page.waitForURL((u) => u.pathname === "/pay/plan");
    await page.getByLabel("Card number").fill("4242 4242 4242 4242");
    await page.getByRole("button", { name: "Pay €9" }).click();
    await page.waitForURL((u) => u.pathname === "/settings/plan");
    assert((await page.getByTestId("flash").innerText()).includes("Welcome to Pro!"));
    assert((await status.innerText()).includes("You are on Pro: 100 songs"));
    assert((await status.getAttribute("data-state")) === "active");

    // Cancelling goes through a step that says when pro ends and that nothing is refunded.
    await page.getByRole("button", { name: "Cancel at the end of the month…" }).click();
    const step = page.getByTestId("confirm-step");
    await step.waitFor();
    assert((await step.innerText()).includes("is not refunded"), await step.innerText());
    await page.getByRole("button", { name: "Yes, cancel at the end of the month" }).click();
    await page.locator('[data-testid="plan-status"][data-state="canceling"]').waitFor();
    assert((await page.getByTestId("flash").innerText()).includes("pro stays until the end"));
    await page.getByRole("button", { name: "Keep my plan" }).click();
    await page.locator('[data-testid="plan-status"][data-state="active"]').waitFor();
    assert((await page.getByTestId("flash").innerText()).includes("Your plan continues"));
    assert(problems.length === 0, problems.join("\n"));
  } finally {
    await browser.close();
  }
});
