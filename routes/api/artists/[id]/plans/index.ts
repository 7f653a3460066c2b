/**
 * GET /api/artists/:id/plans: the latest evolution plans.
 * POST: queues a plan (202, `queued`: analysing → planning → `ready`; follow GET …/plans/:plan
 * or the topic `artist_plan:<id>`); a plan under way is answered instead. 409 without figures.
 */
import { define } from "../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../lib/web/api/http.ts";
import { requestPlan } from "../../../../../lib/domains/artists/plans.ts";
import { readArtist } from "../../../../../lib/domains/artists/service.ts";
import { listPlans } from "../../../../../lib/domains/artists/store.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const plans = await readArtist(ctx.state.platform, user, id, listPlans);
    return Response.json({ plans }, { headers: { "cache-control": "no-store" } });
  },
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const plan = await requestPlan(ctx.state.platform, user, id);
    return Response.json({ plan }, { status: 202, headers: { "cache-control": "no-store" } });
  },
});
