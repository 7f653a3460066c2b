/** PUT /api/favourites/gigs/:id saves the gig for the caller (idempotent); DELETE unsaves it. */
import { define } from "../../../../utils.ts";
import { parseId, requireUser } from "../../../../lib/web/api/http.ts";
import { setFavourite } from "../../../../lib/domains/favourites/mod.ts";

export const handler = define.handlers({
  async PUT(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Gig");
    const saved = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => setFavourite(tx, "gig", id, true),
    );
    return Response.json({ kind: "gig", id, saved });
  },
  async DELETE(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Gig");
    await ctx.state.platform.db.asUser(user.claims, (tx) => setFavourite(tx, "gig", id, false));
    return new Response(null, { status: 204 });
  },
});
