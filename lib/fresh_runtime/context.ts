/**
 * The per-request context object and the middleware chain runner.
 *
 * @module
 */
import type { RouteEntry } from "./fs_routes.ts";
import type { FreshContext, Middleware, RouteConfig } from "./types.ts";

/** What a context needs from the app to render pages. */
export interface ContextHost<State> {
  /** Renders the matched route's page with `data`. */
  renderRoute(ctx: Context<State>, data: unknown, init?: ResponseInit): Response;
  /** Renders the 404 page (what `next()` reaches when nothing else answers). */
  notFound(ctx: Context<State>): Promise<Response>;
}

// Compiled once: a leading run of slashes/backslashes would make the browser leave the site.
const PROTOCOL_RELATIVE = /^[/\\]{2,}/;
const NO_CONFIG: Readonly<RouteConfig> = Object.freeze({});

/**
 * The `FreshContext` implementation. A class, so per-request work is one allocation with methods
 * shared on the prototype.
 */
export class Context<State> implements FreshContext<State> {
  req: Request;
  url: URL;
  params: Record<string, string>;
  state: State;
  requestId: string;
  nonce: string;
  error?: unknown;
  info?: Deno.ServeHandlerInfo;
  config: Readonly<RouteConfig>;
  next: () => Promise<Response>;
  /** The matched route's pattern (`/gigs/:id`), or `null` when no route matched (the 404). */
  readonly route: string | null;
  /** The matched route, or `null` on the 404 and error paths. */
  readonly entry: RouteEntry<State> | null;
  readonly #host: ContextHost<State>;

  constructor(
    req: Request,
    url: URL,
    params: Record<string, string>,
    state: State,
    requestId: string,
    nonce: string,
    entry: RouteEntry<State> | null,
    host: ContextHost<State>,
    info?: Deno.ServeHandlerInfo,
  ) {
    this.req = req;
    this.url = url;
    this.params = params;
    this.state = state;
    this.requestId = requestId;
    this.nonce = nonce;
    this.entry = entry;
    this.route = entry?.pattern ?? null;
    this.config = entry?.config ?? NO_CONFIG;
    this.info = info;
    this.#host = host;
    // Past the last middleware, `next()` means "not mine": the 404 page.
    this.next = () => host.notFound(this);
  }

  /** Redirect to a same-site path; `//evil.example` style targets are collapsed to `/…`. */
  redirect(path: string, status = 302): Response {
    const location = path.replace(PROTOCOL_RELATIVE, "/");
    return new Response(null, { status, headers: { location } });
  }

  /** Render this route's page component with `data`. */
  render(data?: unknown, init?: ResponseInit): Promise<Response> {
    try {
      return Promise.resolve(this.#host.renderRoute(this, data, init));
    } catch (err) {
      return Promise.reject(err);
    }
  }
}

/** Runs `chain` (outer first) around `final`; each middleware reaches the next via `ctx.next()`. */
export function runMiddleware<State>(
  ctx: Context<State>,
  chain: readonly Middleware<State>[],
  final: (ctx: Context<State>) => Promise<Response>,
): Promise<Response> {
  if (chain.length === 0) return final(ctx);
  const fallback = ctx.next;
  const dispatch = async (i: number): Promise<Response> => {
    if (i === chain.length) {
      ctx.next = fallback; // a handler calling next() gets the 404 page, not itself again
      return await final(ctx);
    }
    ctx.next = () => dispatch(i + 1);
    const res = await chain[i](ctx);
    if (!(res instanceof Response)) {
      throw new TypeError(
        `Middleware #${i + 1} for ${ctx.url.pathname} returned ${String(res)}. ` +
          "Did you forget to return ctx.next() or a Response?",
      );
    }
    return res;
  };
  return dispatch(0);
}
