/** GET /api/artists/:id/calendar/ics: the calendar as an iCalendar file (RFC 5545). */
import { define } from "../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../lib/web/api/http.ts";
import { calendarIcs } from "../../../../../lib/domains/artists/calendar.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const ics = await calendarIcs(ctx.state.platform, user, id);
    return new Response(ics, {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": `attachment; filename="artist-${id.slice(0, 8)}.ics"`,
        "cache-control": "no-store",
      },
    });
  },
});
