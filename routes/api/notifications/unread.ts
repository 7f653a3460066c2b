/** GET /api/notifications/unread → `{ unread }` for the signed-in user. */
import { define } from "../../../utils.ts";
import { unreadCount } from "../../../lib/notifications/mod.ts";
import { jsonError } from "../../../lib/web/respond.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = ctx.state.user;
    if (!user) return jsonError(401, "Sign in first", "authorization");
    const unread = await ctx.state.platform.db.asUser(user.claims, unreadCount);
    return Response.json({ unread }, { headers: { "cache-control": "no-store" } });
  },
});
