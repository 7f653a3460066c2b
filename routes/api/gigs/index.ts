/** GET /api/gigs: search (anyone). POST /api/gigs: create a draft, or publish at once with ?publish=true. */
import { define } from "../../../utils.ts";
import { readBody, readQuery, requireUser } from "../../../lib/web/api/http.ts";
import {
  createGig,
  GigCreateQuery,
  GigInput,
  GigSearchQuery,
  publishGig,
  searchGigs,
} from "../../../lib/domains/gigs/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const query = readQuery(ctx.url, GigSearchQuery);
    const claims = ctx.state.user?.claims ?? { role: "anon" as const };
    return Response.json(await ctx.state.platform.db.asUser(claims, (tx) => searchGigs(tx, query)));
  },
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const { publish } = readQuery(ctx.url, GigCreateQuery);
    const input = await readBody(ctx.req, GigInput);
    const gig = await ctx.state.platform.db.asUser(user.claims, async (tx) => {
      const created = await createGig(tx, input);
      return publish ? await publishGig(tx, created.id) : created;
    });
    ctx.state.platform.worker.wake();
    return Response.json(gig, { status: 201, headers: { location: `/api/gigs/${gig.id}` } });
  },
});
