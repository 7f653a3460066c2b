/**
 * POST /api/dj/runs/:id/export: creates the draft's playlist in the caller's Spotify account.
 * 409 `spotify` to (re)connect first, 403 `spotify` for a development-mode refusal, 429 busy.
 */
import { define } from "../../../../../utils.ts";
import { requireUser } from "../../../../../lib/web/api/http.ts";
import { parseId } from "../../../../../lib/web/params.ts";
import { exportRun } from "../../../../../lib/domains/dj/export.ts";
import { djDeps } from "../../../../../lib/domains/dj/service.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Playlist");
    const run = await exportRun(await djDeps(ctx.state.platform), user.claims, id);
    return Response.json({ run }, { headers: { "cache-control": "no-store" } });
  },
});
