import { contentTypeOf, makeAsset, serveAsset } from "./static_files.ts";
import { assertEquals } from "./test_utils.ts";

Deno.test("static_files - content types by extension", () => {
  assertEquals(contentTypeOf("/a/b.SVG"), "image/svg+xml");
  assertEquals(contentTypeOf("/x.js"), "text/javascript; charset=utf-8");
  assertEquals(contentTypeOf("/noext"), "application/octet-stream");
  assertEquals(contentTypeOf("/.hidden"), "application/octet-stream");
});

Deno.test("static_files - ETag revalidation", async () => {
  const asset = await makeAsset("/a.txt", new TextEncoder().encode("hi"), "public, max-age=3600");
  const get = (inm?: string) =>
    serveAsset(
      asset,
      new Request("http://x/a.txt", { headers: inm ? { "if-none-match": inm } : {} }),
    );
  const full = get();
  assertEquals([full.status, await full.text()], [200, "hi"]);
  assertEquals(get(asset.etag).status, 304);
  assertEquals(get(`"other", W/${asset.etag}`).status, 304);
  assertEquals(get("*").status, 304);
  const miss = get('"nope"');
  assertEquals(miss.status, 200);
  await miss.body?.cancel();
});
