/** GET /api/musicians/:id: a published musician profile (or the caller's own draft). */
import { define } from "../../../utils.ts";
import { notFound, parseId } from "../../../lib/web/api/http.ts";
import { getMusicianProfile } from "../../../lib/domains/profiles/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const id = parseId(ctx.params.id, "Musician");
    const claims = ctx.state.user?.claims ?? { role: "anon" as const };
    const m = await ctx.state.platform.db.asUser(claims, (tx) => getMusicianProfile(tx, id));
    if (!m) throw notFound("Musician");
    return Response.json(m);
  },
});
