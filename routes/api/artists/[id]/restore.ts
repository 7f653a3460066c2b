/** POST /api/artists/:id/restore `{ version }`: that version's persona as a new version. */
import { define } from "../../../../utils.ts";
import { parseId, readBody, requireUser } from "../../../../lib/web/api/http.ts";
import { RestoreInput } from "../../../../lib/domains/artists/api.ts";
import { restoreVersion } from "../../../../lib/domains/artists/service.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const { version } = await readBody(ctx.req, RestoreInput);
    const artist = await restoreVersion(ctx.state.platform, user, id, version);
    return Response.json({ artist }, { headers: { "cache-control": "no-store" } });
  },
});
