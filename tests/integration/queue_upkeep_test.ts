/** The embedded worker's upkeep: PGlite has no autovacuum, so the worker vacuums its queues. */
import { assertEquals } from "../_helpers/assert.ts";
import { freshDb } from "../_helpers/db.ts";
import { vacuumQueues } from "../../lib/ports/queue/worker.ts";

const dead = (f: Awaited<ReturnType<typeof freshDb>>, table: string) =>
  f.driver.query<{ n: number }>(
    "select n_dead_tup::int as n from pg_stat_user_tables where schemaname = 'pgmq' and relname = $1",
    [table],
  ).then(([r]) => r.n);

Deno.test("worker upkeep - queue tables with many dead rows are vacuumed, others left alone", async () => {
  await using f = await freshDb();
  // 1,500 messages sent and archived: each leaves a dead row in pgmq.q_ai, none in q_matching.
  await f.driver.exec(`
    select pgmq.send_batch('ai', array(select '{}'::jsonb from generate_series(1, 1500)));
    select pgmq.archive('ai', array(select msg_id from pgmq.q_ai));
    select pgmq.send('matching', '{}');
    select pgmq.delete('matching', array(select msg_id from pgmq.q_matching));`);
  // Table statistics reach pg_stat_user_tables at the end of a later transaction.
  await f.driver.exec("select pg_stat_force_next_flush()");
  assertEquals(await dead(f, "q_ai") >= 1500, true);
  assertEquals(await dead(f, "q_matching"), 1);
  await vacuumQueues(f.db, ["ai", "matching"]);
  assertEquals([await dead(f, "q_ai"), await dead(f, "q_matching")], [0, 1]);
});
