/** Root middleware: session from cookies or bearer token, CSRF check and token, flash message. */
import { define } from "../utils.ts";
import { COOKIE, isSecure, parseCookies, serializeCookie } from "../lib/web/cookies.ts";
import { bearerToken, resolveSession } from "../lib/web/session.ts";
import { checkCsrf } from "../lib/web/csrf.ts";
import { jsonError, readFlash, withCookies } from "../lib/web/respond.ts";
import { randomToken } from "../lib/auth/tokens.ts";

export const handler = define.middleware(async function session(ctx) {
  const { auth } = ctx.state.platform;
  const cookies = parseCookies(ctx.req.headers.get("cookie"));
  const secure = isSecure(ctx.url);
  const setCookies: string[] = [];

  const bearer = bearerToken(ctx.req);
  if (bearer) {
    const claims = await auth.verify(bearer);
    if (!claims) return jsonError(401, "Invalid or expired token", "authorization");
    ctx.state.user = { id: claims.sub, email: claims.email ?? "", claims, accessToken: bearer };
  } else {
    const s = await resolveSession(auth, cookies, secure);
    if (s) {
      ctx.state.user = {
        id: s.claims.sub,
        email: s.claims.email ?? "",
        claims: s.claims,
        accessToken: s.accessToken,
      };
      setCookies.push(...s.setCookies);
    }
  }

  let csrf = cookies[COOKIE.csrf];
  const verdict = await checkCsrf(ctx.req, ctx.url, csrf);
  if (!verdict.ok) {
    ctx.state.platform.log({
      level: "warn",
      msg: "csrf rejected",
      reason: verdict.reason,
      path: ctx.url.pathname,
    });
    const msg = "This form expired or came from another site. Reload the page and try again.";
    return ctx.url.pathname.startsWith("/api/") ? jsonError(403, msg, "_csrf") : new Response(msg, {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  // API clients with a bearer token use no cookies: no CSRF cookie to mint for them.
  if (!csrf && !bearer) {
    csrf = randomToken(24);
    setCookies.push(serializeCookie(COOKIE.csrf, csrf, { secure }));
  }
  ctx.state.csrf = csrf ?? "";

  const flash = readFlash(cookies[COOKIE.flash]);
  if (flash) {
    ctx.state.flash = flash;
    setCookies.push(serializeCookie(COOKIE.flash, "", { secure, maxAge: 0 }));
  }

  return withCookies(await ctx.next(), setCookies);
});
