import { assertEquals } from "../../tests/_helpers/assert.ts";
import { escapeLiteral } from "./mod.ts";
import { openPglite } from "./pglite.ts";

Deno.test("db - escapeLiteral round-trips quotes, backslashes and unicode through Postgres", async () => {
  const pg = await openPglite();
  try {
    for (const text of [`{"a":"it's"}`, `back\\slash \\' \\\\`, "emoji 🎸 and \u2028", "''\\''"]) {
      const [row] = await pg.query<{ v: string }>(`select ${escapeLiteral(text)} as v`);
      assertEquals(row.v, text);
    }
  } finally {
    await pg.close();
  }
});

Deno.test("db - readAsUser reads under RLS in one round trip and leaves no role behind", async () => {
  const { freshDb, createUser } = await import("../../tests/_helpers/db.ts");
  await using f = await freshDb();
  const a = await createUser(f.driver, { display_name: "Ann" });
  const b = await createUser(f.driver, { display_name: "Bob" });
  await f.db.asService((tx) =>
    tx.query(
      "insert into public.notifications (user_id, kind, title) values ($1, 'x', 'for Bob')",
      [b.id],
    )
  );
  const seen = await f.db.readAsUser<{ title: string }>(
    a.claims,
    "select title from public.notifications",
  );
  assertEquals(seen, []);
  const own = await f.db.readAsUser<{ uid: string }>(b.claims, "select auth.uid()::text as uid");
  assertEquals(own, [{ uid: b.id }]);
  const after = await f.driver.query<{ r: string; c: string | null }>(
    "select current_user::text as r, current_setting('request.jwt.claims', true) as c",
  );
  assertEquals(after[0].r, "postgres");
  assertEquals(after[0].c ?? "", "");
  const failed = await f.db.readAsUser(a.claims, "select 1/0").then(() => "ok", () => "error");
  assertEquals(failed, "error");
  const still = await f.driver.query<{ r: string }>("select current_user::text as r");
  assertEquals(still[0].r, "postgres");
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
