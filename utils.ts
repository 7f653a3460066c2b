/** Request-scoped state and the typed `define` helpers, created once as Fresh's utils.ts does. */
import { createDefine } from "./lib/fresh_runtime/mod.ts";
import type { Platform } from "./lib/platform/mod.ts";
import type { Claims } from "./lib/ports/db/mod.ts";
import type { Limits } from "./lib/web/rate_limit.ts";

export interface SignedInUser {
  id: string;
  email: string;
  claims: Claims;
  /** The user's own access token: used only server-side (Supabase adapters, realtime token). */
  accessToken: string;
}

export interface Flash {
  kind: "success" | "error" | "info";
  text: string;
}

/** A page's own head: its <title> and meta tags (Open Graph…), set by its handler. */
export interface PageHead {
  title: string;
  /** The page's `<meta name="description">`; the route's default when unset (lib/web/head.ts). */
  description?: string;
  meta?: ({ property: string; content: string } | { name: string; content: string })[];
}

export interface State {
  platform: Platform;
  user: SignedInUser | null;
  /** How this request identified itself (the edge decides once): bearer, cookie or none. */
  credentials: "bearer" | "cookie" | "none";
  /** The client's address (the socket peer unless behind a trusted proxy). */
  ip: string;
  /** The public origin for absolute links (SITE_URL or an allowed Host, never any Host). */
  siteUrl: string;
  /** Sessions travel over https: cookies get `Secure`. */
  secure: boolean;
  /** Per-process rate limits (sign-in, sign-up, mail). */
  limits: Limits;
  /** Token every form posts back as `_csrf` (double-submit, checked by the root middleware). */
  csrf: string;
  flash: Flash | null;
  /**
   * The signed-in viewer's IANA zone (their profile's) for pages: times show in it. Null or
   * unset when signed out or not known yet: pages fall back to an event's zone, else UTC.
   */
  viewerZone?: string | null;
  /** Set by a page's handler for the shell (routes/_app.tsx); else the site's title. */
  head?: PageHead;
}

export const define = createDefine<State>();
