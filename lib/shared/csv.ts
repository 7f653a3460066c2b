/**
 * An RFC 4180 CSV reader for people's exports: quoted fields (with the delimiter, doubled quotes
 * and line breaks inside), CRLF or LF (or a lone CR) between records, a UTF-8 BOM, blank lines
 * (skipped, so a trailing empty line is fine), and `;` or tab instead of `,` when the header line
 * uses them (spreadsheets in many locales save CSV that way). Every record carries the physical
 * line it starts on, counting the header as line 1, so errors can point at the line a person sees
 * in an editor even after a quoted field spans several lines.
 *
 * It scans by index (`charCodeAt`, `indexOf`, `slice`), never a regular expression per
 * character: the artists import bench parses ~180k rows, and this is the hot loop.
 *
 * @module
 */

/** A record and the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** Set when the record is readable but malformed (text after a closing quote). */
  problem: string | null;
}

/** The file cannot be read on from `line` (an unterminated quote swallows the rest of it). */
export class CsvError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = "CsvError";
  }
}

export type Delimiter = "," | ";" | "\t";

const QUOTE = 34;
const LF = 10;
const CR = 13;
const BOM = 0xfeff;

/** Where the content starts: after a UTF-8 BOM, if any. */
function contentStart(text: string): number {
  return text.charCodeAt(0) === BOM ? 1 : 0;
}

/**
 * The delimiter the header line uses: whichever of `,` `;` tab occurs most often outside quotes
 * (a tie goes to `,`, then `;`). Only the first line is looked at: data rows hold numbers such as
 * "1,234" that would mislead a count.
 */
export function sniffDelimiter(text: string): Delimiter {
  let comma = 0, semicolon = 0, tab = 0, quoted = false;
  for (let i = contentStart(text); i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (c === LF || c === CR) break;
    else if (c === 44) comma++;
    else if (c === 59) semicolon++;
    else if (c === 9) tab++;
  }
  if (comma >= semicolon && comma >= tab) return ",";
  return semicolon >= tab ? ";" : "\t";
}

/** Line breaks (CRLF, LF or a lone CR) in `text[from, to)`. */
function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

/**
 * The records of `text`, header first. Throws `CsvError` for a quoted field that is never
 * closed, naming the line its quote opens on.
 */
export function* readCsv(
  text: string,
  opts: { delimiter?: Delimiter } = {},
): Generator<CsvRecord> {
  const delim = (opts.delimiter ?? sniffDelimiter(text)).charCodeAt(0);
  const n = text.length;
  let i = contentStart(text);
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let problem: string | null = null;
    let anyQuoted = false;
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        anyQuoted = true;
        const opened = line;
        let value = "";
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            throw new CsvError(
              `Line ${opened}: a quoted field is never closed (a " is missing)`,
              opened,
            );
          }
          line += countBreaks(text, j, q);
          value += text.slice(j, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        // RFC 4180 allows nothing between the closing quote and the delimiter; keep the text so
        // the row is still counted, and let the caller report it.
        let k = i;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === delim || c === LF || c === CR) break;
          k++;
        }
        if (k > i) {
          problem ??= `text after a closing quote in field ${fields.length + 1}`;
          value += text.slice(i, k);
          i = k;
        }
        fields.push(value);
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        continue;
      }
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    // A blank line is no record (RFC 4180 would make it one empty field, which no export means).
    if (fields.length === 1 && fields[0] === "" && !anyQuoted) continue;
    yield { line: start, fields, problem };
  }
}
