/** GET /api/gigs/:id (as visible to the caller); PATCH changes fields or moves its state. */
import { define } from "../../../../utils.ts";
import {
  HttpError,
  notFound,
  parseId,
  readBody,
  requireUser,
} from "../../../../lib/web/api/http.ts";
import { GigPatchBody } from "../../../../lib/web/api/marketplace.ts";
import {
  cancelGig,
  closeGig,
  getGig,
  publishGig,
  updateGig,
} from "../../../../lib/domains/gigs/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const id = parseId(ctx.params.id, "Gig");
    const claims = ctx.state.user?.claims ?? { role: "anon" as const };
    const gig = await ctx.state.platform.db.asUser(claims, (tx) => getGig(tx, id));
    if (!gig) throw notFound("Gig");
    return Response.json(gig);
  },
  async PATCH(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Gig");
    const body = await readBody(ctx.req, GigPatchBody);
    const gig = await ctx.state.platform.db.asUser(user.claims, (tx) => {
      if ("status" in body && Object.keys(body).length === 1) {
        if (body.status === "published") return publishGig(tx, id);
        if (body.status === "closed") return closeGig(tx, id);
        return cancelGig(tx, id);
      }
      return updateGig(tx, id, body as Exclude<typeof body, { status: string }>);
    });
    if (!gig) throw new HttpError(404, "No such gig of yours", { field: "id" });
    ctx.state.platform.worker.wake();
    return Response.json(gig);
  },
});
