/** GET /api/notifications/unread → `{ unread }` for the signed-in user. */
import { define } from "../../../utils.ts";
import { UNREAD_SQL } from "../../../lib/notifications/mod.ts";
import { jsonError } from "../../../lib/web/respond.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = ctx.state.user;
    if (!user) return jsonError(401, "Sign in first", "authorization");
    const [{ n: unread }] = await ctx.state.platform.db.readAsUser<{ n: number }>(
      user.claims,
      UNREAD_SQL,
    );
    return Response.json({ unread }, { headers: { "cache-control": "no-store" } });
  },
});
