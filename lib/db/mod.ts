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
  /**
   * One parameterless read as the user, under RLS. On PGlite the claims and the statement go in
   * one simple-protocol message, i.e. one implicit transaction and one round trip (the settings
   * are transaction-local, so they end with it); elsewhere it is `asUser` with one query.
   */
  readAsUser<T>(claims: Claims | AnonClaims, sql: string): Promise<T[]>;
  /** Runs `fn` in a transaction as `service_role`, which bypasses RLS: server-side jobs only. */
  asService<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/**
 * One parameterless statement sets both settings: round trips dominate PGlite's cost
 * (DESIGN.md), and a statement without parameters takes the simple protocol (one call instead of
 * parse/bind/describe/execute/sync). The claims travel as an escape-string literal, which reads
 * the same whatever `standard_conforming_strings` says.
 */
function setClaimsSql(role: string, claims: string): string {
  return `select set_config('role', '${role}', true), set_config('request.jwt.claims', ${
    escapeLiteral(claims)
  }, true)`;
}

/** `E'...'` with backslashes and quotes escaped: safe for any text without NUL. */
export function escapeLiteral(text: string): string {
  // JSON.stringify writes NUL as \u0000, so a raw NUL means a bug upstream: refuse it.
  if (text.includes("\0")) throw new Error("A NUL character cannot go into an SQL literal");
  return `E'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

const SERVICE_SQL = setClaimsSql("service_role", JSON.stringify({ role: "service_role" }));

export function createDb(driver: Driver): Db {
  return {
    driver,
    asUser(claims, fn) {
      // Only the two API roles: a token can never ask for service_role or a superuser.
      const role = claims.role === "authenticated" ? "authenticated" : "anon";
      const sql = setClaimsSql(role, JSON.stringify(claims));
      return driver.transaction(async (tx) => {
        await tx.query(sql);
        return await fn(tx);
      });
    },
    readAsUser<T>(claims: Claims | AnonClaims, sql: string) {
      const role = claims.role === "authenticated" ? "authenticated" : "anon";
      const prelude = setClaimsSql(role, JSON.stringify(claims));
      if (driver.kind === "pglite") return driver.query<T>(`${prelude};\n${sql}`);
      return driver.transaction(async (tx) => {
        await tx.query(prelude);
        return await tx.query<T>(sql);
      });
    },
    asService(fn) {
      return driver.transaction(async (tx) => {
        await tx.query(SERVICE_SQL);
        return await fn(tx);
      });
    },
  };
}
