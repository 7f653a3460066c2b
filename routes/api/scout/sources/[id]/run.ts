/**
 * POST /api/scout/sources/:id/run: "check now". 202 `{ queued, source }`: queued is false when a
 * read is queued already. 409 for a paused or a CSV source.
 */
import { define } from "../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../lib/web/api/http.ts";
import { getSource, queueSource } from "../../../../../lib/domains/scout/sources.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Source");
    const body = await ctx.state.platform.db.asUser(user.claims, async (tx) => {
      const queued = await queueSource(tx, id);
      return { queued, source: await getSource(tx, user.claims, id) };
    });
    ctx.state.platform.worker.wake();
    return Response.json(body, { status: 202, headers: { "cache-control": "no-store" } });
  },
});
