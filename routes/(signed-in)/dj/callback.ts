/**
 * GET /dj/callback: Spotify sends the user back here. The state must match the cookie set by
 * /dj/connect for this user; then the code becomes stored (encrypted) tokens. Every outcome is a
 * redirect with a message, never an error page.
 */
import { define } from "../../../utils.ts";
import { parseCookies, serializeCookie } from "../../../lib/web/cookies.ts";
import { flashCookie, seeOther } from "../../../lib/web/respond.ts";
import { safeNext } from "../../../lib/domains/dj/page_data.ts";
import { djDeps } from "../../../lib/domains/dj/service.ts";
import { ConnectError, finishConnect, OAUTH_COOKIE } from "../../../lib/ports/spotify/flow.ts";
import { signedIn } from "../../../lib/web/guards.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const secure = ctx.state.secure;
    const clear = serializeCookie(OAUTH_COOKIE, "", { secure, maxAge: 0 });
    const deps = await djDeps(ctx.state.platform);
    if (!deps.spotify) {
      return seeOther("/dj", [
        clear,
        flashCookie({ kind: "error", text: "Spotify is not set up." }, secure),
      ]);
    }
    const cookie = parseCookies(ctx.req.headers.get("cookie"))[OAUTH_COOKIE];
    try {
      const done = await finishConnect(deps.spotify, user.id, ctx.url.searchParams, cookie);
      const text = `Spotify connected${done.displayName ? ` as ${done.displayName}` : ""}.`;
      return seeOther(safeNext(done.next), [clear, flashCookie({ kind: "success", text }, secure)]);
    } catch (err) {
      if (!(err instanceof ConnectError)) throw err;
      ctx.state.platform.log({ level: "info", msg: "spotify connect failed", error: err.message });
      return seeOther("/dj", [clear, flashCookie({ kind: "error", text: err.message }, secure)]);
    }
  },
});
