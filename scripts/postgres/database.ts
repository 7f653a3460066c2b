/**
 * Puts the schema into a cluster the way a user does on Supabase: Supabase's image SQL and the
 * services' stand-in (supabase_image.ts), then the real CLI's `supabase db push --include-seed`
 * run from the project root, connected as `postgres` as on Supabase.
 *
 * pg_cron can be created only in `cron.database_name` (`postgres`), and a migration creates it, so
 * the schema goes into `postgres`; copies for tests are made with `cloneDatabase`.
 *
 * @module
 */
import postgres from "postgres";
import type { Cluster } from "./cluster.ts";
import { applySupabaseImage, type Skipped } from "./supabase_image.ts";

const projectRoot = new URL("../../", import.meta.url);
const supabaseBin = new URL("node_modules/.bin/supabase", projectRoot).pathname;

/** What a CLI run printed and how it exited. */
export interface CliRun {
  code: number;
  /** What it printed on stdout. */
  stdout: string;
  /** stdout and stderr together. */
  output: string;
  ms: number;
}

/** Runs the Supabase CLI from the project root (so it finds supabase/), with no telemetry. */
export async function supabaseCli(args: string[]): Promise<CliRun> {
  const started = performance.now();
  const out = await new Deno.Command(supabaseBin, {
    args,
    cwd: projectRoot.pathname,
    env: { DO_NOT_TRACK: "1", SUPABASE_TELEMETRY_DISABLED: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  const stdout = text.decode(out.stdout);
  return {
    code: out.code,
    stdout,
    output: stdout + text.decode(out.stderr),
    ms: performance.now() - started,
  };
}

/** The migrated database and how it got there. */
export interface MigratedDatabase {
  /** `postgres`'s connection string to database `postgres`, as a project's DATABASE_URL. */
  url: string;
  /** Statements of the image SQL left out (extensions Debian lacks). */
  skipped: Skipped[];
  /** What `supabase db push` printed. */
  push: CliRun;
}

/**
 * Image SQL and stand-ins, `supabase db push` into `postgres`, then a copy of that migrated,
 * unseeded database kept as TEMPLATE_DB for tests. The seed is the caller's next step.
 */
export async function migrateDatabase(cluster: Cluster): Promise<MigratedDatabase> {
  const skipped = await applySupabaseImage(cluster);
  const url = cluster.url("postgres", "postgres");
  const push = await supabaseCli(["db", "push", `--remote=${url}`, "--yes"]);
  if (push.code !== 0) {
    throw new Error(`supabase db push failed (exit ${push.code}):\n${push.output}`);
  }
  await cloneDatabase(cluster, "postgres", TEMPLATE_DB);
  return { url, skipped, push };
}

/** The migrated, unseeded copy kept for tests to copy again (tests/_helpers/postgres.ts). */
export const TEMPLATE_DB = "soundcheck_template";

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * `create database <target> template <source>`. Nobody may be connected to the source meanwhile,
 * and pg_cron's launcher always is to `postgres`: its connections (and any other) are ended first;
 * the launcher comes back by itself a second later. Retried a few times for that reason.
 */
export async function cloneDatabase(cluster: Cluster, source: string, target: string) {
  if (!IDENT.test(source) || !IDENT.test(target)) throw new Error("plain database names only");
  // Connected to template1, never to the source.
  const sql = postgres(cluster.url("supabase_admin", "template1"), { max: 1, onnotice: () => {} });
  try {
    for (let attempt = 1;; attempt++) {
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
                where datname = ${source} and pid <> pg_backend_pid()`;
      try {
        // Owned by postgres, as Supabase's image makes its database (and as CLI users expect).
        await sql.unsafe(`create database ${target} owner postgres template ${source}`);
        return;
      } catch (err) {
        const busy = err instanceof Error && /being accessed by other users/.test(err.message);
        if (!busy || attempt >= 5) throw err;
      }
    }
  } finally {
    await sql.end();
  }
}
