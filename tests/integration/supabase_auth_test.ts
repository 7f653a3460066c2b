/**
 * The Supabase auth adapter driven through the real supabase-js against a fake Supabase Auth
 * (GoTrue) on 127.0.0.1: sign-up, sign-in, refresh, token verification, sign-out, reset.
 */
import { Hono } from "hono";
import { SignJWT } from "jose";
import { assert, assertEquals, assertRejects } from "../_helpers/assert.ts";
import { createSupabaseAuth } from "../../lib/ports/auth/supabase.ts";
import { AuthError } from "../../lib/ports/auth/port.ts";

const ANON_KEY = "anon-key-for-tests";
const SECRET = new TextEncoder().encode("gotrue-secret".padEnd(40, "!"));

function fakeGoTrue() {
  const users = new Map<
    string,
    { id: string; email: string; password: string; meta: Record<string, unknown> }
  >();
  const refresh = new Map<string, string>(); // refresh token → user id
  const calls: string[] = [];
  const app = new Hono();
  const sessionFor = async (u: { id: string; email: string; meta: Record<string, unknown> }) => {
    const now = Math.floor(Date.now() / 1000);
    const access = await new SignJWT({
      role: "authenticated",
      email: u.email,
      user_metadata: u.meta,
      session_id: crypto.randomUUID(),
    })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" }).setSubject(u.id).setAudience(
        "authenticated",
      )
      .setIssuedAt(now).setExpirationTime(now + 3600).sign(SECRET);
    const rt = crypto.randomUUID();
    refresh.set(rt, u.id);
    const user = {
      id: u.id,
      aud: "authenticated",
      role: "authenticated",
      email: u.email,
      user_metadata: u.meta,
      app_metadata: {},
    };
    return {
      access_token: access,
      token_type: "bearer",
      expires_in: 3600,
      expires_at: now + 3600,
      refresh_token: rt,
      user,
    };
  };
  const err = (status: number, code: string, msg: string) =>
    Response.json({ code: status, error_code: code, msg }, { status });
  app.use(async (c, next) => {
    calls.push(`${c.req.method} ${new URL(c.req.url).pathname}${new URL(c.req.url).search}`);
    if (c.req.header("apikey") !== ANON_KEY) return err(401, "no_api_key", "No API key");
    await next();
  });
  app.post("/auth/v1/signup", async (c) => {
    const { email, password, data } = await c.req.json();
    if ([...users.values()].some((u) => u.email === email)) {
      return err(422, "user_already_exists", "User already registered");
    }
    const u = { id: crypto.randomUUID(), email, password, meta: data ?? {} };
    users.set(u.id, u);
    return c.json(await sessionFor(u));
  });
  app.post("/auth/v1/token", async (c) => {
    const body = await c.req.json();
    if (c.req.query("grant_type") === "password") {
      const u = [...users.values()].find((x) =>
        x.email === body.email && x.password === body.password
      );
      return u
        ? c.json(await sessionFor(u))
        : err(400, "invalid_credentials", "Invalid login credentials");
    }
    const id = refresh.get(body.refresh_token);
    if (!id) return err(400, "refresh_token_not_found", "Invalid Refresh Token");
    refresh.delete(body.refresh_token);
    return c.json(await sessionFor(users.get(id)!));
  });
  app.get("/auth/v1/user", async (c) => {
    const token = c.req.header("authorization")?.replace(/^Bearer /, "") ?? "";
    try {
      const { jwtVerify } = await import("jose");
      const { payload } = await jwtVerify(token, SECRET);
      const u = users.get(String(payload.sub));
      return u
        ? c.json({
          id: u.id,
          aud: "authenticated",
          role: "authenticated",
          email: u.email,
          user_metadata: u.meta,
          app_metadata: {},
        })
        : err(403, "user_not_found", "User not found");
    } catch {
      return err(403, "bad_jwt", "invalid JWT");
    }
  });
  app.post("/auth/v1/logout", (c) => c.body(null, 204));
  app.post("/auth/v1/recover", (c) => c.json({}));
  app.get("/auth/v1/.well-known/jwks.json", (c) => c.json({ keys: [] }));
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, app.fetch);
  return { url: `http://127.0.0.1:${server.addr.port}`, calls, server };
}

Deno.test("supabase auth - sign up, sign in, verify, refresh, sign out, reset through supabase-js", async () => {
  const fake = fakeGoTrue();
  try {
    const auth = createSupabaseAuth({ url: fake.url, anonKey: ANON_KEY });
    const s = await auth.signUp({
      email: "ann@example.com",
      password: "password1",
      metadata: { display_name: "Ann" },
    });
    assertEquals(s.user.email, "ann@example.com");
    const dup = await assertRejects(() =>
      auth.signUp({ email: "ann@example.com", password: "password1", metadata: {} })
    );
    assert(dup instanceof AuthError && dup.field === "email", "duplicate e-mail names the field");

    const signedIn = await auth.signIn({ email: "ann@example.com", password: "password1" });
    const claims = await auth.verify(signedIn.accessToken);
    assertEquals([claims?.sub, claims?.role, claims?.email], [
      s.user.id,
      "authenticated",
      "ann@example.com",
    ]);
    const wrong = await assertRejects(() =>
      auth.signIn({ email: "ann@example.com", password: "nope" })
    );
    assertEquals(wrong.message, "Wrong e-mail or password");

    assertEquals(await auth.verify("garbage.token.here"), null);
    const refreshed = await auth.refresh(signedIn.refreshToken);
    assert(refreshed.refreshToken !== signedIn.refreshToken);
    await assertRejects(() => auth.refresh(signedIn.refreshToken), /session has ended/);

    await auth.signOut(refreshed.refreshToken);
    await auth.requestPasswordReset(
      "ann@example.com",
      "http://127.0.0.1:8000/reset-password/confirm",
    );
    assert(
      fake.calls.some((c) => c.startsWith("POST /auth/v1/recover")),
      "reset asked Supabase Auth to mail",
    );
    assert(
      fake.calls.some((c) => c === "POST /auth/v1/token?grant_type=password"),
      "password grant used",
    );
  } finally {
    await fake.server.shutdown();
  }
});
