/** The Supabase auth adapter: the same port over Supabase Auth through supabase-js. */
import { createClient, type Session as SbSession } from "@supabase/supabase-js";
import { Claims } from "../db/mod.ts";
import { AuthError, type AuthPort, type Session } from "./port.ts";
import { GoTrueUser } from "./user.ts";

export interface SupabaseAuthOptions {
  url: string;
  anonKey: string;
}

function toSession(s: SbSession | null): Session {
  if (!s) {
    throw new AuthError(400, "Check your inbox to confirm your e-mail, then sign in", "email");
  }
  return {
    accessToken: s.access_token,
    refreshToken: s.refresh_token,
    expiresAt: s.expires_at ?? Math.floor(Date.now() / 1000) + s.expires_in,
    user: { id: s.user.id, email: s.user.email ?? "", user_metadata: s.user.user_metadata ?? {} },
  };
}

function fail(error: { status?: number; message: string; code?: string }, field?: string): never {
  const status = error.status === 429 ? 429 : error.status === 422 ? 422 : 400;
  const message = error.code === "invalid_credentials" ? "Wrong e-mail or password" : error.message;
  throw new AuthError(status, message, field);
}

export function createSupabaseAuth({ url, anonKey }: SupabaseAuthOptions): AuthPort {
  // A fresh stateless client per call: the server holds no session of its own.
  const client = () =>
    createClient(url, anonKey, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    });
  return {
    async signUp({ email, password, metadata }) {
      const { data, error } = await client().auth.signUp({
        email,
        password,
        options: { data: metadata },
      });
      if (error) fail(error, error.code === "user_already_exists" ? "email" : "password");
      return toSession(data.session);
    },
    async signIn({ email, password }) {
      const { data, error } = await client().auth.signInWithPassword({ email, password });
      if (error) fail(error, "password");
      return toSession(data.session);
    },
    async refresh(refreshToken) {
      const { data, error } = await client().auth.refreshSession({ refresh_token: refreshToken });
      if (error) throw new AuthError(401, "Your session has ended: please sign in again");
      return toSession(data.session);
    },
    async signOut(refreshToken) {
      const c = client();
      const { data } = await c.auth.refreshSession({ refresh_token: refreshToken });
      if (data.session) await c.auth.signOut({ scope: "local" });
    },
    async signOutSessions(accessToken, scope) {
      const { error } = await client().auth.admin.signOut(accessToken, scope);
      // An ended session or a gone user is already signed out.
      if (error && ![401, 403, 404].includes(error.status ?? 0)) fail(error);
    },
    async getUser(accessToken) {
      const { data, error } = await client().auth.getUser(accessToken);
      if (error || !data.user) return null;
      const parsed = GoTrueUser.safeParse(data.user);
      return parsed.success ? parsed.data : null;
    },
    async verify(token) {
      // getClaims verifies asymmetric keys locally (JWKS) and asks Auth for symmetric ones.
      const { data, error } = await client().auth.getClaims(token);
      if (error || !data) return null;
      const parsed = Claims.safeParse(data.claims);
      return parsed.success ? parsed.data : null;
    },
    async requestPasswordReset(email, redirectTo) {
      const { error } = await client().auth.resetPasswordForEmail(email, { redirectTo });
      if (error && error.status === 429) fail(error, "email");
    },
    async resetPassword(token, newPassword) {
      const c = client();
      const { data, error } = await c.auth.verifyOtp({ token_hash: token, type: "recovery" });
      if (error || !data.session) {
        throw new AuthError(400, "This reset link is invalid or has expired", "token");
      }
      const { error: upd } = await c.auth.updateUser({ password: newPassword });
      if (upd) fail(upd, "password");
      return toSession(data.session);
    },
  };
}
