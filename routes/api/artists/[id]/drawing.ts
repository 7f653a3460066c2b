/**
 * GET /api/artists/:id/drawing: the image provider's latest drawing of the art (live AI only),
 * `{ drawing }` or `{ drawing: null }`.
 */
import { define } from "../../../../utils.ts";
import { parseId, requireUser } from "../../../../lib/web/api/http.ts";
import { artistView } from "../../../../lib/domains/artists/service.ts";
import { latestDrawing } from "../../../../lib/domains/artists/store.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const p = ctx.state.platform;
    await artistView(p, user, id);
    const drawing = await p.db.asUser(user.claims, (tx) => latestDrawing(tx, id));
    return Response.json({ drawing }, { headers: { "cache-control": "no-store" } });
  },
});
