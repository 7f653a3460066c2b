/** PATCH /api/messages/:id: edit (the sender, within 5 minutes). DELETE: delete (the sender). */
import { define } from "../../../../utils.ts";
import { parseMessageId, readBody, requireUser } from "../../../../lib/web/api/http.ts";
import { deleteMessage, editMessage, EditMessageInput } from "../../../../lib/domains/chat/mod.ts";

export const handler = define.handlers({
  async PATCH(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseMessageId(ctx.params.id);
    const { body } = await readBody(ctx.req, EditMessageInput);
    const m = await ctx.state.platform.db.asUser(user.claims, (tx) => editMessage(tx, id, body));
    return Response.json(m);
  },
  async DELETE(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseMessageId(ctx.params.id);
    const m = await ctx.state.platform.db.asUser(user.claims, (tx) => deleteMessage(tx, id));
    return Response.json(m);
  },
});
