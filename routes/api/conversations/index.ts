/** GET /api/conversations: the caller's conversations, latest activity first, with unread counts. */
import { define } from "../../../utils.ts";
import { readQuery, requireUser } from "../../../lib/web/api/http.ts";
import { ConversationsQuery, listConversations } from "../../../lib/domains/chat/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const q = readQuery(ctx.url, ConversationsQuery);
    const page = await ctx.state.platform.db.asUser(user.claims, (tx) => listConversations(tx, q));
    return Response.json(page, { headers: { "cache-control": "no-store" } });
  },
});
