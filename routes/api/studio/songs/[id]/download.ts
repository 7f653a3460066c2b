/**
 * GET /api/studio/songs/:id/download?format=wav|mp3|midi|stems[&stem=drums]: a redirect to a
 * signed URL of the file, valid for a few minutes; 404 for anyone but the owner.
 */
import { define } from "../../../../../utils.ts";
import { parseId, readQuery, requireUser } from "../../../../../lib/web/api/http.ts";
import { DownloadQuery } from "../../../../../lib/domains/studio/types.ts";
import { downloadUrl } from "../../../../../lib/domains/studio/service.ts";
import { downloadRedirect } from "../../../../../lib/domains/studio/http.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    const q = readQuery(ctx.url, DownloadQuery);
    return downloadRedirect(await downloadUrl(ctx.state.platform, user, id, q.format, q.stem));
  },
});
