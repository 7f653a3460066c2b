/** PATCH /api/media/:id `{ caption?, position? }` (the owner); DELETE removes it and its file. */
import { define } from "../../../utils.ts";
import { parseId, readBody, requireUser } from "../../../lib/web/api/http.ts";
import { MediaPatch, patchMedia, removeMedia } from "../../../lib/domains/media/mod.ts";

export const handler = define.handlers({
  async PATCH(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Media");
    const patch = await readBody(ctx.req, MediaPatch);
    return Response.json(await patchMedia(ctx.state.platform, user.claims, id, patch));
  },
  async DELETE(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Media");
    await removeMedia(ctx.state.platform, user, id);
    return new Response(null, { status: 204 });
  },
});
