/**
 * Stored objects over HTTP on Supabase Storage's paths (embedded mode only; on Supabase, Supabase
 * serves them). The caller is the one the edge resolved for this request.
 */
import { define } from "../../../../utils.ts";
import { HttpError } from "../../../../lib/web/errors.ts";
import { storageRoutes } from "../../../../lib/ports/storage/http.ts";
import type { Caller } from "../../../../lib/ports/storage/port.ts";
import type { Platform } from "../../../../lib/platform/mod.ts";
import { withRange } from "../../../../lib/web/range.ts";

const apps = new WeakMap<Platform, ReturnType<typeof storageRoutes>>();

export const handler = define.handlers({
  async GET(ctx) {
    const { platform, user } = ctx.state;
    if (platform.mode !== "embedded") throw new HttpError(404, "Storage is served by Supabase");
    let app = apps.get(platform);
    if (!app) {
      app = storageRoutes({
        storage: platform.storage,
        getCaller: (c) => (c.env as { caller: Caller | null }).caller,
      });
      apps.set(platform, app);
    }
    const caller: Caller | null = user
      ? { claims: user.claims, accessToken: user.accessToken }
      : null;
    // Media elements seek with byte ranges (the studio's player): answered here for every object.
    return withRange(ctx.req, await app.fetch(ctx.req, { caller }));
  },
});
