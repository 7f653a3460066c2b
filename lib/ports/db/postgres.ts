/**
 * The wire driver: postgres.js against any Postgres (`DATABASE_URL`), Supabase's included.
 *
 * A transaction runs on a reserved connection so that its opening (`begin` and the acting setup,
 * one parameterless simple query) is pipelined with its first statement: postgres.js writes both
 * at once. A statement with parameters cannot be pipelined behind anything (postgres.js asks for
 * its parameter types first), which is why the opening carries no parameters.
 *
 * @module
 */
import postgres from "postgres";
import type { Acting, Driver, Row, Tx } from "./types.ts";

type Sql = postgres.Sql | postgres.ReservedSql;

/** postgres.js serialises any JSON-compatible value; its parameter type is a narrower union. */
type Params = postgres.ParameterOrJSON<never>[];

function txOf(sql: Sql): Tx {
  return {
    async query<T>(text: string, params: unknown[] = []) {
      const rows = await sql.unsafe(text, params as Params);
      return rows as unknown as T[];
    },
    async exec(text: string) {
      await sql.unsafe(text);
    },
  };
}

const ROLES = new Set<Acting["role"]>(["authenticated", "anon", "service_role"]);
const encoder = new TextEncoder();

/**
 * `begin`, then the acting setup. The claims travel hex-encoded: hex digits cannot end a string
 * literal, so no escaping rule (or `standard_conforming_strings` setting) is involved.
 */
export function openingSql(acting?: Acting): string {
  if (!acting) return "begin";
  // The role goes into the text: only the three API roles ever can.
  if (!ROLES.has(acting.role)) throw new Error(`Cannot act as role "${acting.role}"`);
  const hex = Array.from(encoder.encode(acting.claims), (b) => b.toString(16).padStart(2, "0"))
    .join("");
  return `begin; select set_config('role', '${acting.role}', true), ` +
    `set_config('request.jwt.claims', convert_from(decode('${hex}', 'hex'), 'UTF8'), true)`;
}

/**
 * JSON parameters as the app passes them: already serialised (`JSON.stringify(x)`), as PGlite
 * takes them. postgres.js would encode a string bound to a json or jsonb parameter once more, so
 * `insert … values ($1::jsonb)` with '{"a":1}' stored the jsonb string "{\"a\":1}", not the object
 * (seen on real PostgreSQL: user metadata, queue messages). Other values are still encoded.
 */
const JSON_TYPES = {
  jsonText: {
    to: 3802,
    from: [114, 3802],
    serialize: (x: unknown) => typeof x === "string" ? x : JSON.stringify(x),
    parse: (x: string) => JSON.parse(x),
  },
};

export function openPostgres(url: string): Driver {
  // prepare: false keeps it valid behind Supabase's pooler in transaction mode.
  const sql = postgres(url, { prepare: false, onnotice: () => {}, max: 10, types: JSON_TYPES });
  const session = txOf(sql);

  async function transaction<T>(fn: (tx: Tx) => Promise<T>, acting?: Acting): Promise<T> {
    const opening = openingSql(acting);
    const conn = await sql.reserve();
    const inner = txOf(conn);
    let opened = false;
    let closed = false;
    /** Runs `q` after the opening, sending both at once the first time. */
    const after = async <R>(q: () => Promise<R>): Promise<R> => {
      if (closed) throw new Error("This transaction has ended");
      if (opened) return await q();
      opened = true;
      const open = conn.unsafe(opening).execute();
      // Both settle before this returns; a failed opening is the error to report.
      const [, result] = await Promise.all([open, q()]);
      return result;
    };
    const tx: Tx = {
      query: <R>(text: string, params?: unknown[]) => after(() => inner.query<R>(text, params)),
      exec: (text: string) => after(() => inner.exec(text)),
    };
    try {
      const result = await fn(tx);
      closed = true;
      if (opened) await conn.unsafe("commit");
      return result;
    } catch (err) {
      if (opened && !closed) await conn.unsafe("rollback");
      closed = true;
      throw err;
    } finally {
      conn.release();
    }
  }

  return {
    kind: "postgres",
    query: session.query,
    exec: session.exec,
    transaction,
    async queryAs<T = Row>(acting: Acting, text: string, params: unknown[] = []) {
      const opening = openingSql(acting);
      const conn = await sql.reserve();
      try {
        // Written together; `commit` follows the statement without waiting for this process.
        const [open, statement, commit] = await Promise.allSettled([
          conn.unsafe(opening).execute(),
          conn.unsafe(text, params as Params).execute(),
          conn.unsafe("commit").execute(),
        ]);
        for (const step of [open, statement, commit]) {
          if (step.status === "rejected") throw step.reason;
        }
        return (statement as PromiseFulfilledResult<unknown>).value as T[];
      } finally {
        conn.release();
      }
    },
    async listen(channel, onPayload) {
      const { unlisten } = await sql.listen(channel, onPayload);
      return unlisten;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
