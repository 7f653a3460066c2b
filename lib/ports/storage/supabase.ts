/**
 * Supabase storage adapter: Supabase Storage through supabase-js, sending the caller's own access
 * token so that Supabase evaluates the same RLS policies on `storage.objects` as the caller.
 * Never the service key: the server must not be able to write where the user could not.
 *
 * @example
 * ```ts
 * const storage = createSupabaseStorage({ url: config.SUPABASE_URL, anonKey: config.SUPABASE_ANON_KEY });
 * await storage.upload({ claims, accessToken }, "avatars", `${claims.sub}/me.png`, bytes, "image/png");
 * ```
 * @module
 */
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { checkBucketId, checkObjectName } from "./names.ts";
import { type Caller, StorageError, type StoragePort, type StorageStatus } from "./port.ts";

export interface SupabaseStorageOptions {
  /** The project URL, e.g. `https://<ref>.supabase.co` or `http://127.0.0.1:54321`. */
  url: string;
  /** The public anon key: sent as `apikey`, and as the bearer for anonymous callers. */
  anonKey: string;
  /** Where browsers reach Supabase, for public file URLs (self-hosted: not `http://kong:8000`). */
  publicUrl?: string;
}

type Status = StorageStatus;
const STATUSES: readonly Status[] = [400, 403, 404, 409, 413, 415];

/** Creates the Supabase StoragePort. */
export function createSupabaseStorage(opts: SupabaseStorageOptions): StoragePort {
  // One client per call: the token is the caller's, and a client keeps it for its lifetime. The
  // `accessToken` option (not a fixed Authorization header) also means supabase-js builds no auth
  // client, so nothing here keeps sessions, storage or refresh timers on the server.
  // `seen` receives each raw response, for the headers supabase-js does not hand back.
  const clientFor = (caller: Caller | null, seen?: (res: Response) => void): SupabaseClient =>
    createClient(opts.url, opts.anonKey, {
      accessToken: () => Promise.resolve(caller?.accessToken ?? null),
      global: {
        fetch: async (input, init) => {
          const res = await fetch(input, init);
          seen?.(res);
          return res;
        },
      },
    });
  const anonClient = clientFor(null);
  // Public URLs are computed, not fetched: from the browsers' address of Supabase.
  const publicClient = opts.publicUrl && opts.publicUrl !== opts.url
    ? createClient(opts.publicUrl, opts.anonKey, { accessToken: () => Promise.resolve(null) })
    : anonClient;

  return {
    async upload(caller, bucket, path, body, contentType, uploadOpts = {}) {
      checkBucketId(bucket);
      checkObjectName(path);
      const { error } = await clientFor(caller).storage.from(bucket).upload(path, body, {
        contentType,
        upsert: uploadOpts.upsert ?? false,
        cacheControl: "3600",
      });
      if (error) throw toStorageError(error);
      return { path };
    },

    async download(caller, bucket, path) {
      checkBucketId(bucket);
      checkObjectName(path);
      let lastModified: string | null = null;
      const client = clientFor(caller, (res) => lastModified = res.headers.get("last-modified"));
      const { data, error } = await client.storage.from(bucket).download(path);
      if (error) {
        const mapped = toStorageError(error);
        // Missing and not visible look the same to the caller, as the port promises.
        if (mapped instanceof StorageError && [400, 403, 404].includes(mapped.status)) return null;
        throw mapped;
      }
      const bytes = new Uint8Array(await data.arrayBuffer());
      return {
        body: bytes,
        contentType: data.type || "application/octet-stream",
        size: bytes.byteLength,
        updatedAt: lastModified ? new Date(lastModified) : new Date(),
      };
    },

    async remove(caller, bucket, path) {
      checkBucketId(bucket);
      checkObjectName(path);
      const { data, error } = await clientFor(caller).storage.from(bucket).remove([path]);
      if (error) throw toStorageError(error);
      // Storage answers 200 with only the objects RLS let it delete: empty means not theirs.
      return data.length > 0;
    },

    publicUrl(bucket, path) {
      return publicClient.storage.from(bucket).getPublicUrl(path).data.publicUrl;
    },

    async createSignedUrl(caller, bucket, path, expiresIn) {
      checkBucketId(bucket);
      checkObjectName(path);
      const { data, error } = await clientFor(caller).storage.from(bucket)
        .createSignedUrl(path, expiresIn);
      if (error || !data?.signedUrl) return null;
      // Signed by Supabase at the server's address of it: browsers may know it by another.
      if (!opts.publicUrl || opts.publicUrl === opts.url) return data.signedUrl;
      const signed = new URL(data.signedUrl);
      const pub = new URL(opts.publicUrl);
      signed.protocol = pub.protocol;
      signed.host = pub.host;
      return signed.toString();
    },
  };
}

/**
 * Maps a supabase-js storage error to a StorageError. Supabase Storage puts the real status in the
 * body's `statusCode` (older servers answer HTTP 400 for everything), so that wins over the HTTP
 * status. Server failures (5xx, network) stay plain errors: they are ours to log, not the user's.
 */
export function toStorageError(error: unknown): Error {
  const e = error as { message?: string; status?: number; statusCode?: string | number };
  const fromBody = Number.parseInt(String(e.statusCode ?? ""), 10);
  const code = Number.isFinite(fromBody) ? fromBody : Number(e.status);
  const message = e.message ?? "Storage request failed";
  if (code === 401) return new StorageError(403, message);
  if ((STATUSES as readonly number[]).includes(code)) {
    return new StorageError(code as Status, message);
  }
  return error instanceof Error ? error : new Error(message);
}
