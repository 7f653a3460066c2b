/**
 * POST /api/studio/songs/:id/generate: spends one of this month's songs and queues the draft
 * (202); 429 with `resets_at` when none is left, 409 when it is not a draft.
 */
import { define } from "../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../lib/web/api/http.ts";
import { generateSong } from "../../../../../lib/domains/studio/service.ts";
import { songResponse, withQuota } from "../../../../../lib/domains/studio/http.ts";

export const handler = define.handlers({
  POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    return withQuota(async () =>
      songResponse(await generateSong(ctx.state.platform, user.claims, id), 202)
    );
  },
});
