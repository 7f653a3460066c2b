/** Byte ranges for media seeking: single ranges sliced, bad ones 416, no range the whole. */
import { assertEquals } from "../../tests/_helpers/assert.ts";
import { parseRange, withRange } from "./range.ts";

Deno.test("range - parses single byte ranges against the size", () => {
  assertEquals(parseRange("bytes=0-99", 1000), [0, 99]);
  assertEquals(parseRange("bytes=900-", 1000), [900, 999]);
  assertEquals(parseRange("bytes=-100", 1000), [900, 999]);
  assertEquals(parseRange("bytes=0-5000", 1000), [0, 999], "clipped to the end");
  assertEquals(parseRange("bytes=1000-", 1000), "bad");
  assertEquals(parseRange("bytes=5-1", 1000), "bad");
  assertEquals(parseRange("bytes=0-1,5-9", 1000), null, "several ranges: the whole object");
  assertEquals(parseRange(null, 1000), null);
});

Deno.test("range - answers 206, 416 or the whole object", async () => {
  const whole = () =>
    new Response(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), {
      headers: { "content-length": "10", "content-type": "audio/mpeg" },
    });
  const get = (range?: string) =>
    new Request("http://x/a.mp3", { headers: range ? { range } : {} });
  const part = await withRange(get("bytes=2-4"), whole());
  assertEquals(part.status, 206);
  assertEquals(part.headers.get("content-range"), "bytes 2-4/10");
  assertEquals([...new Uint8Array(await part.arrayBuffer())], [2, 3, 4]);
  assertEquals(part.headers.get("content-type"), "audio/mpeg");
  const all = await withRange(get(), whole());
  assertEquals([all.status, all.headers.get("accept-ranges")], [200, "bytes"]);
  await all.body?.cancel();
  const bad = await withRange(get("bytes=20-"), whole());
  assertEquals([bad.status, bad.headers.get("content-range")], [416, "bytes */10"]);
  const missing = await withRange(get("bytes=0-1"), new Response("gone", { status: 404 }));
  assertEquals(missing.status, 404);
  await missing.body?.cancel();
});
