/**
 * Reads a pg_regress test the way psql runs it: the script (`test/sql/*.sql`) as statements,
 * comments and meta-commands, and the expected output (`test/expected/*.out`, psql's echo of the
 * input followed by each statement's notices, error or aligned table) as one block per statement.
 * Only what pgmq's `base.sql` uses: `;` or `\gset` ending a statement, `\set`, `:name` and
 * `:'name'` variables, NOTICE/WARNING/ERROR/CONTEXT lines and aligned tables.
 *
 * @module
 */

/** One input element, with the lines psql echoes for it. */
export type ScriptItem =
  | { kind: "sql"; lines: string[]; sql: string; gset: boolean }
  | { kind: "comment" | "meta"; lines: string[] };

/** What psql printed for one statement (or what a run produced, in the same shape). */
export interface Outcome {
  /** NOTICE and WARNING lines, as `SEVERITY: message`. */
  notices: string[];
  /** The error's message (the `ERROR:` line without its prefix); CONTEXT lines are not kept. */
  error?: string;
  /** The result table; absent for statements without one (`begin`, `\gset`, an error). */
  table?: { columns: string[]; rows: string[][] };
}

/** Scans `text` outside quotes and comments; `visit` sees each such index and may skip ahead. */
function scan(text: string, visit: (i: number) => number | void): void {
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "'") {
      i = text.indexOf("'", i + 1);
      while (i >= 0 && text[i + 1] === "'") i = text.indexOf("'", i + 2);
      i = i < 0 ? text.length : i + 1;
    } else if (c === "$" && /^\$[A-Za-z_]*\$/.test(text.slice(i))) {
      const tag = text.slice(i).match(/^\$[A-Za-z_]*\$/)![0];
      const end = text.indexOf(tag, i + tag.length);
      i = end < 0 ? text.length : end + tag.length;
    } else if (c === "-" && text[i + 1] === "-") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
    } else {
      i = visit(i) ?? i + 1;
    }
  }
}

/** Splits a psql script into statements, comment lines and meta-commands, in order. */
export function parseScript(text: string): ScriptItem[] {
  const items: ScriptItem[] = [];
  let buf: string[] = [];
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (buf.length === 0) {
      if (t === "") continue; // psql does not echo blank lines between statements
      if (t.startsWith("--")) {
        items.push({ kind: "comment", lines: [line] });
        continue;
      }
      if (t.startsWith("\\")) {
        items.push({ kind: "meta", lines: [line] });
        continue;
      }
    }
    buf.push(line);
    const joined = buf.join("\n");
    let end: { at: number; gset: boolean } | null = null;
    scan(joined, (i) => {
      if (end) return joined.length;
      if (joined[i] === ";") end = { at: i, gset: false };
      else if (joined.startsWith("\\gset", i)) end = { at: i, gset: true };
    });
    if (end) {
      const { at, gset } = end as { at: number; gset: boolean };
      items.push({ kind: "sql", lines: buf, sql: joined.slice(0, at).trim(), gset });
      buf = [];
    }
  }
  if (buf.length) throw new Error(`unterminated statement: ${buf.join("\n")}`);
  return items;
}

/** Quotes `value` as an SQL string literal, as psql's `:'name'` does. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Replaces psql variables (`:name`, `:'name'`) outside quotes; `::` casts and unknown names stay. */
export function interpolate(sql: string, vars: Map<string, string>): string {
  let out = "";
  let last = 0;
  scan(sql, (i) => {
    if (sql[i] !== ":") return;
    if (sql[i + 1] === ":") return i + 2;
    const m = sql.slice(i + 1).match(/^('?)([A-Za-z_][A-Za-z0-9_]*)\1/);
    if (!m || !vars.has(m[2])) return;
    const value = vars.get(m[2])!;
    out += sql.slice(last, i) + (m[1] ? quoteLiteral(value) : value);
    last = i + 1 + m[0].length;
    return last;
  });
  return out + sql.slice(last);
}

/** Applies a `\set name value…` meta-command to `vars` (psql joins the values without spaces). */
export function applyMeta(line: string, vars: Map<string, string>): void {
  const [cmd, name, ...values] = line.trim().split(/\s+/);
  if (cmd === "\\set" && name) vars.set(name, values.join(""));
}

const MESSAGE = /^(ERROR|NOTICE|WARNING|CONTEXT|INFO|DETAIL|HINT): {2}(.*)$/;

/** Parses one statement's block of psql output (without the echoed input). */
export function parseOutcome(lines: string[]): Outcome {
  const outcome: Outcome = { notices: [] };
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const m = line.match(MESSAGE);
    if (m) {
      if (m[1] === "ERROR") outcome.error = m[2];
      else if (m[1] === "NOTICE" || m[1] === "WARNING") outcome.notices.push(`${m[1]}: ${m[2]}`);
      continue;
    }
    if (outcome.error !== undefined || line === "") continue; // CONTEXT continuation lines
    if (line.startsWith(" ") && /^-+(\+-+)*$/.test(lines[i + 1] ?? "")) break;
    // A line after CONTEXT:, or a stray one: skip it, it is context of the message above.
  }
  if (i >= lines.length) return outcome;
  const cells = (l: string) => l.split("|").map((c) => c.trim());
  const columns = cells(lines[i]);
  const rows: string[][] = [];
  for (i += 2; i < lines.length; i++) {
    const count = lines[i].match(/^\((\d+) rows?\)$/);
    if (count) {
      if (Number(count[1]) !== rows.length) throw new Error(`row count ${count[1]} != ${rows}`);
      return { ...outcome, table: { columns, rows } };
    }
    rows.push(cells(lines[i]));
  }
  throw new Error(`table without a row count: ${lines.join("\n")}`);
}

/**
 * Pairs each statement of `items` with its block in `expected` (psql's echo of every input line
 * but blank ones, then the statement's output). Throws when the echo does not follow the script.
 */
export function expectedOutcomes(items: ScriptItem[], expected: string): Outcome[] {
  const out = expected.split("\n");
  let pos = 0;
  const echoAt = (item: ScriptItem, at: number) => item.lines.every((l, k) => out[at + k] === l);
  const outcomes: Outcome[] = [];
  items.forEach((item, n) => {
    if (!echoAt(item, pos)) {
      throw new Error(`expected output line ${pos + 1} is not the echo of: ${item.lines[0]}`);
    }
    pos += item.lines.length;
    if (item.kind !== "sql") return;
    const next = items[n + 1];
    const start = pos;
    while (pos < out.length && !(next && echoAt(next, pos))) pos++;
    outcomes.push(parseOutcome(out.slice(start, pos)));
  });
  return outcomes;
}

/** The statements only: what `expectedOutcomes` returns one outcome for, in the same order. */
export function statements(items: ScriptItem[]): Extract<ScriptItem, { kind: "sql" }>[] {
  return items.filter((i): i is Extract<ScriptItem, { kind: "sql" }> => i.kind === "sql");
}
