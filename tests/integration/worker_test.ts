/** The queue worker: welcome job end to end, idempotency, retries and the dead-letter queue. */
import { assertEquals } from "../_helpers/assert.ts";
import { createUser, freshDb } from "../_helpers/db.ts";
import { createWorker } from "../../lib/ports/queue/worker.ts";
import { send } from "../../lib/ports/queue/mod.ts";
import { notifyHandler } from "../../lib/domains/notifications/mod.ts";

const quiet = () => {};

Deno.test("worker - sign-up's welcome job becomes one notification, even if redelivered", async () => {
  await using f = await freshDb();
  const a = await createUser(f.driver, { display_name: "Ann" });
  const worker = createWorker({ db: f.db, handlers: { notify: notifyHandler }, log: quiet });
  assertEquals((await worker.runOnce()).processed, 1);
  // A duplicate delivery (same idempotency key) is archived without repeating the work.
  await f.db.asService((tx) =>
    send(tx, "notify", { kind: "welcome", user_id: a.id, idempotency_key: `welcome:${a.id}` })
  );
  assertEquals((await worker.runOnce()).skipped, 1);
  const rows = await f.db.asUser(
    a.claims,
    (tx) => tx.query<{ title: string }>("select title from public.notifications"),
  );
  assertEquals(rows.map((r) => r.title), ["Welcome to Soundcheck, Ann!"]);
});

Deno.test("worker - a failing job is retried after its visibility timeout, then dead-lettered", async () => {
  await using f = await freshDb();
  let calls = 0;
  const worker = createWorker({
    db: f.db,
    handlers: {
      ai: () => {
        calls++;
        return Promise.reject(new Error("provider down"));
      },
    },
    visibilityTimeout: 0,
    maxAttempts: 3,
    log: quiet,
  });
  await f.db.asService((tx) => send(tx, "ai", { kind: "x", idempotency_key: "k1" }));
  const r1 = await worker.runOnce();
  const r2 = await worker.runOnce();
  const r3 = await worker.runOnce();
  assertEquals([r1.failed, r2.failed, r3.deadLettered], [1, 1, 1]);
  assertEquals(calls, 3);
  const dlq = await f.db.asService((tx) =>
    tx.query<{ message: { error: string; attempts: number } }>("select message from pgmq.q_ai_dlq")
  );
  assertEquals(dlq.map((d) => [d.message.error, d.message.attempts]), [["provider down", 3]]);
  const left = await f.db.asService((tx) => tx.query("select 1 from pgmq.q_ai"));
  assertEquals(left.length, 0);
});

Deno.test("worker - a failed job's writes roll back with it", async () => {
  await using f = await freshDb();
  const a = await createUser(f.driver);
  const worker = createWorker({
    db: f.db,
    handlers: {
      notify: async (_m, { tx }) => {
        await tx.query(
          "insert into public.notifications (user_id, kind, title) values ($1, 'x', 'half')",
          [a.id],
        );
        throw new Error("boom after write");
      },
    },
    visibilityTimeout: 0,
    log: quiet,
  });
  await worker.runOnce();
  const rows = await f.db.asService((tx) =>
    tx.query("select 1 from public.notifications where title = 'half'")
  );
  assertEquals(rows.length, 0);
});
