/**
 * Spotify settings from the environment: on when `SPOTIFY_CLIENT_ID` is set. The base URLs can
 * point at fakes on 127.0.0.1 (tests); the redirect URL defaults to the page's own origin. Spotify
 * accepts only HTTPS redirect URIs, or HTTP on a loopback IP literal (`http://127.0.0.1:PORT`,
 * `http://[::1]:PORT`): `localhost` is refused, so a site opened as localhost is sent to
 * 127.0.0.1 to connect (routes/(signed-in)/dj/connect.ts).
 *
 * @module
 */
import type { Config } from "../../platform/config.ts";

/** Writing private and public playlists is what the DJ needs; reading the user's private
 * playlists lets a resumed export check what its playlist already holds. */
export const SCOPES = [
  "playlist-modify-private",
  "playlist-modify-public",
  "playlist-read-private",
] as const;

/** Without these an export cannot work: a connection lacking them is asked to reconnect. (The
 * read scope is optional: connections made before it was asked for still export.) */
export const REQUIRED_SCOPES: readonly string[] = ["playlist-modify-private"];

/** Whether `url` points at `localhost`, which Spotify refuses as a redirect URI since 2025
 * (loopback must be the literal 127.0.0.1 or [::1]). */
export function isLocalhostUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === "localhost" || host.endsWith(".localhost");
  } catch {
    return false;
  }
}

/** The same URL on 127.0.0.1 (for the help text that tells the user where to go instead). */
export function onLoopbackIp(url: string): string {
  const u = new URL(url);
  if (isLocalhostUrl(url)) u.hostname = "127.0.0.1";
  return u.toString().replace(/\/$/, "");
}

export interface SpotifyConfig {
  clientId: string;
  /** Optional: PKCE needs no secret; when set it is sent as HTTP Basic auth to the token URL. */
  clientSecret?: string;
  /** Registered in the Spotify app; null: `<origin of the connect request>/dj/callback`. */
  redirectUrl: string | null;
  accountsUrl: string;
  apiUrl: string;
}

export function spotifyConfig(config: Config): SpotifyConfig | null {
  if (!config.SPOTIFY_CLIENT_ID) return null;
  return {
    clientId: config.SPOTIFY_CLIENT_ID,
    clientSecret: config.SPOTIFY_CLIENT_SECRET,
    redirectUrl: config.SPOTIFY_REDIRECT_URL ??
      (config.SITE_URL ? `${config.SITE_URL.replace(/\/$/, "")}/dj/callback` : null),
    accountsUrl: config.SPOTIFY_ACCOUNTS_URL.replace(/\/$/, ""),
    apiUrl: config.SPOTIFY_API_URL.replace(/\/$/, ""),
  };
}

/** The redirect URL for a connect request made to `origin`. */
export function redirectUrlFor(cfg: SpotifyConfig, origin: string): string {
  return cfg.redirectUrl ?? `${origin}/dj/callback`;
}
