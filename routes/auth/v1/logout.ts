/**
 * POST /auth/v1/logout?scope=local|global|others (bearer) → 204: ends the token's session, every
 * session of its user (the default, as Supabase Auth's) or all the others; their refresh tokens
 * stop working. The access token itself stays valid until it expires, as on Supabase. Embedded
 * mode only. Browsers sign out with `POST /signout` (cookies).
 */
import { define } from "../../../utils.ts";
import {
  bearerUser,
  embeddedOnly,
  LogoutQuery,
  parseGoTrueQuery,
} from "../../../lib/web/gotrue.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const { platform, credentials } = ctx.state;
    embeddedOnly(platform.mode);
    const user = bearerUser(credentials, ctx.state.user);
    const { scope } = parseGoTrueQuery(ctx.url, LogoutQuery);
    await platform.auth.signOutSessions(user.accessToken, scope);
    return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  },
});
