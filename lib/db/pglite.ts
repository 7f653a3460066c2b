/** The embedded driver: PGlite (Postgres 17 in WASM) in this process. */
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite/vector";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pgtap } from "@electric-sql/pglite/pgtap";
import type { Driver, Tx } from "./types.ts";
import { simpleQuery } from "./pglite_simple.ts";

const extensions = { vector, pgcrypto, pg_trgm, btree_gist, pgtap };

export interface PgliteOptions {
  /** Directory for the data files; omitted means in memory. */
  dataDir?: string;
  /** A data dir tarball (from `snapshot`) to start from: fast fresh databases for tests. */
  loadDataDir?: Blob | File;
}

export async function openPglite(opts: PgliteOptions = {}): Promise<Driver & { pg: PGlite }> {
  const pg = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    extensions,
  });
  await pruneArrayParsers(pg);
  return wrap(pg);
}

/**
 * PGlite registers a parser for every array type (one per table row type too) and copies its whole
 * parser map on every query: with ~380 sparse keys that copy cost ~0.25 ms a query. Arrays of row
 * types and of types without a parser never reach the app, so only the arrays it can read stay.
 */
async function pruneArrayParsers(pg: PGlite): Promise<void> {
  const { rows } = await pg.query<{ typarray: number; elem: number; keep: boolean }>(
    `select a.oid::int as typarray, e.oid::int as elem,
            e.typtype in ('e', 'd') or e.typcategory = 'S' or e.typname in ('uuid', 'vector')
              as keep
     from pg_type a join pg_type e on e.oid = a.typelem where a.typcategory = 'A'`,
  );
  const parsers: Record<number, unknown> = {};
  const arrays = new Map(rows.map((r) => [r.typarray, r]));
  for (const [key, parse] of Object.entries(pg.parsers)) {
    const array = arrays.get(Number(key));
    if (!array || array.keep || array.elem in pg.parsers) parsers[Number(key)] = parse;
  }
  (pg as { parsers: typeof pg.parsers }).parsers = parsers as typeof pg.parsers;
}

/** A tarball of the whole data dir; `openPglite({ loadDataDir })` opens a copy of it. */
export async function snapshot(driver: Driver & { pg: PGlite }): Promise<Blob> {
  return await driver.pg.dumpDataDir("none");
}

function txOf(t: Pick<PGlite, "query" | "exec">): Tx {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      // Without parameters the simple protocol is one call into PGlite instead of five or six.
      if (!params || params.length === 0) {
        const results = await t.exec(sql);
        return (results[results.length - 1]?.rows ?? []) as T[];
      }
      const res = await t.query<T>(sql, params);
      return res.rows;
    },
    async exec(sql: string) {
      await t.exec(sql);
    },
  };
}

function wrap(pg: PGlite): Driver & { pg: PGlite } {
  const session = txOf(pg);
  return {
    kind: "pglite",
    pg,
    async query<T>(sql: string, params?: unknown[]) {
      if (params && params.length > 0) return await session.query<T>(sql, params);
      return await simpleQuery<T>(pg, sql);
    },
    exec: session.exec,
    // PGlite's transaction() holds its own mutex: it is the one queue serialising transactions.
    transaction: (fn) => pg.transaction((t) => fn(txOf(t))),
    async listen(channel, onPayload) {
      const unsub = await pg.listen(channel, onPayload);
      return async () => await unsub();
    },
    async refreshTypes() {
      await pg.refreshArrayTypes();
      await pruneArrayParsers(pg);
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
