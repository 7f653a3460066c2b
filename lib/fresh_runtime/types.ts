/**
 * Public types of the Soundcheck Fresh runtime. They mirror Fresh 2's shapes so that moving the
 * routes onto Fresh later is a search-and-replace of the import path.
 *
 * @module
 */
import type { CspSources } from "./secure_headers.ts";
import type { ComponentType, VNode } from "preact";
import type { Hono } from "hono";

/** HTTP methods a route `handler` object may implement. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

/** Per-request context handed to middleware, handlers and (in part) to pages. */
export interface FreshContext<State> {
  /** The incoming request. */
  req: Request;
  /** `req.url`, parsed once. */
  url: URL;
  /** Route parameters: `[id]` → `params.id`; `[...path]` → `params.path` (may contain `/`). */
  params: Record<string, string>;
  /** Request-scoped state, created by `AppOptions.initialState` and filled by middleware. */
  state: State;
  /** Request id (incoming `x-request-id` when sane, else a UUID); echoed as `x-request-id`. */
  requestId: string;
  /** CSP nonce for this request; put it on any inline `<script>` a page renders. */
  nonce: string;
  /** In middleware: run the rest of the chain (inner middleware, then the route). */
  next(): Promise<Response>;
  /** A redirect to a same-site path (`//host` is collapsed so it cannot leave the site). */
  redirect(path: string, status?: number): Response;
  /** Render this route's page component with `data`. */
  render(data?: unknown, init?: ResponseInit): Promise<Response>;
  /** The thrown value, set when rendering `_500`. */
  error?: unknown;
  /** The connection (peer address); absent when the app is called without `Deno.serve`. */
  info?: Deno.ServeHandlerInfo;
  /**
   * The matched route's pattern, as Fresh 2 names it (`/gigs/:id`, `/files/:path*`); `null` when
   * no route matched (the 404 path). A label that never holds an id, unlike `url.pathname`.
   */
  readonly route: string | null;
  /** The matched route module's `config` export (`{}` on the 404 path). */
  config: Readonly<RouteConfig>;
}

/** Route module `config` export (a subset of Fresh's `RouteConfig`, plus the body cap). */
export interface RouteConfig {
  skipInheritedLayouts?: boolean;
  skipAppWrapper?: boolean;
  /**
   * Largest request body this route accepts, in bytes (the app's edge enforces it); a function
   * when it depends on the request (the mounted Edge Functions: each has its own).
   */
  bodyLimit?: number | ((req: Request) => number);
}

/** Fresh-style middleware: call `ctx.next()` to continue, or return a Response to stop. */
export type Middleware<State> = (ctx: FreshContext<State>) => Response | Promise<Response>;

/** A route handler: returns a Response, or `page(data)` to render the route's page. */
export type HandlerFn<Data, State> = (
  ctx: FreshContext<State>,
) => Response | PageResponse<Data> | Promise<Response | PageResponse<Data>>;

/** One handler per method, or one handler for all methods. */
export type Handlers<Data, State> =
  | Partial<Record<Method, HandlerFn<Data, State>>>
  | HandlerFn<Data, State>;

/** What `page()` returns: data for the page component plus response status/headers. */
export interface PageResponse<Data> {
  data: Data;
  status?: number;
  headers?: HeadersInit;
}

/** Props of page, layout and `_app` components. */
export interface PageProps<Data = unknown, State = unknown> {
  data: Data;
  url: URL;
  params: Record<string, string>;
  state: State;
  /** The inner part to render (layouts and `_app`); renders nothing inside a page. */
  Component: ComponentType;
  /** The thrown value, set for `_500`. */
  error?: unknown;
}

type PageDataOfResult<R> = R extends PageResponse<infer D> ? D : never;
type PageDataOfFn<F> = F extends (ctx: never) => infer R ? PageDataOfResult<Awaited<R>> : never;

/**
 * The page data type a handler (`typeof handler`) produces through `page(data)`: the union over
 * all of its methods. `unknown` when no handler type is given.
 */
export type DataOf<H> = unknown extends H ? unknown
  : H extends (ctx: never) => unknown ? PageDataOfFn<H>
  : PageDataOfFn<NonNullable<H[keyof H]>>;

/** Identity helpers that exist only for type inference (see `createDefine`). */
export interface Define<State> {
  /** Types a route's `handler` export with this app's State. */
  handlers<Data, H extends Handlers<Data, State> = Handlers<Data, State>>(h: H): H;
  /** Types a page component; `define.page<typeof handler>` infers `data` from the handler. */
  page<H = unknown>(
    c: (props: PageProps<DataOf<H>, State>) => VNode | null,
  ): typeof c;
  /** Types a `_middleware.ts` `handler` export (one middleware or a list, outer first). */
  middleware(m: Middleware<State> | Middleware<State>[]): typeof m;
}

/** Options of `createApp`. */
export interface AppOptions<State> {
  /** Absolute project dir containing routes/, islands/, static/, components/. */
  root: string;
  /** Dev mode: unminified bundles, `no-cache` everywhere. Prod: immutable caching of hashed assets. */
  dev?: boolean;
  /** Creates the per-request `ctx.state`; defaults to `{}`. */
  initialState?: () => State;
  /** Dirs (absolute or relative to `root`) scanned for class names; default routes, islands, components. */
  cssSources?: string[];
  /** Structured log sink; defaults to `console.log(JSON.stringify(entry))`. */
  log?: (entry: Record<string, unknown>) => void;
  /** Mounts non-file routes before the file routes; they still get request id, logs and headers. */
  extraRoutes?: (app: Hono) => void;
  /** App-wide middleware, outer first, run before `routes/_middleware` on every route and 404. */
  use?: Middleware<State>[];
  /** Path prefixes answered with JSON errors (default `["/api"]`). */
  jsonPaths?: string[];
  /** Origins the pages' CSP allows beyond their own, for connections and images. */
  csp?: CspSources;
}

/** What `createApp` returns. */
export interface FreshApp {
  /** The request handler, e.g. for `Deno.serve`. */
  fetch(req: Request, info?: Deno.ServeHandlerInfo): Promise<Response>;
  /** The underlying Hono app (already fully configured). */
  hono: Hono;
  /** `/_fresh/css/styles-<hash>.css`. */
  cssHref: string;
}
