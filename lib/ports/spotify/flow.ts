/**
 * The browser side of connecting Spotify: /dj/connect starts the authorization (state and PKCE
 * verifier in a short-lived HttpOnly cookie bound to the signed-in user) and /dj/callback checks
 * the state against that cookie, exchanges the code, reads the profile and stores the tokens.
 * Tokens travel only between this server and Spotify; the browser sees a code once.
 *
 * @module
 */
import { z } from "zod";
import { randomToken } from "../auth/tokens.ts";
import { isLocalhostUrl, onLoopbackIp, redirectUrlFor } from "./config.ts";
import { createSpotifyApi } from "./api.ts";
import { saveConnection, type SpotifyDeps } from "./connection.ts";
import { SpotifyError, SpotifyReconnectError } from "./errors.ts";
import { authorizeUrl, exchangeCode, pkcePair, SpotifyGrantError } from "./oauth.ts";
import { Uuid } from "../../shared/schemas.ts";

export const OAUTH_COOKIE = "sc-spotify-oauth";
/** Ten minutes to sign in at Spotify. */
export const OAUTH_MAX_AGE = 600;

const Pending = z.object({
  /** state */
  s: z.string().min(20),
  /** PKCE verifier */
  v: z.string().min(43),
  /** the user who started */
  u: Uuid(),
  /** redirect URI sent to Spotify (must be sent again with the code) */
  r: z.string().url(),
  /** where to go afterwards */
  n: z.string(),
});
type Pending = z.infer<typeof Pending>;

/** The Spotify authorize URL and the cookie value that remembers the attempt; `ConnectError`
 * when the redirect would be a `localhost` address (Spotify refuses those). */
export async function startConnect(
  deps: SpotifyDeps,
  userId: string,
  origin: string,
  next: string,
): Promise<{ location: string; cookie: string }> {
  const redirectUri = redirectUrlFor(deps.cfg, origin);
  if (isLocalhostUrl(redirectUri)) {
    // Spotify would show its own "Invalid redirect URI" page; say it here, with the way out.
    throw new ConnectError(
      deps.cfg.redirectUrl
        ? "SPOTIFY_REDIRECT_URL uses localhost, which Spotify refuses: set it (and the app's " +
          "redirect URI in the Spotify dashboard) to the same address on 127.0.0.1."
        : `Spotify does not accept sign-ins that return to “localhost”. Open this site at ` +
          `${onLoopbackIp(origin)} instead, sign in there and connect Spotify.`,
    );
  }
  const { verifier, challenge } = await pkcePair();
  const state = randomToken(24);
  const pending: Pending = { s: state, v: verifier, u: userId, r: redirectUri, n: next };
  return {
    location: authorizeUrl(deps.cfg, { state, challenge, redirectUri }),
    cookie: JSON.stringify(pending),
  };
}

export class ConnectError extends Error {}

/** Why Spotify refused the code, in words (Spotify's codes last minutes and work once). */
function grantMessage(description: string): string {
  if (/expired/i.test(description)) {
    return "The Spotify sign-in took too long and its code expired. Connect again.";
  }
  if (/redirect/i.test(description)) {
    return "Spotify refused this site's return address (redirect URI). Ask the site owner to " +
      "register it in the Spotify app, with 127.0.0.1 rather than localhost.";
  }
  return "Spotify did not accept the sign-in (its code was already used or is not valid). " +
    "Connect again.";
}

/** Checks the callback against the cookie and stores the connection; returns where to go next. */
export async function finishConnect(
  deps: SpotifyDeps,
  userId: string,
  params: URLSearchParams,
  cookie: string | undefined,
): Promise<{ next: string; displayName: string | null }> {
  let pending: Pending | null = null;
  try {
    const parsed = Pending.safeParse(JSON.parse(cookie ?? ""));
    if (parsed.success) pending = parsed.data;
  } catch {
    // a missing or mangled cookie is the same as none
  }
  const state = params.get("state");
  if (!pending || !state || state !== pending.s || pending.u !== userId) {
    throw new ConnectError(
      "That Spotify sign-in expired or did not start here. Try connecting again.",
    );
  }
  const denied = params.get("error");
  if (denied) {
    throw new ConnectError(
      denied === "access_denied"
        ? "Spotify was not connected: access was declined."
        : `Spotify did not connect (${denied.slice(0, 60)}).`,
    );
  }
  const code = params.get("code");
  if (!code) throw new ConnectError("Spotify sent no authorization code. Try again.");
  try {
    const tokens = await exchangeCode(deps.cfg, {
      code,
      verifier: pending.v,
      redirectUri: pending.r,
    }, deps.fetch);
    // The profile, with the fresh token (nothing is stored before it works).
    const me = await createSpotifyApi({
      apiUrl: deps.cfg.apiUrl,
      token: () => Promise.resolve(tokens.access_token),
      refresh: () => Promise.reject(new SpotifyReconnectError()),
      fetch: deps.fetch,
    }).me();
    await saveConnection(deps, userId, tokens, me);
    return { next: pending.n, displayName: me.display_name ?? me.id };
  } catch (err) {
    if (err instanceof SpotifyGrantError) throw new ConnectError(grantMessage(err.description));
    if (err instanceof SpotifyReconnectError) {
      throw new ConnectError(
        "Spotify did not accept the sign-in (it may have expired). Try again.",
      );
    }
    if (err instanceof SpotifyError) throw new ConnectError(err.message);
    throw err;
  }
}
