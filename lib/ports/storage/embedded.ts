/**
 * Embedded storage adapter: files under `<root>/<bucket>/<name>`, one `storage.objects` row each,
 * as Supabase Storage keeps them. Bucket limits are read as the owner (bookkeeping, as Supabase's
 * own Storage server does), but every access decision is RLS on `storage.objects`, evaluated as
 * the caller through `db.asUser`.
 *
 * @example
 * ```ts
 * const storage = createEmbeddedStorage({ db, root: ".data/storage" });
 * await storage.upload({ claims }, "avatars", `${claims.sub}/me.png`, bytes, "image/png");
 * ```
 * @module
 */
import type { Db } from "../db/mod.ts";
import { type Caller, StorageError, type StoragePort } from "./port.ts";
import { checkBucketId, checkObjectName } from "./names.ts";

// names.ts holds the name rules (the Supabase adapter applies them too); kept importable here.
export { checkBucketId, checkObjectName };

export interface EmbeddedStorageOptions {
  db: Db;
  /** Directory holding one folder per bucket, e.g. `.data/storage`. */
  root: string;
  /** Origin put in front of public URLs; omitted gives site-relative URLs. */
  publicBaseUrl?: string;
  /** Signs download URLs (≥ 32 characters); a random one per process when omitted. */
  signingSecret?: string;
}

/** Supabase's global upload limit, used when a bucket sets none. */
const DEFAULT_SIZE_LIMIT = 50 * 1024 * 1024;
const CACHE_CONTROL = "max-age=3600";

// ---------------------------------------------------------------------------------------------
// validation (pure): names become file paths below, so checkBucketId and checkObjectName
// (names.ts) are the traversal guard

const MEDIA_TYPE_RE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** The bare, lower-case media type of a Content-Type value (`image/PNG; x=1` → `image/png`). */
export function mediaType(contentType: string): string {
  return contentType.split(";")[0].trim().toLowerCase();
}

/** True when `type` matches one of `allowed` (`image/*` wildcards too); no list allows any type. */
export function mimeAllowed(type: string, allowed: readonly string[] | null | undefined): boolean {
  if (!allowed || allowed.length === 0) return true;
  return allowed.some((a) => {
    const rule = a.trim().toLowerCase();
    return rule.endsWith("/*") ? type.startsWith(rule.slice(0, -1)) : type === rule;
  });
}

const ascii = (s: string) => Array.from(s, (ch) => ch.charCodeAt(0));
const has = (b: Uint8Array, sig: number[], at = 0) =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

// SVG can carry scripts, handlers and outside references: only an inert one is accepted (the
// drawings the app generates), anything active is refused.
const SVG_ACTIVE =
  /<script|<foreignobject|<iframe|<embed|<object|\son[a-z]+\s*=|javascript:|(?:xlink:)?href\s*=\s*["'](?!#)|@import|url\(\s*["']?(?!#)/i;
const inertSvg = (b: Uint8Array) => {
  const text = new TextDecoder().decode(b);
  return /^\s*(?:<\?xml[^>]*\?>\s*)?<svg[\s>]/.test(text) && !SVG_ACTIVE.test(text);
};

// Image types we can verify by signature (SVG: inert only). Any other type claiming to be an
// image is refused, because we could not tell what it really is.
const SNIFFERS: Record<string, (b: Uint8Array) => boolean> = {
  "image/png": (b) => has(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  "image/jpeg": (b) => has(b, [0xff, 0xd8, 0xff]),
  "image/gif": (b) => has(b, ascii("GIF87a")) || has(b, ascii("GIF89a")),
  "image/webp": (b) => has(b, ascii("RIFF")) && has(b, ascii("WEBP"), 8),
  "image/avif": (b) => has(b, ascii("ftypavi"), 4),
  "image/bmp": (b) => has(b, ascii("BM")),
  "image/svg+xml": inertSvg,
};

/** Throws a 415 unless an image's bytes match its claimed type; other types are not sniffed. */
export function checkContent(type: string, body: Uint8Array): void {
  if (!type.startsWith("image/")) return;
  const sniff = SNIFFERS[type];
  if (!sniff) throw new StorageError(415, `Images of type ${type} are not accepted`);
  if (!sniff(body)) throw new StorageError(415, `The file is not a valid ${type} image`);
}

// ---------------------------------------------------------------------------------------------
// adapter

interface BucketRow {
  id: string;
  file_size_limit: number | bigint | string | null;
  allowed_mime_types: string[] | null;
}

const OBJECT_COLUMNS = "bucket_id, name, owner, owner_id, metadata, version";
const INSERT = `insert into storage.objects (${OBJECT_COLUMNS})
  values ($1, $2, $3::uuid, $4, $5::jsonb, $6)`;
// ON CONFLICT DO UPDATE makes Postgres check the UPDATE policy against the existing row and raise
// (rather than skip) when it fails, so another user's object yields a 403, never a silent no-op.
const UPSERT = `${INSERT} on conflict (bucket_id, name) do update set owner = excluded.owner,
  owner_id = excluded.owner_id, metadata = excluded.metadata, version = excluded.version,
  updated_at = now()`;
const SELECT =
  `select metadata, updated_at from storage.objects where bucket_id = $1 and name = $2`;
const DELETE = `with d as (delete from storage.objects where bucket_id = $1 and name = $2
  returning 1) select count(*)::int as n from d`;

/** Creates the embedded StoragePort. */
export function createEmbeddedStorage(opts: EmbeddedStorageOptions): StoragePort {
  const { db } = opts;
  // Absolute, so a later chdir cannot move the store; names are validated, so "/" joins are safe.
  const root = (opts.root.startsWith("/") ? opts.root : `${Deno.cwd()}/${opts.root}`)
    .replace(/\/+$/, "");
  const base = (opts.publicBaseUrl ?? "").replace(/\/+$/, "");

  function fileOf(bucket: string, name: string): string {
    checkBucketId(bucket);
    checkObjectName(name);
    return `${root}/${bucket}/${name}`;
  }

  const signer = createUrlSigner(opts.signingSecret);

  async function readFile(
    bucket: string,
    path: string,
    metadata: { mimetype?: string } | null,
    updatedAt: Date | string,
  ) {
    let body: Uint8Array;
    try {
      body = await Deno.readFile(fileOf(bucket, path));
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return null;
      throw e;
    }
    return {
      body,
      contentType: metadata?.mimetype ?? "application/octet-stream",
      size: body.byteLength,
      updatedAt: new Date(updatedAt),
    };
  }

  async function bucketOf(bucket: string): Promise<BucketRow> {
    checkBucketId(bucket);
    const [row] = await db.driver.query<BucketRow>(
      "select id, file_size_limit, allowed_mime_types from storage.buckets where id = $1",
      [bucket],
    );
    if (!row) throw new StorageError(404, "Bucket not found", "bucket");
    return row;
  }

  return {
    async upload(caller, bucket, path, body, contentType, uploadOpts = {}) {
      const b = await bucketOf(bucket);
      checkObjectName(path);
      const limit = b.file_size_limit == null ? DEFAULT_SIZE_LIMIT : Number(b.file_size_limit);
      if (body.byteLength > limit) {
        throw new StorageError(413, `The file is larger than ${limit} bytes`);
      }
      const type = mediaType(contentType);
      if (!MEDIA_TYPE_RE.test(type)) throw new StorageError(415, "Invalid content type");
      if (!mimeAllowed(type, b.allowed_mime_types)) {
        throw new StorageError(415, `Files of type ${type} are not allowed in this bucket`);
      }
      checkContent(type, body);

      const dest = fileOf(bucket, path);
      const sub = "sub" in caller.claims ? caller.claims.sub : null;
      const metadata = {
        eTag: `"${await etag(body)}"`,
        size: body.byteLength,
        mimetype: type,
        cacheControl: CACHE_CONTROL,
        lastModified: new Date().toISOString(),
        contentLength: body.byteLength,
        httpStatusCode: 200,
      };
      // The file goes to a temporary name first and is renamed into place inside the transaction,
      // after RLS accepted the row: a refused or failed upload never touches the live file, and a
      // failed rename rolls the row back. The row lock serialises concurrent writers of one name.
      const tmp = `${root}/.tmp/${crypto.randomUUID()}`;
      await Deno.mkdir(dirname(tmp), { recursive: true });
      await Deno.writeFile(tmp, body);
      try {
        await db.asUser(caller.claims, async (tx) => {
          await tx.query(uploadOpts.upsert ? UPSERT : INSERT, [
            bucket,
            path,
            sub,
            sub,
            JSON.stringify(metadata),
            crypto.randomUUID(),
          ]);
          await Deno.mkdir(dirname(dest), { recursive: true });
          await Deno.rename(tmp, dest);
        });
      } catch (e) {
        throw toStorageError(e);
      } finally {
        await Deno.remove(tmp).catch(() => {});
      }
      return { path };
    },

    async download(caller, bucket, path) {
      checkBucketId(bucket);
      checkObjectName(path);
      const [row] = await db.asUser(
        caller.claims,
        (tx) =>
          tx.query<{ metadata: { mimetype?: string } | null; updated_at: Date | string }>(
            SELECT,
            [bucket, path],
          ),
      );
      if (!row) return null;
      return await readFile(bucket, path, row.metadata, row.updated_at);
    },

    async createSignedUrl(caller, bucket, path, expiresIn) {
      checkBucketId(bucket);
      checkObjectName(path);
      const [row] = await db.asUser(caller.claims, (tx) => tx.query(SELECT, [bucket, path]));
      if (!row) return null;
      const token = await signer.sign(bucket, path, Math.floor(Date.now() / 1000) + expiresIn);
      const encoded = path.split("/").map(encodeURIComponent).join("/");
      return `${base}/storage/v1/object/sign/${
        encodeURIComponent(bucket)
      }/${encoded}?token=${token}`;
    },

    async readSigned(bucket, path, token) {
      checkBucketId(bucket);
      checkObjectName(path);
      if (!await signer.verify(bucket, path, token)) return null;
      // The token stands for the read RLS allowed when it was made: no caller to check now.
      const [row] = await db.driver.query<
        { metadata: { mimetype?: string } | null; updated_at: Date | string }
      >(
        SELECT,
        [bucket, path],
      );
      return row ? await readFile(bucket, path, row.metadata, row.updated_at) : null;
    },

    async remove(caller: Caller, bucket: string, path: string) {
      checkBucketId(bucket);
      checkObjectName(path);
      const dest = fileOf(bucket, path);
      // The file is unlinked inside the transaction, while the deleted row is still locked, so a
      // concurrent upload of the same name cannot land between the delete and the unlink.
      return await db.asUser(caller.claims, async (tx) => {
        const [{ n }] = await tx.query<{ n: number }>(DELETE, [bucket, path]);
        if (n === 0) return false;
        await Deno.remove(dest).catch((e) => {
          if (!(e instanceof Deno.errors.NotFound)) throw e;
        });
        return true;
      });
    },

    publicUrl(bucket, path) {
      const encoded = path.split("/").map(encodeURIComponent).join("/");
      return `${base}/storage/v1/object/public/${encodeURIComponent(bucket)}/${encoded}`;
    },
  };
}

/** HMAC-SHA256 tokens for signed URLs: `<expiry>.<signature>` over bucket, name and expiry. */
function createUrlSigner(secret?: string) {
  const raw = secret ?? crypto.randomUUID() + crypto.randomUUID();
  const key = crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(`storage-url:${raw}`),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
  const data = (bucket: string, path: string, exp: number) =>
    new TextEncoder().encode(`${bucket}\n${path}\n${exp}`);
  const b64url = (b: ArrayBuffer) =>
    btoa(String.fromCharCode(...new Uint8Array(b))).replaceAll("+", "-").replaceAll("/", "_")
      .replace(/=+$/, "");
  return {
    async sign(bucket: string, path: string, exp: number): Promise<string> {
      return `${exp}.${
        b64url(await crypto.subtle.sign("HMAC", await key, data(bucket, path, exp)))
      }`;
    },
    async verify(bucket: string, path: string, token: string): Promise<boolean> {
      const m = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!m || Number(m[1]) < Date.now() / 1000) return false;
      const sig = Uint8Array.from(
        atob(m[2].replaceAll("-", "+").replaceAll("_", "/")),
        (c) => c.charCodeAt(0),
      );
      return await crypto.subtle.verify("HMAC", await key, sig, data(bucket, path, Number(m[1])));
    },
  };
}

function dirname(file: string): string {
  return file.slice(0, file.lastIndexOf("/"));
}

/** A strong validator for the bytes; MD5 (Supabase's choice) is not in WebCrypto. */
async function etag(body: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body as BufferSource));
  return Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Maps Postgres errors to the status Supabase Storage answers with; anything else is rethrown. */
function toStorageError(e: unknown): unknown {
  if (e instanceof StorageError) return e;
  const code = typeof e === "object" && e !== null && "code" in e ? String(e.code) : "";
  if (code === "42501") return new StorageError(403, "new row violates row-level security policy");
  if (code === "23505") return new StorageError(409, "The resource already exists");
  if (code === "23503") return new StorageError(404, "Bucket not found", "bucket");
  if (e instanceof Deno.errors.AlreadyExists || e instanceof Deno.errors.NotADirectory) {
    return new StorageError(409, "A file exists where a folder is needed", "path");
  }
  return e;
}
