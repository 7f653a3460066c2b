/** GET /api/plan: the caller's plan and its quotas, their subscription and what each plan costs. */
import { define } from "../../../utils.ts";
import { requireUser } from "../../../lib/web/api/http.ts";
import { paymentDeps } from "../../../lib/domains/payments/mod.ts";
import { getPlanView } from "../../../lib/domains/plans/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    return Response.json(await getPlanView(paymentDeps(ctx.state.platform), user.claims));
  },
});
