/** GET /api/scout/external-gigs/:id: one external gig (where "apply" links out to), or 404. */
import { define } from "../../../../utils.ts";
import { notFound, parseId } from "../../../../lib/web/api/http.ts";
import { getExternalGig } from "../../../../lib/domains/scout/external.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const id = parseId(ctx.params.id, "External gig");
    const claims = ctx.state.user?.claims ?? { role: "anon" as const };
    const gig = await ctx.state.platform.db.asUser(claims, (tx) => getExternalGig(tx, id));
    if (!gig) throw notFound("External gig");
    return Response.json({ gig });
  },
});
