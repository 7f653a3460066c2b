/**
 * The Supabase auth adapter: the same port over Supabase Auth through supabase-js.
 *
 * Password reset: the request starts a PKCE flow, so both links Auth may mail work. The project's
 * recovery template (supabase/templates/recovery.html) links to `/reset-password/confirm` with
 * `token_hash`, verified here with `verifyOtp` from any browser; Auth's default e-mail goes through
 * its `/verify`, which redirects with `?code=`, exchanged here with the verifier the requesting
 * browser kept in a cookie.
 */
import { createClient, type Session as SbSession } from "@supabase/supabase-js";
import { Claims } from "../db/mod.ts";
import { AuthError, type AuthPort, type Session } from "./port.ts";
import { GoTrueUser } from "./user.ts";

export interface SupabaseAuthOptions {
  url: string;
  /** The project's publishable key (`sb_publishable_…`) or legacy anon JWT. */
  anonKey: string;
}

/**
 * Where supabase-js keeps a PKCE verifier: `<storageKey>-code-verifier` (`@supabase/auth-js`
 * lib/helpers.ts `storePKCEVerifier`, read back by `exchangeCodeForSession` on servers, which
 * have no flow id in their URL). tests/integration/supabase_recovery_test.ts holds it to that.
 */
const RESET_STORAGE_KEY = "soundcheck-reset";
const VERIFIER_KEY = `${RESET_STORAGE_KEY}-code-verifier`;
/** What a verifier kept by the browser may look like (RFC 7636 characters, `/recovery` suffix). */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}(\/[a-z_]+)?$/;

/** A JWT has three base64url parts; a publishable key (`sb_publishable_…`) or garbage has not. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** supabase-js storage for one call: it holds the PKCE verifier and the session in between. */
function callStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
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
  // For the reset flow: PKCE, with a storage this call can read and seed.
  const pkceClient = (storage: ReturnType<typeof callStorage>) =>
    createClient(url, anonKey, {
      auth: {
        flowType: "pkce",
        storage,
        storageKey: RESET_STORAGE_KEY,
        persistSession: true,
        autoRefreshToken: false,
        detectSessionInUrl: false,
      },
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
      // Not a JWT (a publishable key sent as a bearer, garbage): nothing to decode or ask about.
      if (!JWT_SHAPE.test(token)) return null;
      // getClaims verifies asymmetric keys locally (JWKS) and asks Auth for symmetric ones.
      const { data, error } = await client().auth.getClaims(token);
      if (error || !data) return null;
      const parsed = Claims.safeParse(data.claims);
      return parsed.success ? parsed.data : null;
    },
    async requestPasswordReset(email, redirectTo) {
      const storage = callStorage();
      const { error } = await pkceClient(storage).auth.resetPasswordForEmail(email, { redirectTo });
      if (error && error.status === 429) fail(error, "email");
      const stored = storage.items.get(VERIFIER_KEY);
      const verifier = stored ? JSON.parse(stored) : null;
      return typeof verifier === "string" && VERIFIER.test(verifier)
        ? { codeVerifier: verifier }
        : {};
    },
    async resetPassword(proof, newPassword) {
      const invalid = () =>
        new AuthError(400, "This reset link is invalid or has expired", "token");
      const byCode = typeof proof !== "string";
      if (byCode && !VERIFIER.test(proof.codeVerifier)) throw invalid();
      const c = byCode
        ? pkceClient(callStorage({ [VERIFIER_KEY]: JSON.stringify(proof.codeVerifier) }))
        : client();
      const { data, error } = byCode
        ? await c.auth.exchangeCodeForSession(proof.code)
        : await c.auth.verifyOtp({ token_hash: proof, type: "recovery" });
      if (error || !data.session) throw invalid();
      const { error: upd } = await c.auth.updateUser({ password: newPassword });
      if (upd) fail(upd, "password");
      // A reset ends the account's other sessions, as the embedded adapter's does.
      const { error: out } = await c.auth.signOut({ scope: "others" });
      if (out) fail(out);
      return toSession(data.session);
    },
  };
}
