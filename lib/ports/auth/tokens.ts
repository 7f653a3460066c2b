/** Supabase-shaped access tokens (HS256, as Supabase's legacy JWT secret signs them). */
import { jwtVerify, SignJWT } from "jose";
import { Claims } from "../db/mod.ts";
import type { AuthUser } from "./port.ts";

export interface TokenSigner {
  /** `app_metadata`: the server-set `auth.users.raw_app_meta_data` (e.g. `role: "admin"`). */
  sign(
    user: AuthUser & { app_metadata?: Record<string, unknown> },
    sessionId: string,
  ): Promise<{ token: string; expiresAt: number }>;
  /** The project's anon key: a token of role `anon` with no user and no expiry, as Supabase's. */
  anonKey(): Promise<string>;
  verify(token: string): Promise<Claims | null>;
}

const VERIFY_CACHE_SIZE = 10_000;

export function createTokenSigner(
  secret: string,
  expirySeconds: number,
  issuer: string,
): TokenSigner {
  const raw = new TextEncoder().encode(secret);
  // Imported once: jose would otherwise import the raw secret again on every verify.
  const keyPromise = crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
  // Verified tokens, as PostgREST's JWT cache does: a page view then costs no HMAC. An entry lives
  // no longer than its token's `exp`; the oldest entries go first when the cache is full.
  const verified = new Map<string, Claims>();
  const remember = (token: string, claims: Claims) => {
    if (verified.size >= VERIFY_CACHE_SIZE) verified.delete(verified.keys().next().value!);
    verified.set(token, claims);
  };
  return {
    async sign(user, sessionId) {
      const now = Math.floor(Date.now() / 1000);
      const expiresAt = now + expirySeconds;
      const token = await new SignJWT({
        role: "authenticated",
        email: user.email,
        session_id: sessionId,
        // As GoTrue: the server-set metadata (e.g. `role: "admin"`, scripts/make_admin.ts).
        app_metadata: user.app_metadata ?? { provider: "email", providers: ["email"] },
        user_metadata: user.user_metadata,
        is_anonymous: false,
      })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setSubject(user.id)
        .setAudience("authenticated")
        .setIssuer(issuer)
        .setIssuedAt(now)
        .setExpirationTime(expiresAt)
        .sign(await keyPromise);
      return { token, expiresAt };
    },
    async anonKey() {
      return await new SignJWT({ role: "anon" })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setIssuer(issuer)
        .setIssuedAt(0)
        .sign(await keyPromise);
    },
    async verify(token) {
      const cached = verified.get(token);
      if (cached) {
        if ((cached.exp ?? 0) * 1000 > Date.now()) return cached;
        verified.delete(token);
        return null;
      }
      try {
        // Only HS256: a token claiming "none" or another algorithm is refused by jose here.
        const { payload } = await jwtVerify(token, await keyPromise, {
          algorithms: ["HS256"],
          audience: "authenticated",
          issuer,
        });
        const parsed = Claims.safeParse(payload);
        if (!parsed.success) return null;
        if (parsed.data.exp !== undefined) remember(token, parsed.data);
        return parsed.data;
      } catch {
        return null;
      }
    },
  };
}

/** A random URL-safe token (refresh tokens, reset tokens, CSRF tokens). */
export function randomToken(bytes = 32): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...buf)).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    "",
  );
}

/** SHA-256 hex: reset tokens are stored hashed, so a database leak does not leak live links. */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
