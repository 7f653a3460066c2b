/**
 * GET /api/scout/sources/:id: the source with its latest runs. PATCH `{ name?, url?, org_id?,
 * every_hours?, enabled? }`: pause (enabled false), resume, rename, reschedule. DELETE: the source
 * with its runs and gigs. Yours (or, for an admin, a public one); 404 otherwise.
 */
import { define } from "../../../../../utils.ts";
import { parseId, readBody, requireUser } from "../../../../../lib/web/api/http.ts";
import {
  deleteSource,
  getSource,
  listRuns,
  SourcePatch,
  updateSource,
} from "../../../../../lib/domains/scout/sources.ts";

const noStore = { "cache-control": "no-store" };

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Source");
    const body = await ctx.state.platform.db.asUser(user.claims, async (tx) => ({
      source: await getSource(tx, user.claims, id),
      runs: await listRuns(tx, id),
    }));
    return Response.json(body, { headers: noStore });
  },
  async PATCH(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Source");
    const patch = await readBody(ctx.req, SourcePatch);
    const source = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => updateSource(tx, user.claims, id, patch),
    );
    return Response.json({ source }, { headers: noStore });
  },
  async DELETE(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Source");
    await ctx.state.platform.db.asUser(user.claims, (tx) => deleteSource(tx, user.claims, id));
    return new Response(null, { status: 204 });
  },
});
