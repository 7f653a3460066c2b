/**
 * The foundation slice in a real browser: sign up → profile → avatar upload → the welcome
 * notification arrives live (no reload) → sign out → sign in again.
 */
import { Buffer } from "node:buffer";
import { chromium } from "playwright-core";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { CHROMIUM, startTestApp, TINY_PNG } from "../_helpers/app.ts";
import { openMenu } from "../_helpers/journey.ts";

Deno.test({
  name: "slice - sign up, avatar, live welcome notification, sign out, sign in",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  // The worker is driven by hand so the test can watch the notification arrive on an open page.
  await using app = await startTestApp({ WORKER: "off" });
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => {
      // The refused upload's 415 is expected; anything else logged as an error is a failure.
      if (m.type() === "error" && !m.text().includes("415")) problems.push(m.text());
    });

    await page.goto(`${app.url}/signup`);
    await page.getByLabel("Name or stage name").fill("Lena Park");
    await page.getByLabel("E-mail").fill("lena@example.com");
    await page.getByLabel("Password").fill("lena-password");
    await page.getByLabel("A musician looking for gigs").check();
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${app.url}/`);
    await page.getByText("Welcome, Lena Park! Your account is ready.").waitFor();
    await page.getByTestId("onboarding").getByText("Add a photo").waitFor();
    await page.waitForSelector('html[data-hydrated="1"]');
    assertEquals(
      await page.getByTestId("notification-count").count(),
      0,
      "nothing unread before the worker runs",
    );

    // The sign-up enqueued a notify job; the worker turns it into a notification, pushed live.
    // (The day's first run also queues and runs the payments reconcile: a second job.)
    const run = await app.platform.worker.runOnce();
    assert(run.processed >= 1 && run.failed === 0, `worker run ${JSON.stringify(run)}`);
    await page.getByTestId("notification-count").filter({ hasText: "1" }).waitFor({
      timeout: 10_000,
    });
    await page.getByTestId("live-toast").getByText("Welcome to Soundcheck, Lena Park!").waitFor();

    // Avatar upload through the plain form.
    await page.goto(`${app.url}/profile`);
    await page.getByLabel("Upload a new photo").setInputFiles({
      name: "me.png",
      mimeType: "image/png",
      buffer: Buffer.from(TINY_PNG),
    });
    await page.getByRole("button", { name: "Upload photo" }).click();
    await page.getByText("Your photo is updated.").waitFor();
    const src = await page.getByTestId("avatar-img").getAttribute("src");
    assert(src?.startsWith("/storage/v1/object/public/avatars/"), `avatar src ${src}`);
    const img = await page.request.get(`${app.url}${src}`);
    assertEquals([img.status(), img.headers()["content-type"]], [200, "image/png"]);

    // A non-image is refused with the field named, and nothing changes.
    await page.getByLabel("Upload a new photo").setInputFiles({
      name: "x.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("hi"),
    });
    await page.getByRole("button", { name: "Upload photo" }).click();
    await page.locator("#f-avatar-error").waitFor();

    await page.getByRole("link", { name: /Notifications/ }).first().click();
    await page.getByTestId("notification-list").getByText("Welcome to Soundcheck, Lena Park!")
      .waitFor();

    await openMenu(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByText("You are signed out.").waitFor();
    await page.goto(`${app.url}/profile`);
    await page.waitForURL(/\/signin\?next=%2Fprofile|\/signin\?next=\/profile/);

    await page.getByLabel("E-mail").fill("lena@example.com");
    await page.getByLabel("Password").fill("lena-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${app.url}/profile`);
    assertEquals(await page.getByLabel("Display name").inputValue(), "Lena Park");
    assertEquals(problems, [], "no page errors");
  } finally {
    await browser.close();
  }
});
