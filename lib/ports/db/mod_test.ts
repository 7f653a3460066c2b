import { assertEquals, assertRejects } from "../../../tests/_helpers/assert.ts";
import { createUser, freshDb } from "../../../tests/_helpers/db.ts";
import type { Driver } from "./mod.ts";

/** What the session looks like outside any transaction: the owner, with no claims. */
async function sessionIsClean(driver: Driver): Promise<void> {
  const [row] = await driver.query<{ r: string; c: string | null }>(
    "select current_user::text as r, current_setting('request.jwt.claims', true) as c",
  );
  assertEquals([row.r, row.c ?? ""], ["postgres", ""]);
}

Deno.test("db - queryAsUser reads under RLS and leaves no role or claims behind", async () => {
  await using f = await freshDb();
  const a = await createUser(f.driver, { display_name: "Ann" });
  const b = await createUser(f.driver, { display_name: "Bob" });
  await f.db.asService((tx) =>
    tx.query(
      "insert into public.notifications (user_id, kind, title) values ($1, 'x', 'for Bob')",
      [b.id],
    )
  );
  const title = "select title from public.notifications where kind = $1";
  assertEquals(await f.db.queryAsUser(a.claims, title, ["x"]), []);
  assertEquals(await f.db.queryAsUser(b.claims, title, ["x"]), [{ title: "for Bob" }]);
  const own = await f.db.queryAsUser(b.claims, "select auth.uid()::text as uid");
  assertEquals(own, [{ uid: b.id }]);
  await sessionIsClean(f.driver);
  await assertRejects(() => f.db.queryAsUser(a.claims, "select 1/$1::int", [0]), /division/);
  await sessionIsClean(f.driver);
  // A statement the setup did not let through leaves nothing behind either.
  await assertRejects(
    () => f.db.queryAsUser({ role: "anon" }, "select title from public.notifications"),
    /permission denied/,
  );
  await sessionIsClean(f.driver);
});

Deno.test("db - asUser is one transaction as the user: all of it or none of it", async () => {
  await using f = await freshDb();
  const a = await createUser(f.driver, { display_name: "Ann" });
  const rename = (name: string) => (tx: { query: Driver["query"] }) =>
    tx.query("update public.profiles set display_name = $1 where id = (select auth.uid())", [
      name,
    ]);
  const names = () =>
    f.driver.query<{ n: string }>("select display_name as n from public.profiles where id = $1", [
      a.id,
    ]);
  await assertRejects(() =>
    f.db.asUser(a.claims, async (tx) => {
      await rename("Changed")(tx);
      throw new Error("changed my mind");
    })
  );
  assertEquals(await names(), [{ n: "Ann" }]);
  await sessionIsClean(f.driver);
  const seen = await f.db.asUser(a.claims, async (tx) => {
    await rename("Annie")(tx);
    await tx.exec("set local statement_timeout = '5s'");
    const [role] = await tx.query<{ r: string }>("select current_user::text as r");
    const [uid] = await tx.query<{ u: string }>("select auth.uid()::text as u where $1", [true]);
    return [role.r, uid.u];
  });
  assertEquals(seen, ["authenticated", a.id]);
  assertEquals(await names(), [{ n: "Annie" }]);
  await sessionIsClean(f.driver);
  // A callback that runs nothing opens nothing.
  assertEquals(await f.db.asUser(a.claims, () => Promise.resolve(7)), 7);
});

Deno.test("db - claims reach auth.jwt() exactly, whatever characters they hold", async () => {
  await using f = await freshDb();
  const a = await createUser(f.driver);
  for (const text of [`it's`, `back\\slash \\' \\\\`, "emoji 🎸 and \u2028", "''\\''", "$$ $x$"]) {
    const claims = { ...a.claims, user_metadata: { text } };
    const sql = "select auth.jwt() -> 'user_metadata' ->> 'text' as t";
    assertEquals(await f.db.queryAsUser(claims, sql), [{ t: text }]);
    assertEquals(await f.db.asUser(claims, (tx) => tx.query(sql)), [{ t: text }]);
  }
});

Deno.test("db - a token's role cannot be service_role or anything but the two API roles", async () => {
  await using f = await freshDb();
  const forged = { role: "service_role" } as unknown as { role: "anon" };
  const [row] = await f.db.queryAsUser<{ r: string }>(forged, "select current_user::text as r");
  assertEquals(row.r, "anon");
});

Deno.test("db - constraint names map to the field, tables with underscores included", async () => {
  const { fieldFromConstraint } = await import("./errors.ts");
  assertEquals(
    fieldFromConstraint("musician_profiles_currency_check", "musician_profiles"),
    "currency",
  );
  assertEquals(fieldFromConstraint("gigs_budget_max_minor_check", "gigs"), "budget_max_minor");
  assertEquals(fieldFromConstraint("media_kind_check", "media"), "kind");
  assertEquals(fieldFromConstraint("profiles_display_name_length"), "display_name");
  assertEquals(fieldFromConstraint("something_else"), undefined);
});
