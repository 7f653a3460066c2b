/**
 * The attacker's side over HTTP: another user, an anonymous visitor, a forged token and an
 * expired token each try to read or change what is not theirs, and fail.
 */
import { SignJWT } from "jose";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp } from "../_helpers/app.ts";

const SECRET = "test-secret-".padEnd(48, "x");

Deno.test("security - profiles, notifications, storage and live channels are per user", async (t) => {
  await using app = await startTestApp({ JWT_SECRET: SECRET, WORKER: "off" });
  const { auth, worker, db } = app.platform;
  const a = await auth.signUp({
    email: "a@example.com",
    password: "password-a",
    metadata: { display_name: "Ann" },
  });
  const b = await auth.signUp({
    email: "b@example.com",
    password: "password-b",
    metadata: { display_name: "Bob" },
  });
  await worker.runOnce(); // both welcome notifications
  const asA = {
    cookie: `sc-access=${a.accessToken}; sc-csrf=tok`,
    origin: app.url,
    "x-csrf-token": "tok",
  };
  const asB = {
    cookie: `sc-access=${b.accessToken}; sc-csrf=tok`,
    origin: app.url,
    "x-csrf-token": "tok",
  };

  await t.step("each user counts only their own notifications", async () => {
    const ra = await (await app.fetch("/api/notifications/unread", { headers: asA })).json();
    assertEquals(ra, { unread: 1 });
    await db.asService((tx) =>
      tx.query(
        "insert into public.notifications (user_id, kind, title) values ($1, 'x', 'for Bob')",
        [b.user.id],
      )
    );
    const rb = await (await app.fetch("/api/notifications/unread", { headers: asB })).json();
    assertEquals(rb, { unread: 2 });
    const page = await (await app.fetch("/notifications", { headers: asA })).text();
    assert(!page.includes("for Bob"), "A's notification page shows none of B's");
  });

  await t.step("A marking 'all read' leaves B's notifications unread", async () => {
    const res = await app.fetch("/notifications", {
      method: "POST",
      headers: asA,
      body: new URLSearchParams({}),
    });
    assertEquals(res.status, 303);
    assertEquals(await (await app.fetch("/api/notifications/unread", { headers: asB })).json(), {
      unread: 2,
    });
  });

  await t.step("A's profile form changes only A's profile", async () => {
    const form = new URLSearchParams({
      intent: "details",
      display_name: "Hacked",
      is_musician: "on",
      id: b.user.id,
    });
    assertEquals(
      (await app.fetch("/profile", { method: "POST", headers: asA, body: form })).status,
      303,
    );
    const names = await db.asService((tx) =>
      tx.query<{ id: string; display_name: string }>(
        "select id, display_name from public.profiles order by display_name",
      )
    );
    assertEquals(names.map((n) => n.display_name).sort(), ["Bob", "Hacked"]);
  });

  await t.step("anonymous visitors are sent to sign in or get 401", async () => {
    const res = await app.fetch("/profile");
    assertEquals([res.status, res.headers.get("location")], [303, "/signin?next=/profile"]);
    assertEquals((await app.fetch("/api/notifications/unread")).status, 401);
    const post = await app.fetch("/profile", {
      method: "POST",
      headers: { cookie: "sc-csrf=tok", "x-csrf-token": "tok" },
      body: new URLSearchParams({ display_name: "x" }),
    });
    assertEquals(post.status, 303);
  });

  await t.step("forged and expired tokens are refused", async () => {
    const forged = await new SignJWT({ role: "authenticated", email: "a@example.com" })
      .setProtectedHeader({ alg: "HS256" }).setSubject(a.user.id).setAudience("authenticated")
      .setIssuer(`http://127.0.0.1:8000/auth/v1`).setExpirationTime("1h")
      .sign(new TextEncoder().encode("not-the-secret".padEnd(48, "y")));
    const r1 = await app.fetch("/api/notifications/unread", {
      headers: { authorization: `Bearer ${forged}` },
    });
    assertEquals(r1.status, 401);
    const expired = await new SignJWT({ role: "authenticated" }).setProtectedHeader({
      alg: "HS256",
    })
      .setSubject(a.user.id).setAudience("authenticated").setIssuer(`http://127.0.0.1:8000/auth/v1`)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(new TextEncoder().encode(SECRET));
    const r2 = await app.fetch("/api/notifications/unread", {
      headers: { authorization: `Bearer ${expired}` },
    });
    assertEquals(r2.status, 401);
    // A forged cookie is simply not a session.
    const r3 = await app.fetch("/profile", { headers: { cookie: `sc-access=${forged}` } });
    assertEquals(r3.status, 303);
  });

  await t.step("nobody may listen on another user's channel", async () => {
    const own = await app.fetch(`/realtime/v1/sse?topic=user:${a.user.id}`, { headers: asA });
    assertEquals(own.status, 200);
    await own.body?.cancel();
    const other = await app.fetch(`/realtime/v1/sse?topic=user:${b.user.id}`, { headers: asA });
    assertEquals(other.status, 403);
    await other.body?.cancel();
    const anon = await app.fetch(`/realtime/v1/sse?topic=user:${b.user.id}`);
    assertEquals(anon.status, 401);
    await anon.body?.cancel();
  });

  await t.step("A cannot upload into B's avatar folder", async () => {
    const caller = { claims: (await auth.verify(a.accessToken))!, accessToken: a.accessToken };
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const err = await app.platform.storage.upload(
      caller,
      "avatars",
      `${b.user.id}/evil.png`,
      png,
      "image/png",
    )
      .then(() => null, (e: Error & { status?: number }) => e);
    assertEquals(err?.status, 403);
  });
});

Deno.test("security - bad input gets a 4xx naming the field, never a 500", async () => {
  await using app = await startTestApp({ JWT_SECRET: SECRET, WORKER: "off" });
  const headers = { cookie: "sc-csrf=tok", "x-csrf-token": "tok", origin: app.url };
  const res = await app.fetch("/signup", {
    method: "POST",
    headers,
    body: new URLSearchParams({ display_name: "", email: "nope", password: "short" }),
  });
  assertEquals(res.status, 422);
  const html = await res.text();
  for (const id of ["f-display_name-error", "f-email-error", "f-password-error"]) {
    assert(html.includes(id), id);
  }
  const csrf = await app.fetch("/signup", {
    method: "POST",
    body: new URLSearchParams({ email: "x" }),
  });
  assertEquals(csrf.status, 403);
  await csrf.body?.cancel();
  const sse = await app.fetch("/realtime/v1/sse", { headers: { authorization: "Bearer nope" } });
  assert(sse.status === 401 || sse.status === 400, `sse ${sse.status}`);
  await sse.body?.cancel();
});
