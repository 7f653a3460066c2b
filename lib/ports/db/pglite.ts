/** The embedded driver: PGlite (Postgres 17 in WASM) in this process. */
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite/vector";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pgtap } from "@electric-sql/pglite/pgtap";
import { messages } from "@electric-sql/pglite";
import type { Acting, Driver, Tx } from "./types.ts";
import * as P from "./pglite_protocol.ts";
import { Statements } from "./pglite_protocol.ts";
import { type DataDirLock, lockDataDir } from "./datadir_lock.ts";

const extensions = { vector, pgcrypto, pg_trgm, btree_gist, pgtap };

export interface PgliteOptions {
  /** Directory for the data files; omitted means in memory. */
  dataDir?: string;
  /** A data dir tarball (from `snapshot`) to start from: fast fresh databases for tests. */
  loadDataDir?: Blob | File;
  /**
   * The caller already holds `lockDataDir(dataDir)` (backup, restore). Otherwise opening a data
   * dir takes its lock, so a second process fails with DataDirBusyError instead of corrupting it.
   */
  lockHeld?: boolean;
}

export async function openPglite(opts: PgliteOptions = {}): Promise<Driver & { pg: PGlite }> {
  // A --watch restart may still be closing the previous instance: wait for it briefly.
  const lock: DataDirLock | null = opts.dataDir && !opts.lockHeld
    ? await lockDataDir(opts.dataDir, 3000)
    : null;
  try {
    const pg = await PGlite.create({
      dataDir: opts.dataDir,
      loadDataDir: opts.loadDataDir,
      extensions,
    });
    await pruneArrayParsers(pg);
    return wrap(pg, lock);
  } catch (err) {
    lock?.release();
    throw err;
  }
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

const BEGIN = P.query("begin");
const COMMIT = P.query("commit");
const ROLLBACK = P.query("rollback");
/** The acting setup, bound to its values: no literal is ever built from the claims. */
const ACT_AS = "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)";

/**
 * Round trips are what PGlite costs (DESIGN.md), so every call below is one batch of messages:
 *
 * - `queryAs`: the bound acting setup and the statement, then Sync: one implicit transaction, so
 *   the settings end with it whatever happens.
 * - `transaction`: `begin`, the acting setup and `fn`'s first statement go together; each later
 *   statement is one call; `commit` (or `rollback`) is the last.
 * - A statement runs as a prepared statement (planned once per session); a text that may hold
 *   several (a `;` and no parameters) and `exec` run over the simple protocol, and the last
 *   statement's rows come back.
 */
function wrap(pg: PGlite, lock: DataDirLock | null): Driver & { pg: PGlite } {
  const statements = new Statements();

  /** One batch under PGlite's query lock. */
  async function call(parts: Uint8Array[], sync = false): Promise<P.Reply> {
    await pg._checkReady(); // throws once PGlite is closing or closed
    return await pg._runExclusiveQuery(async () => {
      const batch = P.join([...statements.takeCloses(), ...parts]);
      // Errors are read from the reply: the whole batch has run by then.
      const reply = await pg.execProtocolStream(batch, { syncToFs: false, throwOnError: false });
      if (sync) await pg.syncToFs();
      return P.readReply(reply, pg.parsers);
    });
  }

  /** The prepared statement for `sql`; the first use prepares it (one call, once). */
  async function prepared(sql: string): Promise<P.Prepared> {
    const hit = statements.get(sql);
    if (hit) return hit;
    const name = statements.nextName();
    const reply = await call(P.describe(name, sql));
    if (reply.error) throw reply.error;
    return statements.add(sql, { name, types: reply.types ?? [] });
  }

  /**
   * Messages running `sql` with `params`: a prepared statement, unless the text may hold several
   * statements (it has a `;` and no parameters), which only the simple protocol runs.
   */
  async function statement(sql: string, params: unknown[] = []): Promise<Uint8Array[]> {
    if (params.length === 0 && sql.includes(";")) return simple(sql);
    return [...P.run(await prepared(sql), params, pg.serializers, true), P.SYNC];
  }

  /** A simple query, after a Sync that ends any extended messages before it. */
  function simple(sql: string): Uint8Array[] {
    return [P.SYNC, P.query(sql)];
  }

  /** Rows of the last statement, or the error; a stale prepared statement is forgotten. */
  function rowsOf<T>(reply: P.Reply, sqls: string[]): T[] {
    if (reply.error) {
      const stale = P.staleStatement(reply.error);
      if (stale === "all") statements.clear(false);
      if (stale === "one") { for (const sql of sqls) statements.drop(sql); }
      throw reply.error;
    }
    return (reply.results.at(-1) ?? []) as T[];
  }

  /** Retries once when the session lost a prepared statement: the batch changed nothing. */
  async function once<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof messages.DatabaseError) || !P.staleStatement(err)) throw err;
      return await run();
    }
  }

  /** A statement outside any transaction; waits for one in progress to end. */
  function sessionQuery<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return pg._runExclusiveTransaction(() =>
      once(async () => rowsOf<T>(await call(await statement(sql, params), true), [sql]))
    );
  }

  /** Migrations, seeds, maintenance: always the simple protocol, nothing prepared. */
  function sessionExec(sql: string): Promise<void> {
    return pg._runExclusiveTransaction(async () => {
      rowsOf(await call(simple(sql), true), []);
    });
  }

  async function actingSetup(acting: Acting): Promise<Uint8Array[]> {
    return P.run(await prepared(ACT_AS), [acting.role, acting.claims], pg.serializers, false);
  }

  async function transaction<T>(fn: (tx: Tx) => Promise<T>, acting?: Acting): Promise<T> {
    return await pg._runExclusiveTransaction(async () => {
      let opened = false;
      let closed = false;
      const run = async <R>(sql: string, parts: Uint8Array[]): Promise<R[]> => {
        if (closed) throw new Error("This transaction has ended");
        const opening = opened ? [] : [BEGIN, ...(acting ? await actingSetup(acting) : [])];
        opened = true;
        return rowsOf<R>(await call([...opening, ...parts]), [sql]);
      };
      const tx: Tx = {
        async query<R>(sql: string, params?: unknown[]) {
          return await run<R>(sql, await statement(sql, params));
        },
        async exec(sql: string) {
          await run(sql, simple(sql));
        },
      };
      try {
        const result = await fn(tx);
        closed = true;
        if (opened) rowsOf(await call([COMMIT], true), []);
        return result;
      } catch (err) {
        if (opened && !closed) await call([ROLLBACK], true);
        closed = true;
        throw err;
      }
    });
  }

  return {
    kind: "pglite",
    pg,
    query: sessionQuery,
    exec: sessionExec,
    transaction,
    queryAs<T>(acting: Acting, sql: string, params: unknown[] = []) {
      return pg._runExclusiveTransaction(() =>
        once(async () => {
          const parts = [
            ...await actingSetup(acting),
            ...P.run(await prepared(sql), params, pg.serializers, true),
            P.SYNC,
          ];
          return rowsOf<T>(await call(parts, true), [ACT_AS, sql]);
        })
      );
    },
    async listen(channel, onPayload) {
      const unsub = await pg.listen(channel, onPayload);
      return async () => await unsub();
    },
    async refreshTypes() {
      await pg.refreshArrayTypes();
      await pruneArrayParsers(pg);
      // Migrations may have changed what a prepared statement's text means.
      statements.clear(true);
    },
    async close() {
      try {
        if (!pg.closed) await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
}
