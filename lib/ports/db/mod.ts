/**
 * The one way to reach the database (DESIGN.md rule 2).
 *
 * `asUser` opens a transaction exactly as PostgREST does: `role` and `request.jwt.claims` are set
 * transaction-locally, so RLS policies see `auth.uid()` and nothing leaks into the next transaction.
 * The drivers send that setup together with the transaction's first statement, so callers write
 * plain parameterised queries and the round trips are the driver's business.
 *
 * ```ts
 * const gigs = await db.asUser(claims, (tx) =>
 *   tx.query("select id, title from public.gigs where client_id = $1", [claims.sub]));
 * const [{ n }] = await db.queryAsUser<{ n: number }>(claims, "select count(*)::int as n from t");
 * ```
 *
 * @module
 */
import type { Acting, AnonClaims, Claims, Driver, Row, Tx } from "./types.ts";

export type { Acting, AnonClaims, Driver, Row, Tx } from "./types.ts";
export { Claims } from "./types.ts";

export interface Db {
  readonly driver: Driver;
  /** Runs `fn` in a transaction as the user of `claims` (role authenticated or anon), under RLS. */
  asUser<T>(claims: Claims | AnonClaims, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * One statement as the user, under RLS, in a transaction of its own: `asUser` with one query,
   * minus the separate `commit` (on PGlite the whole of it is one round trip).
   */
  queryAsUser<T = Row>(claims: Claims | AnonClaims, sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` in a transaction as `service_role`, which bypasses RLS: server-side jobs only. */
  asService<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/** Only the two API roles: a token can never ask for service_role or a superuser. */
function acting(claims: Claims | AnonClaims): Acting {
  const role = claims.role === "authenticated" ? "authenticated" : "anon";
  return { role, claims: JSON.stringify(claims) };
}

const SERVICE: Acting = { role: "service_role", claims: JSON.stringify({ role: "service_role" }) };

export function createDb(driver: Driver): Db {
  return {
    driver,
    asUser: (claims, fn) => driver.transaction(fn, acting(claims)),
    queryAsUser: (claims, sql, params) => driver.queryAs(acting(claims), sql, params),
    asService: (fn) => driver.transaction(fn, SERVICE),
  };
}
