/** GET /api/messages/:id/attachment: the message's file, for its conversation's participants only. */
import { define } from "../../../../utils.ts";
import { notFound, parseMessageId, requireUser } from "../../../../lib/web/api/http.ts";
import { downloadAttachment, getMessage, safeFileName } from "../../../../lib/domains/chat/mod.ts";

// The file shares the app's origin: it must never run script here (as lib/ports/storage/http.ts does).
const SAFE_HEADERS = {
  "x-content-type-options": "nosniff",
  "content-security-policy":
    "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox",
  "cross-origin-resource-policy": "same-origin",
  "cache-control": "private, max-age=3600",
};
const INLINE = /^(image\/(png|jpeg|gif|webp)|audio\/[\w.+-]+)$/;

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseMessageId(ctx.params.id);
    const { db, storage } = ctx.state.platform;
    const message = await db.asUser(user.claims, (tx) => getMessage(tx, id));
    const file = message?.attachment_path ? await downloadAttachment(storage, user, message) : null;
    if (!message || !file) throw notFound("Attachment");
    const name = safeFileName(message.attachment_name ?? "file");
    const type = message.attachment_type ?? file.contentType;
    return new Response(file.body as BodyInit, {
      headers: {
        ...SAFE_HEADERS,
        "content-type": type,
        "content-length": String(file.body.byteLength),
        "content-disposition": `${INLINE.test(type) ? "inline" : "attachment"}; filename="${name}"`,
      },
    });
  },
});
