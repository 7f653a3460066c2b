/** POST /api/auto-apply/approve {template}: approves the saved template the caller read. */
import { define } from "../../../utils.ts";
import { readBody, requireUser } from "../../../lib/web/api/http.ts";
import {
  ApproveInput,
  approveTemplate,
  autoApplyView,
} from "../../../lib/domains/scout/auto/mod.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const { template } = await readBody(ctx.req, ApproveInput);
    return Response.json(
      await ctx.state.platform.db.asUser(user.claims, async (tx) => {
        await approveTemplate(tx, template);
        return await autoApplyView(tx);
      }),
    );
  },
});
