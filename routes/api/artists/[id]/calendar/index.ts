/**
 * GET /api/artists/:id/calendar: releases and posts, by date.
 * POST `{ start, weeks }`: plans those weeks from the persona's cadence (releases already made
 * into songs stay; the rest of the window is replaced).
 */
import { define } from "../../../../../utils.ts";
import { parseId, readBody, requireUser } from "../../../../../lib/web/api/http.ts";
import { CalendarInput } from "../../../../../lib/domains/artists/api.ts";
import { planCalendar } from "../../../../../lib/domains/artists/calendar.ts";
import { readArtist } from "../../../../../lib/domains/artists/service.ts";
import { listCalendar } from "../../../../../lib/domains/artists/store.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const entries = await readArtist(ctx.state.platform, user, id, listCalendar);
    return Response.json({ entries }, { headers: { "cache-control": "no-store" } });
  },
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const input = await readBody(ctx.req, CalendarInput);
    const entries = await planCalendar(ctx.state.platform, user, id, input);
    return Response.json({ entries }, { status: 201, headers: { "cache-control": "no-store" } });
  },
});
