/** GET /api/studio/songs/:id/masters/:mid: one master (status, stage, progress, report). */
import { define } from "../../../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../../../lib/web/api/http.ts";
import { masterView } from "../../../../../../../lib/domains/studio/master/service.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    const mid = parseId(ctx.params.mid, "Master", "mid");
    const master = await masterView(ctx.state.platform, user.claims, id, mid);
    return Response.json({ master }, { headers: { "cache-control": "no-store" } });
  },
});
