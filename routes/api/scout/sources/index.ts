/**
 * GET /api/scout/sources: your gig sources (an admin's list has the public ones too), newest first.
 * POST `{ kind, name, url?, org_id?, every_hours? }`: 201 `{ source }`, due at once (a csv source
 * waits for uploads). Musicians and admins only (403 otherwise).
 */
import { define } from "../../../../utils.ts";
import { readBody, requireUser } from "../../../../lib/web/api/http.ts";
import { createSource, listSources, SourceInput } from "../../../../lib/domains/scout/sources.ts";

const noStore = { "cache-control": "no-store" };

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const sources = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => listSources(tx, user.claims),
    );
    return Response.json({ sources }, { headers: noStore });
  },
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const input = await readBody(ctx.req, SourceInput);
    const source = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => createSource(tx, user.claims, input),
    );
    ctx.state.platform.worker.wake();
    return Response.json({ source }, {
      status: 201,
      headers: { ...noStore, location: `/api/scout/sources/${source.id}` },
    });
  },
});
