/**
 * A virtual artist in a real browser, phone-sized and offline: a brief → the persona (its avatar
 * loads) → the calendar planned → "Make this song in the studio" on the first release → the
 * studio's song page, generated (short) until done → back on the artist: tracks with features
 * added through the API, their figures imported as a CSV through the dashboard's form (large:
 * followed live until done) → "Analyse now" followed live → a high-confidence tempo proposal
 * with its numbers → Approve → the versions page shows the plan's version and the tempo change.
 * The worker is driven by the test, so that each page is open while the jobs run.
 */
import { Buffer } from "node:buffer";
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { planShortSong, studioBrowser, work } from "../_helpers/studio_browser.ts";
import { seedArtistData } from "../../lib/domains/artists/learn/seed.ts";
import type { MetricRow } from "../../lib/domains/artists/types.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

/** The seeded rows as a streaming service's CSV export. */
function metricsCsv(rows: MetricRow[]): string {
  const lines = rows.map((r) =>
    [r.date, r.track, r.country, r.streams, r.listeners, r.saves, r.skips, r.followers].join(",")
  );
  return `date,track,country,streams,listeners,saves,skips,followers\n${lines.join("\n")}\n`;
}

Deno.test(
  { name: "artists journey - brief, calendar, studio song, import, plan, approve", ...opts },
  async () => {
    const started = performance.now();
    const lap = (what: string) =>
      console.log(`${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await using app = await startTestApp({ WORKER: "off" });
    const { browser, page, problems, accessToken } = await studioBrowser(
      app,
      "artists-journey@example.com",
    );
    try {
      // The brief → the persona, its avatar loaded.
      await page.goto(`${app.url}/artists`);
      assertEquals(
        await page.getByRole("link", { name: "Artists", exact: true, includeHidden: true })
          .getAttribute(
            "aria-current",
          ),
        "page",
      );
      await page.getByText("No artists yet").waitFor();
      await page.getByLabel("Genre").fill("synth-pop");
      await page.getByLabel(/^Market/).selectOption("GB");
      await page.getByLabel("Audience").fill("students who run in the evening");
      await page.getByLabel("Tone").fill("warm, a little ironic");
      await page.getByRole("button", { name: "Create the artist" }).click();
      await page.waitForURL(/\/artists\/[0-9a-f-]{36}$/);
      const artistUrl = page.url();
      const id = artistUrl.split("/").at(-1)!;
      const flash = await page.getByTestId("flash").textContent() ?? "";
      const name = flash.match(/^Meet (.+): this is version 1/)?.[1] ?? "";
      assert(name.length > 1, `the notice names the artist: ${flash}`);
      assertEquals((await page.locator("h1").textContent())?.trim(), name);
      const avatar = page.getByTestId("artist-avatar");
      await avatar.waitFor();
      await page.waitForFunction(
        () =>
          (document.querySelector('[data-testid="artist-avatar"]') as HTMLImageElement)
            ?.naturalWidth > 0,
      );
      assertMatch(await avatar.getAttribute("src") ?? "", /\/art\/avatar\?v=avatar-/);
      // The artist's sections, as its pages list them.
      const tab = (label: string) =>
        page.getByRole("navigation", { name: `${name}'s sections` }).getByRole("link", {
          name: label,
          exact: true,
        });
      lap("persona");

      // The calendar, planned; the first release made into a studio song.
      await tab("Calendar").click();
      await page.getByLabel("Weeks to plan").selectOption("4");
      await page.getByRole("button", { name: "Plan the calendar" }).click();
      assertMatch(await page.getByTestId("flash").textContent() ?? "", /^Planned 4 weeks/);
      await page.getByTestId("calendar-release").first().getByRole("button", {
        name: "Make this song in the studio",
      }).click();
      await page.waitForURL(/\/studio\/songs\/[0-9a-f-]{36}$/);
      const songUrl = page.url();
      lap("calendar");

      // The studio: the plan is written live, made short, generated until done.
      await planShortSong(app, page);
      await page.getByRole("button", { name: "Generate…" }).click();
      await page.getByTestId("generate-confirm").getByRole("button", {
        name: "Yes, generate the song",
      }).click();
      await page.waitForURL(songUrl);
      await page.locator('[data-testid="song-live"][data-live="1"]').waitFor();
      const player = page.getByTestId("player");
      await work(app, page, () => player.isVisible(), "the finished song");
      lap("studio song");

      // Back on the artist: the release links to its song.
      await page.goto(`${artistUrl}/calendar`);
      assertEquals(
        await page.getByTestId("calendar-release").first().getAttribute("data-song"),
        songUrl.split("/").at(-1),
      );

      // Tracks with features through the API, their figures as a CSV through the form.
      const seeded = seedArtistData({
        tracks: 30,
        days: 120,
        countries: 3,
        effect: "tempo",
        seed: 1,
      });
      for (const t of seeded.tracks) {
        const res = await app.fetch(`/api/artists/${id}/tracks`, {
          method: "POST",
          headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
          body: JSON.stringify(t),
        });
        assertEquals(res.status, 201, await res.text());
      }
      const csv = new TextEncoder().encode(metricsCsv(seeded.rows));
      await tab("Dashboard").click();
      await page.getByText("No figures yet").waitFor();
      await page.getByLabel("Streaming figures (CSV)").setInputFiles({
        name: "streaming-export.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(csv),
      });
      await page.getByRole("button", { name: "Import the figures" }).click();
      const rows = seeded.rows.length.toLocaleString("en-GB");
      const notice = `Imported ${rows} rows (${rows} new, 0 changed, 0 unchanged).`;
      if (csv.byteLength > 256 * 1024) {
        // Large: imported in the background while the page follows it live.
        await page.waitForURL(/\/metrics\?import=[0-9a-f-]{36}$/);
        await page.waitForSelector('html[data-hydrated="1"]');
        await page.locator('[data-testid="artist-import-live"][data-live="1"]').waitFor();
        const done = page.getByTestId("import-done");
        await work(app, page, () => done.isVisible(), "the import");
        assertEquals(await done.textContent(), `streaming-export.csv: ${notice}`);
      } else {
        assertEquals(await page.getByTestId("flash").textContent(), notice);
      }
      await page.getByTestId("artist-chart-streams").locator("svg").waitFor();
      lap(`import (${Math.round(csv.byteLength / 1024)} KB)`);

      // Analyse now → followed live → a confident tempo proposal with its numbers.
      await tab("Plans").click();
      await page.getByRole("button", { name: "Analyse now" }).click();
      await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
      await page.waitForSelector('html[data-hydrated="1"]');
      await page.locator('[data-testid="artist-plan-live"][data-live="1"]').waitFor();
      const ready = page.getByTestId("plan-ready");
      await work(app, page, () => ready.isVisible(), "the plan");
      const tempo = page.locator('[data-testid="plan-item"][data-kind="tempo"]');
      assertEquals(await tempo.getAttribute("data-confidence"), "high");
      assertMatch(await tempo.locator("h3").textContent() ?? "", /^Lean (faster|slower): /);
      assertMatch(
        await tempo.getByTestId("plan-evidence-numbers").first().textContent() ?? "",
        /^n = \d+ tracks · effect [+−]\d\.\d\d \(95 % CI [+−]?\d\.\d\d to [+−]?\d\.\d\d\) · p/,
      );
      const change = await tempo.getByTestId("plan-item-diff").textContent() ?? "";
      assertMatch(change, /Tempo range: \d+–\d+ BPM → \d+–\d+ BPM/);
      lap("plan");

      // Approve → a new version caused by the plan, with the tempo change.
      await tempo.getByRole("button", { name: "Approve: make a new version" }).click();
      const approved = await page.getByTestId("flash").textContent() ?? "";
      const version = approved.match(/^Approved: a new version \(v(\d+)\) of the persona\.$/)
        ?.[1];
      assert(version, `the notice names the version: ${approved}`);
      await tab("Versions").click();
      const newest = page.getByTestId("version").first();
      assertEquals(await newest.getAttribute("data-version"), version);
      assertEquals(await newest.getAttribute("data-cause"), "plan");
      assertEquals(
        await newest.getByTestId("version-cause").textContent(),
        "A plan's proposal, approved",
      );
      assertEquals(
        (await newest.getByTestId("version-diff").textContent())?.trim(),
        change.trim(),
      );
      assertEquals(problems, [], "no page errors");
      lap("approved");
    } finally {
      await browser.close();
    }
  },
);
