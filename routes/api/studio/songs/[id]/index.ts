/**
 * GET /api/studio/songs/:id: the song (status, stage, progress, plan, lyrics, files) and the
 * caller's quota. PATCH `{ title }` renames it; DELETE removes it and its files.
 */
import { define } from "../../../../../utils.ts";
import { parseId, readBody, requireUser } from "../../../../../lib/web/api/http.ts";
import { RenameInput } from "../../../../../lib/domains/studio/types.ts";
import { deleteSong, renameSong, songView } from "../../../../../lib/domains/studio/service.ts";
import { songResponse, STUDIO_BODY_LIMIT } from "../../../../../lib/domains/studio/http.ts";
import type { RouteConfig } from "../../../../../lib/fresh_runtime/mod.ts";

export const config: RouteConfig = { bodyLimit: STUDIO_BODY_LIMIT };

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    return songResponse(await songView(ctx.state.platform, user.claims, id));
  },
  async PATCH(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    const { title } = await readBody(ctx.req, RenameInput);
    return songResponse(await renameSong(ctx.state.platform, user.claims, id, title));
  },
  async DELETE(ctx) {
    const user = requireUser(ctx.state.user);
    const id = parseId(ctx.params.id, "Song");
    await deleteSong(ctx.state.platform, user, id);
    return new Response(null, { status: 204 });
  },
});
