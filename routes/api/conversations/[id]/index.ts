/** GET /api/conversations/:id: one conversation with both participants' read markers. */
import { define } from "../../../../utils.ts";
import { HttpError, requireUser } from "../../../../lib/api/http.ts";
import { conversationParam } from "../../../../lib/api/chat.ts";
import { getConversation } from "../../../../lib/chat/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = conversationParam(ctx.params.id);
    const c = await ctx.state.platform.db.asUser(user.claims, (tx) => getConversation(tx, id));
    if (!c) throw new HttpError(404, "Conversation not found", { field: "id" });
    return Response.json(c, { headers: { "cache-control": "no-store" } });
  },
});
