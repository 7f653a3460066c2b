/**
 * One request per interval per host, in this process: each caller gets the host's next free slot
 * and waits for it, so concurrent reads of one host queue up instead of bursting.
 *
 * @module
 */
import type { Db } from "../db/mod.ts";

export interface Pacer {
  /** Resolves when a request to `host` may start. */
  acquire(host: string): Promise<void>;
}

export function createPacer(intervalMs: number, now: () => number = Date.now): Pacer {
  const next = new Map<string, number>();
  return {
    async acquire(host) {
      const t = now();
      const slot = Math.max(t, next.get(host) ?? 0);
      next.set(host, slot + intervalMs);
      if (next.size > 10_000) {
        for (const [h, at] of next) if (at < t) next.delete(h);
      }
      if (slot > t) await new Promise((resolve) => setTimeout(resolve, slot - t));
    },
  };
}

/**
 * The same across processes: each host's next slot booked in the database
 * (private.take_scout_host_slot), for Postgres where the server's worker and pg_cron's calls to
 * functions/worker may read one host at once. A database that cannot answer falls back to `local`.
 */
export function createDbPacer(
  db: Db,
  intervalMs: number,
  local: Pacer = createPacer(intervalMs),
): Pacer {
  return {
    async acquire(host) {
      let wait: number;
      try {
        const [row] = await db.asService((tx) =>
          tx.query<{ wait: number }>(
            "select private.take_scout_host_slot($1::text, $2::int) as wait",
            [host, intervalMs],
          )
        );
        wait = Number(row.wait);
      } catch {
        return await local.acquire(host);
      }
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}
