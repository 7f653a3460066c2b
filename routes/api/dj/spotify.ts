/**
 * GET /api/dj/spotify: whether the caller's Spotify account is connected (never a token).
 * DELETE /api/dj/spotify: disconnects it (the stored tokens are deleted).
 */
import { define } from "../../../utils.ts";
import { requireUser } from "../../../lib/web/api/http.ts";
import { djDeps } from "../../../lib/domains/dj/service.ts";
import { connectionStatus, disconnect } from "../../../lib/ports/spotify/connection.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx.state.user);
    const deps = await djDeps(ctx.state.platform);
    const c = await connectionStatus(ctx.state.platform.db, user.id);
    return Response.json({
      configured: deps.spotify !== null,
      connected: c !== null,
      status: c?.status ?? null,
      display_name: c?.display_name ?? null,
      spotify_user_id: c?.spotify_user_id ?? null,
      connected_at: c?.connected_at ?? null,
      broken_reason: c?.broken_reason ?? null,
      reconnect_by: c?.reconnect_by ?? null,
      missing_scopes: c?.missing_scopes ?? [],
    }, { headers: { "cache-control": "no-store" } });
  },
  async DELETE(ctx) {
    const user = requireUser(ctx.state.user);
    await disconnect(ctx.state.platform.db, user.id);
    return new Response(null, { status: 204 });
  },
});
