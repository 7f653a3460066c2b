/**
 * Banned and deleted accounts on the embedded auth adapter: refreshing a session or resetting the
 * password is refused with an AuthError (403 suspended, 401 session ended), every refresh token
 * of the account is revoked (and stays revoked once the ban ends), no new password is set, and a
 * reset link is never mailed to such an account.
 */
import { assert, assertEquals, assertRejects } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { AuthError, type Session } from "../../lib/ports/auth/port.ts";
import { listOutbox } from "../../lib/ports/mail/outbox.ts";

const RESET_URL = "http://test/reset-password/confirm";
const opts = { sanitizeOps: false, sanitizeResources: false };

/** Status and message of the AuthError `fn` rejects with (anything else fails the test). */
async function refusal(fn: () => Promise<unknown>): Promise<[number, string]> {
  const err = await assertRejects(fn);
  assert(err instanceof AuthError, `expected an AuthError, got ${err.name}: ${err.message}`);
  return [err.status, err.message];
}

async function liveTokens(app: TestApp, userId: string): Promise<number> {
  const [{ n }] = await app.platform.db.driver.query<{ n: number }>(
    "select count(*)::int as n from auth.refresh_tokens where user_id = $1 and not revoked",
    [userId],
  );
  return n;
}

async function setUser(app: TestApp, userId: string, set: string): Promise<void> {
  await app.platform.db.driver.query(`update auth.users set ${set} where id = $1`, [userId]);
}

/** The token of the newest reset mail to `to`, or null when none was sent. */
async function resetToken(app: TestApp, to: string): Promise<string | null> {
  const mail = await app.platform.db.asService((tx) => listOutbox(tx));
  const m = mail.find((x) => x.recipient === to && /token=/.test(x.body));
  return m?.body.match(/token=([A-Za-z0-9_-]+)/)?.[1] ?? null;
}

/** A signed-up user with two sessions (two devices). */
async function twoSessions(app: TestApp, email: string): Promise<[Session, Session]> {
  const auth = app.platform.auth;
  const a = await auth.signUp({ email, password: "password-one", metadata: {} });
  const b = await auth.signIn({ email, password: "password-one" });
  return [a, b];
}

Deno.test({ name: "auth bans - refresh of a banned or deleted account", ...opts }, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const auth = app.platform.auth;

  // Banned: 403, and every session of the account ends, not only the one refreshed.
  const [a, b] = await twoSessions(app, "banned@example.test");
  const id = a.user.id;
  assertEquals(await liveTokens(app, id), 2);
  await setUser(app, id, "banned_until = now() + interval '1 day'");
  assertEquals(await refusal(() => auth.refresh(a.refreshToken)), [
    403,
    "This account is suspended",
  ]);
  assertEquals(await liveTokens(app, id), 0, "every refresh token of the banned user is revoked");
  assertEquals((await refusal(() => auth.refresh(b.refreshToken)))[0], 401, "the other device too");
  // Once the ban is over the old sessions stay ended: signing in again is the way back.
  await setUser(app, id, "banned_until = now() - interval '1 minute'");
  assertEquals((await refusal(() => auth.refresh(b.refreshToken)))[0], 401);
  const again = await auth.signIn({ email: "banned@example.test", password: "password-one" });
  const next = await auth.refresh(again.refreshToken);
  assertEquals(next.user.id, id, "a ban in the past does not stop a refresh");

  // Deleted: 401, every session ends.
  const [c, d] = await twoSessions(app, "deleted@example.test");
  await setUser(app, c.user.id, "deleted_at = now()");
  assertEquals(await refusal(() => auth.refresh(d.refreshToken)), [
    401,
    "Your session has ended: please sign in again",
  ]);
  assertEquals(await liveTokens(app, c.user.id), 0, "every refresh token of the deleted user");
  assertEquals((await refusal(() => auth.refresh(c.refreshToken)))[0], 401);
});

Deno.test(
  { name: "auth bans - password reset of a banned or deleted account", ...opts },
  async () => {
    await using app = await startTestApp({ WORKER: "off" });
    const auth = app.platform.auth;

    // Banned after the link was sent: 403, the password stays, every session ends, the link is
    // used up.
    const [a] = await twoSessions(app, "ban-reset@example.test");
    await auth.requestPasswordReset("ban-reset@example.test", RESET_URL);
    const token = await resetToken(app, "ban-reset@example.test");
    assert(token, "a reset link was mailed while the account was in good standing");
    await setUser(app, a.user.id, "banned_until = now() + interval '1 day'");
    assertEquals(await refusal(() => auth.resetPassword(token, "password-two")), [
      403,
      "This account is suspended",
    ]);
    assertEquals(await liveTokens(app, a.user.id), 0, "the banned user's sessions are revoked");
    await setUser(app, a.user.id, "banned_until = null");
    assertEquals((await refusal(() => auth.resetPassword(token, "password-two")))[0], 400);
    await auth.signIn({ email: "ban-reset@example.test", password: "password-one" });
    await assertRejects(
      () => auth.signIn({ email: "ban-reset@example.test", password: "password-two" }),
      /Wrong e-mail or password/,
    );

    // While banned, no reset link is mailed at all.
    await setUser(app, a.user.id, "banned_until = now() + interval '1 day'");
    const before = (await app.platform.db.asService((tx) => listOutbox(tx))).length;
    await auth.requestPasswordReset("ban-reset@example.test", RESET_URL);
    assertEquals((await app.platform.db.asService((tx) => listOutbox(tx))).length, before);

    // Deleted after the link was sent: 401, no new password, every session ends.
    const [c] = await twoSessions(app, "del-reset@example.test");
    await auth.requestPasswordReset("del-reset@example.test", RESET_URL);
    const token2 = await resetToken(app, "del-reset@example.test");
    assert(token2);
    const hashOf = async (userId: string) =>
      (await app.platform.db.driver.query<{ h: string }>(
        "select encrypted_password as h from auth.users where id = $1",
        [userId],
      ))[0].h;
    const hash = await hashOf(c.user.id);
    await setUser(app, c.user.id, "deleted_at = now()");
    assertEquals(await refusal(() => auth.resetPassword(token2, "password-two")), [
      401,
      "Your session has ended: please sign in again",
    ]);
    assertEquals(await liveTokens(app, c.user.id), 0, "the deleted user's sessions are revoked");
    assertEquals(await hashOf(c.user.id), hash, "the deleted user's password is not changed");

    // A deleted account is never mailed a reset link.
    const count = (await app.platform.db.asService((tx) => listOutbox(tx))).length;
    await auth.requestPasswordReset("del-reset@example.test", RESET_URL);
    assertEquals((await app.platform.db.asService((tx) => listOutbox(tx))).length, count);

    // In good standing, a reset still works and ends the other sessions.
    const [e, f] = await twoSessions(app, "ok-reset@example.test");
    await auth.requestPasswordReset("ok-reset@example.test", RESET_URL);
    const fresh = await auth.resetPassword(
      (await resetToken(app, "ok-reset@example.test"))!,
      "password-two",
    );
    assertEquals(fresh.user.id, e.user.id);
    assertEquals((await refusal(() => auth.refresh(f.refreshToken)))[0], 401);
    await auth.refresh(fresh.refreshToken);
  },
);
