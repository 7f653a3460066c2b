/**
 * CORS for the JSON API and functions: only origins on `CORS_ORIGINS` get access headers; a
 * preflight from anyone else is answered without them (the browser then refuses).
 */
const ALLOW_HEADERS = "authorization, content-type, accept, apikey, x-client-info, x-csrf-token";
const ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

export interface Cors {
  /** The answer to a preflight. */
  preflight(origin: string | null): Response;
  /** Adds the access headers to `res` when `origin` is allowed. */
  apply(res: Response, origin: string | null): Response;
}

export function createCors(list: string | undefined): Cors {
  const origins = new Set(
    (list ?? "").split(",").map((s) => s.trim().replace(/\/$/, "")).filter(Boolean),
  );
  const allowed = (o: string | null): o is string => o !== null && origins.has(o);
  return {
    preflight(origin) {
      const headers = new Headers({ vary: "origin" });
      if (allowed(origin)) {
        headers.set("access-control-allow-origin", origin);
        headers.set("access-control-allow-headers", ALLOW_HEADERS);
        headers.set("access-control-allow-methods", ALLOW_METHODS);
        headers.set("access-control-max-age", "600");
      }
      return new Response(null, { status: 204, headers });
    },
    apply(res, origin) {
      if (!allowed(origin)) return res;
      const set = (h: Headers) => {
        h.set("access-control-allow-origin", origin);
        h.append("vary", "origin");
        h.set("access-control-expose-headers", "retry-after, x-request-id");
      };
      try {
        set(res.headers);
        return res;
      } catch {
        const copy = new Response(res.body, res);
        set(copy.headers);
        return copy;
      }
    },
  };
}
