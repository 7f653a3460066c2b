/** Auth port: the embedded adapter signs its own JWTs; the Supabase one calls Supabase Auth. */
import type { Claims } from "../db/mod.ts";

export interface AuthUser {
  id: string;
  email: string;
  user_metadata: Record<string, unknown>;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Unix seconds. */
  expiresAt: number;
  user: AuthUser;
}

/** A 4xx the user can act on; `field` names the form field at fault. */
export class AuthError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 409 | 422 | 429,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface AuthPort {
  signUp(
    input: { email: string; password: string; metadata: Record<string, unknown> },
  ): Promise<Session>;
  signIn(input: { email: string; password: string }): Promise<Session>;
  /** Exchanges a refresh token for a new session; the old refresh token stops working. */
  refresh(refreshToken: string): Promise<Session>;
  signOut(refreshToken: string): Promise<void>;
  /** Verifies signature, expiry and audience; null for anything invalid. */
  verify(accessToken: string): Promise<Claims | null>;
  /** Sends a reset link (embedded: to the dev outbox). Silent for unknown addresses. */
  requestPasswordReset(email: string, redirectTo: string): Promise<void>;
  /** Sets a new password with a token from the reset link; returns a fresh session. */
  resetPassword(token: string, newPassword: string): Promise<Session>;
}
