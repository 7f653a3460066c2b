/**
 * The embedded database over the Postgres wire protocol, for tools: psql, the Supabase CLI
 * (`db advisors`, `gen types`, `db diff`), GUI clients.
 *
 * ```sh
 * deno task db:serve                 # .data/db (the dev database), migrated and seeded
 * deno task db:serve --memory        # a throwaway migrated database
 * deno task db:serve --port 5433
 * ```
 *
 * PGlite is one session inside one process: stop the dev server before serving `.data/db`, and
 * expect one client at a time (`maxConnections: 1`). Clients must not ask for TLS, hence
 * `sslmode=disable` in the printed URL.
 *
 * @module
 */
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { loadConfig } from "../lib/platform/config.ts";
import { bootstrapSupabaseCompat, migrate, seed } from "../lib/ports/db/migrate.ts";
import { openPglite } from "../lib/ports/db/pglite.ts";
import type { Driver } from "../lib/ports/db/types.ts";
import type { PGlite } from "@electric-sql/pglite";

/** Where and what to serve. */
export interface ServeOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default 54322, Supabase's local database port. */
  port?: number;
  /** Serve a fresh migrated in-memory database instead of the data dir. */
  memory?: boolean;
  /** Data directory of the database; default `$DATA_DIR/db` (`.data/db`). */
  dataDir?: string;
}

/** A database being served; `close()` stops listening and closes PGlite (flushing the data dir). */
export interface ServedDatabase extends AsyncDisposable {
  /** A connection string any Postgres client accepts. */
  url: string;
  port: number;
  /** The database itself, for in-process queries while it is served. */
  driver: Driver & { pg: PGlite };
  /** Migration versions applied while opening. */
  migrated: string[];
  /** Whether `supabase/seed.sql` ran while opening. */
  seeded: boolean;
  close(): Promise<void>;
}

/**
 * Opens the embedded database, brings it up to date as the app would (compat bootstrap,
 * migrations, and the seed for a dev data dir) and listens on 127.0.0.1.
 *
 * ```ts
 * await using served = await serveDatabase({ port: 0, memory: true });
 * console.log(served.url);
 * ```
 */
export async function serveDatabase(opts: ServeOptions = {}): Promise<ServedDatabase> {
  const config = loadConfig();
  const dataDir = opts.memory ? undefined : opts.dataDir ?? `${config.DATA_DIR}/db`;
  // PGlite creates only the last path segment of its data dir.
  if (dataDir) await Deno.mkdir(dirname(dataDir), { recursive: true });
  const driver = await openPglite({ dataDir });
  try {
    await bootstrapSupabaseCompat(driver);
    const migrated = await migrate(driver);
    // Same rule as lib/platform/database.ts: only a dev database gets demo data.
    const seeded = dataDir !== undefined && config.APP_ENV === "dev" ? await seed(driver) : false;
    const server = new PGLiteSocketServer({
      db: driver.pg,
      host: "127.0.0.1",
      port: opts.port ?? 54322,
      maxConnections: 1,
    });
    await server.start();
    // With port 0 the server knows the real port only once it listens.
    const port = Number(server.getServerConn().split(":").pop());
    const url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
    let closed: Promise<void> | undefined;
    const close = () =>
      closed ??= (async () => {
        await server.stop();
        await driver.close();
      })();
    return { url, port, driver, migrated, seeded, close, [Symbol.asyncDispose]: close };
  } catch (err) {
    await driver.close();
    throw err;
  }
}

/** What a Supabase CLI run printed and how it exited. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const supabaseBin = new URL("../node_modules/.bin/supabase", import.meta.url);

/**
 * Runs the Supabase CLI from node_modules (`args` should target the database with
 * `--remote=<url>`). It runs in an empty scratch workdir: a db-url target needs nothing from
 * supabase/config.toml, whose settings are for `supabase start` and which the CLI validates
 * strictly on every command, and the CLI then writes no `supabase/.temp` into the project.
 */
export async function runSupabaseCli(args: string[]): Promise<CliResult> {
  const workdir = await Deno.makeTempDir({ prefix: "soundcheck-supabase-" });
  try {
    await Deno.mkdir(`${workdir}/supabase`);
    const out = await new Deno.Command(supabaseBin, {
      args: [...args, "--workdir", workdir],
      env: { DO_NOT_TRACK: "1", SUPABASE_TELEMETRY_DISABLED: "1" }, // no network but 127.0.0.1
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder();
    return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
  } finally {
    await Deno.remove(workdir, { recursive: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      port: { type: "string", default: "54322" },
      memory: { type: "boolean", default: false },
      "data-dir": { type: "string" },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a TCP port number, got "${values.port}"`);
  }
  const served = await serveDatabase({ port, memory: values.memory, dataDir: values["data-dir"] });
  const where = values.memory ? "in memory" : values["data-dir"] ?? `${loadConfig().DATA_DIR}/db`;
  console.log(`Serving the embedded database (${where}); Ctrl-C stops it.`);
  if (served.migrated.length) console.log(`Applied migrations: ${served.migrated.join(", ")}`);
  if (served.seeded) console.log("Ran supabase/seed.sql");
  console.log(served.url);
  const stop = async () => {
    await served.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
}

if (import.meta.main) await main();
