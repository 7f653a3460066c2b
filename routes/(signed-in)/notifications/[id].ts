/**
 * GET /notifications/:id: opens a notification: marks it read, then follows its link (same-site
 * paths only). Marking one's own notification read is harmless, so a plain link can do it.
 */
import { define } from "../../../utils.ts";
import { markOneRead, safeLink } from "../../../lib/domains/notifications/mod.ts";
import { signedIn } from "../../../lib/web/guards.ts";
import { notFound, parseId } from "../../../lib/web/params.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = parseId(ctx.params.id, "Notification");
    const n = await ctx.state.platform.db.asUser(user.claims, (tx) => markOneRead(tx, id));
    if (!n) throw notFound("Notification");
    return ctx.redirect(safeLink(n.link) ?? "/notifications", 303);
  },
});
