/** POST /api/bookings/:id/{complete|cancel|reviews}: finish, cancel (with a reason) or review it. */
import { define } from "../../../../utils.ts";
import { HttpError, parseId, readBody, requireUser } from "../../../../lib/web/api/http.ts";
import { BookingAction } from "../../../../lib/web/api/marketplace.ts";
import {
  cancel,
  CancelBookingInput,
  complete,
  ReviewInput,
  submitReview,
} from "../../../../lib/domains/gigs/mod.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Booking");
    const action = BookingAction.safeParse(ctx.params.action);
    if (!action.success) {
      throw new HttpError(404, "Unknown action: use complete, cancel or reviews", {
        field: "action",
      });
    }
    const { db } = ctx.state.platform;
    switch (action.data) {
      case "complete":
        return Response.json(await db.asUser(user.claims, (tx) => complete(tx, id)));
      case "cancel": {
        const { reason } = await readBody(ctx.req, CancelBookingInput);
        return Response.json(await db.asUser(user.claims, (tx) => cancel(tx, id, reason)));
      }
      case "reviews": {
        const input = await readBody(ctx.req, ReviewInput);
        return Response.json(await db.asUser(user.claims, (tx) => submitReview(tx, id, input)), {
          status: 201,
        });
      }
    }
  },
});
