/** What the database's check constraints allow, for tests that compare them with the code's lists. */
import type { TestApp } from "./app.ts";

/** The text values a check constraint of `table` lists (`status in ('a', 'b')` → a, b). */
export async function checkedValues(app: TestApp, table: string, constraint: string) {
  const [row] = await app.platform.db.asService((tx) =>
    tx.query<{ def: string }>(
      `select pg_get_constraintdef(oid) as def from pg_constraint
        where conrelid = $1::regclass and conname = $2`,
      [table, constraint],
    )
  );
  if (!row) throw new Error(`${table} has no constraint ${constraint}`);
  return new Set([...row.def.matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]));
}
