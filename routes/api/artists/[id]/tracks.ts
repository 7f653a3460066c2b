/**
 * POST /api/artists/:id/tracks `{ title, features?, released_on? }`: a track released outside
 * Soundcheck with what you know of its sound (tempo, energy, key, mood…), so the analysis can use
 * it; the same title again updates it. 201 `{ id }`.
 */
import { define } from "../../../../utils.ts";
import { parseId, readBody, requireUser } from "../../../../lib/web/api/http.ts";
import { TrackInput } from "../../../../lib/domains/artists/api.ts";
import { saveTrack } from "../../../../lib/domains/artists/tracks.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const input = await readBody(ctx.req, TrackInput);
    const track = await saveTrack(ctx.state.platform, user, id, input);
    return Response.json({ id: track }, { status: 201, headers: { "cache-control": "no-store" } });
  },
});
