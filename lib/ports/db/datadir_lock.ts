/**
 * One process at a time on an embedded data dir. PGlite takes no lock of its own (its
 * postmaster.pid says pid -42 and outlives a `kill -9`), and two processes writing one data dir
 * corrupt it. So whoever opens `<dir>` holds an exclusive OS lock (flock) on `<dir>.lock` beside
 * it: the dev server, `make backup`/`make restore`, db:serve, make_admin. The OS drops the lock
 * when the process ends, however it ends, so a crash leaves nothing stale.
 *
 * @module
 */

/** Another process (or another open in this one) holds the data dir. */
export class DataDirBusyError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The embedded database in ${dataDir} is open in another process (the dev server from ` +
        "`make dev`, `deno task db:serve`, or a backup or restore in progress). Stop it first.",
    );
    this.name = "DataDirBusyError";
  }
}

/** A held lock; `release()` is idempotent. */
export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/** The lock file of a data dir: `<dir>.lock`, outside the directory PGlite owns. */
export function lockFileOf(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, "")}.lock`;
}

/**
 * Takes the data dir's lock, retrying for `waitMs` (a `--watch` restart may still be closing the
 * old instance); throws DataDirBusyError when it stays held.
 */
export async function lockDataDir(dataDir: string, waitMs = 0): Promise<DataDirLock> {
  const file = lockFileOf(dataDir);
  const handle = await Deno.open(file, { create: true, write: true });
  const deadline = Date.now() + waitMs;
  try {
    while (!(await handle.tryLock(true))) {
      if (Date.now() >= deadline) throw new DataDirBusyError(dataDir);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (err) {
    handle.close();
    throw err;
  }
  let held = true;
  return {
    file,
    release() {
      if (!held) return;
      held = false;
      // Closing the descriptor drops the flock.
      handle.close();
    },
  };
}
