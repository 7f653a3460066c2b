/** GET /api/musicians/:id: a published musician profile (or the caller's own draft). */
import { define } from "../../../utils.ts";
import { HttpError, Uuid } from "../../../lib/api/http.ts";
import { getMusicianProfile } from "../../../lib/gigs/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const id = Uuid("id").parse(ctx.params.id);
    const claims = ctx.state.user?.claims ?? { role: "anon" as const };
    const m = await ctx.state.platform.db.asUser(claims, (tx) => getMusicianProfile(tx, id));
    if (!m) throw new HttpError(404, "No such musician", { field: "id" });
    return Response.json(m);
  },
});
