/**
 * Response compression: brotli or gzip by the request's `Accept-Encoding`.
 *
 * Built files (island chunks, the stylesheet, static text files) are compressed once at startup
 * (static_files.ts); pages and JSON answers are compressed here as they leave, buffered, since
 * they are rendered whole anyway. Never compressed: streams (`text/event-stream` above all: SSE
 * must flush each event), byte ranges (a range counts bytes of what is sent, so media stays
 * seekable), `no-transform` answers and already-compressed media (images, audio, video, fonts).
 *
 * @module
 */
import zlib from "node:zlib";

/** Content codings this server produces. */
export type Encoding = "br" | "gzip";
/** Files compressed once: brotli first (smallest). */
export const STATIC_PREFERENCE: readonly Encoding[] = ["br", "gzip"];
/**
 * Pages compressed per request: gzip first. On an 11 KB page it came within 3% of brotli's size
 * (quality 4) in half the time; CPU per request is what bounds a page's throughput here.
 */
export const DYNAMIC_PREFERENCE: readonly Encoding[] = ["gzip", "br"];

/** Smaller bodies are sent as they are: the framing costs more than it saves. */
export const MIN_COMPRESS_BYTES = 1024;

/**
 * The coding of `available` to send for `accept` (an `Accept-Encoding` value), or null for
 * identity. Highest q-value wins, the first of `available` on a tie; `q=0` refuses; `*` stands
 * for codings not named.
 */
export function negotiateEncoding(
  accept: string | null,
  available: readonly Encoding[] = STATIC_PREFERENCE,
): Encoding | null {
  if (!accept) return null;
  const q = new Map<string, number>();
  for (const part of accept.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*(\S*)\s*$/.exec(p);
      if (m) weight = Number(m[1]);
    }
    q.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const enc of available) {
    const w = q.get(enc) ?? q.get(enc === "gzip" ? "x-gzip" : enc) ?? q.get("*") ?? 0;
    if (w > bestQ) [best, bestQ] = [enc, w];
  }
  return best;
}

// Types whose bytes are not compressed already. Fonts other than ttf/otf, images other than svg
// and ico, audio, video, archives and PDFs are: compressing them again only costs CPU.
const COMPRESSIBLE_APP = new Set([
  "application/json",
  "application/javascript",
  "application/xml",
  "application/wasm",
  "image/svg+xml",
  "image/x-icon",
  "font/ttf",
  "font/otf",
]);

/** Whether a body of `contentType` is worth compressing (never an event stream). */
export function isCompressible(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (type === "text/event-stream") return false;
  return type.startsWith("text/") || COMPRESSIBLE_APP.has(type) || type.endsWith("+json") ||
    type.endsWith("+xml");
}

/** Compresses `body` with `enc`; `best` spends more CPU for the smallest result (startup only). */
export function compressBytes(
  body: Uint8Array,
  enc: Encoding,
  best: boolean,
): Uint8Array<ArrayBuffer> {
  const out = enc === "br"
    ? zlib.brotliCompressSync(body, {
      params: {
        // Quality 11 took ~250 ms on a 220 KB chunk here; 9 came within 8% in an eighth of that.
        [zlib.constants.BROTLI_PARAM_QUALITY]: best ? (body.length <= 65_536 ? 11 : 9) : 4,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    })
    : zlib.gzipSync(body, { level: best ? 9 : 6 });
  return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength);
}

/** Adds `Accept-Encoding` to `headers`' Vary (once). */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get("vary");
  if (!vary) return headers.set("vary", "Accept-Encoding");
  if (vary.split(",").some((v) => ["accept-encoding", "*"].includes(v.trim().toLowerCase()))) {
    return;
  }
  headers.set("vary", `${vary}, Accept-Encoding`);
}

// Only whole documents are buffered: a handler that streams text would lose its pacing.
const DYNAMIC_TYPES = /^(text\/html|application\/json|application\/[\w.+-]+\+json)\s*(;|$)/i;

/**
 * `res` compressed for `req` when it is a page or a JSON answer of some size; otherwise `res`
 * itself. The body is read whole (pages are rendered to a string before this sees them).
 */
export async function compressResponse(req: Request, res: Response): Promise<Response> {
  const h = res.headers;
  if (
    res.body === null || req.method === "HEAD" || res.status < 200 || res.status === 204 ||
    res.status === 206 || h.has("content-encoding") || h.has("content-range") ||
    h.has("accept-ranges") || req.headers.has("range") ||
    /\bno-transform\b/i.test(h.get("cache-control") ?? "") ||
    !DYNAMIC_TYPES.test(h.get("content-type") ?? "")
  ) return res;
  const enc = negotiateEncoding(req.headers.get("accept-encoding"), DYNAMIC_PREFERENCE);
  if (enc === null) return withVary(res);
  const body = new Uint8Array(await res.arrayBuffer());
  const headers = new Headers(h);
  varyOnEncoding(headers);
  const init = { status: res.status, statusText: res.statusText, headers };
  if (body.length < MIN_COMPRESS_BYTES) {
    headers.set("content-length", String(body.length));
    return new Response(body, init);
  }
  const packed = compressBytes(body, enc, false);
  headers.set("content-encoding", enc);
  headers.set("content-length", String(packed.length));
  // A strong validator names exact bytes, and these are no longer the handler's.
  const etag = headers.get("etag");
  if (etag?.startsWith('"')) headers.set("etag", `W/${etag}`);
  return new Response(packed, init);
}

/** `res` with Vary: Accept-Encoding (a copy when its headers are immutable). */
function withVary(res: Response): Response {
  try {
    varyOnEncoding(res.headers);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    varyOnEncoding(copy.headers);
    return copy;
  }
}
