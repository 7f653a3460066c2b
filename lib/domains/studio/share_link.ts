/**
 * A studio song's share link: its token's shape (made by SQL, private.studio_share: 24 random
 * bytes, URL-safe base64) and where the link points. Pure, so the store, the pages and the API
 * agree on it.
 *
 * @module
 */

/** A share token as the database makes them (192 bits). */
export const SHARE_TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** The share page's path on this site. */
export function sharePath(token: string): string {
  return `/s/${token}`;
}

/** The share page's full address (`origin`: the site's public origin, without a slash). */
export function shareUrl(origin: string, token: string): string {
  return `${origin}${sharePath(token)}`;
}
