/** `GET /realtime/v1/sse`: the embedded platform's live updates (lib/ports/realtime/sse.ts). */
import { Hono } from "hono";
import { define } from "../../../utils.ts";
import { HttpError } from "../../../lib/web/errors.ts";
import { sseRoute } from "../../../lib/ports/realtime/sse.ts";
import type { Claims } from "../../../lib/ports/db/mod.ts";
import type { RealtimeHub } from "../../../lib/ports/realtime/port.ts";

const apps = new WeakMap<RealtimeHub, Hono>();

export const handler = define.handlers({
  GET(ctx) {
    const hub = ctx.state.platform.realtime;
    if (!hub) throw new HttpError(404, "Live updates come from Supabase Realtime");
    let app = apps.get(hub);
    if (!app) {
      app = new Hono().get(
        "*",
        sseRoute({ hub, getClaims: (c) => (c.env as { claims: Claims | null }).claims }),
      );
      apps.set(hub, app);
    }
    return app.fetch(ctx.req, { claims: ctx.state.user?.claims ?? null });
  },
});
