/**
 * The web server: the Fresh-convention app over routes/ and islands/, every request through the
 * one edge pipeline (lib/web/edge.ts). Functions, embedded storage and realtime are file routes
 * too (routes/functions, routes/storage, routes/realtime).
 */
import { createApp } from "./lib/fresh_runtime/mod.ts";
import type { CspSources } from "./lib/fresh_runtime/secure_headers.ts";
import { type Config, isSupabase, supabasePublicUrl } from "./lib/platform/config.ts";
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
    csp: mergeSources(
      supabaseSources(platform.config),
      razorpaySources(platform.config),
      spotifySources(platform.config),
    ),
    initialState: () => requestState(platform, edge),
  });
  return { fetch: app.fetch };
}

/**
 * On Supabase, browsers talk to the project itself (Realtime's websocket, file URLs, audio): its
 * public origin joins the pages' CSP. Embedded, everything is same-origin.
 */
export function supabaseSources(config: Config): CspSources {
  const url = isSupabase(config) ? supabasePublicUrl(config) : undefined;
  if (!url) return {};
  const origin = new URL(url).origin;
  const ws = origin.replace(/^http/, "ws");
  // Songs play from signed Storage URLs (the studio's player follows a redirect there).
  return { connect: [origin, ws], img: [origin], media: [origin] };
}

/**
 * With Razorpay configured, its Checkout script (RAZORPAY_CHECKOUT_JS_URL) and the frame it opens
 * on Razorpay's API origin are allowed on the pages (routes/pay/[id]/razorpay.tsx loads them).
 */
export function razorpaySources(config: Config): CspSources {
  if (!config.RAZORPAY_KEY_ID) return {};
  const api = new URL(config.RAZORPAY_API_URL ?? "https://api.razorpay.com").origin;
  return { script: [new URL(config.RAZORPAY_CHECKOUT_JS_URL).origin], frame: [api] };
}

/**
 * With Spotify configured, the AI DJ's tracks play Spotify's 30-second previews from its audio
 * CDN (the embedded player's frame, open.spotify.com, is allowed on every page already).
 */
export function spotifySources(config: Config): CspSources {
  return config.SPOTIFY_CLIENT_ID ? { media: ["https://p.scdn.co"] } : {};
}

function mergeSources(...all: CspSources[]): CspSources {
  const out: Record<string, string[]> = {};
  for (const s of all) {
    for (const [k, v] of Object.entries(s)) out[k] = [...new Set([...(out[k] ?? []), ...v])];
  }
  return out;
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
