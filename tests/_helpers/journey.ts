/** Steps the browser journeys share: signing up through the form, a gig's start a few days out. */
import type { Page } from "playwright-core";

/** Signs up through /signup as a musician or a client; lands on /profile. */
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
  await page.waitForURL(`${base}/profile`);
}

/** A date-time-local value `days` from now at 20:00. */
export function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T20:00`;
}

/** Fills and saves the musician form: a London musician charging £300–600. */
export async function describeMusician(
  page: Page,
  base: string,
  who: { stageName: string; instruments: string; genres: string },
): Promise<void> {
  await page.goto(`${base}/profile/musician`);
  await page.getByLabel("Stage name").fill(who.stageName);
  await page.getByLabel("Instruments").fill(who.instruments);
  await page.getByLabel("Genres").fill(who.genres);
  await page.getByLabel("City").fill("London");
  await page.getByLabel("Country code").fill("GB");
  await page.getByLabel("Latitude (optional)").fill("51.5072");
  await page.getByLabel("Longitude (optional)").fill("-0.1276");
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
  await page.getByLabel("Title").fill(gig.title);
  await page.getByLabel("Description").fill(gig.description);
  await page.getByLabel("Genres").fill(gig.genres);
  await page.getByLabel("Instruments wanted").fill(gig.instruments);
  await page.getByLabel("Starts").fill(inDays(10));
  await page.getByLabel("Time zone").selectOption("Europe/London");
  await page.getByLabel("Venue").fill("The Blue Door");
  await page.getByLabel("City").fill("London");
  await page.getByLabel("Country code").fill("GB");
  await page.getByLabel("Budget from").fill("350");
  await page.getByLabel("Budget up to").fill("550");
  await page.getByLabel("Currency").selectOption("GBP");
  await page.getByRole("button", { name: "Publish gig" }).click();
  await page.getByText("Your gig is published.").waitFor();
  return page.url();
}
