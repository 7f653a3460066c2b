/** GET /api/matches/gigs?limit=N: gigs for the signed-in musician, best first, with reasons. */
import { define } from "../../../utils.ts";
import { readQuery, requireUser } from "../../../lib/web/api/http.ts";
import { LimitQuery } from "../../../lib/web/api/marketplace.ts";
import { gigsForMusician } from "../../../lib/domains/matching/queries.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const { limit } = readQuery(ctx.url, LimitQuery);
    return Response.json(
      await ctx.state.platform.db.asUser(user.claims, (tx) => gigsForMusician(tx, user.id, limit)),
    );
  },
});
