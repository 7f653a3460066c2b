/**
 * GET /api/dj/runs/:id: one of the caller's runs with its tracks, each with its cover and what
 * its play button plays (lib/domains/dj/listen.ts). DELETE removes it.
 */
import { define } from "../../../../../utils.ts";
import { HttpError, requireUser } from "../../../../../lib/web/api/http.ts";
import { parseId } from "../../../../../lib/web/params.ts";
import { deleteRun } from "../../../../../lib/domains/dj/store.ts";
import { runToListen } from "../../../../../lib/domains/dj/listen.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Playlist");
    const run = await runToListen(ctx.state.platform, user.claims, id);
    if (!run) throw new HttpError(404, "No such playlist", { field: "id" });
    return Response.json({ run }, { headers: { "cache-control": "no-store" } });
  },
  async DELETE(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Playlist");
    const gone = await ctx.state.platform.db.asUser(user.claims, (tx) => deleteRun(tx, id));
    if (!gone) throw new HttpError(404, "No such playlist", { field: "id" });
    return new Response(null, { status: 204 });
  },
});
