/** Shapes shared by every database driver and by `asUser`/`asService`. */
import { z } from "zod";

export type Row = Record<string, unknown>;

/** One open transaction (or session) on either driver. */
export interface Tx {
  /**
   * Runs one statement with its parameters and returns its rows. Without parameters the text
   * may hold several `;`-separated statements; the last one's rows come back.
   */
  query<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs one or more statements without parameters (migrations, seed, bootstrap). */
  exec(sql: string): Promise<void>;
}

/**
 * Who a transaction acts as, PostgREST's way: `role` and `request.jwt.claims` set
 * transaction-locally before its first statement, so both end with it.
 */
export interface Acting {
  role: "authenticated" | "anon" | "service_role";
  /** The claims as JSON text, as `auth.jwt()` reads them. */
  claims: string;
}

/** A database connection: PGlite in-process or postgres.js over the wire. */
export interface Driver extends Tx {
  readonly kind: "pglite" | "postgres";
  /**
   * Runs `fn` in one transaction, acting as `acting` when given; transactions never interleave
   * on PGlite (one session). The driver sends the opening (`begin` and the acting setup) with
   * `fn`'s first statement, so a transaction that runs nothing costs nothing.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>, acting?: Acting): Promise<T>;
  /**
   * One statement (exactly one: no `;`-separated lists) in a transaction of its own, acting as
   * `acting`, in as few round trips as the driver can: one on PGlite.
   */
  queryAs<T = Row>(acting: Acting, sql: string, params?: unknown[]): Promise<T[]>;
  /** Subscribes to NOTIFY on `channel`; returns the unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** Re-reads type metadata after migrations created types (PGlite caches array types at start). */
  refreshTypes?(): Promise<void>;
}

/** Supabase-shaped JWT claims, as PostgREST puts them in `request.jwt.claims`. */
export const Claims = z.object({
  sub: z.string().uuid(),
  role: z.enum(["authenticated", "anon"]),
  email: z.string().optional(),
  aud: z.string().optional(),
  exp: z.number().optional(),
  iat: z.number().optional(),
  session_id: z.string().optional(),
  app_metadata: z.record(z.string(), z.unknown()).optional(),
  user_metadata: z.record(z.string(), z.unknown()).optional(),
});
export type Claims = z.infer<typeof Claims>;

/** Claims of a visitor who is not signed in. */
export interface AnonClaims {
  role: "anon";
}
