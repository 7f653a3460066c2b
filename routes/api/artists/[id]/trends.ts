/**
 * GET /api/artists/:id/trends: genre momentum by country from the imported charts (rank-weighted
 * share now against 4 weeks before) and a competitor summary for the artist's market whose every
 * point cites chart rows.
 */
import { define } from "../../../../utils.ts";
import { parseId, requireUser } from "../../../../lib/web/api/http.ts";
import { artistTrends } from "../../../../lib/domains/artists/trends.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const trends = await artistTrends(ctx.state.platform, user, id);
    return Response.json(trends, { headers: { "cache-control": "no-store" } });
  },
});
