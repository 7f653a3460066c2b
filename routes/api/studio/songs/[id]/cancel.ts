/** POST /api/studio/songs/:id/cancel: stops a song being made (its song is given back); 409 else. */
import { define } from "../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../lib/web/api/http.ts";
import { cancelSong } from "../../../../../lib/domains/studio/service.ts";
import { songResponse } from "../../../../../lib/domains/studio/http.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    return songResponse(await cancelSong(ctx.state.platform, user.claims, id));
  },
});
