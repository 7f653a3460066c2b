/**
 * GET /api/studio/songs/:id/masters/:mid/download?format=wav|mp3: a redirect to a signed URL of
 * the finished master's file, valid for a few minutes; 404 for anyone but the owner.
 */
import { define } from "../../../../../../../utils.ts";
import { parseId, readQuery, requireUser } from "../../../../../../../lib/web/api/http.ts";
import { MasterDownloadQuery } from "../../../../../../../lib/domains/studio/master/types.ts";
import { masterDownloadUrl } from "../../../../../../../lib/domains/studio/master/service.ts";
import { downloadRedirect } from "../../../../../../../lib/domains/studio/http.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    const mid = parseId(ctx.params.mid, "Master", "mid");
    const { format } = readQuery(ctx.url, MasterDownloadQuery);
    const url = await masterDownloadUrl(ctx.state.platform, user, id, mid, format);
    return downloadRedirect(url);
  },
});
