/**
 * Security headers for every response. Like Hono's `secureHeaders()`, everything is computed once
 * at creation; per request only the CSP nonce is spliced in.
 *
 * @module
 */

/** Static security headers (everything but the CSP). */
export const SECURE_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ["x-content-type-options", "nosniff"],
  ["referrer-policy", "strict-origin-when-cross-origin"],
  ["x-frame-options", "DENY"],
  ["permissions-policy", "camera=(), microphone=(), geolocation=()"],
];

// Inline styles stay blocked (style-src 'self'): the runtime ships all CSS as one file.
const CSP_BEFORE_NONCE = "default-src 'self'; script-src 'self' 'nonce-";
const CSP_AFTER_NONCE = "'; style-src 'self'; img-src 'self' data: blob: https:; " +
  "connect-src 'self'; frame-src https://open.spotify.com; object-src 'none'; base-uri 'self'; " +
  "form-action 'self'; frame-ancestors 'none'";

/** The Content-Security-Policy value for `nonce`. */
export function csp(nonce: string): string {
  return CSP_BEFORE_NONCE + nonce + CSP_AFTER_NONCE;
}

/** A fresh base64 CSP nonce (128 random bits). */
export function generateNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The incoming `x-request-id` when it is short and plain, else a new UUID. */
export function requestIdFrom(incoming: string | undefined | null): string {
  return incoming && SANE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}

/**
 * Adds the security headers, CSP and `x-request-id` to `res`. Headers a handler set itself win
 * (e.g. a page that must allow more in its CSP). Returns a copy when `res` has immutable headers
 * (e.g. from `Response.redirect` or `fetch`).
 */
export function applySecureHeaders(res: Response, nonce: string, requestId: string): Response {
  try {
    setAll(res.headers, nonce, requestId);
    return res;
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    const copy = new Response(res.body, res);
    setAll(copy.headers, nonce, requestId);
    return copy;
  }
}

function setAll(headers: Headers, nonce: string, requestId: string): void {
  if (!headers.has("content-security-policy")) headers.set("content-security-policy", csp(nonce));
  for (const [name, value] of SECURE_HEADERS) {
    if (!headers.has(name)) headers.set(name, value);
  }
  headers.set("x-request-id", requestId);
}
