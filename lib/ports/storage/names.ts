/**
 * The bucket and object names both storage adapters accept (pure): the embedded adapter turns
 * names into file paths, so these checks are its traversal guard; the Supabase adapter applies
 * the same rules so both answer alike.
 */
import { StorageError } from "./port.ts";

// Supabase's bucket-name rule, minus a leading dot so no bucket can shadow `<root>/.tmp`.
const BUCKET_RE = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
// deno-lint-ignore no-control-regex -- this pattern exists to find control characters
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

/** Throws a 400 unless `bucket` is a valid bucket id. */
export function checkBucketId(bucket: string): void {
  if (!BUCKET_RE.test(bucket)) throw new StorageError(400, "Invalid bucket name", "bucket");
}

/**
 * Throws a 400 unless `name` is a safe object name: relative, at most 1024 characters, no control
 * characters or backslashes, and no empty, `.` or `..` segments.
 */
export function checkObjectName(name: string): void {
  const bad = (why: string) => new StorageError(400, `Invalid object name: ${why}`, "path");
  if (name.length === 0) throw bad("it is empty");
  if (name.length > 1024) throw bad("it is longer than 1024 characters");
  if (CONTROL_RE.test(name)) throw bad("it contains control characters");
  if (name.startsWith("/")) throw bad("it must not start with /");
  if (name.includes("\\")) throw bad("it must not contain backslashes");
  for (const segment of name.split("/")) {
    if (segment === "") throw bad("it contains an empty segment");
    if (segment === "." || segment === "..") throw bad("it contains a . or .. segment");
    if (new TextEncoder().encode(segment).length > 255) throw bad("a segment is too long");
  }
}
