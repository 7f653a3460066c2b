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
