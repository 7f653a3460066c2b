/**
 * Sign-in, sign-up and password-reset requests with their rate limits, one function each, shared
 * by the pages (`/signin`, `/signup`, `/reset-password`), `POST /api/auth/token` and the
 * Supabase-shaped `/auth/v1` routes, so no door is left with a weaker limit.
 *
 * Limits are keyed by the account (e-mail) and by the client address the edge resolved
 * (`ctx.state.ip`: the socket peer, or the forwarded address only behind `TRUSTED_PROXIES`). A
 * request header is never a key: an attacker rotating `X-Forwarded-For` would get a fresh window
 * on every attempt.
 *
 * @example
 * ```ts
 * const session = await signIn(ctx.state, { email, password }); // 429 with Retry-After
 * ```
 * @module
 */
import type { State } from "../../utils.ts";
import { HttpError } from "./errors.ts";
import type { Session } from "../ports/auth/port.ts";
import { serializeCookie } from "./cookies.ts";

/** What the limited actions need from a request's state. */
export type AuthState = Pick<State, "platform" | "limits" | "ip">;

/** A 429 the pages show and `/auth/v1` renders as GoTrue's `over_*_rate_limit`. */
export function tooManyAttempts(
  wait: number,
  what: string,
  opts: { field?: string; code?: string } = {},
): HttpError {
  return new HttpError(429, `Too many ${what}. Try again in ${wait} s.`, {
    code: opts.code ?? "over_request_rate_limit",
    field: opts.field,
    headers: { "retry-after": String(wait) },
  });
}

/**
 * Checks the password. Every attempt counts against the client address; against the account
 * until one succeeds (so a user's own typos never add up across days, while a guesser spreading
 * attempts over many addresses still meets the per-account limit). Over either: 429, without
 * looking at the password.
 */
export async function signIn(
  state: AuthState,
  input: { email: string; password: string },
): Promise<Session> {
  const { signInPerAccount, signInPerAddress } = state.limits;
  const account = input.email.toLowerCase();
  const wait = Math.max(signInPerAddress.hit(state.ip), signInPerAccount.hit(account));
  if (wait) throw tooManyAttempts(wait, "sign-in attempts", { field: "email" });
  const session = await state.platform.auth.signIn({ email: account, password: input.password });
  signInPerAccount.reset(account);
  return session;
}

/** Creates the account, limited per client address; wakes the worker for the welcome note. */
export async function signUp(
  state: AuthState,
  input: { email: string; password: string; metadata: Record<string, unknown> },
): Promise<Session> {
  const wait = state.limits.signUpPerAddress.hit(state.ip);
  if (wait) throw tooManyAttempts(wait, "sign-ups from this address", { field: "email" });
  const session = await state.platform.auth.signUp(input);
  state.platform.worker.wake();
  return session;
}

/**
 * The PKCE verifier of a Supabase reset request, kept by the browser that asked: Supabase Auth's
 * default e-mail link comes back with `?code=`, which only this verifier redeems.
 */
export const RESET_VERIFIER_COOKIE = "sc-reset-verifier";
/** As long as a reset link lives (`otp_expiry` in supabase/config.toml). */
const RESET_VERIFIER_MAX_AGE = 3600;

export function resetVerifierCookie(verifier: string, secure: boolean): string {
  return serializeCookie(RESET_VERIFIER_COOKIE, verifier, {
    secure,
    maxAge: verifier ? RESET_VERIFIER_MAX_AGE : 0,
  });
}

/**
 * Sends a reset link, limited per recipient (nobody's inbox is flooded) and per client address
 * (nobody sprays the whole user list). Silent for unknown addresses, as the port is. Returns
 * the Set-Cookie values the requesting browser must keep (Supabase's PKCE verifier).
 */
export async function requestPasswordReset(
  state: AuthState & Pick<State, "siteUrl" | "secure">,
  email: string,
): Promise<string[]> {
  const recipient = email.toLowerCase();
  const wait = Math.max(
    state.limits.mailPerAddress.hit(state.ip),
    state.limits.mailPerRecipient.hit(recipient),
  );
  if (wait) {
    throw tooManyAttempts(wait, "reset requests", {
      field: "email",
      code: "over_email_send_rate_limit",
    });
  }
  // The link always points at this site: a caller-chosen `redirect_to` would let anyone send a
  // genuine-looking reset mail that leads elsewhere.
  const { codeVerifier } = await state.platform.auth.requestPasswordReset(
    recipient,
    `${state.siteUrl}/reset-password/confirm`,
  );
  state.platform.worker.wake();
  return codeVerifier ? [resetVerifierCookie(codeVerifier, state.secure)] : [];
}
