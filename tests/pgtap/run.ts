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

const testsDir = new URL("../../supabase/tests/", import.meta.url);
const helpersFile = new URL("helpers.sql", import.meta.url);

/** One statement of a script and the 1-based line it starts on. */
export interface Statement {
  sql: string;
  line: number;
}

/**
 * Splits a script into statements on top-level semicolons, the way psql does: quotes, quoted
 * identifiers, dollar quotes and comments are skipped. Running statements one at a time keeps the
 * TAP lines printed before an error and lets the error name its line.
 */
export function splitSql(text: string): Statement[] {
  const out: Statement[] = [];
  let first = -1; // the current statement's first character that is not blank or a comment
  const push = (end: number) => {
    if (first >= 0) {
      const line = text.slice(0, first).split("\n").length;
      out.push({ sql: text.slice(first, end).trim(), line });
    }
    first = -1;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "-" && text[i + 1] === "-") {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      let depth = 0; // block comments nest in Postgres
      do {
        if (text.startsWith("/*", i)) (depth++, i += 2);
        else if (text.startsWith("*/", i)) (depth--, i += 2);
        else i++;
      } while (depth > 0 && i < text.length);
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (first < 0 && c !== ";") first = i;
    if (c === "'") {
      // E'...' strings take backslash escapes; standard strings only double the quote.
      const escapes = /[eE]/.test(text[i - 1] ?? "") && !/[\w$]/.test(text[i - 2] ?? "");
      i++;
      while (i < text.length) {
        if (escapes && text[i] === "\\") i += 2;
        else if (text[i] === "'" && text[i + 1] === "'") i += 2;
        else if (text[i] === "'") break;
        else i++;
      }
      i++;
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      i = end < 0 ? text.length : end + 1;
    } else if (c === "$" && !/[\w$]/.test(text[i - 1] ?? "")) {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64))?.[0];
      if (tag) {
        const end = text.indexOf(tag, i + tag.length);
        i = end < 0 ? text.length : end + tag.length;
      } else i++;
    } else if (c === ";") {
      push(i);
      i++;
    } else i++;
  }
  push(text.length);
  return out;
}

/** What one file's TAP output amounts to. */
export interface TapSummary {
  planned?: number;
  ran: number;
  passed: number;
  failed: number;
  todo: number;
}

/** Counts a TAP stream: results, TODO directives, and the plan line. */
export function summariseTap(lines: string[]): TapSummary {
  const s: TapSummary = { ran: 0, passed: 0, failed: 0, todo: 0 };
  for (const line of lines) {
    const plan = /^1\.\.(\d+)/.exec(line);
    if (plan) s.planned = Number(plan[1]);
    const result = /^(not )?ok\b/.exec(line);
    if (!result) continue;
    s.ran++;
    if (!result[1]) s.passed++;
    else if (/#\s*TODO\b/i.test(line)) s.todo++; // an expected failure, documented in the file
    else s.failed++;
  }
  return s;
}

// pgTAP rows are TAP lines; other rows (uuids from helpers, void results) are not part of the stream.
const TAP_LINE = /^(?:(?:not )?ok\b|\d+\.\.\d+|\s*#|Bail out!)/;

interface FileResult extends TapSummary {
  error?: string;
  ms: number;
}

function describeError(err: unknown, stmt: Statement, file: string): string {
  const e = err as { message?: string; code?: string; detail?: string; hint?: string };
  const parts = [`${file}:${stmt.line}: ERROR: ${e.message ?? String(err)}`];
  if (e.code) parts[0] += ` (SQLSTATE ${e.code})`;
  if (e.detail) parts.push(`DETAIL: ${e.detail}`);
  if (e.hint) parts.push(`HINT: ${e.hint}`);
  parts.push(`in: ${stmt.sql.split("\n")[0].slice(0, 120)}`);
  return parts.join("\n# ");
}

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
        for (const result of await driver.pg.exec(stmt.sql)) {
          for (const row of result.rows) {
            for (const value of Object.values(row)) {
              if (typeof value !== "string") continue;
              for (const line of value.split("\n")) {
                if (!TAP_LINE.test(line)) continue;
                lines.push(line);
                console.log(line);
              }
            }
          }
        }
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

async function testFiles(dir: URL, filters: string[]): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith(".test.sql")) names.push(entry.name);
  }
  return names
    .filter((n) => filters.length === 0 || filters.some((f) => n.includes(f)))
    .sort();
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
    const problems: string[] = [];
    if (r.failed) problems.push(`${r.failed} not ok`);
    if (r.error) problems.push("SQL error");
    else if (r.planned === undefined) problems.push("no plan");
    else if (r.planned !== r.ran) problems.push(`planned ${r.planned}, ran ${r.ran}`);
    passed += r.passed;
    failed += r.failed + (r.error || r.planned !== r.ran ? 1 : 0);
    const todo = r.todo ? `, ${r.todo} todo` : "";
    const verdict = problems.length ? `FAILED (${problems.join(", ")})` : "ok";
    console.log(
      `# ${name}: ${verdict}: ${r.passed}/${r.ran} passed${todo} in ${(r.ms / 1000).toFixed(2)} s`,
    );
  }
  console.log(`# ${files.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`pgTAP: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
