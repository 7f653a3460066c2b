/**
 * POST /api/plan/{checkout|cancel|resume|portal}: open the checkout for pro (answers where to
 * pay and the monthly price), cancel at the period end or keep the plan after all, or get a
 * Stripe customer-portal link. The subscription itself changes only by the provider's events.
 */
import { define } from "../../../utils.ts";
import { HttpError, readBody, requireUser } from "../../../lib/web/api/http.ts";
import { paymentDeps } from "../../../lib/domains/payments/mod.ts";
import {
  PlanAction,
  PlanCheckoutInput,
  planPortal,
  setPlanCancel,
  startPlanCheckout,
} from "../../../lib/domains/plans/mod.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const action = PlanAction.safeParse(ctx.params.action);
    if (!action.success) {
      throw new HttpError(404, "Unknown action: use checkout, cancel, resume or portal", {
        field: "action",
      });
    }
    const deps = paymentDeps(ctx.state.platform);
    switch (action.data) {
      case "checkout": {
        const input = await readBody(ctx.req, PlanCheckoutInput);
        return Response.json(await startPlanCheckout(deps, user.claims, input), { status: 201 });
      }
      case "cancel":
        return Response.json(await setPlanCancel(deps, user.claims, true));
      case "resume":
        return Response.json(await setPlanCancel(deps, user.claims, false));
      case "portal":
        return Response.json(await planPortal(deps, user.claims), { status: 201 });
    }
  },
});
