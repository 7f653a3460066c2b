/**
 * The one way to reach the database (DESIGN.md rule 2).
 *
 * `asUser` opens a transaction exactly as PostgREST does: `role` and `request.jwt.claims` are set
 * transaction-locally, so RLS policies see `auth.uid()` and nothing leaks into the next transaction.
 *
 * @module
 */
import type { AnonClaims, Claims, Driver, Tx } from "./types.ts";

export type { AnonClaims, Driver, Row, Tx } from "./types.ts";
export { Claims } from "./types.ts";

export interface Db {
  readonly driver: Driver;
  /** Runs `fn` in a transaction as the user of `claims` (role authenticated or anon), under RLS. */
  asUser<T>(claims: Claims | AnonClaims, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` in a transaction as `service_role`, which bypasses RLS: server-side jobs only. */
  asService<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

// One statement sets both settings: round trips dominate PGlite's cost (DESIGN.md).
const SET_CLAIMS =
  "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)";
const SERVICE_CLAIMS = JSON.stringify({ role: "service_role" });

export function createDb(driver: Driver): Db {
  return {
    driver,
    asUser(claims, fn) {
      // Only the two API roles: a token can never ask for service_role or a superuser.
      const role = claims.role === "authenticated" ? "authenticated" : "anon";
      return driver.transaction(async (tx) => {
        await tx.query(SET_CLAIMS, [role, JSON.stringify(claims)]);
        return await fn(tx);
      });
    },
    asService(fn) {
      return driver.transaction(async (tx) => {
        await tx.query(SET_CLAIMS, ["service_role", SERVICE_CLAIMS]);
        return await fn(tx);
      });
    },
  };
}
