/** Root middleware: the flash message of the previous redirect (the edge ran before this). */
import { define } from "../utils.ts";
import { COOKIE, parseCookies, serializeCookie } from "../lib/web/cookies.ts";
import { readFlash, withCookies } from "../lib/web/respond.ts";

export const handler = define.middleware(async function flash(ctx) {
  const raw = parseCookies(ctx.req.headers.get("cookie"))[COOKIE.flash];
  if (!raw) return await ctx.next();
  ctx.state.flash = readFlash(raw);
  return withCookies(await ctx.next(), [
    serializeCookie(COOKIE.flash, "", { secure: ctx.state.secure, maxAge: 0 }),
  ]);
});
