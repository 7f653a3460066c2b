/**
 * What every CSV import does around its own row checks: find the columns in the header by name
 * or alias, check each record's width, collect every bad row with its line (capped, with a count
 * of the rest), refuse a key the file already had, and return no rows at all when anything was
 * wrong, so a caller cannot import half a file by mistake.
 *
 * @module
 */
import type { RowError } from "../types.ts";
import { CsvError, readCsv } from "../../../shared/csv.ts";
import { headerName } from "./fields.ts";

/** A column an import needs: its name and the other names exports give it. */
export interface Column {
  name: string;
  aliases: readonly string[];
}

export interface ImportOptions {
  /** Data rows accepted (default 1,000,000): a bigger file is refused, not read to the end. */
  maxRows?: number;
  /** Errors listed (default 100); one more entry then says how many were left out. */
  maxErrors?: number;
}

/**
 * `rows` is empty whenever `errors` is not: import all of a file or none of it. `total` counts
 * the data rows read (the header excluded).
 */
export interface ImportResult<Row> {
  rows: Row[];
  errors: RowError[];
  total: number;
}

export interface TableSpec<Row> {
  columns: readonly Column[];
  /**
   * The row from a record, where column `i`'s value is `fields[at[i]]`; calls `bad` for each
   * refused field and then returns null.
   */
  read(
    fields: string[],
    at: readonly number[],
    bad: (field: string, message: string) => void,
  ): Row | null;
  /**
   * Rows with the same key are the same row (the import's idempotency key), given in two parts,
   * a group and the row within it: nested maps measured ~2.5x faster than one joined string.
   */
  key(row: Row): readonly [group: string, item: string | number];
  /** The key in words: "track, date and country". */
  keyLabel: string;
}

/** Where each column is in the header (by its name first, then by each alias in turn). */
function locate(header: string[], columns: readonly Column[]): { at: number[]; missing: Column[] } {
  const names = header.map(headerName);
  const at: number[] = [];
  const missing: Column[] = [];
  for (const col of columns) {
    let idx = -1;
    for (const alias of [col.name, ...col.aliases]) {
      idx = names.indexOf(alias);
      if (idx >= 0) break;
    }
    if (idx < 0) missing.push(col);
    at.push(idx);
  }
  return { at, missing };
}

/** Reads `text` as a table of `spec` rows; see `ImportResult`. */
export function importTable<Row>(
  text: string,
  spec: TableSpec<Row>,
  opts: ImportOptions = {},
): ImportResult<Row> {
  const maxRows = opts.maxRows ?? 1_000_000;
  const maxErrors = opts.maxErrors ?? 100;
  const rows: Row[] = [];
  const errors: RowError[] = [];
  let more = 0;
  let moreFrom = 0;
  const report = (line: number, field: string | null, message: string) => {
    if (errors.length < maxErrors) errors.push({ line, field, message });
    else if (more++ === 0) moreFrom = line;
  };
  let line = 1;
  const bad = (field: string, message: string) => report(line, field, `${field} ${message}`);

  let total = 0;
  let width = 0;
  let at: number[] | null = null;
  const seen = new Map<string, Map<string | number, number>>();
  try {
    for (const record of readCsv(text)) {
      line = record.line;
      const fields = record.fields;
      if (at === null) {
        const found = locate(fields, spec.columns);
        for (const col of found.missing) {
          const also = col.aliases.length ? ` (also accepted: ${col.aliases.join(", ")})` : "";
          report(1, col.name, `The header has no "${col.name}" column${also}`);
        }
        if (found.missing.length) break;
        at = found.at;
        width = fields.length;
        while (width > 0 && fields[width - 1].trim() === "") width--;
        continue;
      }
      if (++total > maxRows) {
        report(line, null, `The file has more than ${maxRows} rows; split it into smaller files`);
        break;
      }
      if (fields.length !== width && !onlyEmptyAfter(fields, width)) {
        report(
          line,
          null,
          `Has ${fields.length} values but the header has ${width} columns` +
            (fields.length > width ? " (quote values that contain the delimiter)" : ""),
        );
        continue;
      }
      if (record.problem) {
        report(line, null, `Cannot be read: ${record.problem}`);
        continue;
      }
      const row = spec.read(fields, at, bad);
      if (row === null) continue;
      const [group, item] = spec.key(row);
      let lines = seen.get(group);
      if (lines === undefined) seen.set(group, lines = new Map());
      const first = lines.get(item);
      if (first !== undefined) {
        report(line, null, `Repeats line ${first} (the same ${spec.keyLabel})`);
        continue;
      }
      lines.set(item, line);
      rows.push(row);
    }
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    report(err.line, null, err.message);
  }
  if (at === null && errors.length === 0) report(1, null, "The file is empty");
  else if (at !== null && total === 0 && errors.length === 0) {
    report(1, null, "The file has a header but no rows below it");
  }
  if (more > 0) {
    errors.push({ line: moreFrom, field: null, message: `…and ${more} more errors not listed` });
  }
  return { rows: errors.length ? [] : rows, errors, total };
}

/** A record longer than the header only by empty trailing values (a trailing delimiter). */
function onlyEmptyAfter(fields: string[], width: number): boolean {
  if (fields.length < width) return false;
  for (let i = width; i < fields.length; i++) if (fields[i].trim() !== "") return false;
  return true;
}
