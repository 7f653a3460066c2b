/**
 * The postgres.js driver on real PostgreSQL (tests/_helpers/postgres.ts): what PGlite, which takes
 * parameters differently, cannot show. Run by the real-Postgres tier; ignored where neither the
 * tier's TEST_DATABASE_URL nor a local PostgreSQL 15 is there.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { postgresAvailable, startPostgres, withUser } from "../_helpers/postgres.ts";
import { createDb } from "../../lib/ports/db/mod.ts";
import { openPostgres } from "../../lib/ports/db/postgres.ts";
import { send } from "../../lib/ports/queue/mod.ts";

const ignore = !postgresAvailable();

Deno.test({
  name: "postgres driver - JSON bound to json and jsonb parameters is stored as the value",
  ignore,
  async fn() {
    await using pg = await startPostgres();
    const driver = openPostgres(await pg.freshDatabase());
    try {
      await driver.exec("create table probe (n int, j jsonb, t json)");
      const value = { kind: "x", list: [1, 2] };
      await driver.query("insert into probe values (1, $1, $2)", [
        JSON.stringify(value),
        JSON.stringify(value),
      ]);
      await driver.query("insert into probe values (2, $1::jsonb, $2::json)", [value, value]);
      const rows = await driver.query<{ n: number; kind: string; t: string }>(
        "select n, jsonb_typeof(j) as kind, json_typeof(t) as t from probe order by n",
      );
      assertEquals(rows.map((r) => `${r.kind}/${r.t}`).join(","), "object/object,object/object");
    } finally {
      await driver.close();
    }
  },
});

Deno.test({
  name: "postgres driver - service_role enqueues through the queue port (typed pgmq.send)",
  ignore,
  async fn() {
    await using pg = await startPostgres();
    // As `postgres`, a project's DATABASE_URL user; asService acts as service_role.
    const db = createDb(openPostgres(withUser(await pg.freshDatabase(), "postgres")));
    try {
      const id = await db.asService((tx) =>
        send(
          tx,
          "notify",
          { kind: "welcome", idempotency_key: "k1", user_id: crypto.randomUUID() },
          5,
        )
      );
      const [row] = await db.driver.query<{ kind: string; vt_later: boolean }>(
        `select message ->> 'kind' as kind, vt > now() + interval '3 seconds' as vt_later
         from pgmq.q_notify where msg_id = $1::bigint`,
        [id],
      );
      assertEquals(row?.kind, "welcome", "the message is the object sent");
      assertEquals(row?.vt_later, true, "the delay took effect");
    } finally {
      await db.driver.close();
    }
  },
});
