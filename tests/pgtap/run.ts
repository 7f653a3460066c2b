/**
 * pgTAP on the embedded database: `deno task test:db [name-filter...]`.
 *
 * Each `supabase/tests/*.test.sql` file runs in its own fresh PGlite opened from a cached snapshot
 * (migrations + pgTAP + `tests/pgtap/helpers.sql`), so files cannot see each other's rows even if
 * one forgets its `rollback`. A file without its own `begin` is wrapped in one, because the
 * helpers set the role transaction-locally. The TAP output is printed as it is collected; the run
 * fails on any `not ok` (TODO excepted), a plan that does not match, or an SQL error.
 *
 * The last line is the summary: `pgTAP: <assertions passed> passed, <failures> failed`, where a
 * failure is a failed assertion, a file whose plan did not match, or a file stopped by an error.
 *
 * @module
 */
import { openPglite } from "../../lib/ports/db/pglite.ts";
import { cachedSnapshot, migratedSnapshot, type Snapshot } from "../_helpers/db.ts";
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

export { splitSql, type Statement, summariseTap, type TapSummary } from "./tap.ts";

async function runFile(snapshot: Snapshot, dir: URL, name: string): Promise<FileResult> {
  const started = performance.now();
  const statements = splitSql(await Deno.readTextFile(new URL(name, dir)));
  const driver = await openPglite({ loadDataDir: snapshot.tar });
  const lines: string[] = [];
  let error: string | undefined;
  try {
    // pgTAP lives in `extensions` and calls itself unqualified; the helpers live in `tests`.
    await driver.exec("set search_path = public, extensions, tests");
    const ownTransaction = /^(begin|start\s+transaction)\b/i.test(statements[0]?.sql ?? "");
    if (!ownTransaction) statements.unshift({ sql: "begin", line: 1 });
    for (const stmt of statements) {
      try {
        for (const result of await driver.pg.exec(stmt.sql)) collectTap(result.rows, lines);
      } catch (err) {
        error = describeError(err, stmt, name);
        console.log(`not ok - ${error}`);
        break;
      }
    }
  } finally {
    await driver.close(); // the rollback is implied: the copy is thrown away
  }
  return { ...summariseTap(lines), error, ms: performance.now() - started };
}

/** Builds (or reads the cached) snapshot with pgTAP and the helpers installed. */
async function pgtapSnapshot(): Promise<Snapshot> {
  // Migrations revoke the default EXECUTE on new functions, so pgTAP's own need an explicit grant
  // for tests that assert while acting as anon or authenticated.
  const install = `create extension if not exists pgtap with schema extensions;
    grant execute on all functions in schema extensions to public;`;
  const helpers = await Deno.readTextFile(helpersFile);
  return await cachedSnapshot("pgtap-snapshot", [install, helpers], async (driver) => {
    await driver.exec(install);
    await driver.exec(helpers);
  }, await migratedSnapshot());
}

/**
 * Runs the `*.test.sql` files of `dir` (default `supabase/tests/`) whose names contain one of
 * `filters` (all when empty); returns the process exit code.
 */
export async function main(filters: string[], dir: URL = testsDir): Promise<number> {
  const started = performance.now();
  const files = await testFiles(dir, filters);
  if (files.length === 0) {
    console.log(`# no supabase/tests/*.test.sql file matches ${filters.join(" ") || "anything"}`);
    console.log("pgTAP: 0 passed, 1 failed");
    return 1;
  }
  const snapshot = await pgtapSnapshot();
  let passed = 0;
  let failed = 0;
  for (const name of files) {
    console.log(`# ${name}`);
    const r = await runFile(snapshot, dir, name);
    const tally = reportFile(name, r);
    passed += tally.passed;
    failed += tally.failed;
  }
  console.log(`# ${files.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`pgTAP: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
