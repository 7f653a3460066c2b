/** Sign out: ends the session server-side and clears the cookies. */
import { define } from "../utils.ts";
import { COOKIE, parseCookies } from "../lib/web/cookies.ts";
import { clearSessionCookies } from "../lib/web/session.ts";
import { flashCookie, seeOther } from "../lib/web/respond.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const refresh = parseCookies(ctx.req.headers.get("cookie"))[COOKIE.refresh];
    if (refresh) await ctx.state.platform.auth.signOut(refresh).catch(() => {});
    const secure = ctx.state.secure;
    return seeOther("/", [
      ...clearSessionCookies(secure),
      flashCookie({ kind: "info", text: "You are signed out." }, secure),
    ]);
  },
});
