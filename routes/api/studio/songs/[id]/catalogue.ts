/**
 * POST /api/studio/songs/:id/catalogue: the AI DJ may play the finished song in playlists (its
 * track joins the DJ's catalogue); DELETE takes it out. Sharing is separate (…/share).
 * 404 for anyone but the owner, 409 unless the song is done.
 */
import { define } from "../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../lib/web/api/http.ts";
import { setInCatalogue } from "../../../../../lib/domains/studio/service.ts";
import { songResponse } from "../../../../../lib/domains/studio/http.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    return songResponse(await setInCatalogue(ctx.state.platform, user.claims, id, true));
  },
  async DELETE(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    return songResponse(await setInCatalogue(ctx.state.platform, user.claims, id, false));
  },
});
