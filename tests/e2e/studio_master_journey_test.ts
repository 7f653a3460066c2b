/**
 * Mastering and the hit meter in a real browser, phone-sized and offline: a finished (uploaded)
 * song → its master page → master with the −14 LUFS preset, the stages live → the A/B player
 * loudness-matched, switching to the master keeps the position, the loudness meter reads the
 * version heard at the play head → the report and the platforms → the hit meter measured live →
 * the gauge, the categories and the insights. The worker is driven by the test, so each page is
 * open while the stages run.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { drainJobs, startTestApp } from "../_helpers/app.ts";
import { studioBrowser, work } from "../_helpers/studio_browser.ts";
import { encodeWav } from "../../lib/audio/wav.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const SR = 44100;

/** Ten seconds of a quiet chord over a pulse: something to master. */
function demo(seconds = 10): Float32Array[] {
  const n = seconds * SR;
  const l = new Float32Array(n);
  const r = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / SR;
    const hit = Math.exp(-((t % 0.5) / 0.5) * 25) * Math.sin(2 * Math.PI * 60 * t);
    const chord = [196, 247, 294].reduce((a, f) => a + Math.sin(2 * Math.PI * f * t), 0);
    l[i] = 0.03 * chord + 0.25 * hit;
    r[i] = 0.027 * chord + 0.22 * hit;
  }
  return [l, r];
}

Deno.test(
  { name: "studio master journey - master with a preset, A/B, then the hit meter", ...opts },
  async () => {
    await using app = await startTestApp({ WORKER: "off" });
    const { browser, page, problems, accessToken } = await studioBrowser(
      app,
      "master-journey@example.com",
    );
    try {
      // A finished song in the library: an upload, encoded by the worker.
      const f = new FormData();
      f.set("file", new File([encodeWav(demo(), SR) as BlobPart], "demo.wav"));
      f.set("title", "Night Demo");
      const up = await app.fetch("/api/studio/uploads", {
        method: "POST",
        headers: { authorization: `Bearer ${accessToken}` },
        body: f,
      });
      assertEquals(up.status, 202);
      const songId = (await up.json()).song.id as string;
      await drainJobs(app);

      // From the song's page to its master page; master with the streaming preset.
      await page.goto(`${app.url}/studio/songs/${songId}`);
      await page.getByTestId("song-master-link").click();
      await page.waitForURL(/\/master$/);
      await page.getByLabel("Streaming (−14 LUFS)").check();
      await page.getByLabel("Reference").selectOption("preset:pop");
      await page.getByRole("button", { name: "Master the song" }).click();
      await page.waitForURL(/\/master\?master=[0-9a-f-]{36}$/);
      const progress = page.getByTestId("master-progress");
      await progress.waitFor();
      await page.locator('[data-testid="master-live"][data-live="1"]').waitFor();
      const seen = new Set<string>();
      const done = page.getByTestId("master-done");
      await work(app, page, async () => {
        const stage = await progress.getAttribute("data-stage", { timeout: 200 }).catch(() => null);
        if (stage) seen.add(stage);
        return await done.isVisible();
      }, "the master");
      assert(seen.size >= 1, `stages shown live: ${[...seen]}`);

      // The A/B player: loudness-matched, and switching keeps the position.
      await page.waitForSelector('html[data-hydrated="1"]');
      const player = page.getByTestId("player");
      await page.locator('[data-testid="player"][data-ready="1"]').waitFor();
      assertMatch(
        await page.getByTestId("ab-match").textContent() ?? "",
        /^matched: master −\d+\.\d dB$/,
      );
      assertEquals(await player.getAttribute("data-version"), "a");
      await page.getByTestId("player-toggle").click();
      await page.locator('[data-testid="player"][data-state="playing"]').waitFor();
      await page.waitForTimeout(600);
      const wave = page.getByRole("slider", { name: "Position in the song" });
      const before = await page.getByTestId("player-audio-a").evaluate((a) =>
        (a as HTMLAudioElement).currentTime
      );
      // The loudness meter follows the play head: the original's levels where it is.
      const meter = page.getByTestId("loudness-meter");
      const now = page.getByTestId("meter-now");
      await page.locator('[data-testid="meter-now"][data-file-momentary]').waitFor();
      assertEquals(await page.getByTestId("meter-curve-b").count(), 1);
      const fileA = Number(await now.getAttribute("data-file-momentary"));
      const atA = Number(await meter.getAttribute("data-at"));
      assert(atA > 0, `the meter's play head moved: ${atA}`);
      await page.getByTestId("ab-b").click();
      assertEquals(await player.getAttribute("data-version"), "b");
      assertEquals(await page.getByTestId("ab-b").getAttribute("aria-pressed"), "true");
      const heard = await page.evaluate(() =>
        ["a", "b"].map((k) => {
          const a = document.querySelector(`[data-testid="player-audio-${k}"]`) as HTMLAudioElement;
          return { muted: a.muted, volume: a.volume, at: a.currentTime, paused: a.paused };
        })
      );
      assertEquals([heard[0].muted, heard[1].muted], [true, false]);
      assert(heard[1].volume < 1, `the louder master is turned down: ${heard[1].volume}`);
      assert(
        !heard[1].paused && heard[1].at >= before - 0.1,
        `B goes on from A: ${JSON.stringify(heard)}`,
      );
      assert(Math.abs(heard[0].at - heard[1].at) < 0.3, "both stay together");
      // Now the master's levels, in the file (louder) and as heard (turned down to match).
      await page.locator('[data-testid="loudness-meter"][data-version="b"]').waitFor();
      await page.waitForFunction(
        (at) =>
          Number(
            document.querySelector('[data-testid="loudness-meter"]')?.getAttribute("data-at"),
          ) > at,
        atA,
      );
      const fileB = Number(await now.getAttribute("data-file-momentary"));
      const heardB = Number(await now.getAttribute("data-heard-momentary"));
      assert(fileB > fileA + 3 && heardB < fileB, `A ${fileA}, B ${fileB} heard at ${heardB}`);
      assertMatch(await now.textContent() ?? "", /hearing the master.*As heard \(turned down/);
      await page.getByTestId("player-toggle").click();
      await page.locator('[data-testid="player"][data-state="paused"]').waitFor();
      assert(Number(await wave.getAttribute("aria-valuenow")) >= 0);

      // The report: after at the target, the platforms in words, the downloads.
      const after = await page.locator('[data-measure="integrated_lufs"] td').nth(1).textContent();
      const lufs = Number((after ?? "").replace("−", "-").replace(" LUFS", ""));
      assert(Math.abs(lufs + 14) <= 0.5, `after: ${after}`);
      assertMatch(
        await page.getByTestId("master-platforms").textContent() ?? "",
        /Spotify will (turn this (down|up) by \d+\.\d dB|play it as it is)/,
      );
      await page.getByTestId("master-spectrum").locator("polyline").first().waitFor();
      const wavHref = await page.getByRole("link", { name: "Master WAV" }).getAttribute("href");
      const wav = await page.request.get(`${app.url}${wavHref}`);
      assertEquals(wav.status(), 200);

      // The hit meter, measured live, with its insights.
      await page.getByRole("link", { name: "Back to the song" }).click();
      await page.getByTestId("song-meter-link").click();
      await page.waitForURL(/\/meter$/);
      await page.getByRole("button", { name: "Measure the song" }).click();
      const meterDone = page.getByTestId("meter-done");
      await work(app, page, () => meterDone.isVisible(), "the meter");
      const score = Number(await page.getByTestId("meter-gauge").getAttribute("data-score"));
      assert(score >= 0 && score <= 100, `score ${score}`);
      assertEquals(await page.locator("[data-category]").count(), 5);
      await page.getByRole("heading", { name: "Insights, not predictions" }).waitFor();
      assert(await page.getByTestId("meter-insight").count() > 0, "insights shown");
      assertMatch(await page.getByTestId("meter-features").textContent() ?? "", /LUFS/);
      assertEquals(problems, [], "no page errors");
    } finally {
      await browser.close();
    }
  },
);
