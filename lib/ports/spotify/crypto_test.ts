import { assert, assertEquals, assertMatch } from "../../../tests/_helpers/assert.ts";
import { createTokenCipher } from "./crypto.ts";

const KEY = "a-test-key-that-is-long-enough-0123456789";

Deno.test("token cipher - round trip, fresh IV each time, bound to the user", async () => {
  const c = await createTokenCipher(KEY);
  const a = await c.encrypt("BQD-secret-token", "user-1");
  const b = await c.encrypt("BQD-secret-token", "user-1");
  assertMatch(a, /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
  assert(a !== b, "a new IV per value");
  assert(!a.includes("secret"), "no plaintext");
  assertEquals(await c.decrypt(a, "user-1"), "BQD-secret-token");
  const other = await c.decrypt(a, "user-2").then(() => "decrypted", () => "refused");
  assertEquals(other, "refused", "another user's row does not decrypt it");
  const wrongKey = await (await createTokenCipher(`${KEY}!`)).decrypt(a, "user-1")
    .then(() => "decrypted", () => "refused");
  assertEquals(wrongKey, "refused");
  const tampered = a.slice(0, -2) + (a.endsWith("A") ? "BB" : "AA");
  assertEquals(await c.decrypt(tampered, "user-1").then(() => "ok", () => "refused"), "refused");
  assertEquals(await createTokenCipher("short").then(() => "ok", () => "refused"), "refused");
});
