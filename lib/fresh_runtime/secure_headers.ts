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

/** Origins the pages may reach beyond their own (e.g. Supabase's API, Realtime and files). */
export interface CspSources {
  connect?: string[];
  img?: string[];
  /** Script origins beyond the page's own, e.g. a payment provider's checkout script. */
  script?: string[];
  /** Frame origins beyond Spotify's embed, e.g. the checkout's payment frame. */
  frame?: string[];
  /** Audio/video origins beyond the page's own (signed file URLs on Supabase Storage). */
  media?: string[];
}

/**
 * The Content-Security-Policy for an app: a function of the request's nonce, built once. Inline
 * styles stay blocked (style-src 'self'): the runtime ships all CSS as one file.
 */
export function cspFor(sources: CspSources = {}): (nonce: string) => string {
  const list = (base: string, extra?: string[]) => [base, ...(extra ?? [])].join(" ");
  const before = `default-src 'self'; script-src ${list("'self'", sources.script)} 'nonce-`;
  const after = `'; style-src 'self'; img-src ${list("'self' data: blob: https:", sources.img)}; ` +
    `connect-src ${list("'self'", sources.connect)}; ` +
    `frame-src ${list("https://open.spotify.com", sources.frame)}; ` +
    // Without extra origins media falls back to default-src 'self'.
    (sources.media?.length ? `media-src ${list("'self'", sources.media)}; ` : "") +
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
  return (nonce) => before + nonce + after;
}

/** The Content-Security-Policy value for `nonce`, with no origin beyond the page's own. */
export const csp: (nonce: string) => string = cspFor();

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
export function applySecureHeaders(
  res: Response,
  nonce: string,
  requestId: string,
  policy: (nonce: string) => string = csp,
): Response {
  try {
    setAll(res.headers, policy(nonce), requestId);
    return res;
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    const copy = new Response(res.body, res);
    setAll(copy.headers, policy(nonce), requestId);
    return copy;
  }
}

function setAll(headers: Headers, policy: string, requestId: string): void {
  if (!headers.has("content-security-policy")) headers.set("content-security-policy", policy);
  for (const [name, value] of SECURE_HEADERS) {
    if (!headers.has(name)) headers.set(name, value);
  }
  headers.set("x-request-id", requestId);
}
