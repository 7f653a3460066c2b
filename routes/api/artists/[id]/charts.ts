/**
 * POST /api/artists/:id/charts `{ rows }`: weekly chart rows (country, week, rank, track,
 * artist, genre, streams), idempotent by (country, week, rank): `{ inserted, updated, unchanged }`.
 */
import { define } from "../../../../utils.ts";
import { parseId, readBody, requireUser } from "../../../../lib/web/api/http.ts";
import { ChartsInput } from "../../../../lib/domains/artists/api.ts";
import { importRows } from "../../../../lib/domains/artists/imports.ts";

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const { rows } = await readBody(ctx.req, ChartsInput);
    const result = await importRows(ctx.state.platform, user, id, "charts", rows);
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  },
});
