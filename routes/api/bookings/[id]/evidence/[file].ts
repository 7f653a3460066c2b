/** GET /api/bookings/:id/evidence/:file: one of the dispute's files (the parties and admins only). */
import { define } from "../../../../../utils.ts";
import { notFound, parseId, requireUser } from "../../../../../lib/web/api/http.ts";
import { paymentDeps } from "../../../../../lib/domains/payments/mod.ts";
import { downloadEvidence } from "../../../../../lib/domains/payments/evidence.ts";
import { safeFileName } from "../../../../../lib/domains/chat/attachments.ts";

// The file shares the app's origin: it must never run script here (as chat attachments are served).
const SAFE_HEADERS = {
  "x-content-type-options": "nosniff",
  "content-security-policy":
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
  "cross-origin-resource-policy": "same-origin",
  "cache-control": "private, max-age=3600",
};
const INLINE = /^image\/(png|jpeg|gif|webp)$/;

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Booking");
    const fileId = parseId(ctx.params.file, "Evidence", "file");
    const { platform } = ctx.state;
    const found = await downloadEvidence(paymentDeps(platform), platform.storage, user, id, fileId);
    if (!found) throw notFound("Evidence");
    const { item, body } = found;
    const disposition = INLINE.test(item.content_type) ? "inline" : "attachment";
    return new Response(body as BodyInit, {
      headers: {
        ...SAFE_HEADERS,
        "content-type": item.content_type,
        "content-length": String(body.byteLength),
        "content-disposition": `${disposition}; filename="${safeFileName(item.name)}"`,
      },
    });
  },
});
