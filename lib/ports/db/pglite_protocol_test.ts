import { assertEquals, assertRejects } from "../../../tests/_helpers/assert.ts";
import { openPglite } from "./pglite.ts";
import { dbFailure } from "./errors.ts";
import { bind, readReply, Statements } from "./pglite_protocol.ts";

/** A bare database with the one API role these tests act as (bootstrap is not needed here). */
async function open() {
  const pg = await openPglite();
  await pg.exec(
    `create role service_role; alter default privileges in schema public grant all on tables to
       service_role`,
  );
  return Object.assign(pg, { [Symbol.asyncDispose]: () => pg.close() });
}

const SERVICE = { role: "service_role", claims: '{"role":"service_role"}' } as const;

Deno.test("pglite driver - rows of the last statement, typed by PGlite's parsers", async () => {
  await using pg = await open();
  const expected = [{
    n: 42,
    t: null,
    b: true,
    s: "é ü 🎸",
    at: new Date("2026-12-04T10:00:00Z"),
    j: { a: [1] },
    arr: ["x", "y"],
  }];
  const sql = `select 42::int as n, null::text as t, true as b, 'é ü 🎸' as s,
       '2026-12-04T10:00:00Z'::timestamptz as at, '{"a":[1]}'::jsonb as j, array['x','y'] as arr`;
  assertEquals(await pg.query(`select 1 as skipped; ${sql}`), expected);
  // With parameters (a prepared statement), values go in as PGlite's own query sends them.
  const params = [42, null, true, "é ü 🎸", new Date("2026-12-04T10:00:00Z"), { a: [1] }, [
    "x",
    "y",
  ]];
  assertEquals(
    await pg.query(
      `select $1::int as n, $2::text as t, $3::bool as b, $4::text as s, $5::timestamptz as at,
         $6::jsonb as j, $7::text[] as arr`,
      params,
    ),
    expected,
  );
  assertEquals(await pg.query("select 1 as n where false"), []);
  assertEquals(await pg.query("set local work_mem = '8MB'"), []);
  // The last statement's result, even when it has no rows to give.
  assertEquals(await pg.query("select 1 as n; set local work_mem = '8MB'"), []);
  assertEquals(await pg.queryAs(SERVICE, "select $1::int + 1 as n", [1]), [{ n: 2 }]);
});

Deno.test("pglite driver - an error carries code and detail, and nothing after it ran", async () => {
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
  await pg.query("insert into t values ($1)", [1]);
  const dup = await assertRejects(() => pg.query("insert into t values ($1)", [1]));
  assertEquals((dup as { code?: string }).code, "23505");
  assertEquals((dup as { constraint?: string }).constraint, "t_pkey");
  await assertRejects(() => pg.query("select * from nowhere where id = $1", [1]), /nowhere/);
  await assertRejects(
    () => pg.transaction((tx) => tx.query("insert into t values ($1)", [1]), SERVICE),
    /duplicate key/,
  );
  assertEquals(await pg.query("select 'still usable' as s"), [{ s: "still usable" }]);
});

Deno.test("pglite driver - NOTIFYs reach the driver's listeners once, at commit", async () => {
  await using pg = await open();
  const got: string[] = [];
  const unlisten = await pg.listen("chan", (p) => got.push(p));
  await pg.query("select pg_notify('chan', 'via simple query')");
  await pg.query("select pg_notify('chan', $1)", ["via extended query"]);
  await pg.queryAs(SERVICE, "select pg_notify('chan', $1)", ["acting"]);
  await pg.query("select pg_notify('other', 'not for us')");
  await assertRejects(() =>
    pg.transaction(async (tx) => {
      await tx.query("select pg_notify('chan', $1)", ["rolled back"]);
      throw new Error("no");
    }, SERVICE)
  );
  await new Promise((r) => setTimeout(r, 10));
  assertEquals(got.sort(), ["acting", "via extended query", "via simple query"]);
  await unlisten();
  await pg.query("select pg_notify('chan', 'after unlisten')");
  await new Promise((r) => setTimeout(r, 10));
  assertEquals(got.length, 3);
});

Deno.test("pglite driver - a session query waits for a transaction in progress", async () => {
  await using pg = await open();
  await pg.exec("create table t (id int)");
  let inserted!: () => void;
  const ready = new Promise<void>((r) => inserted = r);
  const tx = pg.transaction(async (t) => {
    await t.query("insert into t values ($1)", [1]);
    inserted();
    await new Promise((r) => setTimeout(r, 20));
    await t.query("insert into t values (2)");
  });
  await ready;
  // Issued mid-transaction: runs after the commit, never inside it.
  const [rows, acted] = await Promise.all([
    pg.query<{ n: number }>("select count(*)::int as n from t where id > $1", [0]),
    pg.queryAs<{ n: number }>(SERVICE, "select count(*)::int as n from t"),
  ]);
  await tx;
  assertEquals([rows, acted], [[{ n: 2 }], [{ n: 2 }]]);
});

Deno.test("pglite driver - a transaction's handle is dead once it ended", async () => {
  await using pg = await open();
  let kept: { query: (sql: string) => Promise<unknown> } | undefined;
  await pg.transaction(async (tx) => {
    kept = tx;
    await tx.query("select 1");
  });
  await assertRejects(() => kept!.query("select 1"), /ended/);
});

Deno.test("pglite driver - prepared statements: bounded, and re-prepared after DDL or DEALLOCATE", async () => {
  await using pg = await open();
  await pg.exec("create table t (id int, name text); insert into t values (1, 'a')");
  const read = "select * from t where id = $1";
  assertEquals(await pg.query(read, [1]), [{ id: 1, name: "a" }]);
  // The plan's result type changes: Postgres refuses the old statement once, the driver
  // prepares it again and the same call succeeds.
  await pg.exec("alter table t add column extra int");
  assertEquals(await pg.query(read, [1]), [{ id: 1, name: "a", extra: null }]);
  assertEquals(await pg.queryAs(SERVICE, read, [1]), [{ id: 1, name: "a", extra: null }]);
  // Another client of the same session (pglite-socket) may drop every prepared statement.
  await pg.exec("deallocate all");
  assertEquals(await pg.query(read, [1]), [{ id: 1, name: "a", extra: null }]);
  for (let i = 0; i < 300; i++) await pg.query(`select $1::int + ${i} as n`, [1]);
  const [{ n }] = await pg.query<{ n: number }>(
    "select count(*)::int as n from pg_prepared_statements",
  );
  assertEquals(n <= 256, true, `${n} prepared statements`);
});

Deno.test("pglite driver - the statement cache keeps the most recently used", () => {
  const s = new Statements(2);
  s.add("a", { name: "1", types: [] });
  s.add("b", { name: "2", types: [] });
  s.get("a");
  s.add("c", { name: "3", types: [] });
  assertEquals([s.get("a")?.name, s.get("b"), s.get("c")?.name], ["1", undefined, "3"]);
  // A second name for the same text is closed at once.
  assertEquals(s.add("c", { name: "4", types: [] }).name, "3");
  assertEquals(s.takeCloses().length, 3, "close 2, close 4, then Sync");
  assertEquals(s.takeCloses(), []);
  assertEquals(readReply([], {}), { results: [], types: null, error: null });
});

Deno.test("pglite driver - refused once the database is closed", async () => {
  const pg = await openPglite();
  await pg.close();
  await assertRejects(() => pg.query("select 1"), /closed/);
  await assertRejects(() => pg.queryAs(SERVICE, "select 1"), /closed/);
});

Deno.test("pglite driver - Bind says what pg-protocol's does, with one format code for all", async () => {
  const { protocol } = await import("@electric-sql/pglite");
  const values = ["é 🎸", null, "", "42"];
  const ours = bind("soundcheck_1", values);
  const theirs = protocol.serialize.bind({ statement: "soundcheck_1", values });
  // Up to the format codes: "B", length, "" (portal), "soundcheck_1".
  const head = 1 + 4 + 1 + 13;
  // pg-protocol lists one format code per value (text, 0); none means all text.
  const codes = values.length * 2;
  assertEquals(theirs.length - ours.length, codes);
  assertEquals(new DataView(ours.buffer).getInt32(1), ours.length - 1);
  assertEquals([...ours.subarray(5, head)], [...theirs.subarray(5, head)]);
  assertEquals([...ours.subarray(head, head + 2)], [0, 0]);
  assertEquals([...ours.subarray(head + 2)], [...theirs.subarray(head + 2 + codes)]);
});
