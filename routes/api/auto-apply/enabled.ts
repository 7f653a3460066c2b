/** POST /api/auto-apply/enabled {enabled}: on (approved template only: 409) or off. */
import { define } from "../../../utils.ts";
import { readBody, requireUser } from "../../../lib/web/api/http.ts";
import { autoApplyView, EnableInput, setAutoApply } from "../../../lib/domains/scout/auto/mod.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const { enabled } = await readBody(ctx.req, EnableInput);
    return Response.json(
      await ctx.state.platform.db.asUser(user.claims, async (tx) => {
        await setAutoApply(tx, enabled);
        return await autoApplyView(tx);
      }),
    );
  },
});
