/**
 * GET /api/artists/:id: the artist (persona, version, art). DELETE: the artist with everything
 * under it (owner only; 403 for a member, 404 for anyone else).
 */
import { define } from "../../../../utils.ts";
import { parseId, requireUser } from "../../../../lib/web/api/http.ts";
import { artistView, deleteArtist } from "../../../../lib/domains/artists/service.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const artist = await artistView(ctx.state.platform, user, id);
    return Response.json({ artist }, { headers: { "cache-control": "no-store" } });
  },
  async DELETE(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    await deleteArtist(ctx.state.platform, user, id);
    return new Response(null, { status: 204 });
  },
});
