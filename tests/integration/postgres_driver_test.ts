/**
 * DATABASE_URL switches the same code to postgres.js: here against PGlite served over the wire
 * protocol (pglite-socket), so bootstrap, migrations, asUser/asService and RLS run through it.
 */
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { assertEquals } from "../_helpers/assert.ts";
import { openPglite } from "../../lib/ports/db/pglite.ts";
import { openDatabase } from "../../lib/platform/database.ts";
import { loadConfig } from "../../lib/platform/config.ts";

Deno.test("postgres driver - migrates and enforces RLS over the wire", async () => {
  const pglite = await openPglite();
  const server = new PGLiteSocketServer({
    db: pglite.pg,
    host: "127.0.0.1",
    port: 0,
    maxConnections: 1,
  });
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
  const { db, migrated } = await openDatabase(loadConfig({ APP_ENV: "test", DATABASE_URL: url }));
  try {
    assertEquals(db.driver.kind, "postgres");
    assertEquals(migrated.length > 0, true);
    const a = crypto.randomUUID();
    const b = crypto.randomUUID();
    await db.driver.transaction(async (tx) => {
      for (const [id, name] of [[a, "Ann"], [b, "Bob"]]) {
        await tx.query(
          "insert into auth.users (id, email, raw_user_meta_data) values ($1, $2, $3::jsonb)",
          [id, `${name}@example.com`, JSON.stringify({ display_name: name })],
        );
      }
      await tx.query(
        "insert into public.notifications (user_id, kind, title) values ($1, 'x', 'for Bob')",
        [b],
      );
    });
    const title = "select title from public.notifications where kind = $1";
    const seen = await db.asUser(
      { sub: a, role: "authenticated" },
      (tx) => tx.query("select title from public.notifications"),
    );
    assertEquals(seen, []);
    const updated = await db.asUser(
      { sub: a, role: "authenticated" },
      (tx) =>
        tx.query("update public.profiles set display_name = 'x' where id = $1 returning id", [b]),
    );
    assertEquals(updated, []);
    const all = await db.asService((tx) =>
      tx.query<{ n: number }>("select count(*)::int as n from public.notifications")
    );
    assertEquals(all[0].n, 1);
    // The one-statement path: pipelined opening, statement and commit, then nothing left set.
    const own = await db.queryAsUser({ sub: b, role: "authenticated" }, title, ["x"]);
    assertEquals(own, [{ title: "for Bob" }]);
    assertEquals(await db.queryAsUser({ sub: a, role: "authenticated" }, title, ["x"]), []);
    const [after] = await db.driver.query<{ r: string; c: string | null }>(
      "select current_user::text as r, current_setting('request.jwt.claims', true) as c",
    );
    assertEquals([after.r, after.c ?? ""], ["postgres", ""]);
  } finally {
    await db.driver.close();
    await server.stop();
    await pglite.close();
  }
});
