/** POST /api/dj/runs/:id/share: a read-only public link (a new one each time). DELETE revokes it. */
import { define } from "../../../../../utils.ts";
import { requireUser } from "../../../../../lib/web/api/http.ts";
import { randomToken } from "../../../../../lib/ports/auth/tokens.ts";
import { parseId } from "../../../../../lib/web/params.ts";
import { setShare } from "../../../../../lib/domains/dj/store.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Playlist");
    const token = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => setShare(tx, id, randomToken(18)),
    );
    return Response.json({ token, url: `${ctx.state.siteUrl}/dj/share/${token}` });
  },
  async DELETE(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Playlist");
    await ctx.state.platform.db.asUser(user.claims, (tx) => setShare(tx, id, null));
    return Response.json({ token: null, url: null });
  },
});
