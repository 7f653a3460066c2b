/**
 * POST /api/payouts/razorpay: record a musician's Razorpay Route linked account (`acc_…`), made
 * with KYC outside the app: by the musician, or by an admin for any musician.
 */
import { define } from "../../../utils.ts";
import { readBody, requireUser } from "../../../lib/web/api/http.ts";
import {
  paymentDeps,
  RazorpayAccountInput,
  registerRazorpayAccount,
} from "../../../lib/domains/payments/mod.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const input = await readBody(ctx.req, RazorpayAccountInput);
    const deps = paymentDeps(ctx.state.platform);
    return Response.json(await registerRazorpayAccount(deps, user.claims, input));
  },
});
