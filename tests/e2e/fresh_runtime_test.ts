/**
 * Browser test of the Fresh runtime on its fixture (lib/fresh_runtime/testdata): islands hydrate
 * and react to clicks, pages without islands ship no script, and the CSP blocks nothing we use.
 */
import { chromium } from "playwright-core";
import { CHROMIUM } from "../_helpers/app.ts";
import { createApp } from "../../lib/fresh_runtime/mod.ts";
import { assert, assertEquals } from "../../lib/fresh_runtime/test_utils.ts";
import type { State } from "../../lib/fresh_runtime/testdata/utils.ts";

Deno.test("fresh runtime - islands hydrate in Chromium; island-free pages have no script", async () => {
  const app = await createApp<State>({
    root: new URL("../../lib/fresh_runtime/testdata", import.meta.url).pathname,
    initialState: () => ({ trail: [] }),
    log: () => {},
  });
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, app.fetch);
  const base = `http://127.0.0.1:${server.addr.port}`;
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });

    await page.goto(`${base}/counter`);
    await page.waitForSelector('html[data-hydrated="1"]', { timeout: 10_000 });
    const counter = page.locator('sc-island[data-island="Counter"]');
    assertEquals(await counter.locator("output").textContent(), "3");
    await counter.locator("button").click();
    await counter.locator("button").click();
    await page.waitForFunction(() =>
      document.querySelector('sc-island[data-island="Counter"] output')?.textContent === "5"
    );
    // The Counter nested in Panel is hydrated as part of Panel.
    const nested = page.locator('sc-island[data-island="Panel"] output');
    assertEquals(await nested.textContent(), "10");
    await page.locator('sc-island[data-island="Panel"] button').click();
    await page.waitForFunction(() =>
      document.querySelector('sc-island[data-island="Panel"] output')?.textContent === "11"
    );
    // Named export + signals + a lib import: client render replaced "server" with "browser".
    const greeting = page.locator('sc-island[data-island="Greeting"]');
    assertEquals(await greeting.locator(".where").textContent(), "browser");
    await greeting.locator("button").click();
    assertEquals(await greeting.locator(".greeting-name").textContent(), "</script><!-- \u2028");
    // The stylesheet applied (display:contents on markers, tailwind classes).
    assertEquals(await counter.evaluate((el) => getComputedStyle(el).display), "contents");
    assertEquals(problems, [], "no console errors or CSP violations");

    const res = await page.goto(`${base}/`);
    assert(res, "navigated");
    assert(!(await res.text()).includes("<script"), "HTML of / has no script");
    assertEquals(await page.locator("script").count(), 0);
    assertEquals(await page.locator("h1").textContent(), "Home");
    assertEquals(
      await page.evaluate(() => document.documentElement.dataset.hydrated ?? null),
      null,
    );
    assertEquals(problems, []);
  } finally {
    await browser.close();
    await server.shutdown();
  }
});
