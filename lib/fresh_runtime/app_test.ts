import { createApp } from "./mod.ts";
import { assert, assertEquals, assertExcludes, assertIncludes } from "./test_utils.ts";
import type { State } from "./testdata/utils.ts";

const root = new URL("./testdata", import.meta.url).pathname;
const logs: Record<string, unknown>[] = [];
// Built once for the file: bundling and CSS happen at startup, like in production.
const app = await createApp<State>({
  root,
  initialState: () => ({ trail: [] }),
  log: (entry) => logs.push(entry),
});

async function get(path: string, init?: RequestInit) {
  const res = await app.fetch(new Request(`http://localhost${path}`, init));
  return { res, body: await res.text() };
}

function nonceOf(res: Response): string {
  const m = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "");
  assert(m, "CSP carries a nonce");
  return m[1];
}

Deno.test("createApp - page renders inside _app and layout after root middleware", async () => {
  const { res, body } = await get("/");
  assertEquals(res.status, 200);
  assertEquals(res.headers.get("content-type"), "text/html; charset=utf-8");
  assertEquals(res.headers.get("x-root-middleware"), "1");
  assert(body.startsWith('<!DOCTYPE html><html lang="en">'), body.slice(0, 40));
  assertIncludes(body, `<link rel="stylesheet" href="${app.cssHref}"></head>`);
  assertIncludes(body, '<div class="layout-root p-4">');
  assertIncludes(body, '<p class="trail">root</p>');
});

Deno.test("createApp - ctx.route is the matched pattern, never the raw path", async () => {
  const cases: [string, string][] = [
    ["/users/7", "/users/:id"],
    ["/files/a/b.txt", "/files/:path*"],
    ["/pricing", "/pricing"],
    ["/nope", "(none)"],
  ];
  for (const [path, route] of cases) {
    const { res } = await get(path);
    assertEquals(res.headers.get("x-route"), route, path);
  }
});

Deno.test("createApp - a page without islands ships no JavaScript", async () => {
  for (const path of ["/", "/users/7", "/plain", "/nope"]) {
    const { body } = await get(path);
    assertExcludes(body, "<script", path);
    assertExcludes(body, "<sc-island", path);
  }
});

Deno.test("createApp - islands get markers, escaped props and a nonce'd boot script", async () => {
  const { res, body } = await get("/counter");
  const nonce = nonceOf(res);
  assertIncludes(
    body,
    `<script type="module" nonce="${nonce}">import{boot}from"/_fresh/js/fresh-boot-`,
  );
  assertIncludes(body, 'boot({"Counter":i0,"Greeting":i1,"Panel":i2});</script></head>');
  assertIncludes(body, '<sc-island data-island="Counter" data-export="default" data-props-id="0">');
  assertIncludes(
    body,
    '<sc-island data-island="Greeting" data-export="Greeting" data-props-id="1">',
  );
  assertIncludes(body, '<sc-island data-island="Panel" data-export="default" data-props-id="2">');
  // The Counter inside Panel hydrates as part of Panel: three markers, not four.
  assertEquals(body.split("<sc-island").length - 1, 3);
  const json = /<script type="application\/json" id="__sc_props" nonce="([^"]+)">(.*?)<\/script>/
    .exec(body);
  assert(json, "props script present");
  assertEquals(json[1], nonce);
  assertExcludes(json[2], "</script");
  assertExcludes(json[2], "<!--");
  assertExcludes(json[2], "\u2028");
  assertEquals(JSON.parse(json[2]), [
    { start: 3, label: "clicks" },
    { name: "</script><!-- \u2028" },
    { title: "panel" },
  ]);
});

Deno.test("createApp - non-serialisable island props fail with a clear, logged error", async () => {
  logs.length = 0;
  const { res, body } = await get("/bad-props");
  assertEquals(res.status, 500);
  assertExcludes(body, "onChange");
  const entry = logs.find((e) => e.msg === "unhandled error");
  assert(entry, "error logged");
  assertIncludes(String(entry.error), 'Island "Counter" (export default)');
  assertIncludes(String(entry.error), "props.onChange (function)");
});

Deno.test("createApp - routing: params, static before param, catch-all, groups", async () => {
  assertIncludes((await get("/users/7")).body, "User 7 via root>users-a>users-b");
  assertIncludes((await get("/users/new")).body, '<p class="new-user">');
  assertIncludes((await get("/users/new")).body, '<section class="users-layout">');
  assertIncludes((await get("/files/a/b%20c")).body, "path=[a/b c]");
  assertIncludes((await get("/files")).body, "path=[]");
  assertIncludes((await get("/pricing")).body, '<h1 class="pricing">');
});

Deno.test("createApp - config skips _app and layouts; the runtime adds a document", async () => {
  const { body } = await get("/plain");
  assert(body.startsWith('<!DOCTYPE html><html><head><meta charset="utf-8">'));
  assertIncludes(body, `href="${app.cssHref}"></head><body><p class="plain">`);
  assertExcludes(body, "layout-root");
});

Deno.test("createApp - handlers: ctx.render, page() with status and headers", async () => {
  assertIncludes((await get("/form")).body, "Hello stranger");
  const { res, body } = await get("/form", {
    method: "POST",
    body: new URLSearchParams({ name: "Ada" }),
  });
  assertEquals(res.status, 201);
  assertEquals(res.headers.get("x-form"), "posted");
  assertEquals(res.headers.get("content-type"), "text/html; charset=utf-8");
  assertIncludes(body, "Hello Ada");
});

Deno.test("createApp - API routes return handler responses; HEAD has no body", async () => {
  const { res, body } = await get("/api/echo?q=hi", { headers: { "x-request-id": "abc-123" } });
  assertEquals(JSON.parse(body), { ok: true, q: "hi", requestId: "abc-123" });
  assertEquals(res.headers.get("x-request-id"), "abc-123");
  const post = await get("/api/echo", { method: "POST", body: JSON.stringify({ a: 1 }) });
  assertEquals(post.res.status, 201);
  assertEquals(JSON.parse(post.body), { got: { a: 1 } });
  const head = await get("/users/7", { method: "HEAD" });
  assertEquals(head.res.status, 200);
  assertEquals(head.body, "");
});

Deno.test("createApp - unsupported method answers 405 with Allow", async () => {
  const page = await get("/form", { method: "DELETE" });
  assertEquals(page.res.status, 405);
  assertEquals(page.res.headers.get("allow"), "GET, POST, HEAD");
  const api = await get("/api/echo", { method: "PUT" });
  assertEquals(api.res.status, 405);
  assertEquals(api.res.headers.get("allow"), "GET, POST, HEAD");
  assertEquals(JSON.parse(api.body), {
    error: { status: 405, code: "method_not_allowed", message: "Method Not Allowed" },
  });
  // A method named like an Object.prototype member is no handler (and must not crash routing).
  const odd = await get("/form", { method: "toString" });
  assertEquals(odd.res.status, 501);
  assertEquals(odd.res.headers.get("x-frame-options"), "DENY");
});

Deno.test("createApp - unknown paths render _404 after root middleware", async () => {
  const { res, body } = await get("/no/such/page");
  assertEquals(res.status, 404);
  assertEquals(res.headers.get("x-root-middleware"), "1");
  assertIncludes(body, '<h1 class="not-found">Nothing at /no/such/page</h1>');
  assertIncludes(body, "layout-root");
  const api = await get("/api/nope");
  assertEquals(api.res.status, 404);
  assertEquals(JSON.parse(api.body), {
    error: { status: 404, code: "not_found", message: "Not Found" },
  });
});

Deno.test("createApp - HttpError: 404 page, the error page for other 4xx, JSON under /api", async () => {
  const missing = await get("/users/missing");
  assertEquals(missing.res.status, 404);
  assertIncludes(missing.body, "Nothing at /users/missing");
  const forbidden = await get("/forbidden");
  assertEquals(forbidden.res.status, 403);
  assertIncludes(forbidden.body, "Members only");
  const teapot = await get("/api/teapot");
  assertEquals(teapot.res.status, 418);
  assertEquals(JSON.parse(teapot.body), {
    error: { status: 418, code: "bad_request", message: "short and stout" },
  });
});

Deno.test("createApp - thrown errors render _500, are logged with stack, never leak", async () => {
  logs.length = 0;
  const page = await get("/boom");
  assertEquals(page.res.status, 500);
  assertIncludes(page.body, "Something broke (error set)");
  assertExcludes(page.body, "hunter2");
  const api = await get("/api/crash");
  assertEquals(api.res.status, 500);
  assertEquals(JSON.parse(api.body), {
    error: { status: 500, code: "server_error", message: "Internal Server Error" },
  });
  const errors = logs.filter((e) => e.msg === "unhandled error");
  assertEquals(errors.length, 2);
  assertIncludes(String(errors[0].stack), "boom.tsx");
  assertEquals(errors[1].route, "api/crash.ts");
  // 4xx are not error-logged.
  logs.length = 0;
  await get("/forbidden");
  assertEquals(logs.filter((e) => e.level === "error").length, 0);
});

Deno.test("createApp - security headers with a fresh nonce per request", async () => {
  const a = await get("/");
  const b = await get("/api/echo");
  assert(nonceOf(a.res) !== nonceOf(b.res), "nonces differ");
  assertEquals(
    a.res.headers.get("content-security-policy"),
    `default-src 'self'; script-src 'self' 'nonce-${nonceOf(a.res)}'; style-src 'self'; ` +
      "img-src 'self' data: blob: https:; connect-src 'self'; frame-src https://open.spotify.com; " +
      "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  );
  for (const { res } of [a, b, await get("/favicon.svg"), await get("/nope")]) {
    assertEquals(res.headers.get("x-content-type-options"), "nosniff");
    assertEquals(res.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
    assertEquals(res.headers.get("x-frame-options"), "DENY");
    assert(res.headers.get("permissions-policy"), "permissions-policy set");
  }
});

Deno.test("createApp - request ids and the access log", async () => {
  logs.length = 0;
  const bad = await get("/", { headers: { "x-request-id": "<script>" } });
  const id = bad.res.headers.get("x-request-id") ?? "";
  assert(/^[0-9a-f-]{36}$/.test(id), `generated id, got ${id}`);
  const entry = logs.at(-1) ?? {};
  assertEquals({ ...entry, ms: 0 }, {
    level: "info",
    msg: "request",
    request_id: id,
    method: "GET",
    path: "/",
    status: 200,
    ms: 0,
  });
  assert(typeof entry.ms === "number");
});

Deno.test("createApp - redirect stays on this site", async () => {
  const { res } = await get("/users/escape");
  assertEquals(res.status, 302);
  assertEquals(res.headers.get("location"), "/evil.example/x");
});

Deno.test("createApp - static files with type, etag, 304 and revalidation", async () => {
  const { res, body } = await get("/favicon.svg");
  assertEquals(res.status, 200);
  assertEquals(res.headers.get("content-type"), "image/svg+xml");
  // Their URLs do not change with their content: caches must ask again (a 304 by ETag).
  assertEquals(res.headers.get("cache-control"), "no-cache");
  assertIncludes(body, "<svg");
  const etag = res.headers.get("etag") ?? "";
  assert(etag.startsWith('"'), "strong etag");
  const again = await get("/favicon.svg", { headers: { "if-none-match": etag } });
  assertEquals(again.res.status, 304);
  assertEquals(
    (await get("/robots.txt")).res.headers.get("content-type"),
    "text/plain; charset=utf-8",
  );
  for (
    const path of ["/%2e%2e/utils.ts", "/..%2futils.ts", "/static/robots.txt", "/../deno.json"]
  ) {
    assertEquals((await get(path)).res.status, 404, path);
  }
});

Deno.test("createApp - stylesheet is hashed, immutable and covers all sources", async () => {
  assert(/^\/_fresh\/css\/styles-[0-9a-f]{16}\.css$/.test(app.cssHref), app.cssHref);
  const { res, body } = await get(app.cssHref);
  assertEquals(res.headers.get("content-type"), "text/css; charset=utf-8");
  assertEquals(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
  for (const rule of [".p-4{", ".text-2xl{", ".bg-indigo-50{", ".bg-indigo-600{", ".italic{"]) {
    assertIncludes(body, rule);
  }
  assertIncludes(body, "box-sizing:border-box"); // preflight
  assertIncludes(body, "sc-island{display:contents}");
  assertExcludes(body, "/*"); // no twind resume comments
});

Deno.test("createApp - island bundles are served immutable as JavaScript", async () => {
  const { body } = await get("/counter");
  const urls = [...body.matchAll(/"(\/_fresh\/js\/[^"]+\.js)"/g)].map((m) => m[1]);
  assertEquals(urls.length, 4);
  for (const url of urls) {
    const { res, body: js } = await get(url);
    assertEquals(res.status, 200, url);
    assertEquals(res.headers.get("content-type"), "text/javascript; charset=utf-8");
    assertEquals(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert(js.length > 0);
  }
});

Deno.test("createApp - dev mode and extraRoutes", async () => {
  const devLogs: Record<string, unknown>[] = [];
  const dev = await createApp<State>({
    root,
    dev: true,
    initialState: () => ({ trail: [] }),
    log: (e) => devLogs.push(e),
    extraRoutes: (hono) => {
      hono.get("/functions/v1/hello", (c) => c.json({ id: c.get("requestId") }));
      hono.get("/users/extra", (c) => c.text("extra wins"));
      hono.get("/functions/v1/fail", () => {
        throw new Error("internal detail");
      });
      hono.get("/functions/v1/odd", () => {
        throw "a string, not an Error";
      });
    },
  });
  const hello = await dev.fetch(new Request("http://localhost/functions/v1/hello"));
  const { id } = await hello.json();
  assertEquals(hello.headers.get("x-request-id"), id);
  assert(hello.headers.get("content-security-policy"), "CSP on extra routes");
  assertEquals(devLogs.at(-1)?.path, "/functions/v1/hello");
  assertEquals(
    await (await dev.fetch(new Request("http://localhost/users/extra"))).text(),
    "extra wins",
  );
  const fail = await dev.fetch(new Request("http://localhost/functions/v1/fail"));
  assertEquals(fail.status, 500);
  assertExcludes(await fail.text(), "internal detail");
  assertEquals(devLogs.filter((e) => e.msg === "unhandled error").length, 1);
  const odd = await dev.fetch(new Request("http://localhost/functions/v1/odd"));
  assertEquals([odd.status, odd.headers.get("x-frame-options")], [500, "DENY"]);
  assertEquals(await odd.text(), "Internal Server Error");
  assertEquals(devLogs.filter((e) => e.msg === "unhandled error").length, 2);
  const favicon = await dev.fetch(new Request("http://localhost/favicon.svg"));
  assertEquals(favicon.headers.get("cache-control"), "no-cache");
  await favicon.body?.cancel();
  const css = await dev.fetch(new Request(`http://localhost${dev.cssHref}`));
  assertEquals(css.headers.get("cache-control"), "no-cache");
  await css.body?.cancel();
});
