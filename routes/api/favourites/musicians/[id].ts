/** PUT /api/favourites/musicians/:id saves the musician for the caller (idempotent); DELETE unsaves it. */
import { define } from "../../../../utils.ts";
import { parseId, requireUser } from "../../../../lib/web/api/http.ts";
import { setFavourite } from "../../../../lib/domains/favourites/mod.ts";

export const handler = define.handlers({
  async PUT(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Musician");
    const saved = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => setFavourite(tx, "musician", id, true),
    );
    return Response.json({ kind: "musician", id, saved });
  },
  async DELETE(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Musician");
    await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => setFavourite(tx, "musician", id, false),
    );
    return new Response(null, { status: 204 });
  },
});
