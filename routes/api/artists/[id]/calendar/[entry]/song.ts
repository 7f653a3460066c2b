/**
 * POST /api/artists/:id/calendar/:entry/song: makes the release into a studio song (202
 * `{ song, quota }`, follow it as any song) with the persona's style in its prompt; 409 when it
 * has one.
 */
import { define } from "../../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../../lib/web/api/http.ts";
import { makeReleaseSong } from "../../../../../../lib/domains/artists/calendar.ts";
import { songResponse } from "../../../../../../lib/domains/studio/http.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const entry = parseId(ctx.params.entry, "Release", "entry");
    return songResponse(await makeReleaseSong(ctx.state.platform, user, id, entry), 202);
  },
});
