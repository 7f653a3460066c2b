/** GET /api/conversations/:id: one conversation with both participants' read markers. */
import { define } from "../../../../utils.ts";
import { notFound, parseId, requireUser } from "../../../../lib/web/api/http.ts";
import { getConversation } from "../../../../lib/domains/chat/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Conversation");
    const c = await ctx.state.platform.db.asUser(user.claims, (tx) => getConversation(tx, id));
    if (!c) throw notFound("Conversation");
    return Response.json(c, { headers: { "cache-control": "no-store" } });
  },
});
