/**
 * GET /api/conversations/:id/messages?after=&before=&limit=: a page of messages, oldest first.
 * POST /api/conversations/:id/messages: send (JSON, or multipart with a `file` attachment).
 */
import { define } from "../../../../utils.ts";
import { notFound, parseId, readQuery, requireUser } from "../../../../lib/web/api/http.ts";
import { readSendBody } from "../../../../lib/web/api/chat.ts";
import { listMessages, MessagesQuery, sendWithFile } from "../../../../lib/domains/chat/mod.ts";
import type { RouteConfig } from "../../../../lib/fresh_runtime/mod.ts";
import { uploadLimit } from "../../../../lib/web/body.ts";
import { ATTACHMENT_MAX_BYTES } from "../../../../lib/shared/limits.ts";

export const config: RouteConfig = { bodyLimit: uploadLimit(ATTACHMENT_MAX_BYTES) };

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Conversation");
    const q = readQuery(ctx.url, MessagesQuery);
    const page = await ctx.state.platform.db.asUser(user.claims, (tx) => listMessages(tx, id, q));
    if (!page) throw notFound("Conversation");
    return Response.json(page, { headers: { "cache-control": "no-store" } });
  },
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Conversation");
    const { input, file } = await readSendBody(ctx.req);
    const { platform } = ctx.state;
    const message = await sendWithFile(platform, user, id, input, file);
    platform.worker.wake();
    return Response.json(message, {
      status: 201,
      headers: { location: `/api/conversations/${id}/messages?after=${message.id - 1}&limit=1` },
    });
  },
});
