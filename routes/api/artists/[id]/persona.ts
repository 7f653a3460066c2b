/**
 * PUT /api/artists/:id/persona `{ persona, version }`: the edited persona as a new version
 * (guardrails first: 422 with the reason); 409 when `version` is no longer the current one.
 */
import { define } from "../../../../utils.ts";
import { parseId, readBody, requireUser } from "../../../../lib/web/api/http.ts";
import { EditPersonaInput } from "../../../../lib/domains/artists/api.ts";
import { artistView, saveVersion } from "../../../../lib/domains/artists/service.ts";

export const handler = define.handlers({
  async PUT(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Artist");
    const input = await readBody(ctx.req, EditPersonaInput);
    const p = ctx.state.platform;
    await saveVersion(p, user, id, input.persona, input.version, "edited", null);
    return Response.json({ artist: await artistView(p, user, id) }, {
      headers: { "cache-control": "no-store" },
    });
  },
});
