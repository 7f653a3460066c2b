/**
 * POST /api/artists/:id/plans/:plan/items/:item `{ decision }`: approve (a new persona version
 * with the change) or reject one proposal; 409 once decided.
 */
import { define } from "../../../../../../../utils.ts";
import { parseId, readBody, requireUser } from "../../../../../../../lib/web/api/http.ts";
import { DecisionInput } from "../../../../../../../lib/domains/artists/api.ts";
import { decideItem } from "../../../../../../../lib/domains/artists/plans.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const planId = parseId(ctx.params.plan, "Plan", "plan");
    const itemId = parseId(ctx.params.item, "Proposal", "item");
    const { decision } = await readBody(ctx.req, DecisionInput);
    const plan = await decideItem(ctx.state.platform, user, id, planId, itemId, decision);
    return Response.json({ plan }, { headers: { "cache-control": "no-store" } });
  },
});
