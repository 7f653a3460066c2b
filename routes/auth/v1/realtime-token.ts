/**
 * GET /auth/v1/realtime-token → `{ access_token }`: the signed-in user's own token, for the
 * browser's Supabase Realtime client (private channels are authorised by RLS with it). The
 * session cookie is HttpOnly so that scripts never hold the token; this hands it out only where
 * it is needed: in Supabase mode. Embedded pages use SSE with the cookie, so here it is a 404.
 */
import { define } from "../../../utils.ts";
import { HttpError } from "../../../lib/web/errors.ts";

export const handler = define.handlers({
  GET(ctx) {
    if (ctx.state.platform.mode !== "supabase") {
      throw new HttpError(404, "Live updates use /realtime/v1/sse here: no token is needed");
    }
    const user = ctx.state.user;
    if (!user) throw new HttpError(401, "Sign in first", { field: "authorization" });
    return Response.json({ access_token: user.accessToken }, {
      headers: { "cache-control": "no-store" },
    });
  },
});
