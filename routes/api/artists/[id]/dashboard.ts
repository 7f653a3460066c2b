/**
 * GET /api/artists/:id/dashboard?track=&country=: totals, weekly streams, save rate, skip rate
 * and followers, by country and by track.
 */
import { define } from "../../../../utils.ts";
import { parseId, readQuery, requireUser } from "../../../../lib/web/api/http.ts";
import { DashboardQuery } from "../../../../lib/domains/artists/api.ts";
import { dashboard } from "../../../../lib/domains/artists/dashboard.ts";
import { readArtist } from "../../../../lib/domains/artists/service.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const q = readQuery(ctx.url, DashboardQuery);
    const body = await readArtist(ctx.state.platform, user, id, (tx) => dashboard(tx, id, q));
    return Response.json(body, { headers: { "cache-control": "no-store" } });
  },
});
