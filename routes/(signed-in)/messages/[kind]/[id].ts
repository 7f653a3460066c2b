/**
 * GET /messages/application/:id and /messages/booking/:id → that application's or booking's
 * conversation (for links from gig and booking pages).
 */
import { z } from "zod";
import { define } from "../../../../utils.ts";
import { HttpError } from "../../../../lib/fresh_runtime/mod.ts";
import { conversationIdFor } from "../../../../lib/domains/chat/mod.ts";
import { signedIn } from "../../../../lib/web/guards.ts";
import { notFound, parseId } from "../../../../lib/web/params.ts";

const Kind = z.enum(["application", "booking"]);

export const handler = define.handlers({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const kind = Kind.safeParse(ctx.params.kind);
    if (!kind.success) throw new HttpError(404);
    const id = parseId(ctx.params.id, kind.data === "booking" ? "Booking" : "Application");
    const conv = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) =>
        conversationIdFor(tx, kind.data === "booking" ? { bookingId: id } : { applicationId: id }),
    );
    if (!conv) throw notFound("Conversation");
    return ctx.redirect(`/messages/${conv}`, 303);
  },
});
