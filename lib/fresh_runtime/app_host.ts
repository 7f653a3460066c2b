/**
 * Per-app request handling behind the Hono routes: building contexts, dispatching to route
 * handlers, the 404/405/500 answers and the error policy.
 *
 * @module
 */
import type { Context as HonoContext } from "hono";
import { Context, type ContextHost, runMiddleware } from "./context.ts";
import { HttpError, statusText } from "./error.ts";
import type { PageTarget, RouteEntry, RouteTable } from "./fs_routes.ts";
import type { PageRenderer } from "./render.ts";
import type { AppOptions, HandlerFn, Method, Middleware } from "./types.ts";

/** The structured log sink. */
export type Log = (entry: Record<string, unknown>) => void;

/** A test for paths answering errors as JSON: under any of `prefixes` (e.g. `/api`). */
export function jsonPathTest(prefixes: readonly string[] = ["/api"]): (path: string) => boolean {
  return (path) => prefixes.some((p) => path === p || path.startsWith(p + "/"));
}

/** The one JSON error body: `{"error":{"status","code","message","field"?,"issues"?}}`. */
export function errorJson(err: HttpError): Response {
  const { status, code, message, field, issues } = err;
  return Response.json(
    {
      error: { status, code, message, ...(field ? { field } : {}), ...(issues ? { issues } : {}) },
    },
    { status, headers: { "cache-control": "no-store", ...err.headers } },
  );
}

/** `errorJson` for a bare status. */
export function jsonError(
  status: number,
  message: string,
  headers?: Record<string, string>,
): Response {
  return errorJson(new HttpError(status, message, { headers }));
}

/** Plain-text response. */
export function textResponse(
  status: number,
  message: string,
  headers?: Record<string, string>,
): Response {
  return new Response(message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  });
}

/** Per-app request handling: route dispatch, 404/500 pages, error policy. */
export class AppHost<State> implements ContextHost<State> {
  readonly #table: RouteTable<State>;
  readonly #renderer: PageRenderer;
  readonly #log: Log;
  readonly #initialState: () => State;
  readonly #use: readonly Middleware<State>[];
  readonly isJsonPath: (path: string) => boolean;

  constructor(
    table: RouteTable<State>,
    renderer: PageRenderer,
    log: Log,
    opts: Pick<AppOptions<State>, "initialState" | "use" | "jsonPaths"> = {},
  ) {
    this.#table = table;
    this.#renderer = renderer;
    this.#log = log;
    this.#initialState = opts.initialState ?? (() => ({}) as State);
    this.#use = opts.use ?? [];
    this.isJsonPath = jsonPathTest(opts.jsonPaths);
  }

  /** A Fresh context for a Hono request. */
  context(c: HonoContext, route: RouteEntry<State> | null, params: Record<string, string> = {}) {
    const req = c.req.raw;
    const url = new URL(req.url);
    const state = this.#initialState();
    const info = (c.env as { info?: Deno.ServeHandlerInfo } | undefined)?.info;
    return new Context(
      req,
      url,
      params,
      state,
      c.get("requestId"),
      c.get("nonce"),
      route,
      this,
      info,
    );
  }

  /** The Hono handler of one file route. */
  routeHandler(route: RouteEntry<State>): (c: HonoContext) => Promise<Response> {
    const methods = methodTable(route);
    const final = (ctx: Context<State>) => this.#dispatch(ctx, route, methods);
    const chain = [...this.#use, ...route.middlewares];
    const { catchAllParam } = route;
    return async (c) => {
      const params: Record<string, string> = c.req.param();
      if (catchAllParam !== undefined && params[catchAllParam] === undefined) {
        params[catchAllParam] = "";
      }
      const ctx = this.context(c, route, params);
      try {
        return await runMiddleware(ctx, chain, final);
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
      if (route.page && (method === "GET" || method === "HEAD")) {
        return this.renderRoute(ctx, undefined);
      }
      const headers = { allow: route.allow };
      return this.isJsonPath(ctx.url.pathname)
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
    const page = ctx.entry?.page;
    if (!page) {
      const where = ctx.entry ? `routes/${ctx.entry.file}` : "this request";
      throw new Error(
        `${where} has no default page component, so page()/ctx.render() cannot render`,
      );
    }
    return this.#render(ctx, page, data, init?.status ?? 200, init?.headers);
  }

  #render(
    ctx: Context<State>,
    page: PageTarget,
    data: unknown,
    status: number,
    headers?: HeadersInit,
  ) {
    const input = { data, url: ctx.url, params: ctx.params, state: ctx.state, error: ctx.error };
    return this.#renderer.render(page, input, ctx.nonce, status, headers);
  }

  notFound(ctx: Context<State>): Promise<Response> {
    const path = ctx.url.pathname;
    if (this.isJsonPath(path)) return Promise.resolve(jsonError(404, statusText(404)));
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
      return await runMiddleware(
        ctx,
        [...this.#use, ...this.#table.rootMiddlewares],
        (x) => this.notFound(x),
      );
    } catch (err) {
      return this.handleError(ctx, err);
    }
  }

  /**
   * The error policy: 4xx HttpErrors answer with their message (JSON on JSON paths, the 404 page
   * for 404, else the `_500` page with `error` set to the HttpError); anything else is logged
   * with its stack and answered generically, so internals never leak.
   */
  async handleError(ctx: Context<State>, err: unknown): Promise<Response> {
    const api = this.isJsonPath(ctx.url.pathname);
    if (err instanceof HttpError && err.status < 500) {
      if (api) return errorJson(err);
      if (err.status === 404) {
        try {
          return await this.notFound(ctx);
        } catch (renderErr) {
          err = renderErr; // a broken _404 is a server error
        }
      } else {
        const page = this.#table.serverError;
        if (!page) return textResponse(err.status, err.message, err.headers);
        ctx.error = err;
        try {
          return this.#render(ctx, page, undefined, err.status, err.headers);
        } catch (renderErr) {
          err = renderErr;
        }
      }
    }
    const status = err instanceof HttpError ? err.status : 500;
    this.#logError(ctx, err, status);
    const page = this.#table.serverError;
    if (api || !page) {
      return api ? jsonError(status, statusText(status)) : textResponse(status, statusText(status));
    }
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
      route: ctx.entry?.file,
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
    for (
      const m of ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] satisfies Method[]
    ) {
      methods.set(m, h);
    }
  } else if (h) {
    for (const [m, fn] of Object.entries(h)) if (fn) methods.set(m, fn);
  }
  return methods;
}
