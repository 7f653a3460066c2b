/**
 * The notification centre and its settings in a real browser: pages of 20, the unread filter,
 * mark one / all read with plain forms while another tab's badge follows live, opening a
 * notification, and saving SMS preferences with the phone number validated.
 */
import { chromium } from "playwright-core";
import { assertEquals } from "../_helpers/assert.ts";
import { CHROMIUM, startTestApp } from "../_helpers/app.ts";

Deno.test({
  name: "notifications - centre, live badge, settings",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const s = await app.platform.auth.signUp({
    email: "rui@example.test",
    password: "rui-password-1",
    metadata: { display_name: "Rui" },
  });
  const uid = (await app.platform.auth.verify(s.accessToken))!.sub;
  await app.platform.db.asService((tx) =>
    tx.query(
      `insert into public.notifications (user_id, kind, title, link, created_at)
       select $1, 'review', 'Review number ' || i, '/profile', now() - make_interval(mins => i)
       from generate_series(1, 25) i`,
      [uid],
    )
  );
  const browser = await chromium.launch(CHROMIUM);
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`${app.url}/signin`);
    await page.getByLabel("E-mail").fill("rui@example.test");
    await page.getByLabel("Password").fill("rui-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${app.url}/`);
    await page.goto(`${app.url}/profile`);

    // A second tab keeps the badge in view.
    const other = await context.newPage();
    await other.goto(`${app.url}/profile`);
    await other.waitForSelector('html[data-hydrated="1"]');
    await other.getByTestId("notification-count").filter({ hasText: "25" }).waitFor();

    await page.getByRole("link", { name: "Notification settings" }).click();
    await page.getByLabel("Mobile number for SMS").fill("12345");
    await page.getByLabel("Booked: SMS").check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.locator("#f-phone-error").waitFor();
    assertEquals(await page.getByLabel("Booked: SMS").isChecked(), true, "the ticks are kept");
    await page.getByLabel("Mobile number for SMS").fill("+351 912 345 678");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Notification settings saved.").waitFor();
    assertEquals(await page.getByLabel("Mobile number for SMS").inputValue(), "+351912345678");
    assertEquals(await page.getByLabel("Booked: SMS").isChecked(), true);
    assertEquals(await page.getByLabel("Gig matches: E-mail").isChecked(), false);

    await page.goto(`${app.url}/notifications`);
    await page.waitForSelector('html[data-hydrated="1"]');
    const items = page.getByTestId("notification");
    assertEquals(await items.count(), 20, "first page");
    await page.getByRole("link", { name: "Older" }).click();
    await page.waitForURL(/before=/);
    assertEquals(await items.count(), 5, "second page");
    await page.getByRole("link", { name: "Newest" }).click();
    await page.waitForURL(`${app.url}/notifications`);

    await page.getByRole("button", { name: "Mark read “Review number 1”", exact: true }).click();
    await other.getByTestId("notification-count").filter({ hasText: "24" }).waitFor();
    await page.getByRole("link", { name: "Unread", exact: true }).click();
    await page.waitForURL(/filter=unread/);
    assertEquals(await page.getByText("Review number 1", { exact: true }).count(), 0);

    await page.getByRole("button", { name: "Mark all read" }).click();
    await page.getByText("Marked 24 notifications read.").waitFor();
    await page.getByText("All caught up").waitFor();
    await other.getByTestId("notification-count").waitFor({ state: "detached" });

    await page.getByRole("link", { name: "All", exact: true }).click();
    await page.getByRole("link", { name: "Review number 3", exact: true }).click();
    await page.waitForURL(`${app.url}/profile`);
    assertEquals(problems, [], "no page errors");
  } finally {
    await browser.close();
  }
});
