/**
 * GET /api/dj/runs: the caller's DJ history, newest first, keyset pages.
 * POST /api/dj/runs: starts a playlist from a prompt `{ prompt, length?, no_explicit?, parent_id? }`;
 * 201 `{ run }` at once, `queued`: its stages run as jobs and report on `dj_run:<id>` and in
 * GET /api/dj/runs/<id>.
 */
import { define } from "../../../../utils.ts";
import { readQuery, requireUser } from "../../../../lib/web/api/http.ts";
import { RunListQuery } from "../../../../lib/domains/dj/api.ts";
import { readRunBody, RUN_BODY_LIMIT, startedResponse } from "../../../../lib/domains/dj/http.ts";
import { startDjRun } from "../../../../lib/domains/dj/service.ts";
import { listRuns } from "../../../../lib/domains/dj/store.ts";
import type { RouteConfig } from "../../../../lib/fresh_runtime/mod.ts";

export const config: RouteConfig = { bodyLimit: RUN_BODY_LIMIT };

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const q = readQuery(ctx.url, RunListQuery);
    const page = await ctx.state.platform.db.asUser(user.claims, (tx) => listRuns(tx, q));
    return Response.json(page, { headers: { "cache-control": "no-store" } });
  },
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const input = await readRunBody(ctx.req);
    return startedResponse(await startDjRun(ctx.state.platform, user.claims, input));
  },
});
