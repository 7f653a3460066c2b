/** GET /api/favourites: the caller's saved musicians and gigs (no longer available ones as null). */
import { define } from "../../../utils.ts";
import { requireUser } from "../../../lib/web/api/http.ts";
import { listFavourites } from "../../../lib/domains/favourites/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const list = await ctx.state.platform.db.asUser(user.claims, (tx) => listFavourites(tx));
    return Response.json(list, { headers: { "cache-control": "no-store" } });
  },
});
