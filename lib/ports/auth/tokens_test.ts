import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { SignJWT } from "jose";
import { createTokenSigner, randomToken } from "./tokens.ts";

const secret = "x".repeat(40);
const user = {
  id: "11111111-1111-4111-8111-111111111111",
  email: "a@example.com",
  user_metadata: {},
};
const issuer = "http://127.0.0.1:8000/auth/v1";

Deno.test("tokens - a signed token verifies to Supabase-shaped claims", async () => {
  const signer = createTokenSigner(secret, 3600, issuer);
  const { token, expiresAt } = await signer.sign(user, crypto.randomUUID());
  const claims = await signer.verify(token);
  assertEquals(claims?.sub, user.id);
  assertEquals(claims?.role, "authenticated");
  assertEquals(claims?.aud, "authenticated");
  assertEquals(claims?.email, user.email);
  assertEquals(claims?.exp, expiresAt);
});

Deno.test("tokens - forged, expired, wrong-audience and alg=none tokens are refused", async () => {
  const signer = createTokenSigner(secret, 3600, issuer);
  const forged = await createTokenSigner("y".repeat(40), 3600, issuer).sign(user, "s");
  assertEquals(await signer.verify(forged.token), null);

  const key = new TextEncoder().encode(secret);
  const expired = await new SignJWT({ role: "authenticated" }).setProtectedHeader({ alg: "HS256" })
    .setSubject(user.id).setAudience("authenticated").setIssuer(issuer)
    .setExpirationTime(Math.floor(Date.now() / 1000) - 10).sign(key);
  assertEquals(await signer.verify(expired), null);

  const wrongAud = await new SignJWT({ role: "authenticated" }).setProtectedHeader({ alg: "HS256" })
    .setSubject(user.id).setAudience("other").setIssuer(issuer).setExpirationTime("1h").sign(key);
  assertEquals(await signer.verify(wrongAud), null);

  const serviceRole = await new SignJWT({ role: "service_role" }).setProtectedHeader({
    alg: "HS256",
  })
    .setSubject(user.id).setAudience("authenticated").setIssuer(issuer).setExpirationTime("1h")
    .sign(key);
  assertEquals(
    await signer.verify(serviceRole),
    null,
    "only anon/authenticated roles are accepted",
  );

  const b64 = (o: unknown) =>
    btoa(JSON.stringify(o)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  const none = `${b64({ alg: "none", typ: "JWT" })}.${
    b64({ sub: user.id, role: "authenticated", aud: "authenticated", iss: issuer, exp: 9999999999 })
  }.`;
  assertEquals(await signer.verify(none), null);
  assertEquals(await signer.verify("not-a-token"), null);
});

Deno.test("tokens - a verified token stops verifying when it expires, cached or not", async () => {
  const signer = createTokenSigner(secret, 1, issuer);
  const { token, expiresAt } = await signer.sign(user, "s");
  assertEquals((await signer.verify(token))?.sub, user.id);
  assertEquals((await signer.verify(token))?.sub, user.id, "a second verify (from the cache)");
  await new Promise((r) => setTimeout(r, expiresAt * 1000 - Date.now() + 50));
  assertEquals(await signer.verify(token), null);
});

Deno.test("tokens - random tokens are URL-safe and distinct", () => {
  const a = randomToken();
  assert(/^[A-Za-z0-9_-]{43}$/.test(a));
  assert(a !== randomToken());
});
