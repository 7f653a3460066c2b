/**
 * Fresh migrated databases on real PostgreSQL 15 (pgvector, pgmq, pg_cron), for integration and
 * race tests: what PGlite, one transaction at a time, cannot show.
 *
 * The schema goes in as on Supabase: Supabase's image SQL, the services' stand-in, then
 * `supabase db push` (scripts/postgres/). That migrated, unseeded database is a template;
 * `freshDatabase()` copies it (`create database … template …`, a fraction of a second), so every
 * test gets its own database and nothing leaks between tests.
 *
 * - Under the tier (`make test-postgres` runs `deno test tests/postgres/`), `TEST_DATABASE_URL`
 *   names a migrated database of the tier's cluster for the test run to use as it is, and
 *   `TEST_DATABASE_TEMPLATE` the template (`soundcheck_template`) in that cluster.
 * - Without it, `startPostgres()` makes its own throwaway cluster (about 6 s), which needs
 *   the packages `bash scripts/postgres/install.sh` installs; `postgresAvailable()` says whether
 *   either way can work, for `ignore:`.
 *
 * ```ts
 * const pg = postgresAvailable() ? await startPostgres() : undefined;
 * Deno.test({ name: "bookings - two accepts at once", ignore: !pg, async fn() {
 *   const url = await pg!.freshDatabase();           // supabase_admin on a new copy
 *   const asPostgres = withUser(url, "postgres");    // the role a project's DATABASE_URL uses
 *   // … open connections, race them …
 * }});
 * // at the end: await pg?.stop();  (drops the copies; stops the cluster if it started one)
 * ```
 *
 * URLs carry any password: the cluster trusts 127.0.0.1, the only address it listens on.
 *
 * @module
 */
import postgres from "postgres";
import { PG_BIN, startCluster } from "../../scripts/postgres/cluster.ts";
import { migrateDatabase, TEMPLATE_DB } from "../../scripts/postgres/database.ts";

export { TEMPLATE_DB };

/** Real Postgres for tests; `stop()` (or `await using`) drops what it made. */
export interface TestPostgres extends AsyncDisposable {
  /** A migrated database to use as it is (superuser): the tier's TEST_DATABASE_URL, or `postgres`. */
  url: string;
  /** A new copy of the migrated, unseeded template; its URL as `supabase_admin` (superuser). */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** `url` with another user (`postgres` is what a project's DATABASE_URL uses on Supabase). */
export function withUser(url: string, user: string): string {
  const u = new URL(url);
  u.username = user;
  return u.toString();
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** True when a test can get real Postgres: under the tier, or with the packages installed. */
export function postgresAvailable(): boolean {
  if (Deno.env.get("TEST_DATABASE_URL")) return true;
  try {
    Deno.statSync(`${PG_BIN}/initdb`);
    Deno.statSync("/usr/share/postgresql/15/extension/pgmq.control");
    Deno.statSync("/usr/share/postgresql/15/extension/vector.control");
    return true;
  } catch {
    return false;
  }
}

/** Uses the tier's cluster when TEST_DATABASE_URL is set, else starts one (about 6 s). */
export async function startPostgres(): Promise<TestPostgres> {
  const given = Deno.env.get("TEST_DATABASE_URL");
  if (given) {
    const template = Deno.env.get("TEST_DATABASE_TEMPLATE") ?? TEMPLATE_DB;
    return copies(given, template, async () => {});
  }
  if (!postgresAvailable()) {
    throw new Error(
      "PostgreSQL 15 with pgvector and pgmq is not installed: run `bash scripts/postgres/install.sh`",
    );
  }
  const cluster = await startCluster();
  try {
    await migrateDatabase(cluster);
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return copies(cluster.url("supabase_admin", "postgres"), TEMPLATE_DB, () => cluster.stop());
}

let serial = 0;

function copies(url: string, template: string, done: () => Promise<void>): TestPostgres {
  if (!/^[a-z_][a-z0-9_]*$/.test(template)) throw new Error(`odd template name ${template}`);
  // CREATE DATABASE runs from template1: a connection to the template would block the copy.
  const admin = postgres(withDatabase(withUser(url, "supabase_admin"), "template1"), {
    max: 1,
    onnotice: () => {},
  });
  const made: string[] = [];
  let stopped: Promise<void> | undefined;
  const stop = () =>
    stopped ??= (async () => {
      try {
        for (const db of made) await admin.unsafe(`drop database if exists ${db} with (force)`);
      } finally {
        await admin.end();
        await done();
      }
    })();
  return {
    url,
    async freshDatabase() {
      const name = `test_${Deno.pid}_${++serial}_${crypto.randomUUID().slice(0, 8)}`;
      await admin.unsafe(`create database ${name} owner postgres template ${template}`);
      made.push(name);
      return withDatabase(withUser(url, "supabase_admin"), name);
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/**
 * Under the tier (TEST_DATABASE_URL set), a fresh copy of the template for one test app, and how
 * to drop it; null otherwise. One short connection each way, so no test holds one open.
 */
export async function databaseForTestApp(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const given = Deno.env.get("TEST_DATABASE_URL");
  if (!given) return null;
  const template = Deno.env.get("TEST_DATABASE_TEMPLATE") ?? TEMPLATE_DB;
  const name = `app_${Deno.pid}_${++serial}_${crypto.randomUUID().slice(0, 8)}`;
  const admin = () =>
    postgres(withDatabase(withUser(given, "supabase_admin"), "template1"), {
      max: 1,
      onnotice: () => {},
    });
  const once = async (sql: string) => {
    const a = admin();
    try {
      await a.unsafe(sql);
    } finally {
      await a.end();
    }
  };
  await once(`create database ${name} owner postgres template ${template}`);
  return {
    url: withDatabase(withUser(given, "supabase_admin"), name),
    drop: () => once(`drop database if exists ${name} with (force)`),
  };
}
