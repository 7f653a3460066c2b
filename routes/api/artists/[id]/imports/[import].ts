/** GET /api/artists/:id/imports/:import: one import: status, counts and bad lines. */
import { define } from "../../../../../utils.ts";
import { notFound, parseId, requireUser } from "../../../../../lib/web/api/http.ts";
import { getImport } from "../../../../../lib/domains/artists/store.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const importId = parseId(ctx.params.import, "Import", "import");
    const found = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => getImport(tx, id, importId),
    );
    if (!found) throw notFound("Import", "import");
    return Response.json({ import: found }, { headers: { "cache-control": "no-store" } });
  },
});
