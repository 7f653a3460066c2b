import { assertEquals } from "../../tests/_helpers/assert.ts";
import { createAccountGate, standingOf } from "./account_gate.ts";

const DAY = 86_400_000;

Deno.test("account gate - standing: a ban in force, one that ran out, deleted, permanent", () => {
  const now = Date.UTC(2027, 0, 1);
  const row = (banned: number | null, deleted = false) => ({
    banned_until: banned === null ? null : new Date(banned),
    deleted_at: deleted ? new Date(now) : null,
  });
  assertEquals(standingOf(row(null), now), { kind: "ok" });
  assertEquals(standingOf(row(now - 1), now), { kind: "ok" });
  assertEquals(standingOf(row(now + DAY), now), {
    kind: "suspended",
    until: new Date(now + DAY),
    permanent: false,
  });
  assertEquals(standingOf(row(now + 100 * 365 * DAY), now).kind, "suspended");
  assertEquals(
    (standingOf(row(now + 100 * 365 * DAY), now) as { permanent: boolean }).permanent,
    true,
  );
  assertEquals(standingOf(row(null, true), now), { kind: "deleted" });
  assertEquals(standingOf(null, now), { kind: "deleted" }, "no row: the account is gone");
});

Deno.test("account gate - read once within the TTL; forget reads again; a ban ends on time", async () => {
  let t = 0;
  let banned: Date | null = null;
  const reads: string[] = [];
  const gate = createAccountGate((id) => {
    reads.push(id);
    return Promise.resolve({ banned_until: banned, deleted_at: null });
  }, { ttlMs: 5000, now: () => t });
  assertEquals((await gate.standing("u1")).kind, "ok");
  banned = new Date(10_000);
  assertEquals((await gate.standing("u1")).kind, "ok", "kept within the TTL");
  gate.forget("u1");
  assertEquals((await gate.standing("u1")).kind, "suspended", "forgotten: read again");
  t = 10_000;
  assertEquals((await gate.standing("u1")).kind, "ok", "the kept ban ran out on time");
  assertEquals(reads, ["u1", "u1", "u1"]);
});

Deno.test("account gate - a failed read lets the request through and is not kept", async () => {
  let fail = true;
  const errors: unknown[] = [];
  const gate = createAccountGate(
    () => fail ? Promise.reject(new Error("down")) : Promise.resolve(null),
    { onError: (e) => errors.push(e) },
  );
  assertEquals((await gate.standing("u1")).kind, "ok");
  assertEquals(errors.length, 1);
  fail = false;
  assertEquals((await gate.standing("u1")).kind, "deleted");
});
