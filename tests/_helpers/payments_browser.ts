/** The payments browser journeys' shared steps: a signed-in phone-sized page, paying into escrow. */
import type { Browser, Page } from "playwright-core";
import type { TestApp } from "./app.ts";
import type { Person } from "./fuzz.ts";
import { COOKIE } from "../../lib/web/cookies.ts";

/** A page signed in as `who` (the session cookie, as after signing in), at a phone's size. */
export async function pageAs(browser: Browser, app: TestApp, who: Person, problems: string[]) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addCookies([{ name: COOKIE.access, value: who.token, url: app.url }]);
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(e.message));
  return page;
}

/**
 * The client pays a €400 booking (€420 with fees) into escrow through the booking page and the
 * built-in hosted checkout with the 4242… card; `atConfirm` looks at the confirmation step first.
 */
export async function payIntoEscrow(
  client: Page,
  bookingUrl: string,
  atConfirm: (confirm: Page) => Promise<void> = async () => {},
) {
  await client.goto(bookingUrl);
  await client.getByRole("button", { name: "Pay into escrow" }).click();
  await client.getByTestId("pay-confirm").waitFor();
  await atConfirm(client);
  await client.getByRole("button", { name: "Confirm and pay €420" }).click();
  // A redirect keeps the page's #payment fragment: compare paths.
  await client.waitForURL((u) => /^\/pay\/[0-9a-f-]{36}$/.test(u.pathname));
  await client.getByLabel("Card number").fill("4242424242424242");
  await client.getByRole("button", { name: "Pay €420" }).click();
  await client.waitForURL((u) => u.href.split("#")[0] === bookingUrl);
  await client.getByTestId("held-banner").waitFor();
}

/** Time passes: the booking's held money is due for release (its `release_at` was yesterday). */
export async function releaseDatePassed(app: TestApp, bookingId: string) {
  await app.platform.db.asService((tx) =>
    tx.query(
      "update public.payments set release_at = now() - interval '1 day' where booking_id = $1",
      [bookingId],
    )
  );
}
