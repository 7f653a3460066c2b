/** GET /api/my/applications?status=: the caller's applications with counts by status. */
import { define } from "../../../utils.ts";
import { readQuery, requireUser } from "../../../lib/web/api/http.ts";
import { listMyApplications, MyApplicationsQuery } from "../../../lib/domains/scout/auto/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const { status } = readQuery(ctx.url, MyApplicationsQuery);
    return Response.json(
      await ctx.state.platform.db.asUser(user.claims, (tx) => listMyApplications(tx, status)),
    );
  },
});
