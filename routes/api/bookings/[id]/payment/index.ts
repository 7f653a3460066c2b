/** GET /api/bookings/:id/payment: the booking's money state, its ledger lines and timeline. */
import { define } from "../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../lib/web/api/http.ts";
import { getPayment, paymentDeps } from "../../../../../lib/domains/payments/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Booking");
    return Response.json(await getPayment(paymentDeps(ctx.state.platform), user.claims, id));
  },
});
