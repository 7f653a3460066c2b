/**
 * GET /api/dj/runs: the caller's DJ history, newest first, keyset pages.
 * POST /api/dj/runs: a playlist from a prompt `{ prompt, length?, no_explicit?, parent_id? }`;
 * 201 `{ run }`, or with `Accept: application/x-ndjson` a stream of progress lines.
 */
import { define } from "../../../../utils.ts";
import { readQuery, requireUser } from "../../../../lib/api/http.ts";
import { RunListQuery } from "../../../../lib/dj/api.ts";
import { readRunBody, RUN_BODY_LIMIT, runResponse, wantsStream } from "../../../../lib/dj/http.ts";
import { djDeps } from "../../../../lib/dj/service.ts";
import { listRuns } from "../../../../lib/dj/store.ts";
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
    const deps = await djDeps(ctx.state.platform);
    return await runResponse(deps, user.claims, input, wantsStream(ctx.req));
  },
});
