/**
 * The marketplace journey in a real browser, offline: a client posts a gig → a musician finds it
 * in "Gigs for me" with a reason → drafts a proposal with AI → applies → the client shortlists
 * and accepts → both see the booking → both review after completion.
 */
import { chromium } from "playwright-core";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { CHROMIUM, startTestApp } from "../_helpers/app.ts";
import { gigPlayed } from "../_helpers/booking.ts";
import { describeMusician, publishGig, signUp } from "../_helpers/journey.ts";

Deno.test({
  name: "marketplace - post, match, AI proposal, apply, shortlist, accept, book, complete, review",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp();
  const browser = await chromium.launch(CHROMIUM);
  try {
    const problems: string[] = [];
    const musician = await (await browser.newContext()).newPage();
    const client = await (await browser.newContext()).newPage();
    for (const p of [musician, client]) p.on("pageerror", (e) => problems.push(e.message));

    // The musician describes what they play.
    await signUp(musician, app.url, "Ella Brooks", "ella@example.com", "musician");
    await describeMusician(musician, app.url, {
      stageName: "Ella Brooks Trio",
      instruments: "guitar, vocals",
      genres: "jazz, soul",
    });

    // The client posts and publishes a gig.
    await signUp(client, app.url, "Blue Door", "venue@example.com", "client");
    const gigUrl = await publishGig(client, app.url, {
      title: "Friday jazz night: guitar and vocals",
      description: "Two sets of jazz standards and soul for a seated audience of 80.",
      genres: "jazz",
      instruments: "guitar",
    });
    assert(/\/gigs\/[0-9a-f-]{36}$/.test(gigUrl), `gig url ${gigUrl}`);

    // The worker embeds both sides; the musician finds the gig with a reason.
    let found = false;
    for (let i = 0; i < 50 && !found; i++) {
      await musician.goto(`${app.url}/matches`);
      found =
        await musician.getByTestId("gig-card").filter({ hasText: "Friday jazz night" }).count() > 0;
      if (!found) await new Promise((r) => setTimeout(r, 200));
    }
    assert(found, "the gig shows in Gigs for me");
    const card = musician.getByTestId("gig-card").filter({ hasText: "Friday jazz night" });
    const reason = await card.getByTestId("match-reason").textContent();
    assert(reason && /jazz/i.test(reason), `a reason that names the fit: ${reason}`);

    // Draft the proposal with AI, edit it, apply.
    await card.getByRole("link", { name: "Friday jazz night" }).click();
    await musician.waitForSelector('html[data-hydrated="1"]');
    await musician.getByTestId("ai-draft-proposal").click();
    await musician.getByText(/Draft ready/).waitFor();
    const draft = await musician.getByLabel("Your proposal").inputValue();
    assert(draft.length >= 20, `an AI draft: ${draft}`);
    await musician.getByLabel("Your proposal").fill(
      `${draft}\n\nHappy to add a short soul set too.`,
    );
    await musician.getByLabel(/Your fee/).fill("450");
    await musician.getByRole("button", { name: "Send application" }).click();
    await musician.getByText("Application sent.").waitFor();
    assertEquals(
      await musician.getByTestId("own-application-status").getAttribute("data-status"),
      "submitted",
    );

    // The client shortlists, then accepts.
    await client.goto(gigUrl);
    const applicant = client.getByTestId("applicant").filter({ hasText: "Ella Brooks Trio" });
    await applicant.getByRole("button", { name: "Shortlist" }).click();
    await client.getByText("Shortlisted.").waitFor();
    await client.getByTestId("applicant").filter({ hasText: "Ella Brooks Trio" }).getByRole(
      "button",
      { name: "Accept & book" },
    ).click();
    // The confirmation says what booking means before anything happens.
    await client.getByTestId("consequences").getByText(/gets a booking notification/).waitFor();
    await client.getByRole("button", { name: "Yes, book Ella Brooks Trio" }).click();
    await client.getByText("Booked!").waitFor();
    const bookingUrl = client.url();
    assert(/\/bookings\/[0-9a-f-]{36}$/.test(bookingUrl), `booking url ${bookingUrl}`);

    // Both see the booking.
    await musician.goto(`${app.url}/bookings`);
    await musician.getByTestId("bookings").getByText("Friday jazz night: guitar and vocals")
      .waitFor();
    await client.goto(`${app.url}/bookings`);
    await client.getByTestId("bookings").getByText("Friday jazz night: guitar and vocals")
      .waitFor();

    // Time passes: the gig has been played.
    const bookingId = bookingUrl.split("/").pop()!;
    await gigPlayed(app, bookingId);
    await client.goto(bookingUrl);
    await client.getByRole("button", { name: "Mark as completed" }).click();
    await client.getByText("Marked as completed.").waitFor();
    for (
      const [p, stars, text] of [[client, "5", "Wonderful evening."], [
        musician,
        "4",
        "Great room, kind staff.",
      ]] as const
    ) {
      await p.goto(bookingUrl);
      const form = p.getByTestId("review-form");
      await form.getByLabel(`${stars}★`).check();
      await form.getByLabel("What was it like?").fill(text);
      await form.getByRole("button", { name: "Submit review" }).click();
      await p.getByText("Thanks! Your review shows").waitFor();
    }
    // Both reviewed: both reviews are visible to both.
    await musician.goto(bookingUrl);
    await musician.getByTestId("reviews").getByText("Wonderful evening.").waitFor();
    assertEquals(problems, [], "no page errors");
  } finally {
    await browser.close();
  }
});
