/** PUT /api/studio/songs/:id/plan `{ plan }`: the draft's edited plan (400 naming the field). */
import { define } from "../../../../../utils.ts";
import { parseId, readBody, requireUser } from "../../../../../lib/web/api/http.ts";
import { PlanInput } from "../../../../../lib/domains/studio/types.ts";
import { editPlan } from "../../../../../lib/domains/studio/service.ts";
import { songResponse, STUDIO_BODY_LIMIT } from "../../../../../lib/domains/studio/http.ts";
import type { RouteConfig } from "../../../../../lib/fresh_runtime/mod.ts";

export const config: RouteConfig = { bodyLimit: STUDIO_BODY_LIMIT };

export const handler = define.handlers({
  async PUT(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    const { plan } = await readBody(ctx.req, PlanInput);
    return songResponse(await editPlan(ctx.state.platform, user.claims, id, plan));
  },
});
