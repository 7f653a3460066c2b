/**
 * Where this site lives. Every absolute URL the app makes (reset links, e-mail links, share
 * links, OAuth redirects) comes from `SITE_URL`, or — when it is unset — from a request whose
 * Host is on the allow-list (127.0.0.1, localhost, ::1 and the configured HOSTNAME). A Host
 * header never decides a link by itself: it is the attacker's to write.
 */
import { type Config, listensOnLoopback, LOOPBACK_HOSTS } from "../platform/config.ts";

export interface Site {
  /** The public origin for links: SITE_URL, else the request's (allowed) origin, else the default. */
  origin(url: URL): string;
  /** True when the request's Host may be served (see `refuseHost`). */
  hostAllowed(url: URL): boolean;
  /** True when sessions are on https (SITE_URL says so): Secure cookies and HSTS. */
  secure: boolean;
  /** True when the server listens on loopback only. */
  loopbackOnly: boolean;
}

/** True when the URL's host names this machine (what a DNS-rebinding page cannot send). */
export function isLoopbackHost(url: URL): boolean {
  return listensOnLoopback(url.hostname);
}

export function createSite(config: Config): Site {
  const site = config.SITE_URL ? new URL(config.SITE_URL) : null;
  const listen = config.HOSTNAME;
  const loopbackOnly = listensOnLoopback(listen);
  const allowed = new Set(LOOPBACK_HOSTS);
  if (site) allowed.add(site.hostname);
  if (listen !== "0.0.0.0" && listen !== "::") allowed.add(listen.toLowerCase());
  const fallback = site
    ? site.origin
    : `http://${
      loopbackOnly || listen === "0.0.0.0" || listen === "::" ? "127.0.0.1" : listen
    }:${config.PORT}`;
  const hostAllowed = (url: URL) => allowed.has(url.hostname.toLowerCase());
  return {
    origin: (url) => site ? site.origin : hostAllowed(url) ? url.origin : fallback,
    hostAllowed,
    secure: site?.protocol === "https:",
    loopbackOnly,
  };
}
