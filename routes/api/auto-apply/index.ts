/** GET /api/auto-apply: settings, placeholders and the trail; PUT: save the template and rules. */
import { define } from "../../../utils.ts";
import { readBody, requireUser } from "../../../lib/web/api/http.ts";
import {
  AutoApplyInput,
  autoApplyView,
  saveAutoApply,
} from "../../../lib/domains/scout/auto/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    return Response.json(await ctx.state.platform.db.asUser(user.claims, autoApplyView));
  },
  async PUT(ctx) {
    const user = requireUser(ctx.state.user);
    const input = await readBody(ctx.req, AutoApplyInput);
    return Response.json(
      await ctx.state.platform.db.asUser(user.claims, async (tx) => {
        await saveAutoApply(tx, input);
        return await autoApplyView(tx);
      }),
    );
  },
});
