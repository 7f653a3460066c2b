/**
 * Sessions in cookies: the access token (short-lived JWT) and the refresh token, both HttpOnly.
 * An expired access token is refreshed transparently once per request.
 */
import type { AuthPort, Session } from "../auth/port.ts";
import type { Claims } from "../db/mod.ts";
import { COOKIE, serializeCookie } from "./cookies.ts";

const REFRESH_MAX_AGE = 60 * 60 * 24 * 30;

export function sessionCookies(session: Session, secure: boolean): string[] {
  return [
    serializeCookie(COOKIE.access, session.accessToken, {
      secure,
      maxAge: Math.max(0, session.expiresAt - Math.floor(Date.now() / 1000)),
    }),
    serializeCookie(COOKIE.refresh, session.refreshToken, { secure, maxAge: REFRESH_MAX_AGE }),
  ];
}

export function clearSessionCookies(secure: boolean): string[] {
  return [
    serializeCookie(COOKIE.access, "", { secure, maxAge: 0 }),
    serializeCookie(COOKIE.refresh, "", { secure, maxAge: 0 }),
  ];
}

export interface ResolvedSession {
  claims: Claims;
  accessToken: string;
  /** Set-Cookie values when the session was refreshed (or cleared) during resolution. */
  setCookies: string[];
}

/** Verifies the access cookie or, failing that, refreshes with the refresh cookie. */
export async function resolveSession(
  auth: AuthPort,
  cookies: Record<string, string>,
  secure: boolean,
): Promise<ResolvedSession | null> {
  const access = cookies[COOKIE.access];
  if (access) {
    const claims = await auth.verify(access);
    if (claims) return { claims, accessToken: access, setCookies: [] };
  }
  const refresh = cookies[COOKIE.refresh];
  if (!refresh) return null;
  try {
    const session = await auth.refresh(refresh);
    const claims = await auth.verify(session.accessToken);
    if (!claims) return null;
    return {
      claims,
      accessToken: session.accessToken,
      setCookies: sessionCookies(session, secure),
    };
  } catch {
    return null;
  }
}

/** Bearer tokens for API clients (`Authorization: Bearer <jwt>`). */
export function bearerToken(req: Request): string | null {
  const h = req.headers.get("authorization");
  const m = h?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i);
  return m ? m[1] : null;
}
