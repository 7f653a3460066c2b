/** GET /api/studio/master/presets: the reference presets' genres and the loudness targets. */
import { define } from "../../../../utils.ts";
import { requireUser } from "../../../../lib/web/api/http.ts";
import { masterPresets } from "../../../../lib/domains/studio/master/service.ts";

export const handler = define.handlers({
  GET(ctx) {
    requireUser(ctx.state.user);
    return Response.json(masterPresets(), { headers: { "cache-control": "private, max-age=300" } });
  },
});
