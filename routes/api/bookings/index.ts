/** GET /api/bookings: the caller's bookings, as client and as musician. */
import { define } from "../../../utils.ts";
import { requireUser } from "../../../lib/web/api/http.ts";
import { listOwnBookings } from "../../../lib/domains/gigs/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    return Response.json(
      await ctx.state.platform.db.asUser(user.claims, (tx) => listOwnBookings(tx)),
    );
  },
});
