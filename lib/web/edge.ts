/**
 * The one request pipeline, run before every route (pages, API, storage, SSE, functions) and the
 * 404: errors → host → body cap → session → CSRF → rate limit → route. Built once per server.
 *
 * @module
 */
import type { FreshContext, Middleware } from "../fresh_runtime/mod.ts";
import { errorJson, jsonPathTest } from "../fresh_runtime/app_host.ts";
import type { Platform } from "../platform/mod.ts";
import type { State } from "../../utils.ts";
import { bufferBody, DEFAULT_BODY_LIMIT, parsedForm } from "./body.ts";
import { clientAddress, parseTrustedProxies } from "./client.ts";
import { COOKIE, parseCookies, serializeCookie } from "./cookies.ts";
import { createCors } from "./cors.ts";
import { checkCsrf, needsCsrf } from "./csrf.ts";
import { HttpError, toHttpError } from "./errors.ts";
import { checkQuery } from "./input.ts";
import { createLimits, type Limits } from "./rate_limit.ts";
import { signInUrl } from "./redirect.ts";
import { withCookies } from "./respond.ts";
import { resolveCredentials } from "./session.ts";
import { createSite } from "./site.ts";
import { randomToken } from "../ports/auth/tokens.ts";
import type { Claims } from "../ports/db/mod.ts";
import { viewerZones } from "./viewer_zone.ts";
import { gateRequest } from "./account_gate.ts";
import { measured } from "./request_metrics.ts";

/** Paths answered as JSON (errors included): the API, auth, functions, storage and realtime. */
export const JSON_PATHS = ["/api", "/auth/v1", "/functions/v1", "/storage/v1", "/realtime/v1"];
/** Paths under the per-client API rate limit and CORS. */
const API_PATHS = ["/api", "/auth/v1", "/functions/v1"];
const HAS_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const HSTS = "max-age=31536000; includeSubDomains";

export interface Edge {
  /** The pipeline, as app-wide middleware (`createApp({ use })`). */
  use: Middleware<State>[];
  /** The rate limits it keeps (routes reach them as `ctx.state.limits`). */
  limits: Limits;
}

export function createEdge(platform: Platform): Edge {
  const { config, auth } = platform;
  const site = createSite(config);
  const trust = parseTrustedProxies(config.TRUSTED_PROXIES);
  const cors = createCors(config.CORS_ORIGINS);
  const limits = createLimits(config.API_RATE_LIMIT);
  const isJson = jsonPathTest(JSON_PATHS);
  const isApi = jsonPathTest(API_PATHS);
  const isAuthApi = jsonPathTest(["/auth/v1"]);
  // Loopback-only servers refuse foreign Hosts too: only a DNS-rebinding page sends one there.
  const refuseForeignHost = config.APP_ENV === "prod" || site.loopbackOnly;
  const originOk = (url: URL) => (origin: string) =>
    origin === site.origin(url) || (site.hostAllowed(url) && origin === url.origin);

  const zones = viewerZones(platform);
  /** The viewer's zone for pages (kept per user a minute); a failed read shows UTC, not a 500. */
  async function viewerZone(claims: Claims): Promise<string | null> {
    try {
      return await zones.get(claims);
    } catch (err) {
      platform.log({ level: "warn", msg: "viewer zone unread", error: String(err) });
      return null;
    }
  }

  function answerError(ctx: FreshContext<State>, err: unknown): Response {
    const e = toHttpError(err);
    if (!e) throw err; // the runtime logs it and answers a generic 500
    if (isAuthApi(ctx.url.pathname)) return gotrueErrorJson(e);
    if (isJson(ctx.url.pathname)) return errorJson(e);
    if (e.status === 401) return ctx.redirect(signInUrl(ctx.url.pathname + ctx.url.search), 303);
    throw e; // the runtime renders the 404 page or the error page with the message
  }

  async function pipeline(ctx: FreshContext<State>): Promise<Response> {
    const { url } = ctx;
    const state = ctx.state;
    if (refuseForeignHost && !site.hostAllowed(url)) {
      throw new HttpError(400, "Unknown host: open the site at its own address", { field: "host" });
    }
    state.ip = clientAddress(ctx.req, ctx.info, trust);
    state.siteUrl = site.origin(url);
    state.secure = site.secure;
    checkQuery(url);
    const api = isApi(url.pathname);
    if (api && ctx.req.method === "OPTIONS") return cors.preflight(ctx.req.headers.get("origin"));
    if (HAS_BODY.has(ctx.req.method)) {
      const limit = typeof ctx.config.bodyLimit === "function"
        ? ctx.config.bodyLimit(ctx.req)
        : ctx.config.bodyLimit;
      ctx.req = await bufferBody(ctx.req, limit ?? DEFAULT_BODY_LIMIT);
    }

    const cookies = parseCookies(ctx.req.headers.get("cookie"));
    const setCookies: string[] = [];
    const cred = await resolveCredentials(auth, ctx.req, cookies, {
      secure: site.secure,
      anonKey: auth.anonKey,
    });
    state.credentials = cred.kind;
    if (cred.kind === "bearer" && cred.claims) {
      const c = cred.claims;
      state.user = { id: c.sub, email: c.email ?? "", claims: c, accessToken: cred.token };
    } else if (cred.kind === "cookie") {
      const c = cred.session.claims;
      state.user = {
        id: c.sub,
        email: c.email ?? "",
        claims: c,
        accessToken: cred.session.accessToken,
      };
      setCookies.push(...cred.session.setCookies);
    }
    // A suspended, deleted or deleting account is refused now, though its token is still valid.
    if (state.user) {
      const refused = await gateRequest(platform, state.user.claims, {
        path: url.pathname + url.search,
        json: isJson(url.pathname),
        clearCookies: cred.kind === "cookie",
        secure: site.secure,
        answerJson: (e) => answerError(ctx, e),
      });
      if (refused) return refused;
    }
    if (state.user && !isJson(url.pathname)) state.viewerZone = await viewerZone(state.user.claims);

    let csrf = cookies[COOKIE.csrf];
    if (needsCsrf(ctx.req, cookies, cred.kind === "bearer")) {
      const verdict = await checkCsrf(ctx.req, originOk(url), csrf, parsedForm(ctx.req));
      if (!verdict.ok) {
        platform.log({
          level: "warn",
          msg: "csrf rejected",
          reason: verdict.reason,
          path: url.pathname,
        });
        throw new HttpError(
          403,
          "This form expired or came from another site. Reload the page and try again.",
          { code: "csrf_failed", field: "_csrf" },
        );
      }
    }
    if (!csrf && cred.kind !== "bearer") {
      csrf = randomToken(24);
      setCookies.push(serializeCookie(COOKIE.csrf, csrf, { secure: site.secure }));
    }
    state.csrf = csrf ?? "";

    if (api && limits.api) {
      const wait = limits.api.hit(state.user?.id ?? state.ip);
      if (wait) {
        throw new HttpError(429, `Too many requests: try again in ${wait} s`, {
          headers: { "retry-after": String(wait) },
        });
      }
    }
    return withCookies(await ctx.next(), setCookies);
  }

  const edge: Middleware<State> = async function edge(ctx) {
    let res: Response;
    try {
      res = await pipeline(ctx);
    } catch (err) {
      res = answerError(ctx, err);
    }
    if (site.secure) res = withHeader(res, "strict-transport-security", HSTS);
    if (isApi(ctx.url.pathname)) res = cors.apply(res, ctx.req.headers.get("origin"));
    return res;
  };
  // Timed around all of it: requests by route pattern and status, and the slow-request log.
  return { use: [measured(platform, edge)], limits };
}

function withHeader(res: Response, name: string, value: string): Response {
  try {
    res.headers.set(name, value);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    copy.headers.set(name, value);
    return copy;
  }
}

/** Supabase Auth's error body, so supabase-js reads the message and code of an /auth/v1 error. */
function gotrueErrorJson(e: HttpError): Response {
  return Response.json(
    { code: e.status, error_code: e.code, msg: e.message, ...(e.field ? { field: e.field } : {}) },
    { status: e.status, headers: { "cache-control": "no-store", ...e.headers } },
  );
}
