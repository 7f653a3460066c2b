/**
 * A throwaway PostgreSQL 15 cluster (Debian's binaries) for the real-Postgres tier and its tests.
 *
 * `initdb` refuses to run as root, so as root every server command runs as the `postgres` user
 * (runuser), in a directory under /tmp that user owns. The bootstrap superuser is
 * `supabase_admin`, as in Supabase's image. The server listens on 127.0.0.1 at a free port, with
 * trust authentication (nothing but this machine can reach it, and it lives minutes), and loads
 * pg_cron as Supabase's does. `stop()` shuts it down and removes every file; a cluster whose
 * owning process died is removed by the next `startCluster()`.
 *
 * ```ts
 * await using cluster = await startCluster();
 * const url = cluster.url("postgres", "postgres");
 * ```
 *
 * @module
 */

export const PG_BIN = "/usr/lib/postgresql/15/bin";
const PREFIX = "soundcheck-pg-";
const TMP = "/tmp";

/** A running cluster; `stop()` (or `await using`) shuts it down and deletes its files. */
export interface Cluster extends AsyncDisposable {
  port: number;
  dir: string;
  /** A connection string for `user` (any password is accepted) on database `db`. */
  url(user?: string, db?: string): string;
  stop(): Promise<void>;
}

const isRoot = Deno.uid() === 0;

/** Runs a server program as the `postgres` user when this process is root; throws on failure. */
export async function runPg(program: string, args: string[]): Promise<string> {
  const [cmd, argv] = isRoot
    ? ["runuser", ["-u", "postgres", "--", `${PG_BIN}/${program}`, ...args]]
    : [`${PG_BIN}/${program}`, args];
  const out = await new Deno.Command(cmd, { args: argv, stdout: "piped", stderr: "piped" })
    .output();
  const text = new TextDecoder();
  const stdout = text.decode(out.stdout);
  if (!out.success) {
    throw new Error(`${program} ${args.join(" ")} failed:\n${stdout}${text.decode(out.stderr)}`);
  }
  return stdout;
}

/** A TCP port nothing listens on right now. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

function alive(pid: number): boolean {
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch {
    return false;
  }
}

/** Stops and removes clusters left by processes that died before their cleanup ran. */
async function removeOrphans(): Promise<void> {
  for await (const entry of Deno.readDir(TMP)) {
    if (!entry.isDirectory || !entry.name.startsWith(PREFIX)) continue;
    const dir = `${TMP}/${entry.name}`;
    const owner = Number(await Deno.readTextFile(`${dir}/owner.pid`).catch(() => "0"));
    if (owner && alive(owner)) continue;
    await shutdown(dir);
  }
}

async function shutdown(dir: string): Promise<void> {
  try {
    await Deno.stat(`${dir}/data/postmaster.pid`);
    await runPg("pg_ctl", ["-D", `${dir}/data`, "-m", "immediate", "-w", "stop"]);
  } catch {
    // not running, or already gone
  }
  await Deno.remove(dir, { recursive: true }).catch(() => {});
}

/** Options for `startCluster`. */
export interface ClusterOptions {
  /** Load pg_cron (`shared_preload_libraries`), with `cron.database_name = postgres`. Default true. */
  cron?: boolean;
}

/** Creates and starts a cluster; about 2 s. */
export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  await removeOrphans();
  const dir = await Deno.makeTempDir({ dir: TMP, prefix: PREFIX });
  await Deno.writeTextFile(`${dir}/owner.pid`, String(Deno.pid));
  try {
    await Deno.chmod(dir, 0o755);
    if (isRoot) {
      const pg = await new Deno.Command("id", { args: ["-u", "postgres"], stdout: "piped" })
        .output();
      const uid = Number(new TextDecoder().decode(pg.stdout).trim());
      if (!pg.success || !uid) throw new Error("no `postgres` user to run the server as");
      await Deno.chown(dir, uid, null);
    }
    const data = `${dir}/data`;
    await runPg("initdb", [
      "-D",
      data,
      "-U",
      "supabase_admin",
      "--auth=trust",
      "--encoding=UTF8",
      "--locale=C.UTF-8",
      "--no-sync",
    ]);
    const port = freePort();
    const settings = [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      "fsync = off", // a test cluster: speed over durability
      "synchronous_commit = off",
      "full_page_writes = off",
      "max_connections = 200",
      "shared_buffers = 128MB",
      "log_min_messages = warning",
    ];
    if (opts.cron !== false) {
      settings.push(
        "shared_preload_libraries = 'pg_cron'",
        "cron.database_name = 'postgres'",
        "cron.host = '127.0.0.1'",
      );
    }
    await Deno.writeTextFile(`${data}/postgresql.conf`, settings.join("\n") + "\n", {
      append: true,
    });
    await runPg("pg_ctl", ["-D", data, "-l", `${dir}/server.log`, "-w", "-t", "60", "start"]);
    let stopped: Promise<void> | undefined;
    const stop = () => stopped ??= shutdown(dir);
    return {
      port,
      dir,
      url: (user = "supabase_admin", db = "postgres") =>
        `postgresql://${user}:postgres@127.0.0.1:${port}/${db}?sslmode=disable`,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (err) {
    const log = await Deno.readTextFile(`${dir}/server.log`).catch(() => "");
    await shutdown(dir);
    if (log) throw new Error(`${err instanceof Error ? err.message : err}\nserver log:\n${log}`);
    throw err;
  }
}
