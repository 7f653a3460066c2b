/**
 * GET /notifications/:id: opens a notification: marks it read, then follows its link (same-site
 * paths only). Marking one's own notification read is harmless, so a plain link can do it.
 */
import { define } from "../../../utils.ts";
import { markOneRead, safeLink } from "../../../lib/notifications/mod.ts";
import { HttpError } from "../../../lib/fresh_runtime/mod.ts";
import { signedIn } from "../../../lib/http/guards.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const handler = define.handlers({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const id = ctx.params.id;
    if (!UUID.test(id)) throw new HttpError(404);
    const n = await ctx.state.platform.db.asUser(user.claims, (tx) => markOneRead(tx, id));
    if (!n) throw new HttpError(404);
    return ctx.redirect(safeLink(n.link) ?? "/notifications", 303);
  },
});
