/**
 * GET /dj/connect?next=/dj/…: sends the signed-in user to Spotify's consent page (OAuth with
 * PKCE). A link, not a form: the CSP's form-action would block the redirect to Spotify. A site
 * opened as `localhost` is told to use 127.0.0.1: Spotify refuses localhost redirect URIs.
 */
import { define } from "../../../utils.ts";
import { serializeCookie } from "../../../lib/web/cookies.ts";
import { flashCookie, seeOther } from "../../../lib/web/respond.ts";
import { safeNext } from "../../../lib/domains/dj/page_data.ts";
import { djDeps } from "../../../lib/domains/dj/service.ts";
import {
  ConnectError,
  OAUTH_COOKIE,
  OAUTH_MAX_AGE,
  startConnect,
} from "../../../lib/ports/spotify/flow.ts";
import { signedIn } from "../../../lib/web/guards.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const next = safeNext(ctx.url.searchParams.get("next"));
    const user = signedIn(ctx.state);
    const deps = await djDeps(ctx.state.platform);
    const secure = ctx.state.secure;
    if (!deps.spotify) {
      return seeOther(next, [flashCookie({
        kind: "error",
        text: "Spotify is not set up on this server (SPOTIFY_CLIENT_ID).",
      }, secure)]);
    }
    let started: { location: string; cookie: string };
    try {
      started = await startConnect(deps.spotify, user.id, ctx.state.siteUrl, next);
    } catch (err) {
      if (!(err instanceof ConnectError)) throw err;
      return seeOther(next, [flashCookie({ kind: "error", text: err.message }, secure)]);
    }
    const { location, cookie } = started;
    const headers = new Headers({ location, "cache-control": "no-store" });
    headers.append(
      "set-cookie",
      serializeCookie(OAUTH_COOKIE, cookie, { secure, maxAge: OAUTH_MAX_AGE }),
    );
    return new Response(null, { status: 303, headers });
  },
});
