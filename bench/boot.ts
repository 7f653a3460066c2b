/**
 * Boot to first byte: spawns `deno run -A main.ts` (APP_ENV=dev, its own temp DATA_DIR, a free
 * port) and times it until the first successful `GET /`, then stops it with SIGTERM.
 *
 * @module
 */

export interface BootOptions {
  root: string;
  dataDir: string;
  /** Gives up (and fails the bench) after this long. */
  timeoutMs?: number;
}

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

export interface Boot {
  /** From spawn to the first 200 on `GET /`. */
  firstByteMs: number;
  /** main.ts's own "ready in N ms" (after its imports are loaded), when it printed one. */
  readyMs: number | null;
}

export async function bootFirstByte(
  { root, dataDir, timeoutMs = 120_000 }: BootOptions,
): Promise<Boot> {
  const port = freePort();
  const env: Record<string, string> = {
    APP_ENV: "dev",
    DATA_DIR: dataDir,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
  };
  const url = `http://127.0.0.1:${port}/`;
  const t0 = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    cwd: root,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const output = child.output(); // drains the pipes while the server runs
  let exited = false;
  child.status.then(() => exited = true);
  const client = Deno.createHttpClient({ poolMaxIdlePerHost: 0 });
  let firstByteMs = 0;
  try {
    while (true) {
      if (exited) {
        const out = await output;
        throw new Error(
          `main.ts exited during boot:\n${new TextDecoder().decode(out.stderr).slice(-2000)}`,
        );
      }
      if (performance.now() - t0 > timeoutMs) {
        throw new Error(`main.ts did not answer ${url} in ${timeoutMs} ms`);
      }
      try {
        const res = await fetch(url, { client, redirect: "manual" });
        await res.body?.cancel();
        if (res.status === 200) {
          firstByteMs = performance.now() - t0;
          break;
        }
        throw new Error(`GET / answered ${res.status} during boot`);
      } catch (err) {
        if (!(err instanceof TypeError)) throw err; // connection refused: not listening yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    client.close();
    if (!exited) child.kill("SIGTERM");
    const killer = setTimeout(() => !exited && child.kill("SIGKILL"), 10_000);
    await output;
    clearTimeout(killer);
  }
  const stdout = new TextDecoder().decode((await output).stdout);
  const ready = stdout.match(/ready in (\d+) ms/);
  return { firstByteMs, readyMs: ready ? Number(ready[1]) : null };
}
