/**
 * `createApp`: loads the project once (routes, islands, static files, CSS, bundles) and mounts it
 * on Hono. Per request only the nonce, the context object and the render happen.
 *
 * @module
 */
import { type Context as HonoContext, Hono, type MiddlewareHandler } from "hono";
import { bundleIslands } from "./bundle.ts";
import { Context, type ContextHost, runMiddleware } from "./context.ts";
import { buildStylesheet } from "./css.ts";
import { HttpError, statusText } from "./error.ts";
import { loadRoutes, type PageTarget, type RouteEntry, type RouteTable } from "./fs_routes.ts";
import { installIslandHooks, loadIslands } from "./islands.ts";
import { PageRenderer } from "./render.ts";
import { applySecureHeaders, generateNonce, requestIdFrom } from "./secure_headers.ts";
import { type Asset, IMMUTABLE, loadStaticFiles, makeAsset, serveAsset } from "./static_files.ts";
import type { AppOptions, FreshApp, HandlerFn, Method } from "./types.ts";
import { join } from "./walk.ts";

declare module "hono" {
  interface ContextVariableMap {
    /** Set by the runtime on every request (also sent as `x-request-id`). */
    requestId: string;
    /** CSP nonce of this request. */
    nonce: string;
  }
}

type Log = (entry: Record<string, unknown>) => void;

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
  const builtCache = dev ? "no-cache" : IMMUTABLE;
  assets.set(sheet.href, await makeAsset(sheet.href, new TextEncoder().encode(sheet.css), builtCache));
  for (const [url, body] of bundle?.files ?? []) assets.set(url, await makeAsset(url, body, builtCache));

  const host = new AppHost<State>(table, new PageRenderer(sheet.href, bundle), log, opts.initialState);
  const hono = new Hono();
  hono.use(requestMiddleware(log));
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
      if (!KNOWN_METHODS.has(req.method)) return unknownMethod(req, log);
      return await hono.fetch(req, info ? { info } : undefined);
    },
    hono,
    cssHref: sheet.href,
  };
}

/** Request id, nonce, security headers and the access log, around everything else. */
function requestMiddleware(log: Log): MiddlewareHandler {
  return async function freshRequest(c, next) {
    const start = performance.now();
    const requestId = requestIdFrom(c.req.header("x-request-id"));
    const nonce = generateNonce();
    c.set("requestId", requestId);
    c.set("nonce", nonce);
    await next();
    const res = applySecureHeaders(c.res, nonce, requestId);
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

function unknownMethod(req: Request, log: Log): Response {
  const requestId = requestIdFrom(req.headers.get("x-request-id"));
  const path = new URL(req.url).pathname;
  log({ level: "info", msg: "request", request_id: requestId, method: req.method, path, status: 501, ms: 0 });
  return applySecureHeaders(textResponse(501, statusText(501)), generateNonce(), requestId);
}

function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

function jsonError(status: number, message: string, headers?: Record<string, string>): Response {
  return Response.json({ error: { status, message } }, { status, headers });
}

function textResponse(status: number, message: string, headers?: Record<string, string>): Response {
  return new Response(message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  });
}

/** Per-app request handling: route dispatch, 404/500 pages, error policy. */
class AppHost<State> implements ContextHost<State> {
  readonly #table: RouteTable<State>;
  readonly #renderer: PageRenderer;
  readonly #log: Log;
  readonly #initialState: () => State;

  constructor(table: RouteTable<State>, renderer: PageRenderer, log: Log, initialState?: () => State) {
    this.#table = table;
    this.#renderer = renderer;
    this.#log = log;
    this.#initialState = initialState ?? (() => ({}) as State);
  }

  /** A Fresh context for a Hono request. */
  context(c: HonoContext, route: RouteEntry<State> | null, params: Record<string, string> = {}) {
    const req = c.req.raw;
    const url = new URL(req.url);
    const state = this.#initialState();
    return new Context(req, url, params, state, c.get("requestId"), c.get("nonce"), route, this);
  }

  /** The Hono handler of one file route. */
  routeHandler(route: RouteEntry<State>): (c: HonoContext) => Promise<Response> {
    const methods = methodTable(route);
    const final = (ctx: Context<State>) => this.#dispatch(ctx, route, methods);
    const { catchAllParam } = route;
    return async (c) => {
      const params: Record<string, string> = c.req.param();
      if (catchAllParam !== undefined && params[catchAllParam] === undefined) params[catchAllParam] = "";
      const ctx = this.context(c, route, params);
      try {
        return await runMiddleware(ctx, route.middlewares, final);
      } catch (err) {
        return this.handleError(ctx, err);
      }
    };
  }

  async #dispatch(
    ctx: Context<State>,
    route: RouteEntry<State>,
    methods: Map<string, HandlerFn<unknown, State>>,
  ): Promise<Response> {
    const method = ctx.req.method;
    const fn = methods.get(method) ?? (method === "HEAD" ? methods.get("GET") : undefined);
    if (fn === undefined) {
      if (route.page && (method === "GET" || method === "HEAD")) return this.renderRoute(ctx, undefined);
      const headers = { allow: route.allow };
      return isApiPath(ctx.url.pathname)
        ? jsonError(405, statusText(405), headers)
        : textResponse(405, statusText(405), headers);
    }
    const result = await fn(ctx);
    if (result instanceof Response) return result;
    if (typeof result !== "object" || result === null) {
      throw new TypeError(
        `routes/${route.file}: the ${method} handler returned ${String(result)}. ` +
          "Did you forget to return a Response or page(data)?",
      );
    }
    return this.renderRoute(ctx, result.data, { status: result.status, headers: result.headers });
  }

  renderRoute(ctx: Context<State>, data: unknown, init?: ResponseInit): Response {
    const page = ctx.route?.page;
    if (!page) {
      const where = ctx.route ? `routes/${ctx.route.file}` : "this request";
      throw new Error(`${where} has no default page component, so page()/ctx.render() cannot render`);
    }
    return this.#render(ctx, page, data, init?.status ?? 200, init?.headers);
  }

  #render(ctx: Context<State>, page: PageTarget, data: unknown, status: number, headers?: HeadersInit) {
    const input = { data, url: ctx.url, params: ctx.params, state: ctx.state, error: ctx.error };
    return this.#renderer.render(page, input, ctx.nonce, status, headers);
  }

  notFound(ctx: Context<State>): Promise<Response> {
    const path = ctx.url.pathname;
    if (isApiPath(path)) return Promise.resolve(jsonError(404, statusText(404)));
    const page = this.#table.notFound;
    if (!page) return Promise.resolve(textResponse(404, statusText(404)));
    try {
      return Promise.resolve(this.#render(ctx, page, undefined, 404));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** No file route matched: root middleware, then the 404 page. */
  async unmatched(c: HonoContext): Promise<Response> {
    const ctx = this.context(c, null);
    try {
      return await runMiddleware(ctx, this.#table.rootMiddlewares, (x) => this.notFound(x));
    } catch (err) {
      return this.handleError(ctx, err);
    }
  }

  /**
   * The error policy: 4xx HttpErrors answer with their message (404 → the 404 page); anything
   * else is logged with its stack and answered generically, so internals never leak.
   */
  async handleError(ctx: Context<State>, err: unknown): Promise<Response> {
    const api = isApiPath(ctx.url.pathname);
    if (err instanceof HttpError && err.status < 500) {
      if (api) return jsonError(err.status, err.message);
      if (err.status === 404) {
        try {
          return await this.notFound(ctx);
        } catch (renderErr) {
          err = renderErr; // a broken _404 is a server error
        }
      } else {
        return textResponse(err.status, err.message);
      }
    }
    const status = err instanceof HttpError ? err.status : 500;
    this.#logError(ctx, err, status);
    const page = this.#table.serverError;
    if (api || !page) return api ? jsonError(status, statusText(status)) : textResponse(status, statusText(status));
    ctx.error = err;
    try {
      return this.#render(ctx, page, undefined, status);
    } catch (pageErr) {
      this.#logError(ctx, pageErr, 500, "the _500 page failed to render");
      return textResponse(status, statusText(status));
    }
  }

  #logError(ctx: Context<State>, err: unknown, status: number, msg = "unhandled error"): void {
    this.#log({
      level: "error",
      msg,
      request_id: ctx.requestId,
      method: ctx.req.method,
      path: ctx.url.pathname,
      route: ctx.route?.file,
      status,
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
  }
}

/** Method → handler, built once; only own keys count (no `toString` from the prototype). */
function methodTable<State>(route: RouteEntry<State>): Map<string, HandlerFn<unknown, State>> {
  const h = route.handler;
  const methods = new Map<string, HandlerFn<unknown, State>>();
  if (typeof h === "function") {
    for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] satisfies Method[]) {
      methods.set(m, h);
    }
  } else if (h) {
    for (const [m, fn] of Object.entries(h)) if (fn) methods.set(m, fn);
  }
  return methods;
}
