/**
 * GET /api/artists/:id/imports: the latest imports.
 * POST (multipart/form-data: `file`, a CSV, and `kind`: metrics or charts): a file up to 256 KB
 * is checked and imported now (201, `done`); a larger one is kept and imported by a job (202,
 * `queued`: follow GET …/imports/:import or the topic `artist_import:<id>`). Bad rows: 422 with
 * every line in `issues`, nothing imported.
 */
import { define } from "../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../lib/web/api/http.ts";
import type { RouteConfig } from "../../../../../lib/fresh_runtime/mod.ts";
import {
  IMPORT_BODY_LIMIT,
  importFile,
  readImportForm,
} from "../../../../../lib/domains/artists/imports.ts";
import { readArtist } from "../../../../../lib/domains/artists/service.ts";
import { listImports } from "../../../../../lib/domains/artists/store.ts";

export const config: RouteConfig = { bodyLimit: IMPORT_BODY_LIMIT };

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const imports = await readArtist(ctx.state.platform, user, id, listImports);
    return Response.json({ imports }, { headers: { "cache-control": "no-store" } });
  },
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const form = await readImportForm(ctx.req);
    const imported = await importFile(
      ctx.state.platform,
      user,
      id,
      form.kind,
      form.name,
      form.text,
    );
    return Response.json({ import: imported }, {
      status: imported.status === "done" ? 201 : 202,
      headers: { "cache-control": "no-store" },
    });
  },
});
