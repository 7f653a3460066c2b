/** The embedded driver: PGlite (Postgres 17 in WASM) in this process. */
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite/vector";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pgtap } from "@electric-sql/pglite/pgtap";
import type { Driver, Tx } from "./types.ts";

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
  return wrap(pg);
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
    query: session.query,
    exec: session.exec,
    // PGlite's transaction() holds its own mutex: it is the one queue serialising transactions.
    transaction: (fn) => pg.transaction((t) => fn(txOf(t))),
    async listen(channel, onPayload) {
      const unsub = await pg.listen(channel, onPayload);
      return async () => await unsub();
    },
    async refreshTypes() {
      await pg.refreshArrayTypes();
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
