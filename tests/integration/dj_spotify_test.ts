/**
 * The AI DJ against a fake Spotify and a fake OpenAI on 127.0.0.1, through the real flow: OAuth
 * with PKCE and a cookie-bound state, a live (structured output) plan, searches capped at 10 with
 * offset paging, playlists created in the fake account by the run's build stage; 429 with Retry-After, 401 → one refresh,
 * 403 (development mode), a revoked token → reconnect (never an error page); tokens encrypted at
 * rest and never sent to the browser.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { FakeSpotify } from "../_fakes/spotify.ts";
import { FakeOpenAi } from "../_fakes/openai.ts";
import { connectSpotify, type Session, signIn } from "../_fakes/dj_session.ts";
import { dedupeKey } from "../../lib/domains/dj/collect.ts";
import { offlinePlan } from "../../lib/domains/dj/interpret.ts";
import type { DjPlan, DjRunWithTracks } from "../../lib/domains/dj/types.ts";
import { makeRun } from "./dj_helpers.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

/** A playlist: started over HTTP, its stages run by the worker (WORKER is off here). */
function run(app: TestApp, me: Session, body: Record<string, unknown>) {
  return makeRun(app, me.json, body);
}

async function status(app: TestApp, me: Session) {
  return await (await app.fetch("/api/dj/spotify", { headers: me.json })).json();
}

function noTokens(spotify: FakeSpotify, text: string, where: string) {
  for (const t of spotify.issuedTokens()) assert(!text.includes(t), `a token reached ${where}`);
}

Deno.test({
  name: "dj spotify - OAuth, live plan, Spanish and English 30-track playlists in the account",
  ...opts,
}, async () => {
  await using spotify = new FakeSpotify();
  await using openai = new FakeOpenAi();
  openai.reply = (body) => {
    const prompt = body.messages.at(-1)!.content.replace(/^Request: /, "");
    const plan = offlinePlan(prompt);
    return JSON.stringify({ ...plan, playlist_name: `${plan.playlist_name} ✦` });
  };
  await using app = await startTestApp({ WORKER: "off", ...spotify.env(), ...openai.env() });
  const me = await signIn(app, "dj-live@example.com");

  const connected = await connectSpotify(app, me);
  assertEquals(connected.location, "/dj");
  assertMatch(connected.flash, /Spotify connected as Fake Listener/);
  assert(spotify.log.some((l) => l.startsWith("POST /api/token")), "the code was exchanged");
  const st = await status(app, me);
  assertEquals([st.connected, st.status, st.display_name], [true, "active", "Fake Listener"]);
  noTokens(spotify, JSON.stringify(st) + connected.setCookies.join(";"), "the status or cookies");

  // At rest: ciphertext only, and the token columns are not readable by the API roles.
  const [row] = await app.platform.db.asService((tx) =>
    tx.query<{ a: string; r: string }>(
      "select access_token_enc as a, refresh_token_enc as r from public.spotify_connections",
    )
  );
  assertMatch(row.a, /^v1\./);
  noTokens(spotify, row.a + row.r, "the database in clear");
  const claims = (await app.platform.auth.verify(me.accessToken))!;
  const denied = await app.platform.db.asUser(
    claims,
    (tx) => tx.query("select access_token_enc from public.spotify_connections"),
  ).then(() => "read", (err) => String(err.code ?? err));
  assertEquals(denied, "42501");

  for (
    const [prompt, lang] of [["música para relajarse estudiando", "es"], [
      "energetic workout music",
      "en",
    ]]
  ) {
    const before = spotify.log.length;
    const r = await run(app, me, { prompt, length: 30, no_explicit: lang === "en" });
    const plan = r.plan as DjPlan;
    assertEquals([r.source, r.status, r.plan_source, plan.language], [
      "spotify",
      "exported",
      "live",
      lang,
    ]);
    assertMatch(plan.playlist_name, /✦$/);
    assertEquals(r.tracks.length, 30);
    assert(r.tracks.every((t) => t.reason.length > 10), "every track has a reason");
    assertEquals(new Set(r.tracks.map((t) => dedupeKey(t.title, t.artist))).size, 30);
    if (lang === "en") assert(r.tracks.every((t) => !t.explicit), "explicit tracks filtered");
    const list = spotify.playlists.get(r.playlist_id!)!;
    assertEquals([list.name, list.public, list.owner], [plan.playlist_name, false, "fakeuser"]);
    assertEquals(list.uris, r.tracks.map((t) => t.spotify_uri));
    assertEquals(r.playlist_url, `https://open.spotify.com/playlist/${r.playlist_id}`);
    const calls = spotify.log.slice(before);
    assert(calls.some((l) => /\/v1\/search\?.*offset=[1-9]/.test(l)), "searches page with offset");
    assert(calls.some((l) => /\/v1\/search\?.*genre%3A/.test(l)), "genre searches");
    assert(calls.filter((l) => l.includes("/v1/search")).length <= 40, "within the budget");
  }
  assert(spotify.searchLimits.every((l) => l <= 10), "never more than 10 a search");
  const chat = openai.chats[0];
  assertEquals(
    [chat.response_format?.json_schema?.name, chat.response_format?.json_schema?.strict],
    [
      "dj_plan",
      true,
    ],
  );

  // The page shows the embedded player and never a token.
  const runs = (await (await app.fetch("/api/dj/runs", { headers: me.json })).json()).items;
  const page = await (await app.fetch(`/dj/runs/${runs[0].id}`, { headers: { cookie: me.cookie } }))
    .text();
  assertMatch(
    page,
    new RegExp(`src="https://open.spotify.com/embed/playlist/${runs[0].playlist_id}"`),
  );
  noTokens(spotify, page, "the run page");
  noTokens(
    spotify,
    await (await app.fetch("/dj", { headers: { cookie: me.cookie } })).text(),
    "/dj",
  );
});

Deno.test({
  name: "dj spotify - 429 Retry-After, 401 refresh once, 403 development mode, export later",
  ...opts,
}, async () => {
  await using spotify = new FakeSpotify();
  await using app = await startTestApp({ WORKER: "off", ...spotify.env() });
  const me = await signIn(app, "dj-faults@example.com");
  await connectSpotify(app, me);

  // 429: wait Retry-After (1 s), then go on.
  spotify.rateLimitNext(2, 1);
  const slow = await run(app, me, { prompt: "jazz for a dinner party", length: 20 });
  assertEquals([slow.status, slow.tracks.length], ["exported", 20]);
  assert((slow.timings as { search_ms: number }).search_ms >= 1000, "it waited Retry-After");

  // 401: the access token expired early; one refresh serves every concurrent search.
  const refreshes = () => spotify.log.filter((l) => l === "POST /api/token").length;
  const before = refreshes();
  spotify.expireAccessTokens();
  const after401 = await run(app, me, { prompt: "Music for studying", length: 30 });
  assertEquals([after401.status, after401.tracks.length, refreshes() - before], [
    "exported",
    30,
    1,
  ]);

  // A token about to expire is refreshed before it is used, not after a 401: by each stage that
  // talks to Spotify (search, build), since every token here lives less than the margin.
  spotify.accessTtlS = 30;
  await connectSpotify(app, me);
  const [r0, u0] = [refreshes(), spotify.unauthorized];
  const early = await run(app, me, { prompt: "Music for studying", length: 10 });
  assertEquals([early.status, refreshes() - r0, spotify.unauthorized - u0], ["exported", 2, 0]);
  spotify.accessTtlS = 3600;

  // 403: a development-mode app; the tracks stay as a draft with the explanation.
  spotify.forbidPlaylists = true;
  const draft = await run(app, me, { prompt: "happy summer pop", length: 15 });
  assertEquals([draft.source, draft.status, draft.playlist_id], ["spotify", "draft", null]);
  assertMatch(draft.notice ?? "", /development mode.*allow-list/s);
  const page = await (await app.fetch(`/dj/runs/${draft.id}`, { headers: { cookie: me.cookie } }))
    .text();
  assertMatch(page, /development mode/);
  const refused = await app.fetch(`/api/dj/runs/${draft.id}/export`, {
    method: "POST",
    headers: me.json,
  });
  assertEquals([refused.status, (await refused.json()).error.field], [403, "spotify"]);
  spotify.forbidPlaylists = false;
  const exported = await (await app.fetch(`/api/dj/runs/${draft.id}/export`, {
    method: "POST",
    headers: me.json,
  })).json();
  assertEquals(exported.run.status, "exported");
  assertEquals(spotify.playlists.get(exported.run.playlist_id)!.uris.length, 15);
  // Exporting again is idempotent: the same run and playlist, no second playlist.
  const lists = spotify.playlists.size;
  const again = await app.fetch(`/api/dj/runs/${draft.id}/export`, {
    method: "POST",
    headers: me.json,
  });
  const againBody = await again.json();
  assertEquals([again.status, againBody.run.playlist_id], [200, exported.run.playlist_id]);
  assertEquals(spotify.playlists.size, lists);

  // Busy beyond the bound (Retry-After 30 s): the offline catalogue steps in at once.
  spotify.rateLimitNext(1000, 30);
  const t0 = performance.now();
  const busy = await run(app, me, { prompt: "calm piano", length: 10 });
  assert(performance.now() - t0 < 10_000, "no 30 s wait");
  assertEquals([busy.source, busy.status, busy.tracks.length], ["catalogue", "draft", 10]);
  assertMatch(busy.notice ?? "", /Spotify/);
  spotify.rateLimitNext(0, 0);
});

Deno.test(
  { name: "dj spotify - a revoked token leads to reconnect, not an error page", ...opts },
  async () => {
    await using spotify = new FakeSpotify();
    await using app = await startTestApp({ WORKER: "off", ...spotify.env() });
    const me = await signIn(app, "dj-revoked@example.com");
    await connectSpotify(app, me);

    spotify.revoke();
    spotify.expireAccessTokens();
    const r = await run(app, me, { prompt: "musique calme pour dormir", length: 30 });
    assertEquals([r.source, r.status, r.tracks.length], ["catalogue", "draft", 30]);
    assertMatch(r.notice ?? "", /stopped working.*Reconnect Spotify/s);
    assertEquals((await status(app, me)).status, "broken");
    for (const path of ["/dj", `/dj/runs/${r.id}`]) {
      const res = await app.fetch(path, { headers: { cookie: me.cookie } });
      const html = await res.text();
      assertEquals(res.status, 200, path);
      assertMatch(html, /data-testid="dj-reconnect"/, path);
    }
    const api = await app.fetch(`/api/dj/runs/${r.id}/export`, {
      method: "POST",
      headers: me.json,
    });
    assertEquals([api.status, (await api.json()).error.field], [409, "spotify"]);
    const form = await app.fetch(`/dj/runs/${r.id}`, {
      method: "POST",
      headers: { cookie: me.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: me.json["x-csrf-token"], intent: "export" }),
    });
    assertEquals([form.status, form.headers.get("location")], [303, `/dj/runs/${r.id}`]);

    // Reconnect from the draft, come back to it, export it: catalogue tracks are looked up.
    const back = await connectSpotify(app, me, `/dj/runs/${r.id}`);
    assertEquals(back.location, `/dj/runs/${r.id}`);
    assertEquals((await status(app, me)).status, "active");
    const lookups = spotify.log.length;
    const exported = (await (await app.fetch(`/api/dj/runs/${r.id}/export`, {
      method: "POST",
      headers: me.json,
    })).json()).run as DjRunWithTracks;
    assertEquals(exported.status, "exported");
    assert(
      spotify.log.slice(lookups).filter((l) => /search\?q=track%3A/.test(l)).length === 30,
      "each catalogue track looked up by title and artist",
    );
    assertEquals(spotify.playlists.get(exported.playlist_id!)!.uris.length, 30);
    assert(exported.tracks.every((t) => t.spotify_uri?.startsWith("spotify:track:")), "matched");

    // 401 even after a refresh: broken too.
    spotify.rejectAccess = true;
    const rejected = await run(app, me, { prompt: "Music for studying", length: 10 });
    assertEquals(rejected.source, "catalogue");
    assertEquals((await status(app, me)).status, "broken");
    spotify.rejectAccess = false;

    // Disconnect says first that Spotify's playlists stay and exports stop; a post without the
    // disclosure's confirm=yes is a 428 that keeps the connection; with it, the tokens go.
    const dj = await (await app.fetch("/dj", { headers: { cookie: me.cookie } })).text();
    assert(
      /data-testid="dj-disconnect"[\s\S]*already in your Spotify account stay there[\s\S]*Exporting to Spotify stops until you connect again/
        .test(dj),
      "the consequences, before the button",
    );
    const disconnect = (fields: Record<string, string>) =>
      app.fetch("/dj/disconnect", {
        method: "POST",
        headers: { cookie: me.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: me.json["x-csrf-token"], ...fields }),
      });
    const bare = await disconnect({});
    assertEquals(bare.status, 428);
    assert((await bare.text()).includes("Nothing changed"));
    assertEquals((await status(app, me)).connected, true, "still connected");
    const out = await disconnect({ confirm: "yes" });
    assertEquals(out.status, 303);
    assertEquals((await status(app, me)).connected, false);
    const left = await app.platform.db.asService((tx) =>
      tx.query("select 1 from public.spotify_connections")
    );
    assertEquals(left.length, 0);
  },
);

Deno.test(
  { name: "dj spotify - the OAuth state is checked against the cookie", ...opts },
  async () => {
    await using spotify = new FakeSpotify();
    await using app = await startTestApp({ WORKER: "off", ...spotify.env() });
    const me = await signIn(app, "dj-state@example.com");
    const other = await signIn(app, "dj-state-other@example.com");
    const flashOf = (res: Response) =>
      decodeURIComponent(
        res.headers.getSetCookie().find((c) => c.startsWith("sc-flash="))?.split(";")[0].slice(9) ??
          "",
      );

    // A forged callback (no cookie from /dj/connect): refused, nothing stored.
    const forged = await app.fetch("/dj/callback?code=abc&state=attacker-state-0123456789", {
      headers: { cookie: me.cookie },
    });
    assertEquals([forged.status, forged.headers.get("location")], [303, "/dj"]);
    assertMatch(flashOf(forged), /expired or did not start here/);

    // A real attempt, but its cookie replayed for another user or with another state.
    const start = await app.fetch("/dj/connect", { headers: { cookie: me.cookie } });
    const oauth = start.headers.getSetCookie().find((c) => c.startsWith("sc-spotify-oauth="))!
      .split(";")[0];
    const authorize = new URL(start.headers.get("location")!);
    assertEquals(authorize.searchParams.get("code_challenge_method"), "S256");
    assertEquals(
      authorize.searchParams.get("scope"),
      "playlist-modify-private playlist-modify-public playlist-read-private",
    );
    const consent = await fetch(authorize, { redirect: "manual" });
    const back = new URL(consent.headers.get("location")!);
    const wrongUser = await app.fetch(`${back.pathname}${back.search}`, {
      headers: { cookie: `${other.cookie}; ${oauth}` },
    });
    assertMatch(flashOf(wrongUser), /expired or did not start here/);
    back.searchParams.set("state", "some-other-state-0123456789");
    const wrongState = await app.fetch(`${back.pathname}${back.search}`, {
      headers: { cookie: `${me.cookie}; ${oauth}` },
    });
    assertMatch(flashOf(wrongState), /expired or did not start here/);
    assertEquals((await status(app, me)).connected, false);
    assertEquals((await status(app, other)).connected, false);

    // Declining at Spotify is a message, not an error.
    spotify.deny = true;
    const declined = await connectSpotify(app, me);
    assertMatch(declined.flash, /declined/);
    assertEquals((await status(app, me)).connected, false);
  },
);
