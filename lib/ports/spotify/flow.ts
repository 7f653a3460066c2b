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
import { redirectUrlFor } from "./config.ts";
import { createSpotifyApi } from "./api.ts";
import { saveConnection, type SpotifyDeps } from "./connection.ts";
import { SpotifyError, SpotifyReconnectError } from "./errors.ts";
import { authorizeUrl, exchangeCode, pkcePair } from "./oauth.ts";
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

/** The Spotify authorize URL and the cookie value that remembers the attempt. */
export async function startConnect(
  deps: SpotifyDeps,
  userId: string,
  origin: string,
  next: string,
): Promise<{ location: string; cookie: string }> {
  const { verifier, challenge } = await pkcePair();
  const state = randomToken(24);
  const redirectUri = redirectUrlFor(deps.cfg, origin);
  const pending: Pending = { s: state, v: verifier, u: userId, r: redirectUri, n: next };
  return {
    location: authorizeUrl(deps.cfg, { state, challenge, redirectUri }),
    cookie: JSON.stringify(pending),
  };
}

export class ConnectError extends Error {}

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
    if (err instanceof SpotifyReconnectError) {
      throw new ConnectError(
        "Spotify did not accept the sign-in (it may have expired). Try again.",
      );
    }
    if (err instanceof SpotifyError) throw new ConnectError(err.message);
    throw err;
  }
}
