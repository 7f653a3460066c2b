/** GET /api/studio/prompts: the caller's recent prompts, distinct, most recently used first. */
import { define } from "../../../utils.ts";
import { requireUser } from "../../../lib/web/api/http.ts";
import { recentPrompts } from "../../../lib/domains/studio/store.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const prompts = await ctx.state.platform.db.asUser(user.claims, (tx) => recentPrompts(tx));
    return Response.json({ prompts }, { headers: { "cache-control": "no-store" } });
  },
});
