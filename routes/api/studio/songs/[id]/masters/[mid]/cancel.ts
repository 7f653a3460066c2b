/** POST /api/studio/songs/:id/masters/:mid/cancel: stops a master being made (409 once finished). */
import { define } from "../../../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../../../lib/web/api/http.ts";
import { cancelMaster } from "../../../../../../../lib/domains/studio/master/service.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    const mid = parseId(ctx.params.mid, "Master", "mid");
    const master = await cancelMaster(ctx.state.platform, user.claims, id, mid);
    return Response.json({ master }, { headers: { "cache-control": "no-store" } });
  },
});
