/** GET /api/notifications/unread → `{ unread }` for the signed-in user. */
import { define } from "../../../utils.ts";
import { UNREAD_SQL } from "../../../lib/domains/notifications/mod.ts";
import { requireUser } from "../../../lib/web/api/http.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const [{ n: unread }] = await ctx.state.platform.db.queryAsUser<{ n: number }>(
      user.claims,
      UNREAD_SQL,
    );
    return Response.json({ unread }, { headers: { "cache-control": "no-store" } });
  },
});
