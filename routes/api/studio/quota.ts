/** GET /api/studio/quota: the caller's songs this month, the plan's limit and the reset date. */
import { define } from "../../../utils.ts";
import { requireUser } from "../../../lib/web/api/http.ts";
import { getQuota } from "../../../lib/domains/studio/store.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const quota = await ctx.state.platform.db.asUser(user.claims, getQuota);
    return Response.json({ quota }, { headers: { "cache-control": "no-store" } });
  },
});
