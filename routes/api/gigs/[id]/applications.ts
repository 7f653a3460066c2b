/** POST /api/gigs/:id/applications: apply (musicians). GET: the applicants (the gig's owner). */
import { define } from "../../../../utils.ts";
import { parseId, readBody, requireUser } from "../../../../lib/web/api/http.ts";
import {
  ApplicationInput,
  apply,
  listApplicationsForGig,
} from "../../../../lib/domains/gigs/mod.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Gig");
    return Response.json(
      await ctx.state.platform.db.asUser(user.claims, (tx) => listApplicationsForGig(tx, id)),
    );
  },
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Gig");
    const input = await readBody(ctx.req, ApplicationInput);
    const application = await ctx.state.platform.db.asUser(
      user.claims,
      (tx) => apply(tx, id, input),
    );
    return Response.json(application, { status: 201 });
  },
});
