/**
 * The web server: the Fresh-convention app over routes/ and islands/, every request through the
 * one edge pipeline (lib/web/edge.ts). Functions, embedded storage and realtime are file routes
 * too (routes/functions, routes/storage, routes/realtime).
 */
import { createApp } from "./lib/fresh_runtime/mod.ts";
import type { Platform } from "./lib/platform/mod.ts";
import type { State } from "./utils.ts";
import { usePlatform } from "./functions/_shared/platform.ts";
import { createEdge, type Edge, JSON_PATHS } from "./lib/web/edge.ts";

export const projectRoot = new URL("./", import.meta.url).pathname;

export interface Server {
  fetch(req: Request, info?: Deno.ServeHandlerInfo): Promise<Response>;
}

export async function createServer(platform: Platform): Promise<Server> {
  usePlatform(platform);
  const edge = createEdge(platform);
  const app = await createApp<State>({
    root: projectRoot,
    dev: platform.config.APP_ENV !== "prod",
    log: (entry) => platform.log({ msg: "request", ...entry }),
    use: edge.use,
    jsonPaths: JSON_PATHS,
    initialState: () => requestState(platform, edge),
  });
  return { fetch: app.fetch };
}

/** A request's state before the edge fills it in. */
export function requestState(platform: Platform, edge: Edge): State {
  return {
    platform,
    user: null,
    credentials: "none",
    ip: "unknown",
    siteUrl: "",
    secure: false,
    limits: edge.limits,
    csrf: "",
    flash: null,
  };
}
