/** POST /api/applications/:id/{shortlist|decline|withdraw|accept}; accept answers the booking. */
import { define } from "../../../../utils.ts";
import { HttpError, parseId, requireUser } from "../../../../lib/web/api/http.ts";
import { ApplicationAction } from "../../../../lib/web/api/marketplace.ts";
import { accept, decline, shortlist, withdraw } from "../../../../lib/domains/gigs/mod.ts";

import type { Tx } from "../../../../lib/ports/db/mod.ts";

const run: Record<
  "shortlist" | "decline" | "withdraw" | "accept",
  (tx: Tx, id: string) => Promise<unknown>
> = {
  shortlist,
  decline,
  withdraw,
  accept,
};

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Application");
    const action = ApplicationAction.safeParse(ctx.params.action);
    if (!action.success) {
      throw new HttpError(404, "Unknown action: use shortlist, decline, withdraw or accept", {
        field: "action",
      });
    }
    const result = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => run[action.data](tx, id),
    );
    return Response.json(result, { status: action.data === "accept" ? 201 : 200 });
  },
});
