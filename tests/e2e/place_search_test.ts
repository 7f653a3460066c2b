/**
 * The place search and tag inputs in a real browser: a musician types the start of a city, picks
 * it with the keyboard (the country follows), adds instruments as chips from suggestions and
 * removes one, and saves; a client's gig form names the picked city's time zone beside the times.
 */
import { chromium } from "playwright-core";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { CHROMIUM, startTestApp } from "../_helpers/app.ts";
import { formReady, signUp } from "../_helpers/journey.ts";
import { serviceSql } from "../_helpers/payments.ts";

Deno.test({
  name: "place search - type a city, pick it, add and remove tags, save",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const browser = await chromium.launch(CHROMIUM);
  try {
    const problems: string[] = [];
    const page = await (await browser.newContext()).newPage();
    page.on("pageerror", (e) => problems.push(e.message));
    await signUp(page, app.url, "Rita Sousa", "rita@example.com", "musician");
    await page.goto(`${app.url}/profile/musician`);
    await formReady(page);
    await page.getByLabel("Stage name").fill("Rita Sousa");

    // Suggestions as you type; Escape closes them.
    const city = page.getByRole("combobox", { name: "City" });
    await city.pressSequentially("spring");
    const options = page.getByRole("listbox").getByRole("option");
    await options.first().waitFor();
    assertEquals(await city.getAttribute("aria-expanded"), "true");
    await city.press("Escape");
    await page.getByRole("listbox").waitFor({ state: "detached" });
    assertEquals(await city.getAttribute("aria-expanded"), "false");

    // Picked with the keyboard: the field takes the label, the country follows.
    await city.fill("");
    await city.pressSequentially("lisb");
    await page.getByRole("option", { name: "Lisbon, Portugal" }).waitFor();
    await city.press("ArrowDown");
    assertEquals(await city.getAttribute("aria-activedescendant"), "f-city-list-0");
    await city.press("Enter");
    assertEquals(await city.inputValue(), "Lisbon, Portugal");
    assertEquals(await page.getByLabel("Country").inputValue(), "PT");

    // Tags: a suggestion picked, one typed with a comma, then removed with its button.
    const instruments = page.getByRole("combobox", { name: "Instruments", exact: true });
    await instruments.pressSequentially("sax");
    await page.getByRole("option", { name: "saxophone" }).waitFor();
    await instruments.press("ArrowDown");
    await instruments.press("Enter");
    await instruments.pressSequentially("kazoo,");
    await page.getByRole("button", { name: "Remove kazoo" }).click();
    await page.getByRole("button", { name: "Remove kazoo" }).waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Remove saxophone" }).waitFor();

    // A day off, picked with the date input and added as a chip.
    await page.getByLabel("Dates you can't play").fill("2031-12-24");
    await page.getByRole("button", { name: "Add date" }).click();
    await page.getByRole("button", { name: /^Remove Wed,? 24 Dec 2031$/ }).waitFor();

    await page.getByRole("button", { name: "Save musician profile" }).click();
    await page.getByText("Musician profile saved.").waitFor();
    const [row] = await serviceSql<
      { city: string; country: string; lat: number; instruments: string[]; blocked: string[] }
    >(
      app,
      `select m.city, m.country, m.lat, m.instruments, m.blocked_dates::text[] as blocked
         from public.musician_profiles m
         join auth.users u on u.id = m.id where u.email = 'rita@example.com'`,
    );
    assertEquals([row.city, row.country, row.instruments], ["Lisbon", "PT", ["saxophone"]]);
    assertEquals(row.blocked, ["2031-12-24"]);
    assert(Math.abs(row.lat - 38.72) < 0.05, `lat ${row.lat}`);
    assertEquals(await page.getByLabel("City", { exact: true }).inputValue(), "Lisbon, Portugal");

    // A gig's times are in the picked city's zone, named beside them.
    const client = await (await browser.newContext()).newPage();
    client.on("pageerror", (e) => problems.push(e.message));
    await signUp(client, app.url, "Casa Azul", "casa@example.com", "client");
    await client.goto(`${app.url}/gigs/new`);
    await formReady(client);
    const venueCity = client.getByRole("combobox", { name: "City" });
    await venueCity.pressSequentially("sao pa");
    await client.getByRole("option", { name: "São Paulo, Brazil" }).click();
    await client.getByText(/São Paulo time, UTC-3/).waitFor();
    assertEquals(await client.getByLabel("Country").inputValue(), "BR");
    assertEquals(await client.getByLabel("Time zone").inputValue(), "");
    assertEquals(problems, []);
  } finally {
    await browser.close();
  }
});
