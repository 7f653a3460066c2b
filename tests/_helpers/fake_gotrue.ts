/**
 * A fake Supabase Auth (GoTrue) on 127.0.0.1 for the real supabase-js to talk to: sign-up,
 * password and refresh grants, users, logout, and password recovery the way GoTrue does it
 * (supabase/auth `internal/api`): `/recover` stores a token hash (`pkce_`-prefixed when the
 * request carried a code challenge) and "mails" it; `POST /verify` with `token_hash` answers a
 * session; `GET /verify` redirects to `redirect_to` with `?code=` (PKCE) or an error in the query;
 * `/token?grant_type=pkce` checks the verifier against the challenge (S256).
 */
import { Hono } from "hono";
import { base64url, jwtVerify, SignJWT } from "jose";

const SECRET = new TextEncoder().encode("gotrue-secret".padEnd(40, "!"));

interface FakeUser {
  id: string;
  email: string;
  password: string;
  meta: Record<string, unknown>;
}

/** What the fake "mailed": a recovery e-mail's template data. */
export interface RecoveryMail {
  to: string;
  /** `{{ .TokenHash }}`. */
  tokenHash: string;
  /** `{{ .RedirectTo }}`. */
  redirectTo: string | null;
  /** `{{ .ConfirmationURL }}`, Auth's own link. */
  confirmationUrl: string;
}

export interface FakeGoTrue {
  url: string;
  /** `METHOD /path?query` of every request. */
  calls: string[];
  mails: RecoveryMail[];
  users: Map<string, FakeUser>;
  server: Deno.HttpServer;
}

async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url.encode(new Uint8Array(digest));
}

/** Starts the fake; every request must send `apikey: <apiKey>`, as Supabase's gateway wants. */
export function fakeGoTrue(apiKey: string): FakeGoTrue {
  const users = new Map<string, FakeUser>();
  const refresh = new Map<string, string>(); // refresh token → user id
  const recovery = new Map<string, { userId: string; challenge: string | null }>();
  const codes = new Map<string, { userId: string; challenge: string }>();
  const calls: string[] = [];
  const mails: RecoveryMail[] = [];
  const app = new Hono();
  const origin = () => `http://127.0.0.1:${server.addr.port}`;
  const userJson = (u: FakeUser) => ({
    id: u.id,
    aud: "authenticated",
    role: "authenticated",
    email: u.email,
    user_metadata: u.meta,
    app_metadata: {},
  });
  const sessionFor = async (u: FakeUser) => {
    const now = Math.floor(Date.now() / 1000);
    const access = await new SignJWT({
      role: "authenticated",
      email: u.email,
      user_metadata: u.meta,
      session_id: crypto.randomUUID(),
    })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" }).setSubject(u.id)
      .setAudience("authenticated").setIssuedAt(now).setExpirationTime(now + 3600).sign(SECRET);
    const rt = crypto.randomUUID();
    refresh.set(rt, u.id);
    return {
      access_token: access,
      token_type: "bearer",
      expires_in: 3600,
      expires_at: now + 3600,
      refresh_token: rt,
      user: userJson(u),
    };
  };
  const bearerUser = async (header: string | undefined): Promise<FakeUser | null> => {
    try {
      const { payload } = await jwtVerify(header?.replace(/^Bearer /, "") ?? "", SECRET);
      return users.get(String(payload.sub)) ?? null;
    } catch {
      return null;
    }
  };
  const err = (status: number, code: string, msg: string) =>
    Response.json({ code: status, error_code: code, msg }, { status });
  const expired = () => err(403, "otp_expired", "Email link is invalid or has expired");

  app.use(async (c, next) => {
    const url = new URL(c.req.url);
    calls.push(`${c.req.method} ${url.pathname}${url.search}`);
    // Auth's own e-mail links are opened by browsers, which send no key.
    if (url.pathname !== "/auth/v1/verify" || c.req.method !== "GET") {
      if (c.req.header("apikey") !== apiKey) return err(401, "no_api_key", "No API key");
    }
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
    const grant = c.req.query("grant_type");
    if (grant === "password") {
      const u = [...users.values()].find((x) =>
        x.email === body.email && x.password === body.password
      );
      return u
        ? c.json(await sessionFor(u))
        : err(400, "invalid_credentials", "Invalid login credentials");
    }
    if (grant === "pkce") {
      const flow = codes.get(body.auth_code);
      if (!flow) {
        return err(404, "flow_state_not_found", "invalid flow state, no valid flow state found");
      }
      if (await s256(String(body.code_verifier ?? "")) !== flow.challenge) {
        return err(
          400,
          "bad_code_verifier",
          "code challenge does not match previously saved code verifier",
        );
      }
      codes.delete(body.auth_code);
      return c.json(await sessionFor(users.get(flow.userId)!));
    }
    const id = refresh.get(body.refresh_token);
    if (!id) return err(400, "refresh_token_not_found", "Invalid Refresh Token");
    refresh.delete(body.refresh_token);
    return c.json(await sessionFor(users.get(id)!));
  });
  app.get("/auth/v1/user", async (c) => {
    const u = await bearerUser(c.req.header("authorization"));
    return u ? c.json(userJson(u)) : err(403, "bad_jwt", "invalid JWT");
  });
  app.put("/auth/v1/user", async (c) => {
    const u = await bearerUser(c.req.header("authorization"));
    if (!u) return err(403, "bad_jwt", "invalid JWT");
    const { password } = await c.req.json();
    if (typeof password === "string") {
      if (password === u.password) {
        return err(422, "same_password", "New password should be different from the old password.");
      }
      u.password = password;
    }
    return c.json(userJson(u));
  });
  app.post("/auth/v1/logout", (c) => c.body(null, 204));
  app.post("/auth/v1/recover", async (c) => {
    const { email, code_challenge } = await c.req.json();
    const u = [...users.values()].find((x) => x.email === email);
    if (u) {
      const challenge = typeof code_challenge === "string" ? code_challenge : null;
      const hash = (challenge ? "pkce_" : "") + crypto.randomUUID().replaceAll("-", "");
      recovery.set(hash, { userId: u.id, challenge });
      const redirectTo = c.req.query("redirect_to") ?? null;
      const verify = new URL(`${origin()}/auth/v1/verify`);
      verify.searchParams.set("token", hash);
      verify.searchParams.set("type", "recovery");
      if (redirectTo) verify.searchParams.set("redirect_to", redirectTo);
      mails.push({ to: email, tokenHash: hash, redirectTo, confirmationUrl: verify.href });
    }
    return c.json({});
  });
  app.post("/auth/v1/verify", async (c) => {
    const { token_hash, type } = await c.req.json();
    const found = type === "recovery" ? recovery.get(token_hash) : undefined;
    if (!found) return expired();
    recovery.delete(token_hash);
    return c.json(await sessionFor(users.get(found.userId)!));
  });
  app.get("/auth/v1/verify", (c) => {
    const target = new URL(c.req.query("redirect_to") ?? origin());
    const found = recovery.get(c.req.query("token") ?? "");
    if (!found || !found.challenge) {
      target.searchParams.set("error", "access_denied");
      target.searchParams.set("error_code", "otp_expired");
      target.searchParams.set("error_description", "Email link is invalid or has expired");
      return c.redirect(target.href, 303);
    }
    recovery.delete(c.req.query("token")!);
    const code = crypto.randomUUID();
    codes.set(code, { userId: found.userId, challenge: found.challenge });
    target.searchParams.set("code", code);
    return c.redirect(target.href, 303);
  });
  app.get("/auth/v1/.well-known/jwks.json", (c) => c.json({ keys: [] }));
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, app.fetch);
  return { url: origin(), calls, mails, users, server };
}
