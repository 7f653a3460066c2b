/** GET /api/dj/share/:token: a shared playlist, read-only, for anyone with the link. */
import { define } from "../../../../utils.ts";
import { HttpError } from "../../../../lib/web/errors.ts";
import { ShareTokenParam } from "../../../../lib/domains/dj/api.ts";
import { sharedRun } from "../../../../lib/domains/dj/store.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const parsed = ShareTokenParam.safeParse(ctx.params.token);
    if (!parsed.success) throw new HttpError(400, "Not a share link", { field: "token" });
    const token = parsed.data;
    const run = await ctx.state.platform.db.asUser(
      { role: "anon" },
      (tx) => sharedRun(tx, token),
    );
    if (!run) {
      throw new HttpError(404, "This link was revoked or never existed", { field: "token" });
    }
    return Response.json(run);
  },
});
