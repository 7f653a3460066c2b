/**
 * Backups when DATABASE_URL points the embedded platform at a Postgres of its own: `pg_dump` /
 * `pg_restore` from PATH. The row counts and the dump read one exported snapshot, so they agree
 * even while the app keeps writing.
 *
 * @module
 */
import { openPostgres } from "../../lib/ports/db/postgres.ts";
import { bootstrapSupabaseCompat, migrate } from "../../lib/ports/db/migrate.ts";
import { countRows, latestMigration, type Manifest, serverVersion } from "./manifest.ts";

/** A step the operator can fix (missing tool, busy database): printed without a stack. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

async function run(tool: string, args: string[]): Promise<void> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command(tool, { args, stdout: "piped", stderr: "piped" }).output();
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new BackupError(
        `${tool} is not on PATH: backups of a DATABASE_URL database need the PostgreSQL client ` +
          "tools (Debian: apt-get install postgresql-client, matching the server's version).",
      );
    }
    throw err;
  }
  if (!out.success) {
    throw new BackupError(`${tool} failed: ${new TextDecoder().decode(out.stderr).trim()}`);
  }
}

export interface PgDumped {
  tables: Record<string, number>;
  migration: Manifest["migration"];
  serverVersion: string;
}

/** `pg_dump --format=custom` into `file`, with the row counts of the same snapshot. */
export async function dumpPostgres(url: string, file: string): Promise<PgDumped> {
  const driver = openPostgres(url);
  try {
    return await driver.transaction(async (tx) => {
      await tx.exec("set transaction isolation level repeatable read, read only");
      const [{ snapshot }] = await tx.query<{ snapshot: string }>(
        "select pg_export_snapshot() as snapshot",
      );
      const facts = {
        tables: await countRows(tx),
        migration: await latestMigration(tx),
        serverVersion: await serverVersion(tx),
      };
      // pg_dump joins the snapshot while this transaction holds it open.
      await run("pg_dump", ["--format=custom", `--snapshot=${snapshot}`, `--file=${file}`, url]);
      return facts;
    });
  } finally {
    await driver.close();
  }
}

/** Client sessions on the database other than ours: a running app shows up here. */
export async function otherSessions(url: string): Promise<number> {
  const driver = openPostgres(url);
  try {
    const [{ n }] = await driver.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()
          and backend_type = 'client backend'`,
    );
    return n;
  } finally {
    await driver.close();
  }
}

/**
 * `pg_restore --clean` of `file` in one transaction, then the row counts as restored, then the
 * migrations the backup predates.
 */
export async function restorePostgres(
  url: string,
  file: string,
): Promise<{ tables: Record<string, number>; migrated: string[] }> {
  await run("pg_restore", [
    "--clean",
    "--if-exists",
    "--single-transaction",
    "--exit-on-error",
    `--dbname=${url}`,
    file,
  ]);
  const driver = openPostgres(url);
  try {
    const tables = await countRows(driver);
    await bootstrapSupabaseCompat(driver);
    return { tables, migrated: await migrate(driver) };
  } finally {
    await driver.close();
  }
}
