/** The embedded auth adapter on a real (PGlite) database: sessions, rotation, reset via outbox. */
import { assert, assertEquals, assertRejects } from "../_helpers/assert.ts";
import { freshDb } from "../_helpers/db.ts";
import { createEmbeddedAuth } from "../../lib/ports/auth/embedded.ts";
import { createTokenSigner } from "../../lib/ports/auth/tokens.ts";
import { queueMail } from "../../lib/ports/mail/outbox.ts";
import { listOutbox } from "../../lib/ports/mail/outbox.ts";

async function setup() {
  const f = await freshDb();
  const auth = createEmbeddedAuth({
    db: f.db,
    signer: createTokenSigner("s".repeat(40), 3600, "http://test/auth/v1"),
    sendMail: queueMail,
  });
  return { ...f, auth };
}

Deno.test("auth - sign up creates the user and profile; sign in works; duplicates are refused", async () => {
  await using f = await setup();
  const s = await f.auth.signUp({
    email: "Ann@Example.com",
    password: "correct horse",
    metadata: { display_name: "Ann" },
  });
  const claims = await f.auth.verify(s.accessToken);
  assertEquals(claims?.email, "ann@example.com");
  const [profile] = await f.db.asUser(
    claims!,
    (tx) => tx.query<{ display_name: string }>("select display_name from public.profiles"),
  );
  assertEquals(profile.display_name, "Ann");

  const again = await f.auth.signIn({ email: "ann@example.com", password: "correct horse" });
  assertEquals(again.user.id, s.user.id);
  const wrong = await assertRejects(() =>
    f.auth.signIn({ email: "ann@example.com", password: "nope nope" })
  );
  assertEquals(wrong.message, "Wrong e-mail or password");
  await assertRejects(
    () => f.auth.signIn({ email: "nobody@example.com", password: "whatever1" }),
    /Wrong e-mail/,
  );
  await assertRejects(
    () => f.auth.signUp({ email: "ann@example.com", password: "another one", metadata: {} }),
    /already exists/,
  );
});

Deno.test("auth - refresh rotates tokens; reusing an old one ends the session", async () => {
  await using f = await setup();
  const s1 = await f.auth.signUp({ email: "bo@example.com", password: "password1", metadata: {} });
  const s2 = await f.auth.refresh(s1.refreshToken);
  assert(s2.refreshToken !== s1.refreshToken);
  await assertRejects(() => f.auth.refresh(s1.refreshToken), /session has ended/);
  // The reuse above revoked the whole session, including the newest token.
  await assertRejects(() => f.auth.refresh(s2.refreshToken), /session has ended/);
});

Deno.test("auth - sign out revokes the refresh token", async () => {
  await using f = await setup();
  const s = await f.auth.signUp({ email: "cy@example.com", password: "password1", metadata: {} });
  await f.auth.signOut(s.refreshToken);
  await assertRejects(() => f.auth.refresh(s.refreshToken), /session has ended/);
});

Deno.test("auth - password reset goes through the outbox and works once", async () => {
  await using f = await setup();
  await f.auth.signUp({ email: "di@example.com", password: "old-password", metadata: {} });
  await f.auth.requestPasswordReset("di@example.com", "http://test/reset-password/confirm");
  await f.auth.requestPasswordReset("unknown@example.com", "http://test/reset-password/confirm");
  const mail = await f.db.asService((tx) => listOutbox(tx));
  assertEquals(mail.length, 1, "only the existing account gets mail");
  const token = mail[0].body.match(/token=([A-Za-z0-9_-]+)/)?.[1];
  assert(token, "the mail carries a reset link");
  await f.auth.resetPassword(token, "new-password");
  await f.auth.signIn({ email: "di@example.com", password: "new-password" });
  await assertRejects(
    () => f.auth.signIn({ email: "di@example.com", password: "old-password" }),
    /Wrong/,
  );
  await assertRejects(
    () => f.auth.resetPassword(token, "third-password"),
    /invalid or has expired/,
  );
});
