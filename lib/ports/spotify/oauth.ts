/**
 * Spotify's OAuth 2.0 Authorization Code flow with PKCE (S256): the authorize URL, the code
 * exchange and the refresh. Token answers are validated with zod; `invalid_grant` (a revoked or
 * expired refresh token, a reused code) becomes `SpotifyReconnectError`.
 *
 * @module
 */
import { z } from "zod";
import { randomToken } from "../auth/tokens.ts";
import { SCOPES, type SpotifyConfig } from "./config.ts";
import { SpotifyError, SpotifyReconnectError } from "./errors.ts";

export interface Pkce {
  verifier: string;
  challenge: string;
}

/** The S256 code challenge of `verifier`: base64url(SHA-256(verifier)) without padding. */
export async function challengeOf(verifier: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)),
  );
  return btoa(String.fromCharCode(...digest)).replace(/\+/g, "-").replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** A verifier of 64 URL-safe characters (RFC 7636 allows 43–128) and its S256 challenge. */
export async function pkcePair(): Promise<Pkce> {
  const verifier = randomToken(48);
  return { verifier, challenge: await challengeOf(verifier) };
}

export function authorizeUrl(
  cfg: SpotifyConfig,
  opts: { state: string; challenge: string; redirectUri: string },
): string {
  const q = new URLSearchParams({
    response_type: "code",
    client_id: cfg.clientId,
    scope: SCOPES.join(" "),
    redirect_uri: opts.redirectUri,
    state: opts.state,
    code_challenge_method: "S256",
    code_challenge: opts.challenge,
  });
  return `${cfg.accountsUrl}/authorize?${q}`;
}

export const TokenSet = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});
export type TokenSet = z.infer<typeof TokenSet>;

/** `invalid_grant`: a refused refresh token, or an authorization code that expired, was used
 * already, or came with another redirect URI; Spotify's description says which. */
export class SpotifyGrantError extends SpotifyReconnectError {
  constructor(readonly description: string) {
    super();
    this.name = "SpotifyGrantError";
  }
}

const TokenError = z.object({ error: z.string(), error_description: z.string().optional() });

async function tokenRequest(
  cfg: SpotifyConfig,
  form: Record<string, string>,
  fetchFn: typeof fetch,
): Promise<TokenSet> {
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
  };
  if (cfg.clientSecret) {
    headers.authorization = `Basic ${btoa(`${cfg.clientId}:${cfg.clientSecret}`)}`;
  }
  let res: Response;
  try {
    res = await fetchFn(`${cfg.accountsUrl}/api/token`, {
      method: "POST",
      headers,
      body: new URLSearchParams({ ...form, client_id: cfg.clientId }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new SpotifyError(
      `Spotify could not be reached: ${err instanceof Error ? err.message : err}`,
    );
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) {
    const parsed = TokenSet.safeParse(body);
    if (!parsed.success) throw new SpotifyError("Spotify sent an unexpected token answer");
    return parsed.data;
  }
  const e = TokenError.safeParse(body);
  if (res.status === 400 && e.success && e.data.error === "invalid_grant") {
    throw new SpotifyGrantError(e.data.error_description ?? "");
  }
  if (res.status === 401 || (e.success && e.data.error === "invalid_client")) {
    throw new SpotifyError("Spotify rejected this app's client id or secret", 502);
  }
  throw new SpotifyError(
    `Spotify's token endpoint answered ${res.status}${e.success ? `: ${e.data.error}` : ""}`,
  );
}

export function exchangeCode(
  cfg: SpotifyConfig,
  opts: { code: string; verifier: string; redirectUri: string },
  fetchFn: typeof fetch = fetch,
): Promise<TokenSet> {
  return tokenRequest(cfg, {
    grant_type: "authorization_code",
    code: opts.code,
    redirect_uri: opts.redirectUri,
    code_verifier: opts.verifier,
  }, fetchFn);
}

export function refreshTokens(
  cfg: SpotifyConfig,
  refreshToken: string,
  fetchFn: typeof fetch = fetch,
): Promise<TokenSet> {
  return tokenRequest(cfg, { grant_type: "refresh_token", refresh_token: refreshToken }, fetchFn);
}
