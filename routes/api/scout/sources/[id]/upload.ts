/**
 * POST /api/scout/sources/:id/upload (multipart/form-data: `file`, a CSV up to 2 MB) into a CSV
 * source: 200 `{ run, errors }` (the rows that could not be read, by line). 422 listing the lines
 * when no row could be read (nothing written); 409 for a source that is not a CSV one.
 */
import { define } from "../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../lib/web/api/http.ts";
import type { RouteConfig } from "../../../../../lib/fresh_runtime/mod.ts";
import {
  CSV_BODY_LIMIT,
  readCsvUpload,
  uploadCsv,
} from "../../../../../lib/domains/scout/csv_upload.ts";

export const config: RouteConfig = { bodyLimit: CSV_BODY_LIMIT };

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Source");
    const { text } = await readCsvUpload(ctx.req);
    const { db, ai } = ctx.state.platform;
    const result = await uploadCsv({ db, ai }, user.claims, id, text);
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  },
});
