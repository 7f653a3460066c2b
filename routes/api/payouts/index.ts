/** GET /api/payouts: the caller's payout accounts (Stripe Connect, Razorpay Route) and status. */
import { define } from "../../../utils.ts";
import { requireUser } from "../../../lib/web/api/http.ts";
import { listPayoutAccounts, paymentDeps } from "../../../lib/domains/payments/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    return Response.json(await listPayoutAccounts(paymentDeps(ctx.state.platform), user.claims));
  },
});
