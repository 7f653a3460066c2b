/**
 * `createApp`: loads the project once (routes, islands, static files, CSS, bundles) and mounts it
 * on Hono. Per request only the nonce, the context object and the render happen.
 *
 * @module
 */
import { Hono, type MiddlewareHandler } from "hono";
import { bundleIslands } from "./bundle.ts";
import { compressResponse } from "./compress.ts";
import { buildStylesheet } from "./css.ts";
import { AppHost, type Log, textResponse } from "./app_host.ts";
import { statusText } from "./error.ts";
import { loadRoutes } from "./fs_routes.ts";
import { installIslandHooks, loadIslands } from "./islands.ts";
import { PageRenderer } from "./render.ts";
import { applySecureHeaders, cspFor, generateNonce, requestIdFrom } from "./secure_headers.ts";
import {
  type Asset,
  IMMUTABLE,
  loadStaticFiles,
  makeAsset,
  REVALIDATE,
  serveAsset,
} from "./static_files.ts";
import type { AppOptions, FreshApp } from "./types.ts";
import { join } from "./walk.ts";

declare module "hono" {
  interface ContextVariableMap {
    /** Set by the runtime on every request (also sent as `x-request-id`). */
    requestId: string;
    /** CSP nonce of this request. */
    nonce: string;
  }
}

const DEFAULT_CSS_SOURCES = ["routes", "islands", "components"];
// Paths Hono would read as pattern syntax are served from the not-found handler instead.
const HONO_SYNTAX = /[:*{}?]/;
const defaultLog: Log = (entry) => console.log(JSON.stringify(entry));

/**
 * Builds the app from the project at `opts.root`.
 *
 * @example
 * ```ts
 * const app = await createApp<State>({ root: import.meta.dirname!, initialState: () => ({}) });
 * Deno.serve(app.fetch);
 * ```
 */
export async function createApp<State>(opts: AppOptions<State>): Promise<FreshApp> {
  const { root } = opts;
  const dev = opts.dev === true;
  const log = opts.log ?? defaultLog;
  installIslandHooks();
  const [table, islands, statics] = await Promise.all([
    loadRoutes<State>(join(root, "routes")),
    loadIslands(join(root, "islands")),
    loadStaticFiles(join(root, "static"), dev),
  ]);
  const [bundle, sheet] = await Promise.all([
    bundleIslands(islands, { root, dev }),
    buildStylesheet(root, opts.cssSources ?? DEFAULT_CSS_SOURCES),
  ]);
  const assets = new Map<string, Asset>(statics);
  // Built files are named by their content hash: a change is a new URL. Dev revalidates anyway,
  // since a source map can change while its chunk (and so the name) does not.
  const built = { cache: dev ? REVALIDATE : IMMUTABLE, lazy: dev };
  assets.set(
    sheet.href,
    await makeAsset(sheet.href, new TextEncoder().encode(sheet.css), built.cache, built),
  );
  for (const [url, body] of bundle?.files ?? []) {
    assets.set(url, await makeAsset(url, body, built.cache, built));
  }

  const host = new AppHost<State>(table, new PageRenderer(sheet.href, bundle), log, opts);
  const hono = new Hono();
  const policy = cspFor(opts.csp);
  hono.use(requestMiddleware(log, policy));
  opts.extraRoutes?.(hono);

  const unroutable = new Map<string, Asset>();
  for (const [path, asset] of assets) {
    if (HONO_SYNTAX.test(path)) unroutable.set(path, asset);
    else hono.get(path, (c) => serveAsset(asset, c.req.raw));
  }
  for (const route of table.routes) {
    const handle = host.routeHandler(route);
    for (const pattern of route.patterns) hono.all(pattern, handle);
  }
  hono.notFound((c) => {
    const asset = unroutable.get(c.req.path);
    const read = c.req.method === "GET" || c.req.method === "HEAD";
    return asset && read ? serveAsset(asset, c.req.raw) : host.unmatched(c);
  });
  hono.onError((err, c) => host.handleError(host.context(c, null), err));

  return {
    fetch: async (req, info) => {
      // Hono's router throws on method names like "toString" (prototype lookups), so requests
      // with methods no route can implement are answered here.
      if (!KNOWN_METHODS.has(req.method)) return bareResponse(req, log, 501);
      try {
        return await hono.fetch(req, info ? { info } : undefined);
      } catch (err) {
        // Hono rethrows non-Error throwables from extraRoutes; still answer generically.
        return bareResponse(req, log, 500, err);
      }
    },
    hono,
    cssHref: sheet.href,
  };
}

/**
 * Request id, nonce, compression, security headers and the access log, around everything else.
 */
function requestMiddleware(log: Log, policy: (nonce: string) => string): MiddlewareHandler {
  return async function freshRequest(c, next) {
    const start = performance.now();
    const requestId = requestIdFrom(c.req.header("x-request-id"));
    const nonce = generateNonce();
    c.set("requestId", requestId);
    c.set("nonce", nonce);
    await next();
    const packed = await compressResponse(c.req.raw, c.res);
    const res = applySecureHeaders(packed, nonce, requestId, policy);
    if (res !== c.res) c.res = res;
    log({
      level: res.status >= 500 ? "error" : "info",
      msg: "request",
      request_id: requestId,
      method: c.req.method,
      path: c.req.path,
      status: res.status,
      ms: Math.round((performance.now() - start) * 100) / 100,
    });
  };
}

const KNOWN_METHODS = new Set<string>(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** An answer produced outside Hono, with the same headers and log line as any other. */
function bareResponse(req: Request, log: Log, status: number, err?: unknown): Response {
  const requestId = requestIdFrom(req.headers.get("x-request-id"));
  const entry = {
    level: status >= 500 ? "error" : "info",
    msg: "request",
    request_id: requestId,
    method: req.method,
    path: new URL(req.url).pathname,
    status,
    ms: 0,
  };
  if (err !== undefined) log({ ...entry, msg: "unhandled error", error: String(err) });
  log(entry);
  return applySecureHeaders(textResponse(status, statusText(status)), generateNonce(), requestId);
}
