/** POST /api/notifications/read-all: marks every notification of the caller read. */
import { define } from "../../../utils.ts";
import { requireUser } from "../../../lib/web/api/http.ts";
import { markAllRead } from "../../../lib/domains/notifications/mod.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const marked = await ctx.state.platform.db.asUser(user.claims, (tx) => markAllRead(tx));
    return Response.json({ marked, unread: 0 });
  },
});
