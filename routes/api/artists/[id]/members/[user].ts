/** DELETE /api/artists/:id/members/:user: the owner removes a member, or a member leaves. */
import { define } from "../../../../../utils.ts";
import { parseId, requireUser } from "../../../../../lib/web/api/http.ts";
import { removeMember } from "../../../../../lib/domains/artists/service.ts";

export const handler = define.handlers({
  async DELETE(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const member = parseId(ctx.params.user, "Member", "user");
    await removeMember(ctx.state.platform, user, id, member);
    return new Response(null, { status: 204 });
  },
});
