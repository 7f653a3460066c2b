/**
 * Spotify settings from the environment: on when `SPOTIFY_CLIENT_ID` is set. The base URLs can
 * point at fakes on 127.0.0.1 (tests); the redirect URL defaults to the page's own origin.
 *
 * @module
 */
import type { Config } from "../../platform/config.ts";

/** Writing private and public playlists is all the DJ needs. */
export const SCOPES = ["playlist-modify-private", "playlist-modify-public"] as const;

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
