/**
 * The queue contract (tests/_helpers/queue_contract.ts) on each database the app runs on:
 *
 * - embedded: PGlite, bootstrapped and migrated as the app boots, with the pgmq-compatible schema
 *   (twice: as it runs, and with its compiled statements switched off);
 * - postgres: when `TEST_DATABASE_URL` is set (the real-Postgres tier sets it), real PostgreSQL
 *   with the pgmq extension, through the postgres.js driver. Skipped without it.
 *
 * The same cases run on both; each makes and drops its own queues.
 */
import { freshDb } from "../_helpers/db.ts";
import { dropQueues, QUEUE_CONTRACT } from "../_helpers/queue_contract.ts";
import { openPostgres } from "../../lib/ports/db/postgres.ts";
import type { Driver } from "../../lib/ports/db/mod.ts";

const POSTGRES_URL = Deno.env.get("TEST_DATABASE_URL");

async function contract(t: Deno.TestContext, db: Driver): Promise<void> {
  for (const [name, run] of Object.entries(QUEUE_CONTRACT)) {
    const queue = `contract_${crypto.randomUUID().slice(0, 8)}`;
    await t.step(name, async () => {
      try {
        await run(db, queue);
      } finally {
        await dropQueues(db, queue);
      }
    });
  }
}

Deno.test("queue contract - embedded (PGlite, pgmq-compatible schema)", async (t) => {
  await using f = await freshDb();
  await contract(t, f.driver);
});

// The compat schema serves the queues it compiled (pgmq._compile, on create and drop) with static
// statements and any other with pgmq's dynamic ones: with compiling switched off, every case
// below runs on the dynamic ones.
Deno.test("queue contract - embedded, uncompiled queues (pgmq's dynamic statements)", async (t) => {
  await using f = await freshDb();
  await f.driver.exec("create or replace function pgmq._compile() returns void language sql as ''");
  await contract(t, f.driver);
});

Deno.test({
  name: "queue contract - postgres (real pgmq extension, TEST_DATABASE_URL)",
  ignore: !POSTGRES_URL,
  async fn(t) {
    const driver = openPostgres(POSTGRES_URL!);
    try {
      await contract(t, driver);
    } finally {
      await driver.close();
    }
  },
});
