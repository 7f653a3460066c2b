/** POST /api/notifications/:id/read: marks one of the caller's notifications read. */
import { define } from "../../../../utils.ts";
import { HttpError, requireUser, Uuid } from "../../../../lib/api/http.ts";
import { markOneRead, unreadCount } from "../../../../lib/notifications/mod.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = Uuid("id").parse(ctx.params.id);
    const result = await ctx.state.platform.db.asUser(user.claims, async (tx) => {
      const notification = await markOneRead(tx, id);
      return notification && { notification, unread: await unreadCount(tx) };
    });
    if (!result) throw new HttpError(404, "No such notification", { field: "id" });
    return Response.json(result);
  },
});
