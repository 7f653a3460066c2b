/** Shapes shared by every database driver and by `asUser`/`asService`. */
import { z } from "zod";

export type Row = Record<string, unknown>;

/** One open transaction (or session) on either driver. */
export interface Tx {
  /** Runs one parameterised statement and returns its rows. */
  query<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs one or more statements without parameters (migrations, seed, bootstrap). */
  exec(sql: string): Promise<void>;
}

/** A database connection: PGlite in-process or postgres.js over the wire. */
export interface Driver extends Tx {
  readonly kind: "pglite" | "postgres";
  /** Runs `fn` in one transaction; transactions never interleave on PGlite (one session). */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
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
