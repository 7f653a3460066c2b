/**
 * CSRF protection for writes a browser could be tricked into: a double-submit token (cookie +
 * `_csrf` form field or `x-csrf-token` header) plus an Origin check. Which requests need it is
 * decided by `needsCsrf`; `checkCsrf` only judges one.
 */
import { COOKIE } from "./cookies.ts";
import { isForm } from "./body.ts";
import { constantTimeEqual } from "./session.ts";

export const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type CsrfVerdict = { ok: true } | { ok: false; reason: string };

/**
 * A write is checked when it carries any of this site's cookies (the browser attaches them on
 * its own), or when it is a form post without a bearer token (a cross-site form can send one
 * without asking). A bearer request without cookies carries no ambient credentials.
 */
export function needsCsrf(
  req: Request,
  cookies: Record<string, string>,
  bearer: boolean,
): boolean {
  if (!UNSAFE.has(req.method)) return false;
  if (Object.values(COOKIE).some((name) => name in cookies)) return true;
  return !bearer && isForm((req.headers.get("content-type") ?? "").toLowerCase());
}

export async function checkCsrf(
  req: Request,
  originOk: (origin: string) => boolean,
  cookieToken: string | undefined,
  form?: FormData,
): Promise<CsrfVerdict> {
  if (!UNSAFE.has(req.method)) return { ok: true };
  const origin = req.headers.get("origin");
  if (origin && !originOk(origin)) return { ok: false, reason: "cross-origin request" };
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
      const parsed = form ?? await req.clone().formData().catch(() => null);
      const v = parsed?.get("_csrf");
      sent = typeof v === "string" ? v : null;
    }
  }
  if (!sent || !constantTimeEqual(sent, cookieToken)) {
    return { ok: false, reason: "invalid CSRF token" };
  }
  return { ok: true };
}
