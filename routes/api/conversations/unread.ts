/** GET /api/conversations/unread → `{ unread }`: the caller's unread messages (the badge). */
import { define } from "../../../utils.ts";
import { requireUser } from "../../../lib/web/api/http.ts";
import { UNREAD_MESSAGES_SQL } from "../../../lib/domains/chat/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const [{ n: unread }] = await ctx.state.platform.db.queryAsUser<{ n: number }>(
      user.claims,
      UNREAD_MESSAGES_SQL,
    );
    return Response.json({ unread }, { headers: { "cache-control": "no-store" } });
  },
});
