/** POST /api/notifications/:id/read: marks one of the caller's notifications read. */
import { define } from "../../../../utils.ts";
import { notFound, parseId, requireUser } from "../../../../lib/web/api/http.ts";
import { markOneRead, unreadCount } from "../../../../lib/domains/notifications/mod.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Notification");
    const result = await ctx.state.platform.db.asUser(user.claims, async (tx) => {
      const notification = await markOneRead(tx, id);
      return notification && { notification, unread: await unreadCount(tx) };
    });
    if (!result) throw notFound("Notification");
    return Response.json(result);
  },
});
