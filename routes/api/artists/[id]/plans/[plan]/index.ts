/** GET /api/artists/:id/plans/:plan: the plan: status, the analysis and each proposal. */
import { define } from "../../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../../lib/web/api/http.ts";
import { planView } from "../../../../../../lib/domains/artists/plans.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const planId = parseId(ctx.params.plan, "Plan", "plan");
    const plan = await planView(ctx.state.platform, user, id, planId);
    return Response.json({ plan }, { headers: { "cache-control": "no-store" } });
  },
});
