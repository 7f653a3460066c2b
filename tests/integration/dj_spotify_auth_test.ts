/**
 * The Spotify connection against the strict fake (tests/_fakes/spotify.ts, spotify_auth.ts),
 * each failure explained by its cause:
 *
 * - a refresh token rotated by a concurrent refresh: the row is read again and the newer token
 *   used; the connection is not marked broken;
 * - a refresh token past Spotify's six months: "expired, connect again", with the button;
 * - 403 for a user not on a development-mode app's allow-list, on every call (connecting too);
 * - a missing permission (scope): reconnect to grant it, checked before Spotify and by Spotify;
 * - authorization codes work once and expire; `localhost` redirect URIs are refused.
 */
import { assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { FakeSpotify } from "../_fakes/spotify.ts";
import { connectSpotify, type Session, signIn } from "../_fakes/dj_session.ts";
import { djDeps } from "../../lib/domains/dj/service.ts";
import { userApi } from "../../lib/ports/spotify/connection.ts";
import { COOKIE } from "../../lib/web/cookies.ts";
import { makeRun } from "./dj_helpers.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

async function status(app: TestApp, me: Session) {
  return await (await app.fetch("/api/dj/spotify", { headers: me.json })).json();
}

function flashOf(res: Response): string {
  const c = res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE.flash}=`));
  return decodeURIComponent(c?.split(";")[0].split("=")[1] ?? "");
}

async function page(app: TestApp, me: Session, path: string): Promise<string> {
  return await (await app.fetch(path, { headers: { cookie: me.cookie } })).text();
}

Deno.test(
  { name: "spotify auth - a concurrently rotated refresh token is re-read", ...opts },
  async () => {
    await using spotify = new FakeSpotify();
    await using app = await startTestApp({ WORKER: "off", ...spotify.env() });
    const me = await signIn(app, "sp-rotate@example.com");
    await connectSpotify(app, me);
    const deps = (await djDeps(app.platform)).spotify!;

    // Two users of the connection loaded the same tokens (two requests, two processes).
    const first = await userApi(deps, me.userId);
    const second = await userApi(deps, me.userId);
    spotify.expireAccessTokens();
    assertEquals((await second.me()).id, "fakeuser");
    assertEquals(spotify.accounts.refreshes, 1);
    // The first still holds the refresh token the second spent: Spotify refuses it; the stored
    // row has the newer one, which works.
    assertEquals((await first.me()).id, "fakeuser");
    assertEquals([spotify.accounts.refusedRefreshes, spotify.accounts.refreshes], [1, 2]);
    const st = await status(app, me);
    assertEquals([st.status, st.broken_reason], ["active", null]);

    // Revoked for real: broken, said as "access removed".
    spotify.revoke();
    const err = await (await userApi(deps, me.userId)).me().catch((e) => e);
    assertMatch(String(err.message), /no longer accepts it/);
    const gone = await status(app, me);
    assertEquals([gone.status, gone.broken_reason], ["broken", "revoked"]);
  },
);

Deno.test(
  { name: "spotify auth - six months on, the connection expired: connect again", ...opts },
  async () => {
    await using spotify = new FakeSpotify();
    await using app = await startTestApp({ WORKER: "off", ...spotify.env() });
    const me = await signIn(app, "sp-expired@example.com");
    await connectSpotify(app, me);
    const st = await status(app, me);
    const days = (new Date(st.reconnect_by).getTime() - new Date(st.connected_at).getTime()) /
      86_400_000;
    assertEquals(days, 182, "the page can say when Spotify will ask again");

    // 200 days later (Spotify's clock and ours): the refresh token has expired.
    spotify.accounts.advance(200 * 86_400);
    await app.platform.db.asService((tx) =>
      tx.query(
        `update public.spotify_connections
          set connected_at = connected_at - interval '200 days', expires_at = now() - interval '1 day'`,
      )
    );
    const draft = await makeRun(app, me.json, { prompt: "Music for studying", length: 10 });
    assertEquals([draft.source, draft.status], ["catalogue", "draft"]);
    assertMatch(draft.notice ?? "", /connection expired.*six months/s);
    const gone = await status(app, me);
    assertEquals([gone.status, gone.broken_reason], ["broken", "expired"]);
    for (const path of ["/dj", `/dj/runs/${draft.id}`]) {
      const html = await page(app, me, path);
      assertMatch(html, /data-testid="dj-reconnect"/, path);
    }
    const dj = await page(app, me, "/dj");
    assertMatch(dj, /data-reason="expired"/);
    assertMatch(dj, /Your Spotify connection expired/);
    assertMatch(dj, /every six months/);
    const res = await app.fetch(`/api/dj/runs/${draft.id}/export`, {
      method: "POST",
      headers: me.json,
    });
    const body = await res.json();
    assertEquals([res.status, body.error.field, body.error.code], [
      409,
      "spotify",
      "spotify_expired",
    ]);
    assertMatch(body.error.message, /expired.*six months/s);

    // Connecting again starts a new six months.
    await connectSpotify(app, me);
    assertEquals((await status(app, me)).status, "active");
  },
);

Deno.test(
  { name: "spotify auth - 403 by cause: allow-list, then a missing permission", ...opts },
  async () => {
    await using spotify = new FakeSpotify();
    await using app = await startTestApp({ WORKER: "off", ...spotify.env() });
    const me = await signIn(app, "sp-403@example.com");

    // Not on the development-mode allow-list: even connecting fails (/me answers 403), explained.
    spotify.allowList = new Set(["someone-else"]);
    const refused = await connectSpotify(app, me);
    assertMatch(refused.flash, /development mode.*allow-list/s);
    assertEquals((await status(app, me)).connected, false);

    // On the list, connected; then taken off it: an export says so, nothing is created.
    spotify.allowList.add("fakeuser");
    const draft = await makeRun(app, me.json, { prompt: "happy summer pop", length: 10 });
    await connectSpotify(app, me);
    spotify.allowList.delete("fakeuser");
    const off = await app.fetch(`/api/dj/runs/${draft.id}/export`, {
      method: "POST",
      headers: me.json,
    });
    const offBody = await off.json();
    assertEquals([off.status, offBody.error.code], [403, "spotify_forbidden_allow_list"]);
    assertMatch(offBody.error.message, /allow-list.*Nothing was created/s);
    assertEquals(spotify.playlists.size, 0);
    spotify.allowList = null;

    // A connection without the permission to write private playlists: the page asks to reconnect
    // and an export is refused before Spotify is asked…
    spotify.accounts.grantScopes = ["playlist-modify-public", "playlist-read-private"];
    await connectSpotify(app, me);
    assertEquals((await status(app, me)).missing_scopes, ["playlist-modify-private"]);
    assertMatch(await page(app, me, "/dj"), /data-testid="dj-spotify-scope"/);
    const lacking = await app.fetch(`/api/dj/runs/${draft.id}/export`, {
      method: "POST",
      headers: me.json,
    });
    const lackingBody = await lacking.json();
    assertEquals([lacking.status, lackingBody.error.code], [403, "spotify_forbidden_scope"]);
    assertMatch(lackingBody.error.message, /permission.*Reconnect Spotify/s);
    // …and if the stored scopes claim more than Spotify granted, Spotify's 403 says the same.
    await app.platform.db.asService((tx) =>
      tx.query(
        "update public.spotify_connections set scope = 'playlist-modify-private playlist-modify-public'",
      )
    );
    const byspotify = await app.fetch(`/api/dj/runs/${draft.id}/export`, {
      method: "POST",
      headers: me.json,
    });
    assertEquals([byspotify.status, (await byspotify.json()).error.code], [
      403,
      "spotify_forbidden_scope",
    ]);
    assertEquals(spotify.playlists.size, 0);

    // Reconnecting with every permission: the export goes through.
    spotify.accounts.grantScopes = null;
    await connectSpotify(app, me);
    const ok = await app.fetch(`/api/dj/runs/${draft.id}/export`, {
      method: "POST",
      headers: me.json,
    });
    assertEquals([ok.status, (await ok.json()).run.status], [200, "exported"]);
  },
);

Deno.test(
  { name: "spotify auth - codes work once and expire; localhost is refused", ...opts },
  async () => {
    await using spotify = new FakeSpotify();
    await using app = await startTestApp({ WORKER: "off", ...spotify.env() });
    const me = await signIn(app, "sp-codes@example.com");

    /** /dj/connect → Spotify's consent → the callback URL and the attempt's cookie. */
    const begin = async () => {
      const start = await app.fetch("/dj/connect", { headers: { cookie: me.cookie } });
      const oauth = start.headers.getSetCookie().find((c) => c.startsWith("sc-spotify-oauth="))!
        .split(";")[0];
      const authorize = new URL(start.headers.get("location")!);
      assertEquals(
        authorize.searchParams.get("redirect_uri")!.startsWith("http://127.0.0.1:"),
        true,
      );
      const consent = await fetch(authorize, { redirect: "manual" });
      const back = new URL(consent.headers.get("location")!);
      return { path: `${back.pathname}${back.search}`, cookie: `${me.cookie}; ${oauth}` };
    };

    const attempt = await begin();
    const ok = await app.fetch(attempt.path, { headers: { cookie: attempt.cookie } });
    assertMatch(flashOf(ok), /Spotify connected/);
    // The same code again (a reload, a replay): Spotify refuses it, the page says why.
    const replay = await app.fetch(attempt.path, { headers: { cookie: attempt.cookie } });
    assertMatch(flashOf(replay), /already used/);

    // A code older than Spotify's minutes.
    const slow = await begin();
    spotify.accounts.advance(11 * 60);
    const late = await app.fetch(slow.path, { headers: { cookie: slow.cookie } });
    assertMatch(flashOf(late), /took too long.*expired/s);

    // Spotify itself refuses localhost and plain-HTTP redirect URIs (no redirect at all).
    for (
      const [redirect, text] of [
        ["http://localhost:8000/dj/callback", "INVALID_CLIENT: Invalid redirect URI"],
        ["http://example.com/dj/callback", "INVALID_CLIENT: Insecure redirect URI"],
      ]
    ) {
      const q = new URLSearchParams({
        client_id: spotify.clientId,
        response_type: "code",
        redirect_uri: redirect,
        code_challenge_method: "S256",
        code_challenge: "x".repeat(43),
        state: "s",
      });
      const res = await fetch(`${spotify.url}/authorize?${q}`, { redirect: "manual" });
      assertEquals([res.status, await res.text()], [400, text]);
    }

    // And the app says it before sending anyone there.
    await using local = await startTestApp({
      WORKER: "off",
      ...spotify.env(),
      SPOTIFY_REDIRECT_URL: "http://localhost:8000/dj/callback",
    });
    const other = await signIn(local, "sp-localhost@example.com");
    const asked = spotify.log.length;
    const start = await local.fetch("/dj/connect", { headers: { cookie: other.cookie } });
    assertEquals([start.status, start.headers.get("location")], [303, "/dj"]);
    assertMatch(flashOf(start), /localhost.*127\.0\.0\.1/s);
    assertEquals(spotify.log.length, asked, "nobody was sent to Spotify");
  },
);
