/**
 * Reading pgTAP scripts and their output, shared by the embedded runner (run.ts) and the
 * real-Postgres one (run_postgres.ts): statements split as psql splits them, TAP lines picked out
 * of result rows, a file's TAP stream counted.
 *
 * @module
 */

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
export const TAP_LINE = /^(?:(?:not )?ok\b|\d+\.\.\d+|\s*#|Bail out!)/;

export function describeError(err: unknown, stmt: Statement, file: string): string {
  const e = err as { message?: string; code?: string; detail?: string; hint?: string };
  const parts = [`${file}:${stmt.line}: ERROR: ${e.message ?? String(err)}`];
  if (e.code) parts[0] += ` (SQLSTATE ${e.code})`;
  if (e.detail) parts.push(`DETAIL: ${e.detail}`);
  if (e.hint) parts.push(`HINT: ${e.hint}`);
  parts.push(`in: ${stmt.sql.split("\n")[0].slice(0, 120)}`);
  return parts.join("\n# ");
}

/** One file's run: its TAP counts, the error that stopped it (if any) and how long it took. */
export interface FileResult extends TapSummary {
  error?: string;
  ms: number;
}

/**
 * Prints a file's verdict line and returns what it adds to the run's summary: its passed
 * assertions, and its failures (failed assertions, plus one for a plan mismatch or an error).
 */
export function reportFile(name: string, r: FileResult): { passed: number; failed: number } {
  const problems: string[] = [];
  if (r.failed) problems.push(`${r.failed} not ok`);
  if (r.error) problems.push("SQL error");
  else if (r.planned === undefined) problems.push("no plan");
  else if (r.planned !== r.ran) problems.push(`planned ${r.planned}, ran ${r.ran}`);
  const todo = r.todo ? `, ${r.todo} todo` : "";
  const verdict = problems.length ? `FAILED (${problems.join(", ")})` : "ok";
  console.log(
    `# ${name}: ${verdict}: ${r.passed}/${r.ran} passed${todo} in ${(r.ms / 1000).toFixed(2)} s`,
  );
  return { passed: r.passed, failed: r.failed + (r.error || r.planned !== r.ran ? 1 : 0) };
}

/** The `*.test.sql` files of `dir` whose names contain one of `filters` (all without), sorted. */
export async function testFiles(dir: URL, filters: string[] = []): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith(".test.sql")) names.push(entry.name);
  }
  return names
    .filter((n) => filters.length === 0 || filters.some((f) => n.includes(f)))
    .sort();
}

/** Prints and keeps the TAP lines in a statement's result rows (pgTAP returns them as text). */
export function collectTap(rows: Iterable<Record<string, unknown>>, lines: string[]): void {
  for (const row of rows) {
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
