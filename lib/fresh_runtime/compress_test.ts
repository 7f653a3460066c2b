import zlib from "node:zlib";
import {
  compressResponse,
  DYNAMIC_PREFERENCE,
  isCompressible,
  MIN_COMPRESS_BYTES,
  negotiateEncoding,
  varyOnEncoding,
} from "./compress.ts";
import { IMMUTABLE, makeAsset, serveAsset } from "./static_files.ts";
import { assert, assertEquals } from "./test_utils.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();
const PAGE = "<!DOCTYPE html><html><body>" +
  Array.from({ length: 80 }, (_, i) => `<p class="p-4 text-gray-700">Gig ${i}</p>`).join("") +
  "</body></html>";

function unpack(body: Uint8Array, coding: string | null): string {
  if (coding === "br") return dec.decode(zlib.brotliDecompressSync(body));
  if (coding === "gzip") return dec.decode(zlib.gunzipSync(body));
  return dec.decode(body);
}

function req(headers: Record<string, string> = {}, method = "GET"): Request {
  return new Request("http://x/page", { method, headers });
}

Deno.test("compress - Accept-Encoding negotiation", () => {
  assertEquals(negotiateEncoding(null), null);
  assertEquals(negotiateEncoding(""), null);
  assertEquals(negotiateEncoding("gzip, deflate, br, zstd"), "br");
  assertEquals(negotiateEncoding("gzip"), "gzip");
  assertEquals(negotiateEncoding("x-gzip"), "gzip");
  assertEquals(negotiateEncoding("GZIP;q=0.8, BR;q=0.5"), "gzip");
  assertEquals(negotiateEncoding("br;q=0, gzip"), "gzip");
  assertEquals(negotiateEncoding("br;q=0, gzip;q=0"), null);
  assertEquals(negotiateEncoding("identity"), null);
  assertEquals(negotiateEncoding("deflate"), null);
  assertEquals(negotiateEncoding("*"), "br");
  assertEquals(negotiateEncoding("*;q=0.5, br;q=0"), "gzip");
  assertEquals(negotiateEncoding("br, gzip", ["gzip"]), "gzip");
  assertEquals(negotiateEncoding("br, gzip", DYNAMIC_PREFERENCE), "gzip");
  assertEquals(negotiateEncoding("br", ["gzip"]), null);
  assertEquals(negotiateEncoding("gzip;q=nonsense, br;q=0.1"), "br");
});

Deno.test("compress - only text-like types; never event streams or media", () => {
  for (
    const t of [
      "text/html; charset=utf-8",
      "text/css; charset=utf-8",
      "text/javascript; charset=utf-8",
      "application/json",
      "application/problem+json",
      "application/manifest+json",
      "image/svg+xml",
      "application/xml",
    ]
  ) assert(isCompressible(t), t);
  for (
    const t of [
      null,
      "text/event-stream",
      "text/event-stream; charset=utf-8",
      "audio/mpeg",
      "audio/wav",
      "video/mp4",
      "image/png",
      "font/woff2",
      "application/pdf",
      "application/octet-stream",
    ]
  ) assert(!isCompressible(t), String(t));
});

Deno.test("compress - Vary gains Accept-Encoding once", () => {
  const h = new Headers();
  varyOnEncoding(h);
  varyOnEncoding(h);
  assertEquals(h.get("vary"), "Accept-Encoding");
  const other = new Headers({ vary: "Cookie" });
  varyOnEncoding(other);
  assertEquals(other.get("vary"), "Cookie, Accept-Encoding");
});

Deno.test("compress - pages: gzip or brotli, right length, Vary, weak ETag", async () => {
  const cases = [
    ["gzip, deflate, br, zstd", "gzip"], // cheaper per request, about as small
    ["br", "br"],
    ["gzip;q=0.5, br", "br"],
    ["", null],
  ] as const;
  for (const [accept, coding] of cases) {
    const res = await compressResponse(
      req(accept ? { "accept-encoding": accept } : {}),
      new Response(PAGE, {
        status: 201,
        headers: { "content-type": "text/html; charset=utf-8", etag: '"v1"', "x-keep": "1" },
      }),
    );
    const body = new Uint8Array(await res.arrayBuffer());
    assertEquals(res.status, 201);
    assertEquals(res.headers.get("content-encoding"), coding, accept);
    assertEquals(res.headers.get("vary"), "Accept-Encoding");
    // Identity answers are passed through unread (Deno.serve sets their length).
    assertEquals(res.headers.get("content-length"), coding ? String(body.length) : null);
    assertEquals(res.headers.get("x-keep"), "1");
    assertEquals(res.headers.get("etag"), coding ? 'W/"v1"' : '"v1"');
    assertEquals(unpack(body, coding), PAGE);
    if (coding) assert(body.length < PAGE.length / 3, `${coding}: ${body.length}`);
  }
  const json = await compressResponse(
    req({ "accept-encoding": "gzip" }),
    Response.json({ items: Array.from({ length: 100 }, (_, i) => ({ id: i, name: "x" })) }),
  );
  assertEquals(json.headers.get("content-encoding"), "gzip");
  assertEquals(
    JSON.parse(unpack(new Uint8Array(await json.arrayBuffer()), "gzip")).items.length,
    100,
  );
});

Deno.test("compress - small bodies stay as they are", async () => {
  const small = "x".repeat(MIN_COMPRESS_BYTES - 1);
  const res = await compressResponse(
    req({ "accept-encoding": "br" }),
    new Response(small, { headers: { "content-type": "text/html" } }),
  );
  assertEquals(res.headers.get("content-encoding"), null);
  assertEquals(await res.text(), small);
});

Deno.test("compress - never: SSE, ranges, encoded, no-transform, HEAD, media", async () => {
  const html = { "content-type": "text/html; charset=utf-8" };
  const br = { "accept-encoding": "br, gzip" };
  // An event stream that never ends: buffering it would hang this test.
  const sse = new Response(new ReadableStream({ start() {} }), {
    headers: { "content-type": "text/event-stream; charset=utf-8" },
  });
  assert((await compressResponse(req(br), sse)) === sse, "SSE untouched");
  await sse.body?.cancel();
  const cases: [Request, Response][] = [
    [req({ ...br, range: "bytes=0-10" }), new Response(PAGE, { headers: html })],
    [req(br), new Response(PAGE, { status: 206, headers: { ...html, "content-range": "x" } })],
    [req(br), new Response(PAGE, { headers: { ...html, "accept-ranges": "bytes" } })],
    [req(br), new Response(PAGE, { headers: { ...html, "content-encoding": "gzip" } })],
    [req(br), new Response(PAGE, { headers: { ...html, "cache-control": "no-transform" } })],
    [req(br, "HEAD"), new Response(PAGE, { headers: html })],
    [req(br), new Response(PAGE, { headers: { "content-type": "audio/mpeg" } })],
    // Static files arrive precompressed from serveAsset; others are not buffered here.
    [req(br), new Response(PAGE, { headers: { "content-type": "text/plain" } })],
    [req(br), new Response(null, { status: 304, headers: html })],
  ];
  for (const [rq, rs] of cases) {
    const out = await compressResponse(rq, rs);
    assert(out === rs, `${rq.headers.get("range")} ${rs.status} ${[...rs.headers]}`);
    await out.body?.cancel();
  }
});

Deno.test("compress - hashed assets: immutable, precompressed, per-coding ETags", async () => {
  const js = enc.encode("export const x = 1;\n".repeat(200));
  const asset = await makeAsset("/_fresh/js/a-HASH.js", js, IMMUTABLE);
  assert(asset.encoded?.br && asset.encoded.gzip, "both codings kept");
  const get = (h: Record<string, string>) =>
    serveAsset(asset, new Request("http://x/a", { headers: h }));
  const seen = new Set<string>();
  for (const [accept, coding] of [["br, gzip", "br"], ["gzip", "gzip"], ["", null]] as const) {
    const res = get(accept ? { "accept-encoding": accept } : {});
    const body = new Uint8Array(await res.arrayBuffer());
    assertEquals(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assertEquals(res.headers.get("vary"), "Accept-Encoding");
    assertEquals(res.headers.get("content-encoding"), coding);
    assertEquals(res.headers.get("content-length"), String(body.length));
    assertEquals(unpack(body, coding), dec.decode(js));
    const etag = res.headers.get("etag")!;
    seen.add(etag);
    // Revalidation answers for the coding the client holds.
    const again = get({ ...(accept ? { "accept-encoding": accept } : {}), "if-none-match": etag });
    assertEquals(again.status, 304);
    assertEquals(again.headers.get("etag"), etag);
  }
  assertEquals(seen.size, 3);
  // A gzip copy's tag does not validate the brotli one.
  const other = get({ "accept-encoding": "br", "if-none-match": asset.encoded.gzip.etag });
  assertEquals(other.status, 200);
  await other.body?.cancel();
  // Range requests get the identity bytes (this server sends them whole).
  const ranged = get({ "accept-encoding": "br", range: "bytes=0-3" });
  assertEquals(ranged.headers.get("content-encoding"), null);
  assertEquals((await ranged.arrayBuffer()).byteLength, js.length);
});

Deno.test("compress - audio and images are never compressed", async () => {
  const wav = new Uint8Array(4096); // silence: would compress to nothing, and still must not
  for (const path of ["/a.wav", "/a.mp3", "/a.png", "/a.woff2"]) {
    const asset = await makeAsset(path, wav, IMMUTABLE);
    assertEquals(asset.encoded, undefined, path);
    const res = serveAsset(
      asset,
      new Request("http://x" + path, { headers: { "accept-encoding": "br" } }),
    );
    assertEquals(res.headers.get("content-encoding"), null);
    assertEquals(res.headers.get("vary"), null);
    assertEquals((await res.arrayBuffer()).byteLength, wav.length);
  }
});
