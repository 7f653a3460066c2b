/**
 * Sessions in cookies: the access token (short-lived JWT) and the refresh token, both HttpOnly.
 * An expired access token is refreshed transparently once per request.
 */
import type { AuthPort, Session } from "../ports/auth/port.ts";
import type { Claims } from "../ports/db/mod.ts";
import { COOKIE, serializeCookie } from "./cookies.ts";
import { HttpError } from "./errors.ts";

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

/** How a request says who it is, decided once: a bearer token, session cookies, or nothing. */
export type Credentials =
  | { kind: "none" }
  /**
   * `claims` null: the project's anon key (what supabase-js sends before sign-in) or another
   * secret that is not a user's token (the worker secret): no user, and never the cookies.
   */
  | { kind: "bearer"; token: string; claims: Claims | null }
  | { kind: "cookie"; session: ResolvedSession };

const encoder = new TextEncoder();
const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i;

/**
 * An `Authorization` header decides the request is a bearer request: it must be well formed (else
 * 401) and identifies a user only when it verifies; session cookies beside it are never used for
 * identity. Without one, the session comes from the cookies.
 */
export async function resolveCredentials(
  auth: AuthPort,
  req: Request,
  cookies: Record<string, string>,
  opts: { secure: boolean; anonKey?: string },
): Promise<Credentials> {
  const header = req.headers.get("authorization");
  if (header !== null) {
    const token = BEARER.exec(header)?.[1];
    if (!token) {
      throw new HttpError(401, "Send Authorization: Bearer <access token>", {
        field: "authorization",
      });
    }
    if (opts.anonKey && constantTimeEqual(token, opts.anonKey)) {
      return { kind: "bearer", token, claims: null };
    }
    return { kind: "bearer", token, claims: await auth.verify(token) };
  }
  const session = await resolveSession(auth, cookies, opts.secure);
  return session ? { kind: "cookie", session } : { kind: "none" };
}

/** String equality in time independent of where the strings differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
