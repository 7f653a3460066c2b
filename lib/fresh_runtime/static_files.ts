/**
 * Serves `static/` and the built assets from memory. Files are read once at startup, so a request
 * never touches the filesystem and a path can only name a file that was listed (no traversal).
 *
 * @module
 */
import { contentHash, extname, join, walkFiles } from "./walk.ts";

/** One file held in memory. */
export interface Asset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** Quoted strong ETag. */
  etag: string;
  cacheControl: string;
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

/** Builds an in-memory asset. */
export async function makeAsset(
  path: string,
  body: Uint8Array<ArrayBuffer>,
  cacheControl: string,
): Promise<Asset> {
  return {
    body,
    contentType: contentTypeOf(path),
    etag: `"${await contentHash(body)}"`,
    cacheControl,
  };
}

/** Reads every file under `dir` into a map from URL path (`/favicon.svg`) to asset. */
export async function loadStaticFiles(dir: string, dev: boolean): Promise<Map<string, Asset>> {
  const cacheControl = dev ? "no-cache" : "public, max-age=3600";
  const files = await walkFiles(dir);
  const assets = await Promise.all(
    files.map(async (rel) => makeAsset(rel, await Deno.readFile(join(dir, rel)), cacheControl)),
  );
  return new Map(files.map((rel, i) => ["/" + rel, assets[i]]));
}

/** Answers a GET/HEAD for `asset`, with 304 when the client's ETag matches. */
export function serveAsset(asset: Asset, req: Request): Response {
  const headers = {
    "content-type": asset.contentType,
    "cache-control": asset.cacheControl,
    etag: asset.etag,
  };
  const inm = req.headers.get("if-none-match");
  if (inm !== null && etagMatches(inm, asset.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(asset.body, { headers });
}

function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => {
    const tag = t.trim();
    return tag === etag || tag === `W/${etag}`;
  });
}
