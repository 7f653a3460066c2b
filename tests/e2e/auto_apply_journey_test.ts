/**
 * The scout's journey in a real browser, offline: a musician fills a portfolio (a photo and a
 * track) and opts in to auto-apply with an AI-drafted template → a client publishes a gig that
 * meets the rules → the scout applies with the template filled in for that gig and tells the
 * musician → the client sees the application with the musician's photo and track → the musician
 * withdraws in one click.
 */
import { chromium } from "playwright-core";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { CHROMIUM, startTestApp } from "../_helpers/app.ts";
import { describeMusician, publishGig, signUp } from "../_helpers/journey.ts";

const fixture = (path: string) => new URL(`../fixtures/${path}`, import.meta.url).pathname;

Deno.test({
  name: "scout - portfolio, opt in, a gig published, applied for, seen by the client, withdrawn",
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

    await signUp(musician, app.url, "Nia Cole", "nia@example.com", "musician");
    await describeMusician(musician, app.url, {
      stageName: "Nia Cole Quartet",
      instruments: "saxophone",
      genres: "jazz, soul",
    });

    // A photo and a track, so hirers can see and hear her.
    for (
      const [file, caption] of [
        ["media/tiny.png", "On stage at the Vortex"],
        ["audio/tone.flac", "Live take, autumn set"],
      ]
    ) {
      await musician.goto(`${app.url}/profile/media`);
      await musician.getByLabel("File").setInputFiles(fixture(file));
      await musician.getByLabel("Caption (optional)").fill(caption);
      await musician.getByRole("button", { name: "Upload" }).click();
      await musician.getByText(caption).first().waitFor();
    }

    // Opt in: the AI drafts the template, she keeps it, sets her rules, approves, switches on.
    await musician.goto(`${app.url}/settings/auto-apply`);
    await musician.getByRole("button", { name: "Draft it with AI" }).click();
    const template = await musician.getByLabel("Template").inputValue();
    assert(template.includes("{gig_title}"), `a template with placeholders: ${template}`);
    await musician.getByLabel("Genres (any of)").fill("jazz");
    await musician.getByLabel("Maximum distance (km)").fill("50");
    await musician.getByRole("button", { name: "Save", exact: true }).click();
    await musician.getByText("Saved. Read the template").waitFor();
    await musician.getByRole("button", { name: "Approve this template" }).click();
    await musician.getByText("Template approved.").waitFor();
    await musician.getByRole("button", { name: "Switch on" }).click();
    await musician.getByText("Auto-apply is on").waitFor();

    // A venue publishes a gig that meets her rules.
    await signUp(client, app.url, "Blue Door", "door@example.com", "client");
    const gigUrl = await publishGig(client, app.url, {
      title: "Sunday jazz brunch: saxophone wanted",
      description: "Two relaxed sets of jazz standards for a brunch crowd of 60.",
      genres: "jazz",
      instruments: "saxophone",
    });
    assert(/\/gigs\/[0-9a-f-]{36}$/.test(gigUrl), `gig url ${gigUrl}`);

    // The worker applies for her and tells her: the notification opens the application.
    let told = false;
    for (let i = 0; i < 100 && !told; i++) {
      await musician.goto(`${app.url}/notifications`);
      told = await musician.getByText(/We applied for you/).count() > 0;
      if (!told) await new Promise((r) => setTimeout(r, 200));
    }
    assert(told, "the musician is told the scout applied");
    await musician.getByRole("link", { name: /We applied for you/ }).first().click();
    await musician.waitForURL(/\/my\/applications\/[0-9a-f-]{36}$/);
    const proposal = await musician.getByTestId("proposal").textContent() ?? "";
    assert(proposal.includes("Sunday jazz brunch"), `the template filled in: ${proposal}`);
    assert(!proposal.includes("{gig_title}"), "no placeholder left");

    // The client sees it with her photo and her track in the player.
    await client.goto(`${gigUrl}/applications`);
    const card = client.getByTestId("applicant").filter({ hasText: "Nia Cole Quartet" });
    await card.waitFor();
    assert((await card.textContent() ?? "").includes("Sunday jazz brunch"), "the proposal shown");
    assertEquals(await card.locator("img[src*='/storage/v1/object/public/media/']").count(), 1);
    assert(await card.locator("audio").count() >= 1, "her track in the player");

    // She withdraws after its confirmation; the client's list says so.
    await musician.getByRole("button", { name: "Withdraw" }).click();
    await musician.getByText("You can undo this while the gig takes applications").waitFor();
    await musician.getByRole("button", { name: "Yes, withdraw" }).click();
    await musician.getByText("Your application is withdrawn and the client is told.").waitFor();
    await client.goto(`${gigUrl}/applications`);
    await client.getByTestId("applicant").filter({ hasText: "Nia Cole Quartet" }).getByText(
      /withdrawn/i,
    ).first().waitFor();
    assertEquals(problems, [], "no page errors");
  } finally {
    await browser.close();
  }
});
