/** GET /api/artists/:id/versions: every version, newest first, with its cause and diff. */
import { define } from "../../../../utils.ts";
import { parseId, requireUser } from "../../../../lib/web/api/http.ts";
import { listVersions } from "../../../../lib/domains/artists/service.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const versions = await listVersions(ctx.state.platform, user, id);
    return Response.json({ versions }, { headers: { "cache-control": "no-store" } });
  },
});
