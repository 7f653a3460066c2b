/** POST /api/conversations/:id/read: move the caller's read marker; heartbeat while it is open. */
import { define } from "../../../../utils.ts";
import { parseId, readBody, requireUser } from "../../../../lib/web/api/http.ts";
import { markRead, ReadInput } from "../../../../lib/domains/chat/mod.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Conversation");
    // An empty body (a beacon, or `curl -X POST`) means "all read, still here".
    const hasBody = ctx.req.headers.has("content-type");
    const input = hasBody ? await readBody(ctx.req, ReadInput) : ReadInput.parse({});
    const marker = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => markRead(tx, id, { upTo: input.up_to, active: input.active }),
    );
    return Response.json(marker);
  },
});
