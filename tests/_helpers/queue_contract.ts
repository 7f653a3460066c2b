/**
 * The queue contract: what the app (lib/ports/queue) and an operator rely on from pgmq 1.5.1,
 * written once against a `Driver`, so it runs on the embedded compat schema and on real Postgres
 * with the pgmq extension alike (tests/integration/queue_contract_test.ts). Nothing here knows
 * which one it runs on. Each case makes its own queue (a random name) and drops it, so cases can
 * share a database with other tests.
 *
 * @module
 */
import { assert, assertEquals, assertRejects } from "./assert.ts";
import type { Driver, Tx } from "../../lib/ports/db/mod.ts";
import * as queue from "../../lib/ports/queue/mod.ts";

/** A case: gets the database and a fresh queue name (created by the case when it needs one). */
export type ContractCase = (db: Driver, name: string) => Promise<void>;

interface Message {
  msg_id: number;
  read_ct: number;
  enqueued_at: Date;
  vt: Date;
  message: unknown;
  headers: unknown;
}

const RECORD = "msg_id, read_ct, enqueued_at, vt, message, headers";
const q = <T>(db: Driver, sql: string, params: unknown[] = []) =>
  db.transaction((tx) => tx.query<T>(sql, params));
const ids = (rows: { id: unknown }[]) => rows.map((r) => Number(r.id));
const norm = (rows: Message[]) =>
  rows.map((r) => ({ ...r, msg_id: Number(r.msg_id), read_ct: Number(r.read_ct) }));

async function create(db: Driver, name: string): Promise<void> {
  await q(db, "select pgmq.create($1::text)", [name]);
}

async function read(db: Driver, name: string, vt: number, qty: number, where = "{}") {
  return norm(
    await q<Message>(
      db,
      `select ${RECORD} from pgmq.read($1::text, $2::int, $3::int, $4::jsonb)`,
      [
        name,
        vt,
        qty,
        where,
      ],
    ),
  );
}

/** The rows of `pgmq.q_<name>` or `pgmq.a_<name>`, by msg_id. */
async function table(db: Driver, prefix: "q" | "a", name: string) {
  const [{ t }] = await q<{ t: string }>(
    db,
    "select pgmq.format_table_name($1::text, $2::text) as t",
    [
      name,
      prefix,
    ],
  );
  return norm(await q<Message>(db, `select ${RECORD} from pgmq."${t}" order by msg_id`));
}

/** The cases, by name ("Area - behaviour", as the style guide asks). */
export const QUEUE_CONTRACT: Record<string, ContractCase> = {
  async "send - every overload: delay as seconds or a time, headers, ids in order"(db, name) {
    await create(db, name);
    const later = new Date(Date.now() + 3600_000).toISOString();
    const sent = await q<{ id: unknown }>(
      db,
      `select pgmq.send($1::text, '{"n": 1}'::jsonb) as id
       union all select pgmq.send($1::text, '{"n": 2}'::jsonb, '{"h": 2}'::jsonb)
       union all select pgmq.send($1::text, '{"n": 3}'::jsonb, 3600)
       union all select pgmq.send($1::text, '{"n": 4}'::jsonb, $2::timestamptz)
       union all select pgmq.send($1::text, '{"n": 5}'::jsonb, '{"h": 5}'::jsonb, 3600)
       union all select pgmq.send($1::text, '{"n": 6}'::jsonb, '{"h": 6}'::jsonb, $2::timestamptz)`,
      [name, later],
    );
    assertEquals(ids(sent), [1, 2, 3, 4, 5, 6]);
    const rows = await table(db, "q", name);
    assertEquals(rows.map((r) => r.headers), [null, { h: 2 }, null, null, { h: 5 }, { h: 6 }]);
    // Without a delay a message is visible at once; a delay hides it until then.
    assertEquals((await read(db, name, 30, 10)).map((m) => m.message), [{ n: 1 }, { n: 2 }]);
    const hidden = rows.slice(2);
    for (const r of hidden) assert(r.vt.getTime() > Date.now() + 3500_000, `vt of ${r.msg_id}`);
    assertEquals(new Date(later).getTime(), hidden[1].vt.getTime());
  },

  async "send_batch - every overload, headers paired with messages, ids in order"(db, name) {
    await create(db, name);
    const later = new Date(Date.now() + 3600_000).toISOString();
    const m = `array['{"n": 1}', '{"n": 2}']::jsonb[]`;
    const h = `array['{"h": 1}', '{"h": 2}']::jsonb[]`;
    const sent = await q<{ id: unknown }>(
      db,
      `select pgmq.send_batch($1::text, ${m}) as id
       union all select pgmq.send_batch($1::text, ${m}, ${h})
       union all select pgmq.send_batch($1::text, ${m}, 3600)
       union all select pgmq.send_batch($1::text, ${m}, $2::timestamptz)
       union all select pgmq.send_batch($1::text, ${m}, ${h}, 3600)
       union all select pgmq.send_batch($1::text, ${m}, ${h}, $2::timestamptz)`,
      [name, later],
    );
    assertEquals(ids(sent), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const rows = await table(db, "q", name);
    assertEquals(rows.map((r) => r.headers), [
      ...[null, null, { h: 1 }, { h: 2 }, null, null],
      ...[null, null, { h: 1 }, { h: 2 }, { h: 1 }, { h: 2 }],
    ]);
    assertEquals((await read(db, name, 30, 20)).map((r) => r.msg_id), [1, 2, 3, 4]);
  },

  async "read - msg_id order, up to qty, hidden for vt, read_ct counts, headers come along"(
    db,
    name,
  ) {
    await create(db, name);
    await q(
      db,
      `select pgmq.send_batch($1::text, array['1', '2', '3']::jsonb[],
                                        array['{"h": 1}']::jsonb[])`,
      [name],
    );
    const first = await read(db, name, 30, 2);
    assertEquals(first.map((m) => [m.msg_id, m.read_ct, m.message, m.headers]), [
      [1, 1, 1, { h: 1 }],
      [2, 1, 2, null],
    ]);
    assert(first[0].vt.getTime() > Date.now() + 25_000, "vt is 30 s away");
    assertEquals((await read(db, name, 0, 5)).map((m) => [m.msg_id, m.read_ct]), [[3, 1]]);
    // vt 0: visible again at once, and read again.
    assertEquals((await read(db, name, 0, 5)).map((m) => [m.msg_id, m.read_ct]), [[3, 2]]);
  },

  async "read - the conditional filter takes only messages containing it"(db, name) {
    await create(db, name);
    await q(
      db,
      `select pgmq.send_batch($1::text, array['{"kind": "a", "n": 1}', '{"kind": "b"}',
                                                        '{"kind": "a", "n": 3}']::jsonb[])`,
      [name],
    );
    const a = await read(db, name, 30, 5, '{"kind": "a"}');
    assertEquals(a.map((m) => m.msg_id), [1, 3]);
    assertEquals((await read(db, name, 30, 5, "{}")).map((m) => m.msg_id), [2]);
  },

  async "read_with_poll - waits for a message, or returns nothing after max_poll_seconds"(
    db,
    name,
  ) {
    await create(db, name);
    const poll = (max: number) =>
      q<Message>(db, `select ${RECORD} from pgmq.read_with_poll($1::text, 30, 1, $2::int, 50)`, [
        name,
        max,
      ]);
    let t0 = performance.now();
    assertEquals((await poll(1)).length, 0);
    assert(performance.now() - t0 >= 900, "polled for about a second");
    await q(db, "select pgmq.send($1::text, '{}'::jsonb, 1)", [name]);
    t0 = performance.now();
    assertEquals(norm(await poll(5)).map((m) => m.msg_id), [1]);
    assert(performance.now() - t0 < 4000, "returned once the message became visible");
  },

  async "pop - takes and deletes the first visible message, not archived"(db, name) {
    await create(db, name);
    assertEquals((await q(db, `select ${RECORD} from pgmq.pop($1::text)`, [name])).length, 0);
    await q(db, `select pgmq.send($1::text, '0'::jsonb, 3600)`, [name]);
    await q(db, `select pgmq.send_batch($1::text, array['1', '2']::jsonb[])`, [name]);
    const [m] = norm(await q<Message>(db, `select ${RECORD} from pgmq.pop($1::text)`, [name]));
    assertEquals([m.msg_id, m.message, m.read_ct], [2, 1, 0]);
    assertEquals((await table(db, "q", name)).map((r) => r.msg_id), [1, 3]);
    assertEquals((await table(db, "a", name)).length, 0);
  },

  async "set_vt - hides and shows a message; a missing one gives no row"(db, name) {
    await create(db, name);
    const setVt = (id: number, vt: number) =>
      q<Message>(db, `select ${RECORD} from pgmq.set_vt($1::text, $2::bigint, $3::int)`, [
        name,
        id,
        vt,
      ]);
    assertEquals((await setVt(9999, 0)).length, 0);
    await q(db, `select pgmq.send($1::text, '0'::jsonb)`, [name]);
    const [hidden] = await setVt(1, 100);
    assert(hidden.vt.getTime() > Date.now() + 90_000, "hidden for 100 s");
    assertEquals((await read(db, name, 1, 1)).length, 0);
    await setVt(1, 0);
    assertEquals((await read(db, name, 1, 1)).map((m) => m.msg_id), [1]);
  },

  async "archive - moves messages with their headers; true/false, or the ids that were there"(
    db,
    name,
  ) {
    await create(db, name);
    await q(
      db,
      `select pgmq.send_batch($1::text, array['1', '2', '3']::jsonb[],
                                        array['{"h": 1}']::jsonb[])`,
      [name],
    );
    const one = await q<{ ok: boolean }>(db, "select pgmq.archive($1::text, 1::bigint) as ok", [
      name,
    ]);
    const again = await q<{ ok: boolean }>(db, "select pgmq.archive($1::text, 1::bigint) as ok", [
      name,
    ]);
    assertEquals([one[0].ok, again[0].ok], [true, false]);
    const many = await q<{ id: unknown }>(
      db,
      "select pgmq.archive($1::text, array[1, 2, 3, -3]::bigint[]) as id",
      [name],
    );
    assertEquals(ids(many).sort(), [2, 3]);
    assertEquals((await table(db, "q", name)).length, 0);
    const archived = await table(db, "a", name);
    assertEquals(archived.map((r) => [r.msg_id, r.message, r.headers]), [
      [1, 1, { h: 1 }],
      [2, 2, null],
      [3, 3, null],
    ]);
  },

  async "delete - removes messages for good; true/false, or the ids that were there"(db, name) {
    await create(db, name);
    await q(db, `select pgmq.send_batch($1::text, array['1', '2', '3']::jsonb[])`, [name]);
    const del = (id: number) =>
      q<{ ok: boolean }>(db, "select pgmq.delete($1::text, $2::bigint) as ok", [name, id]);
    assertEquals([(await del(1))[0].ok, (await del(1))[0].ok], [true, false]);
    const many = await q<{ id: unknown }>(
      db,
      "select pgmq.delete($1::text, array[2, 3, 4]::bigint[]) as id",
      [name],
    );
    assertEquals(ids(many).sort(), [2, 3]);
    assertEquals([(await table(db, "q", name)).length, (await table(db, "a", name)).length], [
      0,
      0,
    ]);
  },

  async "purge_queue - empties the queue, returns how many; the archive stays"(db, name) {
    await create(db, name);
    await q(db, `select pgmq.send_batch($1::text, array['1', '2', '3']::jsonb[])`, [name]);
    await q(db, "select pgmq.archive($1::text, 1::bigint)", [name]);
    const [{ n }] = await q<{ n: unknown }>(db, "select pgmq.purge_queue($1::text) as n", [name]);
    assertEquals(Number(n), 2);
    assertEquals([(await table(db, "q", name)).length, (await table(db, "a", name)).length], [
      0,
      1,
    ]);
  },

  async "list_queues and drop_queue - a queue is listed until dropped; a missing one is not"(
    db,
    name,
  ) {
    await create(db, name);
    await q(db, "select pgmq.create_unlogged($1::text)", [`${name}_u`]);
    const list = () =>
      q<{ queue_name: string; is_partitioned: boolean; is_unlogged: boolean; created_at: Date }>(
        db,
        "select * from pgmq.list_queues() where queue_name like $1::text order by queue_name",
        [`${name}%`],
      );
    const listed = await list();
    assertEquals(listed.map((l) => [l.queue_name, l.is_partitioned, l.is_unlogged]), [
      [name, false, false],
      [`${name}_u`, false, true],
    ]);
    assert(listed.every((l) => l.created_at instanceof Date), "created_at is a time");
    const drop = (n: string) =>
      q<{ ok: boolean }>(db, "select pgmq.drop_queue($1::text) as ok", [n]);
    assertEquals((await drop(`${name}_u`))[0].ok, true);
    assertEquals((await list()).map((l) => l.queue_name), [name]);
    const [{ t }] = await q<{ t: string | null }>(db, "select to_regclass($1::text)::text as t", [
      `pgmq.q_${name}_u`,
    ]);
    assertEquals(t, null);
    // Never reported dropped: pgmq 1.5.1 as an extension fails on `alter extension … drop table`
    // (relation does not exist); the compat schema returns false, as pgmq 1.6 does.
    try {
      assertEquals((await drop(`${name}_missing`))[0].ok, false);
    } catch (err) {
      assert(String(err).includes("does not exist"), `dropping a missing queue: ${err}`);
    }
  },

  async "metrics - pgmq's columns and meanings, for one queue and for all"(db, name) {
    await create(db, name);
    await q(db, `select pgmq.send_batch($1::text, array['1', '2', '3', '4', '5']::jsonb[])`, [
      name,
    ]);
    await q(db, `select pgmq.send_batch($1::text, array['6', '7']::jsonb[], 10)`, [name]);
    await q(db, "select pgmq.archive($1::text, 1::bigint)", [name]);
    await q(db, "select pgmq.delete($1::text, 2::bigint)", [name]);
    type M = Record<string, unknown>;
    const [m] = await q<M>(db, "select * from pgmq.metrics($1::text)", [name]);
    assertEquals(Object.keys(m), [
      "queue_name",
      "queue_length",
      "newest_msg_age_sec",
      "oldest_msg_age_sec",
      "total_messages",
      "scrape_time",
      "queue_visible_length",
    ]);
    const nums = ["queue_length", "total_messages", "queue_visible_length"].map((k) =>
      Number(m[k])
    );
    assertEquals([m.queue_name, ...nums], [name, 5, 7, 3]);
    assert(Number(m.oldest_msg_age_sec) >= 0 && Number(m.newest_msg_age_sec) >= 0, "ages");
    assert(m.scrape_time instanceof Date, "scrape_time is a time");
    const all = await q<M>(db, "select * from pgmq.metrics_all() where queue_name = $1::text", [
      name,
    ]);
    assertEquals(all.map((a) => [a.queue_name, Object.keys(a).length, Number(a.total_messages)]), [
      [name, 7, 7],
    ]);
    // The app's view of it (health, admin).
    const mine = (await db.transaction((tx) => queue.metrics(tx))).find((x) =>
      x.queue_name === name
    );
    assertEquals(
      [mine?.queue_length, mine?.queue_visible_length, mine?.total_messages],
      [5, 3, 7],
    );
  },

  async "queue names - pgmq's rules: case folded, hyphens allowed, no $ ; -- ', under 48"(
    db,
    name,
  ) {
    const cased = `${name}-Cased`;
    await create(db, cased);
    await q(db, "select pgmq.send($1::text, '1'::jsonb)", [cased]);
    assertEquals((await read(db, cased, 30, 1)).map((m) => m.msg_id), [1]);
    assertEquals((await table(db, "q", cased)).length, 1);
    const [{ t }] = await q<{ t: string }>(
      db,
      "select pgmq.format_table_name($1::text, 'q') as t",
      [
        cased,
      ],
    );
    assertEquals(t, `q_${name}-cased`);
    await q(db, "select pgmq.drop_queue($1::text)", [cased]);
    const invalid = "queue name contains invalid characters: $, ;, --, or \\'";
    for (const bad of [`${name}$`, `${name};x`, `${name}--x`, `${name}'x`]) {
      const err = await assertRejects(() => create(db, bad));
      assertEquals(err.message, invalid);
    }
    const long = (n: number) => (name + "x".repeat(48)).slice(0, n);
    const err = await assertRejects(() => create(db, long(48)));
    assertEquals(err.message, "queue name is too long, maximum length is 48 characters");
    await create(db, long(47));
    await q(db, "select pgmq.drop_queue($1::text)", [long(47)]);
  },

  async "missing queue - every operation fails as pgmq's: its table does not exist"(db, name) {
    const missing = `relation "pgmq.q_${name}" does not exist`;
    for (
      const sql of [
        "select pgmq.send($1::text, '1'::jsonb)",
        "select pgmq.send_batch($1::text, array['1']::jsonb[])",
        "select * from pgmq.read($1::text, 30, 1)",
        "select pgmq.archive($1::text, 1::bigint)",
        "select pgmq.delete($1::text, array[1]::bigint[])",
        "select * from pgmq.pop($1::text)",
        "select * from pgmq.metrics($1::text)",
      ]
    ) {
      const err = await assertRejects(() => q(db, sql, [name]));
      assertEquals(err.message, missing, sql);
    }
  },

  async "queue port - send (typed delay), sendBatch, read, archive, remove"(db, name) {
    await create(db, name);
    const as = name as queue.QueueName; // the port's names are the app's; this queue is the test's
    const run = <T>(fn: (tx: Tx) => Promise<T>) => db.transaction(fn);
    const job = (k: string) => ({ kind: "test", idempotency_key: k });
    const a = await run((tx) => queue.send(tx, as, job("a")));
    const b = await run((tx) => queue.send(tx, as, job("b"), 3600));
    const batch = await run((tx) => queue.sendBatch(tx, as, [job("c"), job("d")]));
    assertEquals([a, b, ...batch], [1, 2, 3, 4]);
    const got = await run((tx) => queue.read(tx, name, 30, 10));
    assertEquals(got.map((m) => [m.msg_id, m.read_ct, m.message]), [
      [1, 1, job("a")],
      [3, 1, job("c")],
      [4, 1, job("d")],
    ]);
    assert(got[0].enqueued_at instanceof Date, "enqueued_at is a time");
    assertEquals(await run((tx) => queue.archive(tx, name, 1)), true);
    assertEquals(await run((tx) => queue.archive(tx, name, 1)), false);
    assertEquals((await run((tx) => queue.archiveMany(tx, name, [3, 4, 99]))).sort(), [3, 4]);
    assertEquals(await run((tx) => queue.remove(tx, name, 2)), true);
    assertEquals((await table(db, "a", name)).map((r) => r.msg_id), [1, 3, 4]);
    assertEquals((await table(db, "q", name)).length, 0);
  },
};

/** Drops every queue whose name starts with `prefix` (a case's leftovers). */
export async function dropQueues(db: Driver, prefix: string): Promise<void> {
  const rows = await q<{ queue_name: string }>(
    db,
    "select queue_name from pgmq.list_queues() where queue_name like $1::text",
    [`${prefix}%`],
  );
  for (const r of rows) await q(db, "select pgmq.drop_queue($1::text)", [r.queue_name]);
}
