import { assertEquals, assertRejects } from "../../tests/_helpers/assert.ts";
import { createViewerZones } from "./viewer_zone.ts";
import type { Claims } from "../ports/db/mod.ts";

const claims = (sub: string) => ({ sub, role: "authenticated" }) as unknown as Claims;

function counting(zone: string | null = "America/New_York") {
  const reads: string[] = [];
  return {
    reads,
    read: (c: Claims) => {
      reads.push(c.sub);
      return Promise.resolve(zone);
    },
  };
}

Deno.test("viewer zones - read once per user within the TTL, again after it", async () => {
  let t = 0;
  const r = counting();
  const zones = createViewerZones(r.read, { ttlMs: 1000, now: () => t });
  assertEquals(await zones.get(claims("u1")), "America/New_York");
  t = 999;
  assertEquals(await zones.get(claims("u1")), "America/New_York");
  assertEquals(r.reads, ["u1"]);
  t = 1000;
  await zones.get(claims("u1"));
  assertEquals(r.reads, ["u1", "u1"]);
});

Deno.test("viewer zones - a profile save forgets the user's zone; others stay", async () => {
  const r = counting();
  const zones = createViewerZones(r.read);
  await Promise.all([zones.get(claims("u1")), zones.get(claims("u2"))]);
  zones.forget("u1");
  await zones.get(claims("u1"));
  await zones.get(claims("u2"));
  assertEquals(r.reads, ["u1", "u2", "u1"]);
});

Deno.test("viewer zones - pages opened together share one read", async () => {
  const r = counting();
  const zones = createViewerZones(r.read);
  await Promise.all([zones.get(claims("u1")), zones.get(claims("u1")), zones.get(claims("u1"))]);
  assertEquals(r.reads, ["u1"]);
});

Deno.test("viewer zones - a failed read is not kept", async () => {
  let fail = true;
  const zones = createViewerZones(() =>
    fail ? Promise.reject(new Error("db down")) : Promise.resolve("Europe/Lisbon")
  );
  await assertRejects(() => zones.get(claims("u1")));
  fail = false;
  assertEquals(await zones.get(claims("u1")), "Europe/Lisbon");
});

Deno.test("viewer zones - at most `max` users are kept, the oldest go first", async () => {
  const r = counting(null);
  const zones = createViewerZones(r.read, { max: 2 });
  for (const u of ["u1", "u2", "u3"]) await zones.get(claims(u));
  await zones.get(claims("u3"));
  await zones.get(claims("u1"));
  assertEquals(r.reads, ["u1", "u2", "u3", "u1"]);
});
