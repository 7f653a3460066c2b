/**
 * GET /auth/v1/realtime-token → `{ access_token }`: the signed-in user's own token, for the
 * browser's Supabase Realtime client (private channels are authorised by RLS with it).
 */
import { define } from "../../../utils.ts";
import { jsonError } from "../../../lib/web/respond.ts";

export const handler = define.handlers({
  GET(ctx) {
    const user = ctx.state.user;
    if (!user) return jsonError(401, "Sign in first", "authorization");
    return Response.json({ access_token: user.accessToken }, {
      headers: { "cache-control": "no-store" },
    });
  },
});
