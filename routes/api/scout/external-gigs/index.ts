/**
 * GET /api/scout/external-gigs: upcoming gigs the scout found elsewhere (anyone: public sources'
 * gigs, and a musician's own sources' too), by start; q, from/to, genres, near + radius_km,
 * source; keyset paging with `cursor`.
 */
import { define } from "../../../../utils.ts";
import { readQuery } from "../../../../lib/web/api/http.ts";
import { ExternalSearchQuery, searchExternalGigs } from "../../../../lib/domains/scout/external.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const query = readQuery(ctx.url, ExternalSearchQuery);
    const claims = ctx.state.user?.claims ?? { role: "anon" as const };
    const page = await ctx.state.platform.db.asUser(claims, (tx) => searchExternalGigs(tx, query));
    return Response.json(page);
  },
});
