/** Storage port: buckets of files whose access is decided by RLS on `storage.objects`. */
import type { AnonClaims, Claims } from "../db/mod.ts";
import { HttpError } from "../../web/errors.ts";

/** Who is asking: their verified claims and, for the Supabase adapter, their access token. */
export interface Caller {
  claims: Claims | AnonClaims;
  accessToken?: string;
}

export interface StoredObject {
  body: Uint8Array;
  contentType: string;
  size: number;
  updatedAt: Date;
}

export type StorageStatus = 400 | 403 | 404 | 409 | 413 | 415;

export class StorageError extends HttpError {
  constructor(status: StorageStatus, message: string, field = "file") {
    super(status, message, { field });
  }
}

export interface StoragePort {
  /** Stores `body` at `bucket/path` as the caller; enforces bucket size and MIME limits and RLS. */
  upload(
    caller: Caller,
    bucket: string,
    path: string,
    body: Uint8Array,
    contentType: string,
    opts?: { upsert?: boolean },
  ): Promise<{ path: string }>;
  /** Reads an object as the caller (RLS decides); null when missing or not visible. */
  download(caller: Caller, bucket: string, path: string): Promise<StoredObject | null>;
  /** Deletes an object as the caller; false when missing or not theirs. */
  remove(caller: Caller, bucket: string, path: string): Promise<boolean>;
  /** The URL under which a public bucket's object is served. */
  publicUrl(bucket: string, path: string): string;
  /**
   * A URL anyone holding it may download the object from for `expiresIn` seconds, made only if
   * the caller may read the object now (RLS); null when missing or not visible.
   */
  createSignedUrl(
    caller: Caller,
    bucket: string,
    path: string,
    expiresIn: number,
  ): Promise<string | null>;
  /**
   * Embedded only (Supabase Storage serves its own): the object a signed URL's token grants, or
   * null when the token is forged, expired or for another object.
   */
  readSigned?(bucket: string, path: string, token: string): Promise<StoredObject | null>;
}

/**
 * How the server (a worker without a user token) stores and reads as a file's owner: embedded
 * storage checks RLS as the owner; Supabase Storage takes the server's key, and the bucket's
 * policies still keep others out.
 */
export function ownerCaller(
  mode: "embedded" | "supabase",
  serviceKey: string | undefined,
): (owner: string) => Caller {
  return (owner) => ({
    claims: { sub: owner, role: "authenticated" },
    ...(mode === "supabase" && serviceKey ? { accessToken: serviceKey } : {}),
  });
}
