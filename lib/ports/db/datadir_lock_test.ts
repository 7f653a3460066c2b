import { DataDirBusyError, lockDataDir } from "./datadir_lock.ts";

Deno.test("datadir lock - one holder at a time, free again after release", async () => {
  const dir = await Deno.makeTempDir({ prefix: "soundcheck-lock-" });
  try {
    const first = await lockDataDir(`${dir}/db`);
    const err = await lockDataDir(`${dir}/db`).then(() => null, (e) => e);
    if (!(err instanceof DataDirBusyError)) throw new Error(`expected busy, got ${err}`);
    first.release();
    first.release(); // idempotent
    (await lockDataDir(`${dir}/db`)).release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
