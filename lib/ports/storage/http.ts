/**
 * Serves stored objects over HTTP on the paths Supabase Storage uses, for the embedded adapter only
 * (on Supabase, Supabase serves the files). Public URLs are read as the anonymous role and
 * authenticated ones as the caller: RLS on `storage.objects` decides both, and anything not
 * visible is a 404 so that existence does not leak.
 *
 * @example
 * ```ts
 * app.route("/", storageRoutes({ storage, getCaller: (c) => c.get("caller") ?? null }));
 * // <img src={storage.publicUrl("avatars", profile.avatar_path)}>
 * ```
 * @module
 */
import { type Context, Hono } from "hono";
import { errorJson } from "../../fresh_runtime/app_host.ts";
import { HttpError } from "../../web/errors.ts";
import { type Caller, StorageError, type StoragePort, type StoredObject } from "./port.ts";

export interface StorageRoutesOptions {
  storage: StoragePort;
  /** The signed-in caller of this request, or null for an anonymous visitor. */
  getCaller(c: Context): Caller | null | Promise<Caller | null>;
}

const ANON: Caller = { claims: { role: "anon" } };
// Objects share the app's origin, so a stored HTML or SVG file must never run script here:
// no sniffing, and a sandboxing CSP that allows nothing but displaying media.
const SAFE_HEADERS = {
  "x-content-type-options": "nosniff",
  "content-security-policy":
    "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox",
  "cross-origin-resource-policy": "same-site",
};
const INLINE_TYPES = /^(image\/(png|jpeg|gif|webp|avif|bmp)|audio\/[\w.+-]+|video\/[\w.+-]+)$/;
const MEDIA_TYPE_RE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** A hono app with `GET /storage/v1/object/{public,authenticated}/:bucket/<name>`. */
export function storageRoutes(opts: StorageRoutesOptions): Hono {
  const { storage, getCaller } = opts;
  const app = new Hono();

  async function serve(c: Context, caller: Caller, cacheControl: string): Promise<Response> {
    const bucket = c.req.param("bucket") ?? "";
    const name = c.req.param("name") ?? "";
    let obj: StoredObject | null;
    try {
      obj = await storage.download(caller, bucket, name);
    } catch (e) {
      if (e instanceof StorageError) return problem(e.status, e.message);
      throw e;
    }
    if (!obj) return problem(404, "Object not found");

    const etag = `W/"${obj.size.toString(16)}-${obj.updatedAt.getTime().toString(16)}"`;
    const headers = new Headers({
      ...SAFE_HEADERS,
      "cache-control": cacheControl,
      etag,
      "last-modified": obj.updatedAt.toUTCString(),
    });
    if (c.req.header("if-none-match")?.split(/\s*,\s*/).includes(etag)) {
      return new Response(null, { status: 304, headers });
    }
    const type = obj.contentType.toLowerCase();
    headers.set("content-type", MEDIA_TYPE_RE.test(type) ? type : "application/octet-stream");
    headers.set("content-length", String(obj.body.byteLength));
    headers.set("content-disposition", contentDisposition(type, name));
    return new Response(obj.body as BodyInit, { status: 200, headers });
  }

  // `:name{.+}` takes the rest of the path, slashes included; hono percent-decodes it, and the
  // adapter rejects `..`, empty and control-character segments with a 400.
  app.get("/storage/v1/object/public/:bucket/:name{.+}", function publicObject(c) {
    return serve(c, ANON, "public, max-age=3600");
  });
  app.get("/storage/v1/object/authenticated/:bucket/:name{.+}", async function privateObject(c) {
    const caller = (await getCaller(c)) ?? ANON;
    return serve(c, caller, "private, no-cache");
  });
  // Signed URLs (`createSignedUrl`): the token is the authority, whoever follows the link.
  app.get("/storage/v1/object/sign/:bucket/:name{.+}", async function signedObject(c) {
    const bucket = c.req.param("bucket") ?? "";
    const name = c.req.param("name") ?? "";
    const token = c.req.query("token") ?? "";
    let obj: StoredObject | null = null;
    try {
      obj = await storage.readSigned?.(bucket, name, token) ?? null;
    } catch (e) {
      if (e instanceof StorageError) return problem(e.status, e.message);
      throw e;
    }
    if (!obj) return problem(404, "Object not found");
    const type = obj.contentType.toLowerCase();
    return new Response(obj.body as BodyInit, {
      status: 200,
      headers: {
        ...SAFE_HEADERS,
        "cache-control": "private, no-store",
        "content-type": MEDIA_TYPE_RE.test(type) ? type : "application/octet-stream",
        "content-length": String(obj.body.byteLength),
        "content-disposition": contentDisposition("application/octet-stream", name),
      },
    });
  });
  app.notFound(() => problem(404, "Object not found"));
  return app;
}

/**
 * `inline` only for media a browser just displays, `attachment` for everything else; the file
 * name is reduced to safe ASCII, with the exact name in RFC 5987 form beside it.
 */
export function contentDisposition(type: string, name: string): string {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const ascii = base.replace(/[^A-Za-z0-9._ -]/g, "_").slice(0, 150) || "file";
  const kind = INLINE_TYPES.test(type) ? "inline" : "attachment";
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(base)}`;
}

function encodeRfc5987(s: string): string {
  return encodeURIComponent(s).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The app's one JSON error body. */
function problem(status: number, message: string): Response {
  return errorJson(new HttpError(status, message));
}
