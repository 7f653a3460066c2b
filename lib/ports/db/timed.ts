/**
 * A driver that reports how long each statement takes: wrapped once around the platform's driver
 * (lib/platform/mod.ts), so every query of `asUser`, `asService` and the driver itself is timed
 * in one place. Inside a transaction each statement is timed on its own, so the time counts the
 * database's work, not the app's code between statements.
 *
 * @module
 */
import type { Driver, Tx } from "./types.ts";

/** Called with each statement's duration in seconds. */
export type ObserveSeconds = (seconds: number) => void;

async function timed<T>(observe: ObserveSeconds, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await run();
  } finally {
    observe((performance.now() - t0) / 1000);
  }
}

function timedTx(tx: Tx, observe: ObserveSeconds): Tx {
  return {
    query: (sql, params) => timed(observe, () => tx.query(sql, params)),
    exec: (sql) => timed(observe, () => tx.exec(sql)),
  };
}

/**
 * `driver` with every statement's duration passed to `observe`. Its other fields (PGlite's `pg`,
 * which tools and benches load data through) are kept.
 */
export function timedDriver<D extends Driver>(driver: D, observe: ObserveSeconds): D {
  return {
    ...driver,
    kind: driver.kind,
    query: (sql, params) => timed(observe, () => driver.query(sql, params)),
    exec: (sql) => timed(observe, () => driver.exec(sql)),
    queryAs: (acting, sql, params) => timed(observe, () => driver.queryAs(acting, sql, params)),
    transaction: (fn, acting) => driver.transaction((tx) => fn(timedTx(tx, observe)), acting),
    listen: (channel, onPayload) => driver.listen(channel, onPayload),
    close: () => driver.close(),
    refreshTypes: driver.refreshTypes && (() => driver.refreshTypes!()),
  };
}
