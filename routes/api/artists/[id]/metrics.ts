/**
 * POST /api/artists/:id/metrics `{ rows }`: performance rows (date, track, country, streams,
 * listeners, saves, skips, followers), imported all or nothing and idempotent by (track, date,
 * country): `{ inserted, updated, unchanged }`. A CSV file goes to …/imports.
 */
import { define } from "../../../../utils.ts";
import { parseId, readBody, requireUser } from "../../../../lib/web/api/http.ts";
import { MetricsInput } from "../../../../lib/domains/artists/api.ts";
import { importRows } from "../../../../lib/domains/artists/imports.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const { rows } = await readBody(ctx.req, MetricsInput);
    const result = await importRows(ctx.state.platform, user, id, "metrics", rows);
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  },
});
