/**
 * GET /messages/application/:id and /messages/booking/:id → that application's or booking's
 * conversation (for links from gig and booking pages).
 */
import { z } from "zod";
import { define } from "../../../../utils.ts";
import { HttpError } from "../../../../lib/fresh_runtime/mod.ts";
import { conversationIdFor } from "../../../../lib/chat/mod.ts";
import { signedIn } from "../../../../lib/http/guards.ts";

const Target = z.object({ kind: z.enum(["application", "booking"]), id: z.string().uuid() });

export const handler = define.handlers({
  async GET(ctx) {
    const user = signedIn(ctx.state);
    const target = Target.safeParse(ctx.params);
    if (!target.success) throw new HttpError(404);
    const { kind, id } = target.data;
    const conv = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => conversationIdFor(tx, kind === "booking" ? { bookingId: id } : { applicationId: id }),
    );
    if (!conv) throw new HttpError(404);
    return ctx.redirect(`/messages/${conv}`, 303);
  },
});
