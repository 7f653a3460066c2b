import { assertEquals, assertRejects } from "../../../tests/_helpers/assert.ts";
import { openPglite } from "./pglite.ts";
import { openingSql } from "./postgres.ts";
import type { Acting } from "./types.ts";

Deno.test("postgres driver - the opening sets role and claims exactly, with no escaping", async () => {
  const pg = await openPglite();
  try {
    await pg.exec("create role authenticated");
    const claims = JSON.stringify({ sub: "x", note: `it's \\' $$ 🎸 \u2028 '); drop table t; --` });
    const opening = openingSql({ role: "authenticated", claims });
    assertEquals(/[^\x20-\x7e]/.test(opening), false, "the text is plain ASCII");
    const seen = await pg.transaction(async (tx) => {
      await tx.exec(opening.replace(/^begin; /, ""));
      return await tx.query<{ r: string; c: string }>(
        "select current_user::text as r, current_setting('request.jwt.claims') as c",
      );
    });
    assertEquals(seen, [{ r: "authenticated", c: claims }]);
    assertEquals(openingSql(), "begin");
  } finally {
    await pg.close();
  }
});

Deno.test("postgres driver - only the three API roles can be acted as", async () => {
  const acting = { role: "postgres", claims: "{}" } as unknown as Acting;
  await assertRejects(() => Promise.resolve().then(() => openingSql(acting)), /Cannot act as/);
});
