/**
 * The wire-protocol side of the PGlite driver: frontend messages batched into one buffer (one
 * call into PGlite, which is what a round trip costs here) and the reply read back into rows.
 *
 * Single statements run as named prepared statements: PGlite spends much of a small statement's
 * time parsing and planning it, and a prepared statement does both once per session
 * (Postgres re-plans by itself when a table, function, role or `search_path` it depends on
 * changes). `Statements` keeps the names, bounded, most recently used last.
 *
 * @module
 */
import { messages, type PGlite, protocol } from "@electric-sql/pglite";
import type { Row } from "./types.ts";

const { serialize } = protocol;

/** A statement prepared in the session under `name`, with its parameters' type oids. */
export interface Prepared {
  name: string;
  types: number[];
}

/** Frontend messages joined into one buffer. */
export function join(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const SYNC = serialize.sync();
const EXECUTE = serialize.execute({});
const DESCRIBE_PORTAL = serialize.describe({ type: "P" });

/** A simple-protocol `Query`: any number of `;`-separated statements without parameters. */
export function query(sql: string): Uint8Array {
  return serialize.query(sql);
}

/** Parse and Describe of a new named statement, for its parameter types. */
export function describe(name: string, sql: string): Uint8Array[] {
  return [serialize.parse({ name, text: sql }), serialize.describe({ type: "S", name }), SYNC];
}

/**
 * Bind and Execute of a prepared statement; with `rows`, a Describe first so that the reply
 * carries the column names and types. Values are serialised as PGlite's own `query` does: by the
 * parameter's type as Postgres inferred it.
 */
export function run(
  stmt: Prepared,
  params: readonly unknown[],
  serializers: PGlite["serializers"],
  rows: boolean,
): Uint8Array[] {
  const values = params.map((param, i) => {
    if (param === null || param === undefined) return null;
    const serializer = serializers[stmt.types[i]];
    return serializer ? serializer(param) as string : String(param);
  });
  const message = bind(stmt.name, values);
  return rows ? [message, DESCRIBE_PORTAL, EXECUTE] : [message, EXECUTE];
}

const encoder = new TextEncoder();

/**
 * A `Bind` of the unnamed portal to statement `name`, every value and column in text format.
 * Written here rather than with pg-protocol's serializer, whose growing writer cost more than
 * the rest of a small statement's JavaScript.
 */
export function bind(name: string, values: readonly (string | null)[]): Uint8Array {
  const nameBytes = encoder.encode(name);
  const encoded = values.map((v) => (v === null ? null : encoder.encode(v)));
  // kind, length, portal "", name + NUL, 0 format codes, count, values, 0 result format codes
  let length = 4 + 1 + nameBytes.length + 1 + 2 + 2 + 2;
  for (const v of encoded) length += 4 + (v?.length ?? 0);
  const msg = new Uint8Array(1 + length);
  const view = new DataView(msg.buffer);
  msg[0] = 0x42; // 'B'
  view.setInt32(1, length);
  let at = 6; // after the portal's NUL at 5
  msg.set(nameBytes, at);
  at += nameBytes.length + 1; // NUL: the array starts zeroed
  at += 2; // no parameter format codes: all text
  view.setInt16(at, encoded.length);
  at += 2;
  for (const v of encoded) {
    view.setInt32(at, v === null ? -1 : v.length);
    at += 4;
    if (v !== null) {
      msg.set(v, at);
      at += v.length;
    }
  }
  return msg; // the last two bytes stay 0: no result format codes, all text
}

/** What one batch answered. */
export interface Reply {
  /** Rows of each statement that completed, in order; none for one run without a Describe. */
  results: Row[][];
  /** Parameter types from the batch's statement Describe, if it had one. */
  types: number[] | null;
  /** The first error; Postgres skipped the rest of the extended messages up to the Sync. */
  error: messages.DatabaseError | null;
}

/** Reads PGlite's parsed backend messages, typing values with PGlite's parsers. */
export function readReply(reply: messages.BackendMessage[], parsers: PGlite["parsers"]): Reply {
  const results: Row[][] = [];
  let fields: messages.Field[] | null = null;
  let rows: Row[] = [];
  let types: number[] | null = null;
  let error: messages.DatabaseError | null = null;
  for (const msg of reply) {
    switch (msg.name) {
      case "rowDescription":
        fields = (msg as messages.RowDescriptionMessage).fields;
        break;
      case "dataRow": {
        // Rows of a statement run without a Describe have no columns to go under.
        if (fields === null) break;
        const values = (msg as messages.DataRowMessage).fields;
        const row: Row = {};
        for (let i = 0; i < values.length; i++) {
          const { name, dataTypeID } = fields[i];
          const text = values[i];
          const parse = parsers[dataTypeID];
          row[name] = text === null ? null : parse ? parse(text, dataTypeID) : text;
        }
        rows.push(row);
        break;
      }
      case "commandComplete":
        results.push(rows);
        rows = [];
        fields = null;
        break;
      case "parameterDescription":
        types = (msg as messages.ParameterDescriptionMessage).dataTypeIDs;
        break;
      case "error":
        error ??= msg as messages.DatabaseError;
        break;
    }
  }
  return { results, types, error };
}

/**
 * The session's prepared statements by SQL text, at most `limit` of them: the least recently
 * used is closed when a new one would go over (dynamic SQL must not grow the session forever).
 */
export class Statements {
  readonly #bySql = new Map<string, Prepared>();
  readonly #limit: number;
  #closes: Uint8Array[] = [];
  #count = 0;

  constructor(limit = 256) {
    this.#limit = limit;
  }

  /** The prepared statement for `sql`, marked as just used. */
  get(sql: string): Prepared | undefined {
    const hit = this.#bySql.get(sql);
    if (hit) {
      this.#bySql.delete(sql);
      this.#bySql.set(sql, hit);
    }
    return hit;
  }

  /** A name no statement of this session has (a prefix tools connected to it will not use). */
  nextName(): string {
    return `soundcheck_${++this.#count}`;
  }

  /** Records a statement Postgres prepared. */
  add(sql: string, stmt: Prepared): Prepared {
    const other = this.#bySql.get(sql);
    if (other) {
      // Two callers described the same text at once: keep one name, close the other.
      this.#close(stmt.name);
      return other;
    }
    this.#bySql.set(sql, stmt);
    if (this.#bySql.size > this.#limit) {
      const [oldest, evicted] = this.#bySql.entries().next().value!;
      this.#bySql.delete(oldest);
      this.#close(evicted.name);
    }
    return stmt;
  }

  /** Forgets `sql` (its plan cannot serve any more), closing it. */
  drop(sql: string): void {
    const stmt = this.#bySql.get(sql);
    if (!stmt) return;
    this.#bySql.delete(sql);
    this.#close(stmt.name);
  }

  /** Forgets every statement: after migrations, or once the session lost them. */
  clear(close: boolean): void {
    if (close) { for (const stmt of this.#bySql.values()) this.#close(stmt.name); }
    this.#bySql.clear();
  }

  /** Close messages owed to the session, with their Sync; they go in front of the next batch. */
  takeCloses(): Uint8Array[] {
    if (this.#closes.length === 0) return [];
    const closes = this.#closes;
    this.#closes = [];
    return [...closes, SYNC];
  }

  #close(name: string): void {
    this.#closes.push(serialize.close({ type: "S", name }));
  }
}

/**
 * Errors after which a cached statement must go: its plan's result type changed under it
 * (0A000, after DDL), or the session no longer has it (26000: a client of the same session ran
 * `DEALLOCATE`).
 */
export function staleStatement(err: messages.DatabaseError): "one" | "all" | null {
  if (err.code === "26000") return "all";
  if (err.code === "0A000" && /cached plan must not change result type/.test(err.message)) {
    return "one";
  }
  return null;
}
