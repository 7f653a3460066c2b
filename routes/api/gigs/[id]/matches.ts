/** GET /api/gigs/:id/matches?limit=N: musicians for the caller's gig, best first, with reasons. */
import { define } from "../../../../utils.ts";
import { parseId, readQuery, requireUser } from "../../../../lib/web/api/http.ts";
import { LimitQuery } from "../../../../lib/web/api/marketplace.ts";
import { musiciansForGig } from "../../../../lib/domains/matching/queries.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Gig");
    const { limit } = readQuery(ctx.url, LimitQuery);
    return Response.json(
      await ctx.state.platform.db.asUser(user.claims, (tx) => musiciansForGig(tx, id, limit)),
    );
  },
});
