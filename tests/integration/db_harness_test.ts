/** The test database harness: isolation between fresh databases, users, asUser and asService. */
import { assert, assertEquals, assertRejects } from "../_helpers/assert.ts";
import { createUser, freshDb } from "../_helpers/db.ts";
import { Claims } from "../../lib/ports/db/types.ts";

Deno.test("freshDb - a write in one database is absent from another", async () => {
  await using first = await freshDb();
  await using second = await freshDb();
  const ann = await createUser(first.driver, { display_name: "Ann" });
  const count = "select count(*)::int as n from auth.users where id = $1";
  assertEquals((await first.driver.query<{ n: number }>(count, [ann.id]))[0].n, 1);
  assertEquals((await second.driver.query<{ n: number }>(count, [ann.id]))[0].n, 0);
  // Each starts migrated: the tables exist, and no user has signed up yet.
  const users = await second.driver.query<{ n: number }>(
    "select count(*)::int as n from auth.users",
  );
  assertEquals(users[0].n, 0);
});

Deno.test("createUser - signs up through the trigger and returns Supabase-shaped claims", async () => {
  await using t = await freshDb();
  const bea = await createUser(t.driver, {
    email: "bea@example.test",
    display_name: "Bea Drums",
    is_client: true,
  });
  const claims = Claims.parse(bea.claims);
  assertEquals(claims.sub, bea.id);
  assertEquals([claims.role, claims.aud, claims.email], [
    "authenticated",
    "authenticated",
    "bea@example.test",
  ]);
  assert((claims.exp ?? 0) > Date.now() / 1000, "the claims have not expired");
  assertEquals(claims.user_metadata, { display_name: "Bea Drums", is_client: true });
  const profile = await t.db.asUser(
    bea.claims,
    (tx) =>
      tx.query("select display_name, is_musician, is_client from public.profiles where id = $1", [
        bea.id,
      ]),
  );
  assertEquals(profile, [{ display_name: "Bea Drums", is_musician: true, is_client: true }]);
});

Deno.test("asUser - RLS shows users their own notifications; asService sees all", async () => {
  await using t = await freshDb();
  const ann = await createUser(t.driver);
  const bob = await createUser(t.driver);
  await t.db.asService((tx) =>
    tx.query(
      `insert into public.notifications (user_id, kind, title)
       values ($1, 'welcome', 'For Ann'), ($2, 'welcome', 'For Bob')`,
      [ann.id, bob.id],
    )
  );
  const titles = "select title from public.notifications order by title";
  assertEquals(await t.db.asUser(ann.claims, (tx) => tx.query(titles)), [{ title: "For Ann" }]);
  assertEquals(await t.db.asUser(bob.claims, (tx) => tx.query(titles)), [{ title: "For Bob" }]);
  // The service role bypasses RLS: the server's jobs see every row.
  assertEquals(await t.db.asService((tx) => tx.query(titles)), [
    { title: "For Ann" },
    { title: "For Bob" },
  ]);
  // Anonymous visitors get no notifications at all: the table is not even granted to anon.
  await assertRejects(
    () => t.db.asUser({ role: "anon" }, (tx) => tx.query(titles)),
    /permission denied for table notifications/,
  );
});

Deno.test("asUser - a user's write to someone else's row changes nothing", async () => {
  await using t = await freshDb();
  const ann = await createUser(t.driver, { display_name: "Ann" });
  const bob = await createUser(t.driver, { display_name: "Bob" });
  const updated = await t.db.asUser(
    ann.claims,
    (tx) =>
      tx.query("update public.profiles set display_name = 'Hacked' where id = $1 returning id", [
        bob.id,
      ]),
  );
  assertEquals(updated, []);
  const names = await t.db.asService((tx) =>
    tx.query<{ display_name: string }>(
      "select display_name from public.profiles order by display_name",
    )
  );
  assertEquals(names.map((r) => r.display_name), ["Ann", "Bob"]);
  // The role and claims were transaction-local: the session is back to its owner.
  const [who] = await t.driver.query<{ role: string; claims: string | null }>(
    "select current_user as role, nullif(current_setting('request.jwt.claims', true), '') as claims",
  );
  assertEquals(who, { role: "postgres", claims: null });
});
