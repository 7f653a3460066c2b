/**
 * GET /api/artists/:id/drawing: the image provider's latest drawing of the art (live AI only),
 * `{ drawing }` or `{ drawing: null }`.
 */
import { define } from "../../../../utils.ts";
import { parseId, requireUser } from "../../../../lib/web/api/http.ts";
import { readArtist } from "../../../../lib/domains/artists/service.ts";
import { latestDrawing } from "../../../../lib/domains/artists/store.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const drawing = await readArtist(ctx.state.platform, user, id, latestDrawing);
    return Response.json({ drawing }, { headers: { "cache-control": "no-store" } });
  },
});
