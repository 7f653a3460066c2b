/** GET /api/auto-shortlist: the client's rules and the trail; PUT: save them (and on/off). */
import { define } from "../../../utils.ts";
import { readBody, requireUser } from "../../../lib/web/api/http.ts";
import {
  AutoShortlistInput,
  autoShortlistView,
  saveAutoShortlist,
} from "../../../lib/domains/scout/auto/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    return Response.json(await ctx.state.platform.db.asUser(user.claims, autoShortlistView));
  },
  async PUT(ctx) {
    const user = requireUser(ctx.state.user);
    const input = await readBody(ctx.req, AutoShortlistInput);
    return Response.json(
      await ctx.state.platform.db.asUser(user.claims, async (tx) => {
        await saveAutoShortlist(tx, input);
        return await autoShortlistView(tx);
      }),
    );
  },
});
