/**
 * GET /api/artists/:id/dashboard?track=&country=: totals, weekly streams, save rate, skip rate
 * and followers, by country and by track.
 */
import { define } from "../../../../utils.ts";
import { parseId, readQuery, requireUser } from "../../../../lib/web/api/http.ts";
import { DashboardQuery } from "../../../../lib/domains/artists/api.ts";
import { dashboard } from "../../../../lib/domains/artists/dashboard.ts";
import { artistView } from "../../../../lib/domains/artists/service.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const q = readQuery(ctx.url, DashboardQuery);
    const p = ctx.state.platform;
    await artistView(p, user, id);
    const body = await p.db.asUser(user.claims, (tx) => dashboard(tx, id, q));
    return Response.json(body, { headers: { "cache-control": "no-store" } });
  },
});
