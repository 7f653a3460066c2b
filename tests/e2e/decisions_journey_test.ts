/**
 * Deciding on applicants in a real browser: the client sees each applicant's photo and track
 * record, declines one through the confirmation page and takes it back with the flash's Undo,
 * then books the other through the confirmation, which says who is told and what is paid.
 */
import { chromium } from "playwright-core";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { CHROMIUM, startTestApp } from "../_helpers/app.ts";
import { apiCall, gigBody, signUpPerson } from "../_helpers/fuzz.ts";
import { applyTo, publishedMusician } from "../_helpers/booking.ts";
import { COOKIE } from "../../lib/web/cookies.ts";

Deno.test({
  name: "decisions - decline, undo from the flash, then book through the confirmation",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const carla = await signUpPerson(app, "Carla", "client");
  const ana = await publishedMusician(app, "Ana", "Ana Costa Trio");
  const ben = await publishedMusician(app, "Ben", "Ben Okafor Duo");
  const gig = await apiCall(app, carla, "POST", "/api/gigs?publish=true", {
    ...gigBody("Courtyard jazz evening", 20),
  }, 201);
  const gigId = String(gig.id);
  await applyTo(app, ana, gigId);
  await applyTo(app, ben, gigId);

  const browser = await chromium.launch(CHROMIUM);
  try {
    const problems: string[] = [];
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.addCookies([{ name: COOKIE.access, value: carla.token, url: app.url }]);
    const page = await context.newPage();
    page.on("pageerror", (e) => problems.push(e.message));

    await page.goto(`${app.url}/gigs/${gigId}/applications`);
    const benCard = page.getByTestId("applicant").filter({ hasText: "Ben Okafor Duo" });
    await benCard.getByTestId("trust-bookings").getByText("New on Soundcheck").waitFor();
    await benCard.getByTestId("trust-member-since").waitFor();

    // Decline: a confirmation first, then the flash offers Undo.
    await benCard.getByRole("button", { name: "Decline" }).click();
    await page.getByRole("heading", { name: "Decline Ben Okafor Duo?" }).waitFor();
    await page.getByText("You can undo this for 15 minutes.").waitFor();
    await page.getByRole("button", { name: "Yes, decline Ben Okafor Duo" }).click();
    await page.getByTestId("flash").getByText(/Declined: the musician is told/).waitFor();
    assertEquals(
      await page.getByTestId("applicant").filter({ hasText: "Ben Okafor Duo" }).getByTestId(
        "applicant-status",
      ).getAttribute("data-status"),
      "declined",
    );
    await page.getByTestId("flash-undo").getByRole("button", { name: "Undo" }).click();
    await page.getByTestId("flash").getByText(/Undone: the application is back/).waitFor();
    assertEquals(
      await page.getByTestId("applicant").filter({ hasText: "Ben Okafor Duo" }).getByTestId(
        "applicant-status",
      ).getAttribute("data-status"),
      "submitted",
    );

    // Book Ana: the confirmation names her, the other applicant and the payment.
    await page.getByTestId("applicant").filter({ hasText: "Ana Costa Trio" }).getByRole("button", {
      name: "Accept & book",
    }).click();
    const consequences = page.getByTestId("consequences");
    await consequences.getByText("The 1 other applicant is told the gig is filled").waitFor();
    await consequences.getByText(/into escrow/).waitFor();
    await page.getByRole("button", { name: "Yes, book Ana Costa Trio" }).click();
    await page.getByText("Booked!").waitFor();
    assert(/\/bookings\/[0-9a-f-]{36}$/.test(page.url()), page.url());
    assertEquals(problems, [], "no page errors");
  } finally {
    await browser.close();
  }
});
