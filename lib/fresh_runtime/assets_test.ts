import zlib from "node:zlib";
import { createApp } from "./mod.ts";
import { moduleScripts, pageModuleGraph, staticImports } from "./page_js.ts";
import { assert, assertEquals, assertExcludes, assertIncludes } from "./test_utils.ts";
import type { State } from "./testdata/utils.ts";

const root = new URL("./testdata", import.meta.url).pathname;
const BIG_PAGE = `<!DOCTYPE html><html><body>${"<p>gig</p>".repeat(500)}</body></html>`;
const quiet = () => {};

// One prod app and one dev app for the file; bundling happens at startup.
const prod = await createApp<State>({
  root,
  initialState: () => ({ trail: [] }),
  log: quiet,
  extraRoutes: (hono) => {
    hono.get("/big", (c) => c.html(BIG_PAGE));
    // Like realtime/v1/sse: one event now, then the stream stays open.
    hono.get("/realtime/v1/sse", () =>
      new Response(
        new ReadableStream({
          start(ctrl) {
            ctrl.enqueue(new TextEncoder().encode("event: hello\ndata: {}\n\n"));
          },
        }),
        { headers: { "content-type": "text/event-stream; charset=utf-8" } },
      ));
  },
});
const dev = await createApp<State>({
  root,
  dev: true,
  initialState: () => ({ trail: [] }),
  log: quiet,
});

const BR = { "accept-encoding": "gzip, deflate, br, zstd" };
const fetchFrom = (app: typeof prod, path: string, headers: Record<string, string> = {}) =>
  app.fetch(new Request(`http://localhost${path}`, { headers }));
const text = async (app: typeof prod, path: string) => await (await fetchFrom(app, path)).text();

Deno.test("assets - every JS and CSS file a page loads is hashed, immutable and brotli", async () => {
  const html = await text(prod, "/counter");
  const js = await pageModuleGraph(html, "http://localhost/counter", (p) => text(prod, p));
  // boot + three islands + the shared chunk(s) holding preact.
  assert(js.length >= 5, js.join(" "));
  const cssHref = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
  assertEquals(cssHref, prod.cssHref);
  for (const url of [...js, prod.cssHref]) {
    assert(/^\/_fresh\/(js|css)\/[\w-]+-[0-9A-Za-z]{8,}\.(js|css)$/.test(url), url);
    const res = await fetchFrom(prod, url, BR);
    const body = new Uint8Array(await res.arrayBuffer());
    assertEquals(res.status, 200, url);
    assertEquals(res.headers.get("cache-control"), "public, max-age=31536000, immutable", url);
    assertEquals(res.headers.get("content-encoding"), "br", url);
    assertEquals(res.headers.get("vary"), "Accept-Encoding", url);
    assertEquals(res.headers.get("content-length"), String(body.length), url);
    const plain = new TextDecoder().decode(zlib.brotliDecompressSync(body));
    assertEquals(plain, await text(prod, url), url);
    assertExcludes(plain, "sourceMappingURL", url); // prod ships no maps
  }
});

Deno.test("assets - unhashed static files revalidate by ETag, compressed when it pays", async () => {
  const res = await fetchFrom(prod, "/favicon.svg", BR);
  await res.body?.cancel();
  assertEquals(res.headers.get("cache-control"), "no-cache");
  assertEquals(res.headers.get("content-encoding"), "br");
  const again = await fetchFrom(prod, "/favicon.svg", {
    ...BR,
    "if-none-match": res.headers.get("etag")!,
  });
  assertEquals([again.status, again.headers.get("etag")], [304, res.headers.get("etag")]);
});

Deno.test("assets - pages are compressed by Accept-Encoding; SSE is never buffered", async () => {
  const big = await fetchFrom(prod, "/big", { "accept-encoding": "gzip" });
  const packed = new Uint8Array(await big.arrayBuffer());
  assertEquals(big.headers.get("content-encoding"), "gzip");
  assertEquals(big.headers.get("vary"), "Accept-Encoding");
  assertEquals(big.headers.get("content-length"), String(packed.length));
  assertEquals(new TextDecoder().decode(zlib.gunzipSync(packed)), BIG_PAGE);
  assert(big.headers.get("content-security-policy"), "security headers still applied");
  const plain = await fetchFrom(prod, "/big");
  assertEquals(plain.headers.get("content-encoding"), null);
  assertEquals(await plain.text(), BIG_PAGE);

  // The stream never ends: only an unbuffered, uncompressed answer yields its first event.
  const sse = await fetchFrom(prod, "/realtime/v1/sse", BR);
  assertEquals(sse.headers.get("content-encoding"), null);
  const reader = sse.body!.getReader();
  const first = await reader.read();
  assertIncludes(new TextDecoder().decode(first.value), "event: hello");
  await reader.cancel();
});

Deno.test("assets - dev: source maps are separate files, never inline", async () => {
  const html = await text(dev, "/counter");
  const [boot] = moduleScripts(html).inline;
  const urls = staticImports(boot);
  assert(urls.length >= 2, boot);
  const sources: string[] = [];
  for (const url of await pageModuleGraph(html, "http://localhost/counter", (p) => text(dev, p))) {
    const js = await text(dev, url);
    assertExcludes(js, "sourceMappingURL=data:", url);
    const name = url.slice(url.lastIndexOf("/") + 1);
    assertIncludes(js, `//# sourceMappingURL=${name}.map`, url);
    const res = await fetchFrom(dev, `${url}.map`);
    assertEquals(res.status, 200, `${url}.map`);
    assertEquals(res.headers.get("content-type"), "application/json");
    const map = await res.json() as { version: number; sources: string[] };
    assertEquals(map.version, 3);
    // An entry that only re-exports a shared chunk maps no sources of its own.
    sources.push(...map.sources);
  }
  assert(sources.some((s) => s.endsWith("islands/Counter.tsx")), sources.join(" "));
  const island = await text(dev, urls[1]);
  assert(island.length < 20_000, `dev island chunk is ${island.length} bytes`);
  // Dev compresses each file on its first request rather than at startup.
  const packed = await fetchFrom(dev, urls[1], BR);
  assertEquals(packed.headers.get("content-encoding"), "br");
  assertEquals(packed.headers.get("cache-control"), "no-cache");
  assertEquals(new TextDecoder().decode(zlib.brotliDecompressSync(await packed.bytes())), island);
});
