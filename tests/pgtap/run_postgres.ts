/**
 * pgTAP on a real PostgreSQL database, as `pg_prove` runs it: every `supabase/tests/*.test.sql`
 * in one transaction on its own connection, rolled back at the end whatever the file does.
 * The sibling of run.ts (the embedded runner), with the same statement splitting, TAP counting and
 * summary line, `pgTAP: <passed> passed, <failed> failed`.
 *
 * ```sh
 * deno run -A tests/pgtap/run_postgres.ts <database-url> [name-filter...]
 * ```
 *
 * The database must be migrated (scripts/postgres/ builds one). pgTAP and tests/pgtap/helpers.sql
 * are installed first, as `installAs` (default: the database URL's user); the files then run as
 * the database URL's user: `postgres` on a Supabase-shaped database, as `supabase test db` does.
 *
 * @module
 */
import postgres from "postgres";
import {
  collectTap,
  describeError,
  type FileResult,
  reportFile,
  splitSql,
  summariseTap,
  testFiles,
} from "./tap.ts";

const testsDir = new URL("../../supabase/tests/", import.meta.url);
const helpersFile = new URL("helpers.sql", import.meta.url);

/** The whole run: assertions passed and failures, as the summary line counts them. */
export interface PgtapRun {
  files: number;
  passed: number;
  failed: number;
}

/** Installs pgTAP (in `extensions`, as Supabase has it) and the test helpers. */
async function install(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe("create extension if not exists pgtap with schema extensions");
    // Migrations revoke the default EXECUTE on new functions; tests assert as anon/authenticated.
    await sql.unsafe("grant execute on all functions in schema extensions to public");
    await sql.unsafe(await Deno.readTextFile(helpersFile));
  } finally {
    await sql.end();
  }
}

async function runFile(sql: postgres.Sql, dir: URL, name: string): Promise<FileResult> {
  const started = performance.now();
  const statements = splitSql(await Deno.readTextFile(new URL(name, dir)));
  const lines: string[] = [];
  let error: string | undefined;
  const conn = await sql.reserve();
  try {
    await conn.unsafe("set search_path = public, extensions, tests");
    const ownTransaction = /^(begin|start\s+transaction)\b/i.test(statements[0]?.sql ?? "");
    if (!ownTransaction) statements.unshift({ sql: "begin", line: 1 });
    for (const stmt of statements) {
      // The file's own end is replaced by the rollback below: nothing a file does may last.
      if (/^(commit|end|rollback|abort)(\s+(work|transaction))?$/i.test(stmt.sql)) continue;
      try {
        collectTap(await conn.unsafe(stmt.sql), lines);
      } catch (err) {
        error = describeError(err, stmt, name);
        console.log(`not ok - ${error}`);
        break;
      }
    }
  } finally {
    await conn.unsafe("rollback").catch(() => {});
    conn.release();
  }
  return { ...summariseTap(lines), error, ms: performance.now() - started };
}

/** Runs the matching files of `supabase/tests/` against `url`; prints TAP and the summary. */
export async function runPgtap(
  url: string,
  opts: { filters?: string[]; installAs?: string; dir?: URL } = {},
): Promise<PgtapRun> {
  const dir = opts.dir ?? testsDir;
  const started = performance.now();
  const files = await testFiles(dir, opts.filters);
  if (files.length === 0) {
    console.log("pgTAP: 0 passed, 1 failed");
    return { files: 0, passed: 0, failed: 1 };
  }
  await install(opts.installAs ?? url);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  let passed = 0;
  let failed = 0;
  try {
    for (const name of files) {
      console.log(`# ${name}`);
      const tally = reportFile(name, await runFile(sql, dir, name));
      passed += tally.passed;
      failed += tally.failed;
    }
  } finally {
    await sql.end();
  }
  console.log(`# ${files.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`pgTAP: ${passed} passed, ${failed} failed`);
  return { files: files.length, passed, failed };
}

if (import.meta.main) {
  const [url, ...filters] = Deno.args;
  if (!url) {
    console.error("usage: run_postgres.ts <database-url> [name-filter...]");
    Deno.exit(2);
  }
  const run = await runPgtap(url, { filters });
  Deno.exit(run.failed ? 1 : 0);
}
