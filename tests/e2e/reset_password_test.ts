/**
 * Password reset in a real browser (embedded platform): ask for a link, open it, choose a new
 * password, land signed in; the old password no longer works and the link is used up.
 */
import { chromium } from "playwright-core";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { CHROMIUM, startTestApp } from "../_helpers/app.ts";
import { listOutbox } from "../../lib/ports/mail/outbox.ts";

Deno.test({
  name: "reset password - the mailed link sets a new password once and signs in",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  await app.platform.auth.signUp({
    email: "rita@example.com",
    password: "old-password",
    metadata: { display_name: "Rita", is_musician: true, is_client: false },
  });
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));

    await page.goto(`${app.url}/reset-password`);
    await page.getByLabel("E-mail").fill("rita@example.com");
    await page.getByRole("button", { name: "Send reset link" }).click();
    await page.getByText("Check your e-mail").waitFor();

    const [mail] = await app.platform.db.asService((tx) => listOutbox(tx, 1));
    const link = new URL(mail.body.match(/https?:\/\/\S+/)![0]);
    await page.goto(`${app.url}${link.pathname}${link.search}`);
    await page.getByLabel("New password").fill("new-password");
    await page.getByRole("button", { name: "Save password" }).click();
    await page.waitForURL(`${app.url}/profile`);
    await page.getByText("Your password is changed.").waitFor();

    // The same link again: refused, with a way to ask for a new one.
    await page.goto(`${app.url}${link.pathname}${link.search}`);
    await page.getByLabel("New password").fill("third-password");
    await page.getByRole("button", { name: "Save password" }).click();
    await page.getByText("invalid or has expired").first().waitFor();
    assert(await page.getByRole("link", { name: "Ask for a new link" }).isVisible());

    await app.platform.auth.signIn({ email: "rita@example.com", password: "new-password" });
    assertEquals(problems, []);
  } finally {
    await browser.close();
  }
});
