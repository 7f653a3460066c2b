/**
 * The song studio in a real browser, phone-sized and offline: an example prompt → the plan is
 * written (live) → edit the tempo and the structure → Generate, confirmed with the songs left →
 * the stages live to done → play, seek and loop in the waveform player → download the MP3 →
 * a share link → the share page plays signed out. The worker is driven by the test, so that
 * each page is open while the stages run.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";
import { PHONE, planShortSong, studioBrowser, work } from "../_helpers/studio_browser.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

Deno.test(
  { name: "studio journey - prompt, plan, generate live, play, download, share", ...opts },
  async () => {
    await using app = await startTestApp({ WORKER: "off" });
    const { browser, page, problems } = await studioBrowser(
      app,
      "studio-journey@example.com",
    );
    try {
      // The studio: the songs left, the examples, the prompt.
      await page.goto(`${app.url}/studio`);
      await page.waitForSelector('html[data-hydrated="1"]');
      assertEquals(
        // On a phone the link sits in the closed menu: hidden, yet marked.
        await page.getByRole("link", { name: "Studio", exact: true, includeHidden: true }).first()
          .getAttribute("aria-current"),
        "page",
      );
      assertMatch(await page.getByTestId("song-quota").textContent() ?? "", /3 of 3 songs/);
      await page.getByTestId("studio-example").filter({ hasText: /^Pop$/ }).click();
      const prompt = await page.getByLabel("Describe your song").inputValue();
      assert(prompt.length > 10, "the example fills the prompt");
      const started = page.waitForResponse((r) => r.url().endsWith("/api/studio/songs"));
      await page.getByRole("button", { name: "Write the plan" }).click();
      assertEquals((await started).status(), 202);
      await page.waitForURL(/\/studio\/songs\/[0-9a-f-]{36}$/);
      const songUrl = page.url();

      // The plan is written while the page watches; then it is there to edit, and made short:
      // two sections of four bars (16 s at 120 BPM).
      await planShortSong(app, page);
      assertMatch(await page.getByTestId("plan-length").textContent() ?? "", /about 0:16 long/);

      // A wrong value is named, the form keeps what was typed.
      await page.getByLabel("Tempo (BPM)").fill("500");
      await page.getByRole("button", { name: "Save plan" }).click();
      await page.getByTestId("plan-errors").filter({ hasText: "Tempo:" }).waitFor();
      await page.waitForSelector('html[data-hydrated="1"]');
      assertEquals(await page.getByLabel("Tempo (BPM)").getAttribute("aria-invalid"), "true");
      assertEquals(
        await page.getByTestId("plan-section").count(),
        2,
        "the edited structure survives the refusal",
      );
      await page.getByLabel("Tempo (BPM)").fill("120");

      // Generate, confirmed with the songs left; the stages live to the end.
      await page.getByRole("button", { name: "Generate…" }).click();
      const confirm = page.getByTestId("generate-confirm");
      assertMatch(await confirm.textContent() ?? "", /one of your 3 songs left this month/);
      await confirm.getByRole("button", { name: "Yes, generate the song" }).click();
      await page.waitForURL(songUrl);
      const progress = page.getByTestId("song-progress");
      await progress.waitFor();
      assertEquals(await progress.getAttribute("data-stage"), "composing");
      await page.locator('[data-testid="song-live"][data-live="1"]').waitFor();
      const seen = new Set<string>();
      const player = page.getByTestId("player");
      await work(app, page, async () => {
        const stage = await progress.getAttribute("data-stage", { timeout: 200 }).catch(() => null);
        if (stage) seen.add(stage);
        return await player.isVisible();
      }, "the finished song");
      assert(seen.size >= 2, `stages shown live: ${[...seen]}`);

      // The player: the audio is there, playing changes its state, the keyboard seeks and loops.
      await page.waitForSelector('html[data-hydrated="1"]');
      await page.locator('[data-testid="player"][data-ready="1"]').waitFor();
      const src = await page.getByTestId("player-audio").getAttribute("src");
      assertMatch(src ?? "", /\/download\?format=mp3$/);
      await page.getByTestId("player-toggle").click();
      await page.locator('[data-testid="player"][data-state="playing"]').waitFor();
      await page.getByTestId("player-toggle").click();
      await page.locator('[data-testid="player"][data-state="paused"]').waitFor();
      const wave = page.getByRole("slider", { name: "Position in the song" });
      await wave.focus();
      await page.keyboard.press("End");
      const end = await wave.getAttribute("aria-valuemax");
      assertEquals(await wave.getAttribute("aria-valuenow"), end);
      assert(Math.abs(Number(end) - 16) <= 3, `about 16 s long: ${end}`);
      await page.keyboard.press("Home");
      await page.keyboard.press("ArrowRight");
      assertEquals(await wave.getAttribute("aria-valuenow"), "5");
      await page.keyboard.press("[");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("]");
      assertEquals(await player.getAttribute("data-loop"), "5.00-10.00");
      assertMatch(await page.getByTestId("player-time").textContent() ?? "", /^0:10 \/ 0:1\d$/);

      // Download the MP3 as the browser would (the link redirects to a signed URL).
      const href = await page.getByRole("link", { name: "MP3", exact: true }).getAttribute("href");
      const mp3 = await page.request.get(`${app.url}${href}`);
      assertEquals(mp3.status(), 200);
      assertEquals(mp3.headers()["content-type"], "audio/mpeg");
      assert((await mp3.body()).byteLength > 10_000, "a real MP3");

      // Share; the share link plays for a visitor who is signed out.
      await page.getByRole("button", { name: "Create a share link" }).click();
      const shareUrl = await page.getByTestId("song-share-url").inputValue();
      assertMatch(shareUrl, /\/s\/[A-Za-z0-9_-]{32}$/);
      const title = (await page.locator("h1").textContent())?.replace(/Ready$/, "").trim() ?? "";
      const visitor = await (await browser.newContext(PHONE)).newPage();
      visitor.on("pageerror", (e) => problems.push(`visitor: ${e.message}`));
      await visitor.goto(shareUrl);
      await visitor.waitForSelector('html[data-hydrated="1"]');
      await visitor.getByRole("heading", { name: title }).waitFor();
      assertMatch(
        await visitor.getByTestId("player-audio").getAttribute("src") ?? "",
        /\/storage\/v1\/object\/sign\/tracks\//,
      );
      await visitor.getByTestId("player-toggle").click();
      await visitor.locator('[data-testid="player"][data-state="playing"]').waitFor();
      assertEquals(problems, [], "no page errors");
    } finally {
      await browser.close();
    }
  },
);
