/**
 * GET /api/studio/songs/:id/meter: the song's newest hit meter report (`{ meter }`, null when
 * never measured). POST: the report of the song's current audio, reused when it is done or being
 * made, else queued (202 `{ meter }`; follow the topic `meter:<id>`). 404 for anyone else's song,
 * 409 unless the song is finished.
 */
import { define } from "../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../lib/web/api/http.ts";
import { meterView, requestMeter } from "../../../../../lib/domains/studio/meter/service.ts";

const NO_STORE = { "cache-control": "no-store" };

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    const meter = await meterView(ctx.state.platform, user.claims, id);
    return Response.json({ meter }, { headers: NO_STORE });
  },
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    const meter = await requestMeter(ctx.state.platform, user.claims, id);
    return Response.json({ meter }, { status: 202, headers: NO_STORE });
  },
});
