/**
 * POST /api/studio/songs/:id/restyle `{ genre }`: a new draft restyling the song as another genre
 * (201 `{ song, quota }`; nothing is spent until the draft is generated). 400 naming `genre`,
 * 404 for anyone else's song, 409 unless it is done or a draft.
 */
import { define } from "../../../../../utils.ts";
import { parseId, readBody, requireUser } from "../../../../../lib/web/api/http.ts";
import { RestyleInput, restyleSong } from "../../../../../lib/domains/studio/service.ts";
import { songResponse } from "../../../../../lib/domains/studio/http.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    const { genre } = await readBody(ctx.req, RestyleInput);
    return songResponse(await restyleSong(ctx.state.platform, user.claims, id, genre), 201);
  },
});
