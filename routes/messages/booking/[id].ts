/** GET /messages/booking/:id → the booking's conversation (for links from booking pages). */
import { z } from "zod";
import { define } from "../../../utils.ts";
import { HttpError } from "../../../lib/fresh_runtime/mod.ts";
import { conversationIdFor } from "../../../lib/chat/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = ctx.state.user;
    if (!user) return ctx.redirect(`/signin?next=${encodeURIComponent(ctx.url.pathname)}`, 303);
    const id = z.string().uuid().safeParse(ctx.params.id);
    if (!id.success) throw new HttpError(404);
    const conv = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => conversationIdFor(tx, { bookingId: id.data }),
    );
    if (!conv) throw new HttpError(404);
    return ctx.redirect(`/messages/${conv}`, 303);
  },
});
