import { assertEquals, assertRejects } from "../../tests/_helpers/assert.ts";
import { openPglite } from "./pglite.ts";

async function open() {
  const pg = await openPglite();
  return Object.assign(pg, { [Symbol.asyncDispose]: () => pg.close() });
}
import { parseReply, queryMessage } from "./pglite_simple.ts";
import { dbFailure } from "./errors.ts";

Deno.test("pglite simple query - rows of the last statement, typed by PGlite's parsers", async () => {
  await using pg = await open();
  const rows = await pg.query<Record<string, unknown>>(
    `select 1 as skipped; select 42::int as n, null::text as t, true as b, 'é ü 🎸' as s,
       '2026-12-04T10:00:00Z'::timestamptz as at, '{"a":[1]}'::jsonb as j, array['x','y'] as arr`,
  );
  assertEquals(rows, [{
    n: 42,
    t: null,
    b: true,
    s: "é ü 🎸",
    at: new Date("2026-12-04T10:00:00Z"),
    j: { a: [1] },
    arr: ["x", "y"],
  }]);
  assertEquals(await pg.query("select 1 as n where false"), []);
  assertEquals(await pg.query("set local work_mem = '8MB'"), []);
  // As PGlite's exec: the last statement's result, even when it has no rows to give.
  assertEquals(await pg.query("select 1 as n; set local work_mem = '8MB'"), []);
});

Deno.test("pglite simple query - an error carries code and detail, and nothing after it ran", async () => {
  await using pg = await open();
  await pg.exec("create table t (id int primary key)");
  const err = await assertRejects(() =>
    pg.query(
      `insert into t values (1); do $$ begin raise exception using errcode = 'SC409',
         message = 'Taken', detail = 'id'; end $$; insert into t values (2)`,
    )
  );
  assertEquals(dbFailure(err), { status: 409, message: "Taken", field: "id" });
  // One implicit transaction: the first insert was rolled back with the rest.
  assertEquals(await pg.query("select count(*)::int as n from t"), [{ n: 0 }]);
  const dup = await assertRejects(() =>
    pg.query("insert into t values (1); insert into t values (1)")
  );
  assertEquals((dup as { code?: string; constraint?: string }).code, "23505");
  assertEquals((dup as { constraint?: string }).constraint, "t_pkey");
  assertEquals(await pg.query("select 'still usable' as s"), [{ s: "still usable" }]);
});

Deno.test("pglite simple query - NOTIFYs reach the driver's listeners once", async () => {
  await using pg = await open();
  const got: string[] = [];
  const unlisten = await pg.listen("chan", (p) => got.push(p));
  await pg.query("select pg_notify('chan', 'via simple query')");
  await pg.query("select pg_notify('chan', $1)", ["via extended query"]);
  await pg.query("select pg_notify('other', 'not for us')");
  await new Promise((r) => setTimeout(r, 10));
  assertEquals(got.sort(), ["via extended query", "via simple query"]);
  await unlisten();
  await pg.query("select pg_notify('chan', 'after unlisten')");
  await new Promise((r) => setTimeout(r, 10));
  assertEquals(got.length, 2);
});

Deno.test("pglite simple query - a session query waits for a transaction in progress", async () => {
  await using pg = await open();
  await pg.exec("create table t (id int)");
  let inserted!: () => void;
  const ready = new Promise<void>((r) => inserted = r);
  const tx = pg.transaction(async (t) => {
    await t.query("insert into t values (1)");
    inserted();
    await new Promise((r) => setTimeout(r, 20));
    await t.query("insert into t values (2)");
  });
  await ready;
  // Issued mid-transaction: runs after the commit, never inside it.
  const rows = await pg.query<{ n: number }>("select count(*)::int as n from t");
  await tx;
  assertEquals(rows, [{ n: 2 }]);
});

Deno.test("pglite simple query - the Query message frames the text with its length", () => {
  const msg = queryMessage("select 'é'");
  assertEquals(String.fromCharCode(msg[0]), "Q");
  assertEquals(new DataView(msg.buffer).getInt32(1), msg.length - 1);
  assertEquals(msg.at(-1), 0);
  assertEquals(parseReply(new Uint8Array(0), {}), []);
});

Deno.test("pglite simple query - refused once the database is closed", async () => {
  const pg = await openPglite();
  await pg.close();
  await assertRejects(() => pg.query("select 1"), /closed/);
});
