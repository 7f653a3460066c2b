/** GET /api/dj/share/:token: a shared playlist, read-only, for anyone with the link. */
import { define } from "../../../../utils.ts";
import { ApiError } from "../../../../lib/api/http.ts";
import { sharedRun } from "../../../../lib/dj/store.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const token = ctx.params.token ?? "";
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw new ApiError(400, "Not a share link", "token");
    const run = await ctx.state.platform.db.asUser(
      { role: "anon" },
      (tx) => sharedRun(tx, token),
    );
    if (!run) throw new ApiError(404, "This link was revoked or never existed", "token");
    return Response.json(run);
  },
});
