/**
 * `defineFunction`: an Edge Function's body runs with the caller already resolved, both when the
 * web server mounts it (routes/functions/v1/[name].ts, behind the app's edge) and when it is
 * served alone on Supabase's Edge Runtime (`handler`, which applies the same edge stages: body
 * cap, bearer session, CORS, rate limit and the one error mapping).
 */
import type { Platform } from "../../lib/platform/mod.ts";
import type { Claims } from "../../lib/ports/db/mod.ts";
import { bufferBody, DEFAULT_BODY_LIMIT } from "../../lib/web/body.ts";
import { clientAddress, parseTrustedProxies } from "../../lib/web/client.ts";
import { createCors } from "../../lib/web/cors.ts";
import { HttpError, toHttpError } from "../../lib/web/errors.ts";
import { checkQuery } from "../../lib/web/input.ts";
import { createLimits, type RateLimiter } from "../../lib/web/rate_limit.ts";
import { resolveCredentials } from "../../lib/web/session.ts";
import { getPlatform } from "./platform.ts";

/**
 * A caller with a verified session: the shape of the web server's `SignedInUser` (utils.ts),
 * spelled out here because utils.ts brings the page runtime, which functions must not bundle.
 */
export interface Caller {
  id: string;
  email: string;
  claims: Claims;
  accessToken: string;
}

export interface FunctionContext {
  req: Request;
  platform: Platform;
  /** The caller of a bearer (or, mounted in the server, cookie) session; null when anonymous. */
  user: Caller | null;
}

export interface EdgeFunction {
  /** The function's body, for a request the edge has already checked. */
  run(ctx: FunctionContext): Promise<Response>;
  /** Its body cap (the web server's mount applies it too). */
  bodyLimit?: number | ((req: Request) => number);
  /** `Deno.serve` handler for the Edge Runtime: the edge stages, then `run`. */
  handler(req: Request, info?: Deno.ServeHandlerInfo): Promise<Response>;
}

const HAS_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function defineFunction(
  run: (ctx: FunctionContext) => Promise<Response>,
  /** `bodyLimit`: bytes, or bytes for this request (a function that also takes uploads). */
  opts: { bodyLimit?: number | ((req: Request) => number) } = {},
): EdgeFunction {
  let edge: Promise<Standalone> | null = null;
  return {
    run,
    bodyLimit: opts.bodyLimit,
    async handler(req, info) {
      edge ??= getPlatform().then(standalone);
      let e: Standalone;
      try {
        e = await edge;
      } catch (err) {
        // A misconfigured function (SITE_URL missing on Supabase…) says why in its log, and the
        // next request tries again.
        edge = null;
        console.error(`function failed to start: ${err instanceof Error ? err.message : err}`);
        return errorJson(new HttpError(500));
      }
      const origin = req.headers.get("origin");
      if (req.method === "OPTIONS") return e.cors.preflight(origin);
      let res: Response;
      try {
        checkQuery(new URL(req.url));
        if (HAS_BODY.has(req.method)) {
          const limit = typeof opts.bodyLimit === "function" ? opts.bodyLimit(req) : opts.bodyLimit;
          req = await bufferBody(req, limit ?? DEFAULT_BODY_LIMIT);
        }
        // Functions take no cookies: a bearer token or nothing.
        const cred = await resolveCredentials(e.platform.auth, req, {}, {
          secure: true,
          anonKey: e.platform.auth.anonKey,
        });
        const claims = cred.kind === "bearer" ? cred.claims : null;
        const user = claims
          ? {
            id: claims.sub,
            email: claims.email ?? "",
            claims,
            accessToken: cred.kind === "bearer" ? cred.token : "",
          }
          : null;
        const wait = e.limit?.hit(user?.id ?? clientAddress(req, info, e.trust)) ?? 0;
        if (wait) {
          throw new HttpError(429, `Too many requests: try again in ${wait} s`, {
            headers: { "retry-after": String(wait) },
          });
        }
        res = await run({ req, platform: e.platform, user });
      } catch (err) {
        const h = toHttpError(err);
        if (!h) e.platform.log({ level: "error", msg: "function failed", error: String(err) });
        res = errorJson(h ?? new HttpError(500));
      }
      return e.cors.apply(res, origin);
    },
  };
}

interface Standalone {
  platform: Platform;
  cors: ReturnType<typeof createCors>;
  trust: ReturnType<typeof parseTrustedProxies>;
  limit: RateLimiter | null;
}

function standalone(platform: Platform): Standalone {
  const { config } = platform;
  return {
    platform,
    cors: createCors(config.CORS_ORIGINS),
    trust: parseTrustedProxies(config.TRUSTED_PROXIES),
    limit: createLimits(config.API_RATE_LIMIT).api,
  };
}

/**
 * The app's one error body, as lib/fresh_runtime/app_host.ts `errorJson` writes it (same status,
 * code, message, field, issues and headers: serve_test.ts compares them), without the runtime.
 */
export function errorJson(err: HttpError): Response {
  const { status, code, message, field, issues } = err;
  return Response.json(
    {
      error: { status, code, message, ...(field ? { field } : {}), ...(issues ? { issues } : {}) },
    },
    { status, headers: { "cache-control": "no-store", ...err.headers } },
  );
}

/** The signed-in user, or a 401 naming the header. */
export function requireCaller(user: Caller | null): Caller {
  if (!user) throw new HttpError(401, "Sign in first", { field: "authorization" });
  return user;
}
