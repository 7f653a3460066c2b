/**
 * The AI DJ in a real browser. Offline: a Spanish prompt → the run's page at once → its stages
 * live as the worker runs them → 30 tracks with reasons in Spanish, in the same document (no
 * reload) → the platform's own song plays → history → a share link that works signed out. With a fake Spotify: connect through OAuth → an
 * English prompt → the playlist lands in the fake account and the embedded player shows, with
 * covers and a 30-second preview that plays; no token ever reaches the browser.
 */
import { Buffer } from "node:buffer";
import { type BrowserContext, chromium } from "playwright-core";
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { CHROMIUM, startTestApp, type TestApp } from "../_helpers/app.ts";
import { COOKIE } from "../../lib/web/cookies.ts";
import { FakeSpotify } from "../_fakes/spotify.ts";
import { platformSong, tone } from "../integration/dj_helpers.ts";

/** A 1×1 transparent PNG, for the fake covers. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

const opts = { sanitizeOps: false, sanitizeResources: false };

/** A signed-in browser context (the session cookie the sign-in form would set). */
async function signedIn(app: TestApp, ctx: BrowserContext, email: string) {
  const s = await app.platform.auth.signUp({
    email,
    password: "dj-journey-password",
    metadata: { display_name: "Journey DJ" },
  });
  await ctx.addCookies([{ name: COOKIE.access, value: s.accessToken, url: app.url }]);
}

Deno.test({
  name: "dj journey - offline: Spanish prompt, live stages, 30 tracks with reasons, history, share",
  ...opts,
}, async () => {
  // The worker is driven by the test, so that the run's page is open while its stages run.
  await using app = await startTestApp({ WORKER: "off" });
  const browser = await chromium.launch(CHROMIUM);
  try {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    await signedIn(app, ctx, "dj-journey@example.com");
    // A song another musician made in the studio and put in the DJ's catalogue.
    const maker = await app.platform.auth.signUp({
      email: "dj-journey-maker@example.com",
      password: "dj-journey-password",
      metadata: { display_name: "Studio Sam" },
    });
    const makerId = (await app.platform.auth.verify(maker.accessToken))!.sub;
    await platformSong(app, makerId, "Rain on the Window", true);

    await page.goto(`${app.url}/dj`);
    await page.waitForSelector('html[data-hydrated="1"]');
    await page.getByTestId("dj-spotify-off").waitFor();
    await page.getByTestId("dj-example").filter({ hasText: "Música para relajarse estudiando" })
      .click();
    assertEquals(
      await page.getByLabel("Describe the music you want, in any language").inputValue(),
      "música para relajarse estudiando",
    );
    assertEquals(await page.getByTestId("dj-length-value").textContent(), "30");
    const started = page.waitForResponse((r) => r.url().endsWith("/api/dj/runs"));
    await page.getByRole("button", { name: "Make the playlist" }).click();
    const res = await started;
    assertEquals(res.status(), 201);
    await page.waitForURL(/\/dj\/runs\/[0-9a-f-]{36}$/);
    // The run's page, following it live: the stages, then the playlist in the same document.
    await page.locator('[data-testid="dj-live"][data-live="1"]').waitFor();
    assertEquals(await page.getByTestId("dj-progress").getAttribute("data-status"), "queued");
    await page.evaluate(() => document.body.setAttribute("data-same-document", "1"));
    // One round of the worker runs one stage; the page shows the next as current each time.
    const current = (stage: string) =>
      page.locator(`[data-testid="dj-progress"] [data-stage="${stage}"][data-state="current"]`);
    await current("interpret").waitFor();
    await app.platform.worker.runOnce();
    await current("search").waitFor();
    await app.platform.worker.runOnce();
    await current("build").waitFor();
    assertMatch(
      await page.getByTestId("dj-progress-detail").textContent() ?? "",
      /Saving 30 tracks as a draft/,
    );
    await app.platform.worker.runOnce();
    await page.getByRole("heading", { name: "Música tranquila para estudiar" }).waitFor();
    assertEquals(await page.locator("body").getAttribute("data-same-document"), "1", "no reload");
    assertEquals(await page.getByTestId("dj-track").count(), 30);
    const reasons = await page.getByTestId("dj-reason").allTextContents();
    assert(
      reasons.length === 30 && reasons.every((r) => /pediste|tu petición/.test(r) && !/\d/.test(r)),
      `reasons in plain Spanish: ${reasons[0]}`,
    );

    // The platform's own song plays: press play, the audio runs; catalogue tracks say they have
    // no audio rather than showing a dead button.
    const song = page.getByTestId("dj-track").filter({ hasText: "Rain on the Window" });
    await song.getByTestId("dj-play").click();
    await song.locator('[data-testid="dj-play"][data-state="playing"]').waitFor();
    const audio = song.getByTestId("dj-audio");
    await page.waitForFunction(
      (el) => el instanceof HTMLMediaElement && !el.paused && el.currentTime > 0.3,
      await audio.elementHandle(),
      { timeout: 10_000 },
    );
    await song.getByTestId("dj-play").click();
    await song.locator('[data-testid="dj-play"][data-state="paused"]').waitFor();
    assert(await audio.evaluate((el) => (el as HTMLMediaElement).paused), "paused again");
    assertEquals(await page.getByTestId("dj-no-audio").count(), 29);
    const runUrl = page.url();

    // History, then a share link that works for anyone.
    // The DJ is under the navigation's "more" menu now: go there directly.
    await page.goto(`${app.url}/dj`);
    await page.getByRole("link", { name: "All history" }).click();
    await page.getByTestId("dj-run").filter({ hasText: "música para relajarse estudiando" })
      .getByRole("link", { name: "Música tranquila para estudiar" }).click();
    assertEquals(page.url(), runUrl);
    await page.getByRole("button", { name: "Share a read-only link" }).click();
    const shareUrl = await page.getByTestId("dj-share-url").inputValue();
    assertMatch(shareUrl, /\/dj\/share\/[A-Za-z0-9_-]{20,}$/);
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(shareUrl);
    await visitor.getByRole("heading", { name: "Música tranquila para estudiar" }).waitFor();
    assertEquals(await visitor.getByTestId("dj-reason").count(), 30);
    assertEquals(problems, [], "no page errors");
  } finally {
    await browser.close();
  }
});

Deno.test({
  name: "dj journey - with a fake Spotify: connect, playlist in the account, embed",
  ...opts,
}, async () => {
  await using spotify = new FakeSpotify();
  await using app = await startTestApp(spotify.env());
  const browser = await chromium.launch(CHROMIUM);
  try {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    // The embedded player, covers and previews need the internet; this machine has none.
    await ctx.route(
      "https://open.spotify.com/**",
      (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<p>player</p>" }),
    );
    const covers: string[] = [];
    await ctx.route("https://i.scdn.co/**", (route) => {
      covers.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "image/png", body: PNG });
    });
    const wav = Buffer.from(tone());
    await ctx.route(
      "https://p.scdn.co/**",
      (route) => route.fulfill({ status: 200, contentType: "audio/wav", body: wav }),
    );
    await signedIn(app, ctx, "dj-spotify-journey@example.com");

    await page.goto(`${app.url}/dj`);
    await page.getByTestId("dj-connect").click();
    await page.getByText("Spotify connected as Fake Listener.").waitFor();
    await page.getByTestId("dj-spotify-connected").waitFor();
    await page.waitForSelector('html[data-hydrated="1"]');

    await page.getByLabel("Describe the music you want, in any language").fill(
      "energetic workout music",
    );
    await page.getByLabel("Leave out explicit tracks").check();
    await page.getByRole("button", { name: "Make the playlist" }).click();
    await page.waitForURL(/\/dj\/runs\/[0-9a-f-]{36}$/);
    await page.getByTestId("dj-status").filter({ hasText: "In your Spotify" }).waitFor();
    assertEquals(await page.getByTestId("dj-track").count(), 30);
    const src = await page.getByTestId("dj-embed").getAttribute("src");
    const id = src?.match(/^https:\/\/open\.spotify\.com\/embed\/playlist\/([A-Za-z0-9]+)$/)?.[1];
    assert(id, `an embedded player: ${src}`);
    assertEquals(spotify.playlists.get(id)?.uris.length, 30);
    // Covers beside every track; a track with a Spotify preview plays it (the CSP lets it).
    assertEquals(await page.getByTestId("dj-cover").count(), 30);
    await page.getByTestId("dj-cover").last().scrollIntoViewIfNeeded();
    assert(covers.length > 0, "the covers load");
    const preview = page.getByTestId("dj-track").filter({ has: page.getByTestId("dj-play") })
      .first();
    await preview.getByTestId("dj-play").click();
    await preview.locator('[data-testid="dj-play"][data-state="playing"]').waitFor();

    // Tokens stay on the server: not in the page, not in the browser's cookies or storage.
    const seen = [
      await page.content(),
      JSON.stringify(await ctx.cookies()),
      JSON.stringify(await ctx.storageState()),
    ].join("\n");
    for (const t of spotify.issuedTokens()) {
      assert(!seen.includes(t), "a Spotify token in the browser");
    }
    assertEquals(problems, [], "no page errors");
  } finally {
    await browser.close();
  }
});
