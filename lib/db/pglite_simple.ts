/**
 * One statement (or several, `;`-separated) without parameters over Postgres's simple query
 * protocol, straight through PGlite's `execProtocolRaw`: one call into the database and one pass
 * over the reply bytes. PGlite's own `exec` adds a Sync call, a generic message parser and a
 * result object per statement: ~0.13 ms more per read, which is a third of a page's cost
 * (bench `web.profile`). Values are parsed with PGlite's own type parsers, errors come back as
 * PGlite's `DatabaseError`. NOTIFYs raised by the statements still reach PGlite's listeners
 * (lib/db/pglite_simple_test.ts checks it): PGlite hands them over on its own side.
 *
 * @module
 */
import { messages, type PGlite } from "@electric-sql/pglite";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The frontend `Query` message for `sql`. */
export function queryMessage(sql: string): Uint8Array {
  const text = encoder.encode(sql);
  const msg = new Uint8Array(text.length + 6);
  msg[0] = 0x51; // 'Q'
  new DataView(msg.buffer).setInt32(1, text.length + 5);
  msg.set(text, 5); // the last byte stays 0: the string's terminator
  return msg;
}

interface Field {
  name: string;
  type: number;
}

/** Rows of the last statement (none for one without a result set); throws the first error. */
export function parseReply<T>(
  reply: Uint8Array,
  parsers: PGlite["parsers"],
): T[] {
  const view = new DataView(reply.buffer, reply.byteOffset, reply.byteLength);
  let fields: Field[] = [];
  let rows: Record<string, unknown>[] = [];
  let last: Record<string, unknown>[] = [];
  let error: messages.DatabaseError | null = null;
  let pos = 0;
  const cstring = () => {
    const end = reply.indexOf(0, pos);
    const s = decoder.decode(reply.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  while (pos < reply.length) {
    const kind = reply[pos];
    const length = view.getInt32(pos + 1);
    const next = pos + 1 + length;
    pos += 5;
    switch (kind) {
      case 0x54: { // 'T' RowDescription: the statement's rows follow
        const count = view.getInt16(pos);
        pos += 2;
        fields = new Array(count);
        for (let i = 0; i < count; i++) {
          const name = cstring();
          fields[i] = { name, type: view.getInt32(pos + 6) };
          pos += 18;
        }
        break;
      }
      case 0x44: { // 'D' DataRow
        const count = view.getInt16(pos);
        pos += 2;
        const row: Record<string, unknown> = {};
        for (let i = 0; i < count; i++) {
          const len = view.getInt32(pos);
          pos += 4;
          const f = fields[i];
          if (len === -1) {
            row[f.name] = null;
            continue;
          }
          const text = decoder.decode(reply.subarray(pos, pos + len));
          pos += len;
          const parse = parsers[f.type];
          row[f.name] = parse ? parse(text, f.type) : text;
        }
        rows.push(row);
        break;
      }
      case 0x43: // 'C' CommandComplete: a statement ended
        last = rows;
        rows = [];
        break;
      case 0x45: // 'E' ErrorResponse: the rest of the statements did not run
        error ??= errorFrom(reply, pos, length);
        break;
        // 'Z' ReadyForQuery, 'N' NoticeResponse, 'I' EmptyQueryResponse,
        // 'S' ParameterStatus, 'A' NotificationResponse: nothing the caller reads.
    }
    pos = next;
  }
  if (error) throw error;
  return last as T[];
}

const ERROR_FIELDS: Record<string, keyof messages.DatabaseError> = {
  S: "severity",
  C: "code",
  D: "detail",
  H: "hint",
  P: "position",
  p: "internalPosition",
  q: "internalQuery",
  W: "where",
  s: "schema",
  t: "table",
  c: "column",
  d: "dataType",
  n: "constraint",
  F: "file",
  L: "line",
  R: "routine",
};

function errorFrom(reply: Uint8Array, start: number, length: number): messages.DatabaseError {
  const values: Record<string, string> = {};
  let pos = start;
  while (reply[pos] !== 0) {
    const code = String.fromCharCode(reply[pos]);
    const end = reply.indexOf(0, pos + 1);
    values[code] = decoder.decode(reply.subarray(pos + 1, end));
    pos = end + 1;
  }
  const err = new messages.DatabaseError(values.M ?? "database error", length, "error");
  const target = err as unknown as Record<string, string | undefined>;
  for (const [code, key] of Object.entries(ERROR_FIELDS)) target[key] = values[code];
  return err;
}

/**
 * Runs `sql` as one simple query, outside any transaction (the statements share an implicit
 * one), under PGlite's own locks so it never lands inside another caller's transaction.
 */
export async function simpleQuery<T>(pg: PGlite, sql: string): Promise<T[]> {
  await pg._checkReady(); // throws once PGlite is closing or closed, as its exec does
  const msg = queryMessage(sql);
  return await pg._runExclusiveTransaction(() =>
    pg._runExclusiveQuery(async () => {
      const reply = await pg.execProtocolRaw(msg, { syncToFs: false });
      try {
        return parseReply<T>(reply, pg.parsers);
      } finally {
        await pg.syncToFs();
      }
    })
  );
}
