/**
 * POST /api/studio/songs/:id/share: a share link for a finished song, `{ url, token, song,
 * quota }`; a new one each time (the earlier link stops working). DELETE stops sharing it.
 * 404 for anyone but the owner, 409 unless the song is done.
 */
import { define } from "../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../lib/web/api/http.ts";
import { shareSong, unshareSong } from "../../../../../lib/domains/studio/service.ts";
import { shareUrl } from "../../../../../lib/domains/studio/share_link.ts";
import { songResponse } from "../../../../../lib/domains/studio/http.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    const { token, ...view } = await shareSong(ctx.state.platform, user.claims, id);
    return Response.json({ url: shareUrl(ctx.state.siteUrl, token), token, ...view }, {
      headers: { "cache-control": "no-store" },
    });
  },
  async DELETE(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    return songResponse(await unshareSong(ctx.state.platform, user.claims, id));
  },
});
