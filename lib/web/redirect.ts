/**
 * `safeRedirect`: a user-supplied `next` becomes a same-origin path, or the fallback. The target
 * is parsed as a browser would (tabs and newlines dropped, backslashes read as slashes), so
 * `/%09/evil.example`, `/\evil.example` and friends cannot leave the site.
 */
const BASE = "http://soundcheck.invalid";
// Control characters and anything a header cannot carry are never part of a path we redirect to.
const CONTROL = /\p{Cc}/u;

export function safeRedirect(target: string | null | undefined, fallback = "/"): string {
  if (!target || target.length > 2000 || !target.startsWith("/") || CONTROL.test(target)) {
    return fallback;
  }
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  // A path starting with two slashes would be read as protocol-relative by the browser.
  if (/^[/\\]{2}/.test(path)) return fallback;
  return path;
}

/** `/signin?next=<path>`, the sign-in page that comes back to `path` afterwards. */
export function signInUrl(path: string): string {
  const next = safeRedirect(path, "/");
  return next === "/"
    ? "/signin"
    : `/signin?next=${encodeURIComponent(next).replaceAll("%2F", "/")}`;
}
