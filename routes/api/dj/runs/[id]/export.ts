/**
 * POST /api/dj/runs/:id/export: puts the draft's playlist in the caller's Spotify account, or
 * finishes an earlier export into the same playlist (idempotent: an exported run answers as it
 * is). 409 `spotify` to (re)connect first, 403 `spotify` by cause (allow-list, permission,
 * withdrawn feature), 429 busy and 503 Spotify trouble, each saying what is in the playlist so
 * far; 409 `id` while the run is being made or exported by another request.
 * GET /api/dj/runs/:id/export: how the export stands (404 before the first one).
 */
import { define } from "../../../../../utils.ts";
import { HttpError } from "../../../../../lib/web/errors.ts";
import { requireUser } from "../../../../../lib/web/api/http.ts";
import { parseId } from "../../../../../lib/web/params.ts";
import { exportRunReport } from "../../../../../lib/domains/dj/export.ts";
import { readExport, summarize } from "../../../../../lib/domains/dj/export_state.ts";
import { djDeps } from "../../../../../lib/domains/dj/service.ts";

const noStore = { "cache-control": "no-store" };

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Playlist");
    const row = await readExport(ctx.state.platform.db, user.claims, id);
    if (!row) throw new HttpError(404, "This playlist has not been exported yet", { field: "id" });
    return Response.json({ export: summarize(row) }, { headers: noStore });
  },
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Playlist");
    const done = await exportRunReport(await djDeps(ctx.state.platform), user.claims, id);
    return Response.json(done, { headers: noStore });
  },
});
