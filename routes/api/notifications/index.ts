/** GET /api/notifications?unread=&before=&limit=: the caller's notifications, newest first. */
import { define } from "../../../utils.ts";
import { HttpError, readQuery, requireUser } from "../../../lib/web/api/http.ts";
import {
  listNotifications,
  NotificationQuery,
  UnknownNotification,
} from "../../../lib/domains/notifications/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const q = readQuery(ctx.url, NotificationQuery);
    try {
      const page = await ctx.state.platform.db.asUser(
        user.claims,
        (tx) => listNotifications(tx, q),
      );
      return Response.json(page, { headers: { "cache-control": "no-store" } });
    } catch (err) {
      if (err instanceof UnknownNotification) {
        throw new HttpError(404, err.message, { field: err.field });
      }
      throw err;
    }
  },
});
