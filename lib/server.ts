/**
 * The web server: the Fresh-convention app over routes/ and islands/, plus the platform's own
 * endpoints (functions, embedded storage and realtime) mounted in the same process.
 */
import type { Context, Hono } from "hono";
import { createApp } from "./fresh_runtime/mod.ts";
import type { Platform } from "./platform/mod.ts";
import type { State } from "../utils.ts";
import { functions } from "../functions/mod.ts";
import { usePlatform } from "../functions/_shared/platform.ts";
import { storageRoutes } from "./storage/http.ts";
import { sseRoute } from "./realtime/sse.ts";
import { COOKIE, parseCookies } from "./web/cookies.ts";
import { bearerToken } from "./web/session.ts";
import type { Claims } from "./db/mod.ts";

export const projectRoot = new URL("../", import.meta.url).pathname;

export interface Server {
  fetch(req: Request, info?: Deno.ServeHandlerInfo): Promise<Response>;
}

export async function createServer(platform: Platform): Promise<Server> {
  usePlatform(platform);
  const claimsOf = async (c: Context): Promise<{ claims: Claims; accessToken: string } | null> => {
    const token = bearerToken(c.req.raw) ??
      parseCookies(c.req.header("cookie") ?? null)[COOKIE.access];
    if (!token) return null;
    const claims = await platform.auth.verify(token);
    return claims ? { claims, accessToken: token } : null;
  };

  const app = await createApp<State>({
    root: projectRoot,
    dev: platform.config.APP_ENV !== "prod",
    log: (entry) => platform.log({ msg: "request", ...entry }),
    initialState: () => ({ platform, user: null, csrf: "", flash: null }),
    extraRoutes(hono: Hono) {
      hono.all("/functions/v1/:name{[a-z0-9_-]+}", (c) => {
        const fn = functions[c.req.param("name")];
        return fn
          ? fn(c.req.raw)
          : c.json({ error: { status: 404, message: "No such function" } }, 404);
      });
      if (platform.mode !== "embedded") return;
      hono.route(
        "/",
        storageRoutes({
          storage: platform.storage,
          getCaller: async (c) => (await claimsOf(c)) ?? { claims: { role: "anon" } },
        }),
      );
      const hub = platform.realtime;
      if (hub) {
        hono.get(
          "/realtime/v1/sse",
          sseRoute({ hub, getClaims: async (c) => (await claimsOf(c))?.claims ?? null }),
        );
      }
    },
  });
  return { fetch: app.fetch };
}
