/**
 * The studio's browser journeys: a phone-sized Chromium that plays audio without a sound device,
 * a musician signed in, page errors collected; and the worker driven while a page watches.
 */
import { type Browser, chromium, type Page } from "playwright-core";
import { CHROMIUM, type TestApp } from "./app.ts";
import { COOKIE } from "../../lib/web/cookies.ts";

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

export interface StudioBrowser {
  browser: Browser;
  page: Page;
  /** Page errors seen so far (a journey ends asserting none). */
  problems: string[];
  accessToken: string;
}

/** A new musician (`email`) signed in on a phone-sized page; close `browser` when done. */
export async function studioBrowser(app: TestApp, email: string): Promise<StudioBrowser> {
  const browser = await chromium.launch({
    ...CHROMIUM,
    // Headless Chromium plays the songs without a user's sound device.
    args: [...CHROMIUM.args, "--autoplay-policy=no-user-gesture-required", "--mute-audio"],
  });
  try {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    const s = await app.platform.auth.signUp({
      email,
      password: `${email}-password`,
      metadata: { display_name: "Journey Musician", is_musician: true },
    });
    await ctx.addCookies([{ name: COOKIE.access, value: s.accessToken, url: app.url }]);
    return { browser, page, problems, accessToken: s.accessToken };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/** Runs the worker until `done` holds (each round also lets the page catch up). */
export async function work(app: TestApp, page: Page, done: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 60; i++) {
    if (await done()) return;
    await app.platform.worker.runOnce();
    await page.waitForTimeout(100);
  }
  throw new Error(`the worker never got to: ${what}`);
}

/**
 * On a song's page whose plan is being written: waits for the plan, then makes the song short
 * (120 BPM, two sections of four bars: 16 s), ready to generate.
 */
export async function planShortSong(app: TestApp, page: Page): Promise<void> {
  await page.locator('[data-testid="song-live"][data-live="1"]').waitFor();
  const form = page.getByTestId("plan-form");
  await work(app, page, () => form.isVisible(), "the plan");
  await page.waitForSelector('html[data-hydrated="1"]');
  await page.getByLabel("Tempo (BPM)").fill("120");
  const sections = page.getByTestId("plan-section");
  while (await sections.count() > 2) {
    await page.getByRole("button", { name: /^Remove section \d+$/ }).last().click();
  }
  await page.getByLabel("Bars of section 1").fill("4");
  await page.getByLabel("Bars of section 2").fill("4");
}
