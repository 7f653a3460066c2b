/**
 * The real supabase-js `auth` client against the embedded server's `/auth/v1`: sign-up, sign-in,
 * getUser, refresh (rotation), sign-out (revocation) and errors, with the anon key as its only
 * credential and never a CSRF cookie.
 */
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { startTestApp, type TestApp } from "../_helpers/app.ts";
import { GoTrueSession } from "../../lib/web/gotrue.ts";
import { listOutbox } from "../../lib/ports/mail/outbox.ts";

/** A supabase-js client whose every request is recorded (to show no cookie was involved). */
function client(app: TestApp) {
  const seen: { path: string; status: number; cookie: boolean; setCookie: boolean }[] = [];
  const recording: typeof fetch = async (input, init) => {
    const req = new Request(input, init);
    const res = await fetch(req);
    seen.push({
      path: `${req.method} ${new URL(req.url).pathname}${new URL(req.url).search}`,
      status: res.status,
      cookie: req.headers.has("cookie"),
      setCookie: res.headers.has("set-cookie"),
    });
    return res;
  };
  const sb: SupabaseClient = createClient(app.url, app.platform.auth.anonKey!, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { fetch: recording },
  });
  return { sb, seen };
}

Deno.test("supabase-js auth - sign-up, sign-in, getUser, refresh and sign-out work unchanged", async (t) => {
  await using app = await startTestApp({ WORKER: "off" });
  const { sb, seen } = client(app);
  const email = "js@example.com";
  const password = "correct horse battery";

  await t.step("signUp returns a session and a Supabase-shaped user", async () => {
    const { data, error } = await sb.auth.signUp({
      email,
      password,
      options: { data: { display_name: "Jay", is_musician: true } },
    });
    assertEquals(error, null);
    assert(data.session, "a session (e-mail is confirmed at once)");
    GoTrueSession.parse(data.session); // every field supabase-js keeps, with its type
    assertEquals(data.session.token_type, "bearer");
    assert(data.session.expires_in > 0 && data.session.expires_at! > Date.now() / 1000);
    const u = data.user!;
    assertEquals([u.email, u.aud, u.role], [email, "authenticated", "authenticated"]);
    assertEquals(u.user_metadata.display_name, "Jay");
    assertEquals(u.app_metadata.provider, "email");
    assert(u.email_confirmed_at && u.created_at && u.updated_at, "timestamps are set");
    assertEquals(u.identities?.map((i) => [i.provider, i.user_id]), [["email", u.id]]);
    // The database trigger made the profile from the metadata, as on Supabase.
    const claims = await app.platform.auth.verify(data.session.access_token);
    const [profile] = await app.platform.db.asUser(
      claims!,
      (tx) => tx.query<{ display_name: string }>("select display_name from public.profiles"),
    );
    assertEquals(profile.display_name, "Jay");

    const { data: stored } = await sb.auth.getSession();
    assertEquals(stored.session?.access_token, data.session.access_token, "supabase-js kept it");
  });

  await t.step("signOut ends the session: its refresh token is refused afterwards", async () => {
    const { data: before } = await sb.auth.getSession();
    const refreshToken = before.session!.refresh_token;
    assertEquals((await sb.auth.signOut()).error, null);
    assertEquals((await sb.auth.getSession()).data.session, null);
    const { error } = await sb.auth.refreshSession({ refresh_token: refreshToken });
    assertEquals([error?.status, error?.code], [400, "refresh_token_not_found"]);
  });

  await t.step("signInWithPassword and getUser", async () => {
    const { data, error } = await sb.auth.signInWithPassword({ email, password });
    assertEquals(error, null);
    assertEquals(data.user?.email, email);
    const { data: got, error: userError } = await sb.auth.getUser();
    assertEquals(userError, null);
    assertEquals(got.user?.id, data.user?.id);
    assertEquals(got.user?.user_metadata.display_name, "Jay");
  });

  await t.step("refreshSession rotates the tokens; the old refresh token is refused", async () => {
    const old = (await sb.auth.getSession()).data.session!;
    const { data, error } = await sb.auth.refreshSession();
    assertEquals(error, null);
    assert(data.session && data.session.refresh_token !== old.refresh_token, "a new refresh token");
    assertEquals(data.user?.id, old.user.id);
    assertEquals(
      (await sb.auth.getSession()).data.session?.refresh_token,
      data.session.refresh_token,
    );
    assertEquals((await sb.auth.getUser()).data.user?.email, email, "the new access token works");

    // A second client presents the used token: refused, and (as GoTrue's reuse detection does)
    // the whole session ends, so the thief's copy and the rotated one both stop working.
    const other = client(app);
    const reused = await other.sb.auth.refreshSession({ refresh_token: old.refresh_token });
    assertEquals([reused.error?.status, reused.error?.code], [400, "refresh_token_not_found"]);
    const after = await other.sb.auth.refreshSession({ refresh_token: data.session.refresh_token });
    assertEquals(after.error?.status, 400);
  });

  await t.step(
    "signOut revokes the refresh token; the access token's session is gone",
    async () => {
      await sb.auth.signInWithPassword({ email, password });
      const session = (await sb.auth.getSession()).data.session!;
      assertEquals((await sb.auth.signOut({ scope: "local" })).error, null);
      const other = client(app);
      const { error } = await other.sb.auth.refreshSession({
        refresh_token: session.refresh_token,
      });
      assertEquals([error?.status, error?.code], [400, "refresh_token_not_found"]);
      // Supabase Auth answers /user for live sessions only.
      const { error: userError } = await other.sb.auth.getUser(session.access_token);
      assertEquals(userError?.name, "AuthSessionMissingError");
    },
  );

  await t.step("signOut global ends every session of the user, others ends the rest", async () => {
    const a = client(app);
    const b = client(app);
    const c = client(app);
    for (const x of [a, b, c]) await x.sb.auth.signInWithPassword({ email, password });
    const token = async (x: typeof a) => (await x.sb.auth.getSession()).data.session!;
    const [sa, sb2, sc] = [await token(a), await token(b), await token(c)];
    assertEquals((await a.sb.auth.signOut({ scope: "others" })).error, null);
    assertEquals((await a.sb.auth.getUser()).data.user?.email, email, "a's own session stays");
    assertEquals(
      (await b.sb.auth.getUser(sb2.access_token)).error?.name,
      "AuthSessionMissingError",
    );
    assertEquals((await a.sb.auth.signOut({ scope: "global" })).error, null);
    const refused = await client(app).sb.auth.refreshSession({ refresh_token: sa.refresh_token });
    assertEquals(refused.error?.status, 400);
    assertEquals((await c.sb.auth.getUser(sc.access_token)).error?.name, "AuthSessionMissingError");
  });

  await t.step(
    "a wrong password is an AuthError with a readable message and status 400",
    async () => {
      const { data, error } = await sb.auth.signInWithPassword({
        email,
        password: "not it at all",
      });
      assertEquals(data.session, null);
      assert(error, "an error");
      assertEquals(error.name, "AuthApiError");
      assertEquals([error.status, error.code], [400, "invalid_credentials"]);
      assertEquals(error.message, "Wrong e-mail or password");
    },
  );

  await t.step("bad input names the field; a short password is a weak-password error", async () => {
    const bad = await sb.auth.signUp({ email: "not-an-address", password });
    assertEquals([bad.error?.status, bad.error?.code], [400, "validation_failed"]);
    assertMatch(bad.error!.message, /^email: /);
    const weak = await sb.auth.signUp({ email: "w@example.com", password: "short" });
    assertEquals([weak.error?.name, weak.error?.status], ["AuthWeakPasswordError", 422]);
    const taken = await sb.auth.signUp({ email, password });
    assertEquals([taken.error?.status, taken.error?.code], [422, "user_already_exists"]);
    const long = await sb.auth.signInWithPassword({ email, password: "x".repeat(201) });
    assertEquals(long.error?.message, "password: Use at most 200 characters");
  });

  await t.step("no request needed or got a cookie (no CSRF token either)", () => {
    assert(seen.length >= 10, `${seen.length} requests`);
    for (const r of seen) {
      assert(!r.cookie && !r.setCookie, `${r.path} involved a cookie`);
      assert(r.status !== 403 || r.path.includes("/user"), `${r.path} was refused: ${r.status}`);
    }
  });
});

Deno.test("supabase-js auth - resetPasswordForEmail answers {} and mails only real accounts", async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const { sb } = client(app);
  await sb.auth.signUp({ email: "r@example.com", password: "password-one" });
  const known = await sb.auth.resetPasswordForEmail("r@example.com", {
    redirectTo: "https://evil.example/steal",
  });
  assertEquals(known, { data: {}, error: null });
  assertEquals(await sb.auth.resetPasswordForEmail("nobody@example.com"), {
    data: {},
    error: null,
  });
  const mail = (await app.platform.db.asService((tx) => listOutbox(tx)))
    .filter((m) => /password/i.test(m.subject ?? ""));
  assertEquals(mail.map((m) => m.recipient), ["r@example.com"]);
  assertMatch(mail[0].body, /\/reset-password\/confirm\?token=/);
  assert(!mail[0].body.includes("evil.example"), "redirect_to is not followed");
});

Deno.test("supabase-js auth - /auth/v1/realtime-token is 404 in embedded mode", async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const s = await app.platform.auth.signUp({
    email: "t@example.com",
    password: "password-1",
    metadata: {},
  });
  const res = await app.fetch("/auth/v1/realtime-token", {
    headers: { cookie: `sc-access=${s.accessToken}` },
  });
  assertEquals(res.status, 404);
  await res.body?.cancel();
});
