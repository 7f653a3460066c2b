/** Auth port: the embedded adapter signs its own JWTs; the Supabase one calls Supabase Auth. */
import type { Claims } from "../db/mod.ts";
import { HttpError } from "../../web/errors.ts";
import type { GoTrueUser, SignOutScope } from "./user.ts";

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
export class AuthError extends HttpError {
  constructor(status: 400 | 401 | 403 | 409 | 422 | 429, message: string, field?: string) {
    super(status, message, { field });
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
  /**
   * Ends the access token's session (`local`), every session of its user (`global`) or all but
   * it (`others`), as Supabase Auth's `POST /logout?scope=` does.
   */
  signOutSessions(accessToken: string, scope: SignOutScope): Promise<void>;
  /**
   * The access token's user as Supabase Auth's `GET /user` answers; null when the token is
   * invalid, its session has ended or the user is gone.
   */
  getUser(accessToken: string): Promise<GoTrueUser | null>;
  /** Verifies signature, expiry and audience; null for anything invalid. */
  verify(accessToken: string): Promise<Claims | null>;
  /**
   * Sends a reset link (embedded: to the dev outbox). Silent for unknown addresses. On Supabase
   * it also starts a PKCE flow: the requesting browser keeps `codeVerifier`, which Auth's own
   * `/verify` link (`?code=` on `redirectTo`) needs.
   */
  requestPasswordReset(email: string, redirectTo: string): Promise<{ codeVerifier?: string }>;
  /**
   * The project's public anon key: what supabase-js sends as its bearer before sign-in. It
   * identifies the project, not a user.
   */
  anonKey?: string;
  /**
   * Sets a new password with what the reset link proves; ends the account's other sessions and
   * returns a fresh one. 400 (field `token`) for a link that is invalid, used or expired.
   */
  resetPassword(proof: RecoveryProof, newPassword: string): Promise<Session>;
}

/**
 * What a reset link carries: its token (embedded: `?token=`; Supabase: the recovery template's
 * `?token_hash=`), or the `?code=` of Supabase Auth's `/verify` redirect with the verifier kept by
 * the browser that asked.
 */
export type RecoveryProof = string | { code: string; codeVerifier: string };
