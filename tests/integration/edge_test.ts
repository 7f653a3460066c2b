/**
 * The edge from an attacker's side: forged Host headers, open redirects, huge and malformed
 * bodies, unstorable text, ambiguous credentials, cookies behind TLS, secrets and health. Requests
 * go straight to the server's fetch with a chosen peer address, as Deno.serve would pass them.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { loadConfig } from "../../lib/platform/config.ts";
import { type Platform, startPlatform } from "../../lib/platform/mod.ts";
import { soundcheckJobs } from "../../jobs.ts";
import { createServer } from "../../server.ts";
import { listOutbox } from "../../lib/ports/mail/outbox.ts";
import { safeRedirect } from "../../lib/web/redirect.ts";

const ORIGIN = "http://127.0.0.1:8000";
const CSRF = { cookie: "sc-csrf=tok", origin: ORIGIN };

interface EdgeApp extends AsyncDisposable {
  platform: Platform;
  call(path: string, init?: RequestInit, peer?: string): Promise<Response>;
  /** A signed-in user's cookie headers (CSRF token `tok`). */
  signUp(email: string): Promise<{ id: string; headers: Record<string, string> }>;
}

async function edgeApp(env: Record<string, string> = {}): Promise<EdgeApp> {
  const dataDir = await Deno.makeTempDir({ prefix: "soundcheck-edge-" });
  const platform = await startPlatform(
    loadConfig({ APP_ENV: "test", DATA_DIR: dataDir, LOG_LEVEL: "error", WORKER: "off", ...env }),
    soundcheckJobs,
  );
  const server = await createServer(platform);
  // Deno.serve builds the request URL from the Host header: so does this.
  const call = (path: string, init: RequestInit = {}, peer = "127.0.0.1") => {
    const host = new Headers(init.headers).get("host");
    const base = host ? `http://${host}` : ORIGIN;
    return server.fetch(new Request(`${base}${path}`, { redirect: "manual", ...init }), {
      remoteAddr: { transport: "tcp", hostname: peer, port: 40000 },
      completed: Promise.resolve(),
    });
  };
  return {
    platform,
    call,
    async signUp(email) {
      const s = await platform.auth.signUp({
        email,
        password: "password-123",
        metadata: { display_name: email.split("@")[0], is_musician: true, is_client: true },
      });
      return {
        id: s.user.id,
        headers: { cookie: `sc-access=${s.accessToken}; sc-csrf=tok`, origin: ORIGIN },
      };
    },
    async [Symbol.asyncDispose]() {
      await platform.close();
      await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    },
  };
}

const form = (fields: Record<string, string>) => new URLSearchParams({ _csrf: "tok", ...fields });

Deno.test("edge - reset links come from SITE_URL or an allowed host, never the Host header", async () => {
  await using app = await edgeApp({ SITE_URL: "https://soundcheck.example" });
  await app.signUp("victim@example.com");
  const evil = await app.call("/reset-password", {
    method: "POST",
    headers: { ...CSRF, host: "evil.test" },
    body: form({ email: "victim@example.com" }),
  });
  assertEquals(evil.status, 400, "a foreign Host is refused");
  const ok = await app.call("/reset-password", {
    method: "POST",
    headers: CSRF,
    body: form({ email: "victim@example.com" }),
  });
  assertEquals(ok.status, 200);
  const mails = await app.platform.db.asService((tx) => listOutbox(tx, 10));
  assertEquals(mails.length, 1);
  assertMatch(mails[0].body, /https:\/\/soundcheck\.example\/reset-password\/confirm\?token=/);
  assert(!mails[0].body.includes("evil.test"));
});

Deno.test("edge - without SITE_URL, links use the allowed host the request came to", async () => {
  await using app = await edgeApp();
  await app.signUp("v2@example.com");
  const res = await app.call("/reset-password", {
    method: "POST",
    headers: CSRF,
    body: form({ email: "v2@example.com" }),
  });
  assertEquals(res.status, 200);
  const [mail] = await app.platform.db.asService((tx) => listOutbox(tx, 1));
  assertMatch(mail.body, /http:\/\/127\.0\.0\.1:8000\/reset-password\/confirm\?token=/);
});

Deno.test("edge - a prod server refuses foreign Host headers with 400", async () => {
  await using app = await edgeApp({
    APP_ENV: "prod",
    HOSTNAME: "0.0.0.0",
    SITE_URL: "https://soundcheck.example",
  });
  assertEquals((await app.call("/", { headers: { host: "evil.test" } })).status, 400);
  assertEquals((await app.call("/", { headers: { host: "soundcheck.example" } })).status, 200);
});

Deno.test("edge - the dev outbox is for this machine only", async (t) => {
  await t.step("loopback server, loopback peer, own Host: shown", async () => {
    await using app = await edgeApp();
    assertEquals((await app.call("/dev/outbox")).status, 200);
    assertEquals((await app.call("/dev/outbox", {}, "10.0.0.5")).status, 404, "remote peer");
    assertEquals(
      (await app.call("/dev/outbox", { headers: { host: "rebind.evil.test:8000" } })).status,
      400,
      "DNS rebinding: a foreign Host",
    );
  });
  await t.step("a server listening on every interface never shows it", async () => {
    await using app = await edgeApp({ HOSTNAME: "0.0.0.0" });
    assertEquals((await app.call("/dev/outbox")).status, 404);
  });
  await t.step("demo accounts do not sign in outside dev on loopback", async () => {
    await using app = await edgeApp();
    const u = await app.signUp("demo@example.com");
    await app.platform.db.driver.query(
      `update auth.users set raw_app_meta_data = raw_app_meta_data || '{"demo":true}' where id = $1`,
      [u.id],
    );
    const err = await app.platform.auth.signIn({
      email: "demo@example.com",
      password: "password-123",
    })
      .then(() => null, (e: Error) => e);
    assertMatch(String(err?.message), /only in local development/);
  });
});

Deno.test("edge - safeRedirect keeps every next on this site", () => {
  const leaving = [
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/%09/evil.example".replace("%09", "\t"),
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\u0000/x",
    "https://evil.example/",
    "/.//evil.example",
    "\\\\evil.example",
    " /x",
    "",
  ];
  for (const target of leaving) assertEquals(safeRedirect(target, "/home"), "/home", target);
  assertEquals(safeRedirect("/gigs/1?tab=a#b", "/"), "/gigs/1?tab=a#b");
  assertEquals(safeRedirect("/gigs/../profile", "/"), "/profile");
});

Deno.test("edge - sign-in never leaves the site, and bad next values are no 500", async () => {
  await using app = await edgeApp();
  await app.signUp("next@example.com");
  for (const next of ["/\t/evil.example", "/\\evil.example", "/x\r\nset-cookie: a=b"]) {
    const res = await app.call("/signin", {
      method: "POST",
      headers: CSRF,
      body: form({ email: "next@example.com", password: "password-123", next }),
    });
    assertEquals(res.status, 303, JSON.stringify(next));
    assertEquals(res.headers.get("location"), "/", JSON.stringify(next));
  }
  const get = await app.call("/signin?next=%2F%0D%0Aevil");
  assert(get.status < 500, `GET with CR/LF next: ${get.status}`);
  const nul = await app.call("/signin", {
    method: "POST",
    headers: CSRF,
    body: form({ email: "next@example.com", password: "password-123", next: "/\u0000" }),
  });
  assertEquals(nul.status, 400, "NUL cannot even reach the route");
});

Deno.test("edge - bodies are capped before they are read", async (t) => {
  await using app = await edgeApp();
  await t.step("a declared 50 MB body is refused at once", async () => {
    const started = performance.now();
    const res = await app.call("/signin", {
      method: "POST",
      headers: {
        ...CSRF,
        "content-type": "application/x-www-form-urlencoded",
        "content-length": String(50 * 1024 * 1024),
      },
      body: new ReadableStream({ start: (c) => c.close() }),
    });
    assertEquals(res.status, 413);
    assert(performance.now() - started < 2000);
  });
  await t.step("a streamed body without a length is cut off at the cap", async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(97);
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent > 50 * 1024 * 1024) return c.close();
        sent += chunk.byteLength;
        c.enqueue(chunk);
      },
    });
    const res = await app.call("/api/gigs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    assertEquals(res.status, 413);
    assertEquals((await res.json()).error.field, "body");
    assert(sent < 4 * 1024 * 1024, `read ${sent} bytes before refusing`);
  });
});

Deno.test("edge - unreadable bodies and unstorable text are 400s naming the field", async () => {
  await using app = await edgeApp();
  const me = await app.signUp("text@example.com");
  const api = { ...me.headers, "x-csrf-token": "tok" };
  const cases: [string, string, RequestInit, string][] = [
    ["multipart without a boundary", "/profile", {
      method: "POST",
      headers: { ...me.headers, "content-type": "multipart/form-data" },
      body: "_csrf=tok&intent=details",
    }, "body"],
    ["garbage multipart", "/api/gigs", {
      method: "POST",
      headers: { ...api, "content-type": "multipart/form-data; boundary=xyz" },
      body: "--xyz\r\ngarbage without headers",
    }, "title"],
    ["NUL in a JSON field", "/api/profile", {
      method: "PATCH",
      headers: { ...api, "content-type": "application/json" },
      body: JSON.stringify({ display_name: "a\u0000b" }),
    }, "display_name"],
    ["a lone surrogate in JSON", "/api/profile", {
      method: "PATCH",
      headers: { ...api, "content-type": "application/json" },
      body: '{"display_name":"a\\ud800b"}',
    }, "display_name"],
    ["NUL in a form field", "/gigs/new", {
      method: "POST",
      headers: me.headers,
      body: form({ title: "Jazz\u0000night" }),
    }, "title"],
    ["NUL in the query string", "/api/gigs?q=%00", { headers: api }, "q"],
  ];
  for (const [name, path, init, field] of cases) {
    const before = await app.platform.db.driver.query<{ n: string }>(
      "select md5(string_agg(p::text, '')) as n from public.profiles p",
    );
    const res = await app.call(path, init);
    const text = await res.text();
    assertEquals(res.status, 400, `${name}: ${text.slice(0, 200)}`);
    if (path.startsWith("/api")) assertEquals(JSON.parse(text).error.field, field, name);
    else assert(text.includes("cannot be stored") || text.includes("could not be read"), name);
    const after = await app.platform.db.driver.query<{ n: string }>(
      "select md5(string_agg(p::text, '')) as n from public.profiles p",
    );
    assertEquals(after, before, `${name} changed no row`);
  }
});

Deno.test("edge - credentials are decided once: a malformed bearer never falls back to cookies", async () => {
  await using app = await edgeApp();
  const me = await app.signUp("cred@example.com");
  const malformed = await app.call("/api/profile", {
    method: "PATCH",
    headers: { ...me.headers, authorization: "Bearer a b", "content-type": "application/json" },
    body: JSON.stringify({ display_name: "Changed" }),
  });
  assertEquals(malformed.status, 401);
  const withCookies = await app.call("/api/profile", {
    method: "PATCH",
    headers: { ...me.headers, authorization: "Bearer abc", "content-type": "application/json" },
    body: JSON.stringify({ display_name: "Changed" }),
  });
  assertEquals(withCookies.status, 403, "a request carrying cookies is CSRF-checked");
  const [row] = await app.platform.db.driver.query<{ display_name: string }>(
    "select display_name from public.profiles where id = $1",
    [me.id],
  );
  assertEquals(row.display_name, "cred");
});

Deno.test("edge - Secure cookies and HSTS follow SITE_URL, not the request scheme", async () => {
  await using app = await edgeApp({ SITE_URL: "https://soundcheck.example" });
  const res = await app.call("/signin", { headers: { host: "soundcheck.example" } });
  assertEquals(res.status, 200);
  assertMatch(res.headers.get("set-cookie") ?? "", /sc-csrf=[^;]+;.*Secure/);
  assertMatch(res.headers.get("strict-transport-security") ?? "", /max-age=\d+/);
  await using plain = await edgeApp();
  const r2 = await plain.call("/signin");
  assert(!(r2.headers.get("set-cookie") ?? "").includes("Secure"));
  assertEquals(r2.headers.get("strict-transport-security"), null);
});

Deno.test("edge - the worker secret and the health details", async () => {
  await using app = await edgeApp({ WORKER_SECRET: "s".repeat(24) });
  const wrong = await app.call("/functions/v1/worker", {
    method: "POST",
    headers: { authorization: `Bearer ${"s".repeat(23)}t` },
  });
  assertEquals(wrong.status, 401);
  const right = await app.call("/functions/v1/worker", {
    method: "POST",
    headers: { authorization: `Bearer ${"s".repeat(24)}` },
  });
  assertEquals(right.status, 200);
  const anon = await (await app.call("/functions/v1/health")).json();
  assertEquals(anon, { status: "ok" });
  const detailed = await (await app.call("/functions/v1/health", {
    headers: { authorization: `Bearer ${"s".repeat(24)}` },
  })).json();
  assert(Array.isArray(detailed.queues), "queues only with the secret");
});

Deno.test("edge - CORS from the allow-list, and the API rate limit answers 429 with Retry-After", async () => {
  await using app = await edgeApp({ CORS_ORIGINS: "https://app.example", API_RATE_LIMIT: "3" });
  const pre = await app.call("/api/gigs", {
    method: "OPTIONS",
    headers: { origin: "https://app.example", "access-control-request-method": "POST" },
  });
  assertEquals(pre.status, 204);
  assertEquals(pre.headers.get("access-control-allow-origin"), "https://app.example");
  const other = await app.call("/api/gigs", {
    method: "OPTIONS",
    headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
  });
  assertEquals(other.headers.get("access-control-allow-origin"), null);
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    const res = await app.call(
      "/api/gigs",
      { headers: { origin: "https://app.example" } },
      "10.0.0.9",
    );
    statuses.push(res.status);
    if (res.status === 429) {
      assert(Number(res.headers.get("retry-after")) > 0);
      assertEquals(res.headers.get("access-control-allow-origin"), "https://app.example");
    }
    await res.body?.cancel();
  }
  assertEquals(statuses, [200, 200, 200, 429]);
  const spoofed = await app.call(
    "/api/gigs",
    { headers: { "x-forwarded-for": "1.2.3.4" } },
    "10.0.0.9",
  );
  assertEquals(spoofed.status, 429, "X-Forwarded-For from an untrusted peer changes nothing");
});

Deno.test("edge - a function served alone on the Edge Runtime gets the same stages", async () => {
  await using app = await edgeApp({ CORS_ORIGINS: "https://app.example" });
  const { aiWrite } = await import("../../functions/ai-write/index.ts");
  const url = "http://127.0.0.1:9999/functions/v1/ai-write";
  const post = (headers: Record<string, string>, body: BodyInit) =>
    aiWrite.handler(new Request(url, { method: "POST", headers, body }));
  const malformed = await post({ authorization: "Bearer a b" }, "{}");
  assertEquals(malformed.status, 401);
  const anon = await post({ "content-type": "application/json" }, '{"task":"bio"}');
  assertEquals([anon.status, (await anon.json()).error.field], [401, "authorization"]);
  const big = await post({ "content-type": "application/json" }, "x".repeat(9000));
  assertEquals(big.status, 413);
  const me = await app.platform.auth.signUp({
    email: "fn@example.com",
    password: "password-123",
    metadata: { display_name: "Fn", is_musician: true },
  });
  const nul = await post(
    { authorization: `Bearer ${me.accessToken}`, "content-type": "application/json" },
    JSON.stringify({ task: "bio\u0000" }),
  );
  assertEquals([nul.status, (await nul.json()).error.field], [400, "task"]);
  const pre = await aiWrite.handler(
    new Request(url, { method: "OPTIONS", headers: { origin: "https://app.example" } }),
  );
  assertEquals(pre.headers.get("access-control-allow-origin"), "https://app.example");
});
