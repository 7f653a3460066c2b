/**
 * Serves `static/` and the built assets from memory. Files are read once at startup, so a request
 * never touches the filesystem and a path can only name a file that was listed (no traversal).
 * Text files are compressed once at startup too (brotli and gzip, compress.ts), and each request
 * gets the smallest coding it accepts.
 *
 * @module
 */
import {
  compressBytes,
  type Encoding,
  isCompressible,
  negotiateEncoding,
  STATIC_PREFERENCE,
} from "./compress.ts";
import { contentHash, extname, join, walkFiles } from "./walk.ts";

/** One coding of an asset's bytes. */
export interface Encoded {
  body: Uint8Array<ArrayBuffer>;
  /** Quoted strong ETag of these bytes. */
  etag: string;
}

/** One file held in memory. */
export interface Asset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** Quoted strong ETag. */
  etag: string;
  cacheControl: string;
  /** Compressed codings kept (only those smaller than `body`); absent for media. */
  encoded?: Partial<Record<Encoding, Encoded>>;
  /** Dev: the codings are made on the first request (quickly), not at startup. */
  deferred?: boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".mp3": "audio/mpeg",
  ".wav": "audio/wav",
  ".ogg": "audio/ogg",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
  ".pdf": "application/pdf",
  ".wasm": "application/wasm",
};

/** Content type for a file name (`application/octet-stream` when unknown). */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

/** Cache-Control for content-hashed URLs. */
export const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Cache-Control for files whose URL stays the same when they change (`static/`): caches keep
 * them but ask again each time, and the ETag makes that a 304.
 */
export const REVALIDATE = "no-cache";

/**
 * Builds an in-memory asset. Compressible files get their brotli and gzip codings now, at the
 * best ratio; `lazy` (dev, where startup time matters more: the dev bundle with supabase-js and
 * its source maps is ~3 MB) makes them on each file's first request instead, quicker.
 */
export async function makeAsset(
  path: string,
  body: Uint8Array<ArrayBuffer>,
  cacheControl: string,
  opts: { lazy?: boolean } = {},
): Promise<Asset> {
  const contentType = contentTypeOf(path);
  const asset: Asset = { body, contentType, etag: `"${await contentHash(body)}"`, cacheControl };
  if (isCompressible(contentType)) {
    if (opts.lazy) asset.deferred = true;
    else encodeAsset(asset, true);
  }
  return asset;
}

function encodeAsset(asset: Asset, best: boolean): void {
  for (const enc of ["br", "gzip"] as const) {
    const packed = compressBytes(asset.body, enc, best);
    if (packed.length >= asset.body.length) continue;
    (asset.encoded ??= {})[enc] = { body: packed, etag: `${asset.etag.slice(0, -1)}-${enc}"` };
  }
}

/** Reads every file under `dir` into a map from URL path (`/favicon.svg`) to asset. */
export async function loadStaticFiles(dir: string, dev: boolean): Promise<Map<string, Asset>> {
  const files = await walkFiles(dir);
  const assets = await Promise.all(
    files.map(async (rel) =>
      makeAsset(rel, await Deno.readFile(join(dir, rel)), REVALIDATE, { lazy: dev })
    ),
  );
  return new Map(files.map((rel, i) => ["/" + rel, assets[i]]));
}

/**
 * Answers a GET/HEAD for `asset` in the best coding the request accepts (identity for a range
 * request: this server sends whole files, and a range counts bytes of what is sent), with 304
 * when the client's ETag matches.
 */
export function serveAsset(asset: Asset, req: Request): Response {
  const headers = new Headers({
    "content-type": asset.contentType,
    "cache-control": asset.cacheControl,
  });
  if (asset.deferred) {
    asset.deferred = false;
    encodeAsset(asset, false);
  }
  let chosen: Encoded = asset;
  if (asset.encoded) {
    headers.set("vary", "Accept-Encoding");
    const kept = STATIC_PREFERENCE.filter((e) => asset.encoded![e] !== undefined);
    const enc = req.headers.has("range")
      ? null
      : negotiateEncoding(req.headers.get("accept-encoding"), kept);
    if (enc !== null) {
      chosen = asset.encoded[enc]!;
      headers.set("content-encoding", enc);
    }
  }
  headers.set("etag", chosen.etag);
  const inm = req.headers.get("if-none-match");
  if (inm !== null && etagMatches(inm, chosen.etag)) {
    headers.delete("content-encoding");
    return new Response(null, { status: 304, headers });
  }
  headers.set("content-length", String(chosen.body.length));
  return new Response(chosen.body, { headers });
}

// A tag names one coding's bytes: a cache holding the gzip file cannot reuse it as brotli.
function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}
