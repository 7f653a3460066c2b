/** POST /api/auto-apply/draft: a template drafted by the AI from the caller's profile (not saved). */
import { define } from "../../../utils.ts";
import { requireUser } from "../../../lib/web/api/http.ts";
import { draftForCaller } from "../../../lib/domains/scout/auto/mod.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const { db, ai, config, log } = ctx.state.platform;
    return Response.json(
      await draftForCaller({ db, ai, dailyLimit: config.AI_DAILY_LIMIT, log }, user.claims),
    );
  },
});
