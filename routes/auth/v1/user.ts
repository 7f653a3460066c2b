/**
 * GET /auth/v1/user (bearer) → the user, as Supabase Auth answers (supabase-js `getUser`). A
 * token whose session was signed out gets 403 `session_not_found`, on which supabase-js drops its
 * stored session. Embedded mode only.
 */
import { define } from "../../../utils.ts";
import { bearerUser, embeddedOnly } from "../../../lib/web/gotrue.ts";
import { HttpError } from "../../../lib/web/errors.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const { platform, credentials } = ctx.state;
    embeddedOnly(platform.mode);
    const { accessToken } = bearerUser(credentials, ctx.state.user);
    const user = await platform.auth.getUser(accessToken);
    if (!user) {
      throw new HttpError(403, "Session from session_id claim in JWT does not exist", {
        code: "session_not_found",
      });
    }
    return Response.json(user, { headers: { "cache-control": "no-store" } });
  },
});
