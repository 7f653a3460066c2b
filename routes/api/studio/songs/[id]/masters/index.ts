/** GET /api/studio/songs/:id/masters: the song's masters, newest first (404 for anyone else's). */
import { define } from "../../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../../lib/web/api/http.ts";
import { masterList } from "../../../../../../lib/domains/studio/master/service.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    const items = await masterList(ctx.state.platform, user.claims, id);
    return Response.json({ items }, { headers: { "cache-control": "no-store" } });
  },
});
