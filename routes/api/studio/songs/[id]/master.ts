/**
 * POST /api/studio/songs/:id/master `{ settings }`: masters the finished song (202 `{ master }`,
 * `queued`; follow GET …/masters/:mid or the topic `master:<mid>`). 400 naming the setting, 404
 * `id` / `reference` for a song that is not the caller's, 409 unless finished, 429 when this
 * month's masters are spent (with `resets_at`).
 */
import { define } from "../../../../../utils.ts";
import { parseId, readBody, requireUser } from "../../../../../lib/web/api/http.ts";
import { MasterInput } from "../../../../../lib/domains/studio/master/types.ts";
import { startMaster } from "../../../../../lib/domains/studio/master/service.ts";
import { STUDIO_BODY_LIMIT, withQuota } from "../../../../../lib/domains/studio/http.ts";
import type { RouteConfig } from "../../../../../lib/fresh_runtime/mod.ts";

export const config: RouteConfig = { bodyLimit: STUDIO_BODY_LIMIT };

export const handler = define.handlers({
  async POST(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    const { settings } = await readBody(ctx.req, MasterInput);
    return withQuota(async () => {
      const master = await startMaster(ctx.state.platform, user.claims, id, settings);
      return Response.json({ master }, { status: 202, headers: { "cache-control": "no-store" } });
    });
  },
});
