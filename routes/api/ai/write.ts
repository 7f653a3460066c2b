/**
 * POST /api/ai/write: the `ai-write` function for the signed-in browser session (cookie + CSRF
 * header), so pages never hold a bearer token. Same contract and limits as the function.
 */
import { define } from "../../../utils.ts";
import { handleAiWriteRequest } from "../../../lib/domains/writing/write_request.ts";

export const handler = define.handlers({
  POST(ctx) {
    const { db, ai, config, log } = ctx.state.platform;
    return handleAiWriteRequest(
      { db, ai, dailyLimit: config.AI_DAILY_LIMIT, log },
      ctx.state.user?.claims ?? null,
      ctx.req,
    );
  },
});
