/** The wire driver: postgres.js against any Postgres (`DATABASE_URL`), Supabase's included. */
import postgres from "postgres";
import type { Driver, Tx } from "./types.ts";

type Sql = postgres.Sql | postgres.TransactionSql;

function txOf(sql: Sql): Tx {
  return {
    async query<T>(text: string, params: unknown[] = []) {
      // postgres.js serialises any JSON-compatible value; its parameter type is a narrower union.
      const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
      return rows as unknown as T[];
    },
    async exec(text: string) {
      await sql.unsafe(text);
    },
  };
}

export function openPostgres(url: string): Driver {
  // prepare: false keeps it valid behind Supabase's pooler in transaction mode.
  const sql = postgres(url, { prepare: false, onnotice: () => {}, max: 10 });
  const session = txOf(sql);
  return {
    kind: "postgres",
    query: session.query,
    exec: session.exec,
    transaction: (fn) => sql.begin((t) => fn(txOf(t))) as Promise<never>,
    async listen(channel, onPayload) {
      const { unlisten } = await sql.listen(channel, onPayload);
      return unlisten;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
