/** Steps the browser journeys share: signing up through the form, a gig's start a few days out. */
import type { Page } from "playwright-core";

/** Signs up through /signup as a musician or a client (signed in when it returns). */
export async function signUp(
  page: Page,
  base: string,
  name: string,
  email: string,
  role: "musician" | "client",
): Promise<void> {
  await page.goto(`${base}/signup`);
  await page.getByLabel("Name or stage name").fill(name);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("journey-password");
  if (role === "client") {
    await page.getByLabel("A musician looking for gigs").uncheck();
    await page.getByLabel("A client or venue hiring musicians").check();
  }
  await page.getByRole("button", { name: "Create account" }).click();
  // Where sign-up lands is the home's business; the welcome says the account exists.
  await page.getByText("Your account is ready.").waitFor();
}

/** A date-time-local value `days` from now at 20:00. */
export function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T20:00`;
}

/** Waits until a form's place search and tag inputs are hydrated (they carry `data-ready`). */
export async function formReady(page: Page): Promise<void> {
  await page.locator('#f-city[role="combobox"]').waitFor();
}

/** Types `query` into the City search and picks the suggestion `label` (e.g. "London, United Kingdom"). */
export async function pickPlace(page: Page, query: string, label: string): Promise<void> {
  const city = page.getByLabel("City", { exact: true });
  await city.fill("");
  await city.pressSequentially(query);
  await page.getByRole("listbox").getByRole("option", { name: label, exact: true }).click();
  await page.waitForFunction(
    (want) => (document.getElementById("f-city") as HTMLInputElement | null)?.value === want,
    label,
  );
}

/** Fills and saves the musician form: a London musician charging £300–600. */
export async function describeMusician(
  page: Page,
  base: string,
  who: { stageName: string; instruments: string; genres: string },
): Promise<void> {
  await page.goto(`${base}/profile/musician`);
  await formReady(page);
  await page.getByLabel("Stage name").fill(who.stageName);
  // Tag inputs: a comma list typed in turns into chips, and posts as the same list.
  await page.getByLabel("Instruments", { exact: true }).fill(who.instruments);
  await page.getByLabel("Genres", { exact: true }).fill(who.genres);
  await pickPlace(page, "Londo", "London, United Kingdom");
  await page.getByLabel("Fee from").fill("300");
  await page.getByLabel("Fee up to").fill("600");
  await page.getByLabel("Currency").selectOption("GBP");
  await page.getByRole("button", { name: "Save musician profile" }).click();
  await page.getByText("Musician profile saved.").waitFor();
}

/**
 * Saves the client form as The Blue Door Jazz Club, then publishes a London gig there in 10 days
 * (budget £350–550) through the form; returns the gig's URL.
 */
export async function publishGig(
  page: Page,
  base: string,
  gig: { title: string; description: string; genres: string; instruments: string },
): Promise<string> {
  await page.goto(`${base}/profile/client`);
  await page.getByLabel("Organisation or venue name").fill("The Blue Door Jazz Club");
  await page.getByRole("button", { name: "Save client profile" }).click();
  await page.getByText("Client profile saved.").waitFor();
  await page.goto(`${base}/gigs/new`);
  await formReady(page);
  await page.getByLabel("Title").fill(gig.title);
  await page.getByLabel("Description").fill(gig.description);
  await page.getByLabel("Genres", { exact: true }).fill(gig.genres);
  await page.getByLabel("Instruments wanted").fill(gig.instruments);
  await page.getByLabel("Venue").fill("The Blue Door");
  await pickPlace(page, "Londo", "London, United Kingdom");
  // Times are typed in the city's zone, which the form names.
  await page.getByText(/London time, UTC\+[01]/).waitFor();
  await page.getByLabel("Start date").fill(inDays(10).slice(0, 10));
  await page.getByLabel("Start time").fill("20:00");
  await page.getByLabel("Budget from").fill("350");
  await page.getByLabel("Budget up to").fill("550");
  await page.getByLabel("Currency").selectOption("GBP");
  await page.getByRole("button", { name: "Publish gig" }).click();
  await page.getByText("Your gig is published.").waitFor();
  return page.url();
}

/** Opens the header's menu (a <details> disclosure) to reach the links inside it. */
export async function openMenu(page: Page): Promise<void> {
  const menu = page.getByTestId("nav-menu");
  if (await menu.getAttribute("open") === null) await menu.locator("summary").click();
}
