/**
 * Route-group guards (Fresh `_middleware` in a `(group)` folder): signed-in areas refuse anonymous
 * visitors with a 401, which the edge turns into a redirect to the sign-in page that comes back
 * (with a safe `next`); role areas check the role the user's profile has now.
 */
import type { FreshContext, Middleware } from "../fresh_runtime/mod.ts";
import type { SignedInUser, State } from "../../utils.ts";
import { HttpError } from "./errors.ts";

/** The signed-in user of this request, or a 401 (sign-in page for pages, JSON for the API). */
export function signedIn(state: State): SignedInUser {
  if (!state.user) throw new HttpError(401, "Sign in first", { field: "authorization" });
  return state.user;
}

export const requireUser: Middleware<State> = function requireUser(ctx) {
  signedIn(ctx.state);
  return ctx.next();
};

export type Role = "musician" | "client";

const ROLE_TEXT: Record<Role, string> = {
  musician: "This page is for musicians: tick “A musician” on your profile to use it.",
  client:
    "This page is for clients and venues: tick “A client or venue” on your profile to use it.",
};

/** Only users whose profile has `role` (read as the user, so RLS applies). */
export function requireRole(role: Role): Middleware<State> {
  const column = role === "musician" ? "is_musician" : "is_client";
  const sql = `select ${column} as ok from public.profiles where id = (select auth.uid())`;
  return async function requireRole(ctx: FreshContext<State>) {
    const user = signedIn(ctx.state);
    const [row] = await ctx.state.platform.db.queryAsUser<{ ok: boolean }>(user.claims, sql);
    if (!row?.ok) throw new HttpError(403, ROLE_TEXT[role], { code: "wrong_role" });
    return await ctx.next();
  };
}

/**
 * Only users whose JWT says `app_metadata.role = 'admin'` (set by the server: scripts/make_admin.ts).
 * A fast refusal for pages; the SQL functions behind them check private.is_admin() again.
 */
export const requireAdmin: Middleware<State> = function requireAdmin(ctx) {
  const user = signedIn(ctx.state);
  if (user.claims.app_metadata?.role !== "admin") {
    throw new HttpError(403, "This page is for Soundcheck admins.", { code: "wrong_role" });
  }
  return ctx.next();
};
