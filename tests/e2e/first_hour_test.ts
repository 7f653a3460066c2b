/**
 * The first hour of both roles in a real browser, offline. A venue signs up → its home shows the
 * set-up list → it describes the venue and posts its first gig, and the list ticks itself. A
 * musician signs up on a phone → the list → a photo, the profile, an AI-drafted bio → the gig shows
 * on their home → they apply. The venue gets "New application", opens it (the applicants page),
 * books after the confirmation step; the musician is told and sees the booking on their home.
 */
import { Buffer } from "node:buffer";
import { chromium, type Page } from "playwright-core";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { CHROMIUM, startTestApp, TINY_PNG } from "../_helpers/app.ts";
import { describeMusician, openMenu, publishGig, signUp } from "../_helpers/journey.ts";

const TITLE = "Saturday soul night: keys and vocals";

/** `data-done` of a checklist step on the home. */
const done = (page: Page, id: string) => page.getByTestId(`step-${id}`).getAttribute("data-done");

Deno.test({
  name: "first hour - a venue and a musician: sign-up, set-up list, gig, application, booking",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp();
  const browser = await chromium.launch(CHROMIUM);
  try {
    const problems: string[] = [];
    const client = await (await browser.newContext()).newPage();
    const musician = await (await browser.newContext({ viewport: { width: 390, height: 844 } }))
      .newPage();
    for (const p of [musician, client]) p.on("pageerror", (e) => problems.push(e.message));

    // The venue: sign-up lands on the home with a set-up list for clients only.
    await signUp(client, app.url, "Green Room", "greenroom@example.com", "client");
    assertEquals(client.url(), `${app.url}/`);
    await client.getByTestId("onboarding").waitFor();
    assertEquals(await done(client, "client-details"), "false");
    assertEquals(await done(client, "client-gig"), "false");
    assertEquals(await client.getByTestId("step-musician-photo").count(), 0);
    assertEquals(await client.getByRole("link", { name: "Gigs for me" }).count(), 0, "no For me");
    await client.getByRole("link", { name: "My gigs", exact: true }).waitFor();
    // Each step links to the page that does it.
    await client.getByTestId("step-client-details").getByRole("link").click();
    await client.waitForURL(`${app.url}/profile/client`);
    await publishGig(client, app.url, {
      title: TITLE,
      description: "Two sets of soul and Motown classics for a standing crowd of 120.",
      genres: "soul",
      instruments: "keyboards",
    });
    await client.goto(`${app.url}/`);
    assertEquals(await done(client, "client-details"), "true");
    assertEquals(await done(client, "client-gig"), "true");
    await client.getByTestId("panel-my-gigs").getByText(TITLE).waitFor();

    // The musician, on a phone: one header row with a menu; the list for musicians.
    await signUp(musician, app.url, "Rae Hill", "rae@example.com", "musician");
    await musician.getByTestId("onboarding").waitFor();
    const header = await musician.locator("body > header, header").first().boundingBox();
    assert(header && header.height < 70, `one header row on a phone: ${header?.height}px`);
    await openMenu(musician);
    const menu = musician.getByTestId("nav-menu");
    await menu.getByRole("link", { name: "Applications", exact: true }).waitFor();
    assertEquals(await menu.getByRole("link", { name: "My gigs", exact: true }).count(), 0);
    await menu.locator("summary").click();
    for (const k of ["photo", "tags", "city", "fee", "bio"]) {
      assertEquals(await done(musician, `musician-${k}`), "false", k);
    }
    await musician.getByTestId("step-musician-photo").getByRole("link").click();
    await musician.waitForURL(`${app.url}/profile`);
    await musician.getByLabel("Upload a new photo").setInputFiles({
      name: "rae.png",
      mimeType: "image/png",
      buffer: Buffer.from(TINY_PNG),
    });
    await musician.getByRole("button", { name: "Upload photo" }).click();
    await musician.getByText("Your photo is updated.").waitFor();
    await describeMusician(musician, app.url, {
      stageName: "Rae Hill",
      instruments: "keyboards, vocals",
      genres: "soul, funk",
    });
    // The bio, drafted by the (offline) AI from the saved profile, then saved.
    await musician.goto(`${app.url}/profile/musician`);
    await musician.waitForSelector('html[data-hydrated="1"]');
    await musician.getByTestId("ai-draft-bio").click();
    await musician.waitForFunction(() =>
      ((document.getElementById("bio") as HTMLTextAreaElement | null)?.value ?? "").length > 20
    );
    await musician.getByRole("button", { name: "Save musician profile" }).click();
    await musician.getByText("Musician profile saved.").waitFor();
    await musician.goto(`${app.url}/`);
    for (const k of ["photo", "tags", "city", "fee", "bio"]) {
      assertEquals(await done(musician, `musician-${k}`), "true", k);
    }

    // The worker embeds both sides: the gig shows in "Gigs for you" on the home.
    let found = false;
    for (let i = 0; i < 50 && !found; i++) {
      await musician.goto(`${app.url}/`);
      found = await musician.getByTestId("panel-gigs-for-me").getByText(TITLE).count() > 0;
      if (!found) await new Promise((r) => setTimeout(r, 200));
    }
    assert(found, "the gig shows on the musician's home");
    await musician.getByTestId("panel-gigs-for-me").getByRole("link", { name: TITLE }).click();
    await musician.getByLabel("Your proposal").fill(
      "Keys and vocals for two soul sets; I bring my own stage piano and monitor.",
    );
    await musician.getByLabel(/Your fee/).fill("400");
    await musician.getByRole("button", { name: "Send application" }).click();
    await musician.getByText("Application sent.").waitFor();
    await musician.goto(`${app.url}/`);
    await musician.getByTestId("panel-applications").getByText(TITLE).waitFor();

    // The venue is told, opens the notification: the applicants page.
    await client.goto(`${app.url}/notifications`);
    await client.getByRole("link", { name: `New application: ${TITLE}` }).click();
    await client.waitForURL(/\/gigs\/[0-9a-f-]{36}\/applications$/);
    const applicant = client.getByTestId("applicant").filter({ hasText: "Rae Hill" });
    await applicant.getByRole("link", { name: "Accept & book" })
      .or(applicant.getByRole("button", { name: "Accept & book" })).click();
    // The confirmation spells out what booking means before anything happens.
    await client.getByTestId("consequences").waitFor();
    await client.getByRole("button", { name: "Yes, book Rae Hill" }).click();
    await client.getByText("Booked!").waitFor();
    await client.goto(`${app.url}/`);
    await client.getByTestId("panel-bookings-client").getByText(TITLE).waitFor();

    // The musician is told, and the booking is on their home.
    await musician.goto(`${app.url}/notifications`);
    await musician.getByRole("link", { name: `You are booked: ${TITLE}` }).waitFor();
    await musician.goto(`${app.url}/`);
    await musician.getByTestId("panel-bookings-musician").getByTestId("home-booking")
      .filter({ hasText: TITLE }).waitFor();
    assertEquals(problems, [], "no page errors");
  } finally {
    await browser.close();
  }
});
