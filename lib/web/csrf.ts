/**
 * CSRF protection for cookie-authenticated writes: a double-submit token (cookie + `_csrf` form
 * field or `x-csrf-token` header) plus an Origin check. Requests authenticated by a bearer token
 * carry no ambient credentials and are exempt.
 */
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

export async function checkCsrf(
  req: Request,
  url: URL,
  cookieToken: string | undefined,
): Promise<CsrfVerdict> {
  if (!UNSAFE.has(req.method)) return { ok: true };
  if (req.headers.get("authorization")?.startsWith("Bearer ")) return { ok: true };
  const origin = req.headers.get("origin");
  if (origin && origin !== url.origin) return { ok: false, reason: "cross-origin request" };
  if (req.headers.get("sec-fetch-site") === "cross-site") {
    return { ok: false, reason: "cross-site request" };
  }
  if (!cookieToken) return { ok: false, reason: "missing CSRF cookie" };
  let sent = req.headers.get("x-csrf-token");
  if (!sent) {
    const type = req.headers.get("content-type") ?? "";
    if (
      type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")
    ) {
      const form = await req.clone().formData().catch(() => null);
      const v = form?.get("_csrf");
      sent = typeof v === "string" ? v : null;
    }
  }
  if (!sent || !timingSafeEqual(sent, cookieToken)) {
    return { ok: false, reason: "invalid CSRF token" };
  }
  return { ok: true };
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
