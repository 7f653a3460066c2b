/**
 * The one error mapping: whatever a route, port or the database throws becomes an `HttpError`
 * (or stays unknown: a real 500). Routes throw `HttpError`; ports throw their own subclasses
 * (`AuthError`, `StorageError`); zod and Postgres errors are translated here and nowhere else.
 */
import { z } from "zod";
import { HttpError } from "../fresh_runtime/error.ts";
import { dbFailure } from "../ports/db/errors.ts";

export { HttpError };
export type { HttpErrorOptions } from "../fresh_runtime/error.ts";

/** The `HttpError` for a known failure, or null for a real server error. */
export function toHttpError(err: unknown): HttpError | null {
  if (err instanceof HttpError) return err;
  if (err instanceof z.ZodError) return fromZod(err);
  const db = dbFailure(err);
  if (db) return new HttpError(db.status, db.message, { field: db.field, cause: err });
  return null;
}

/** A 400 naming the first field at fault, with every issue listed. */
export function fromZod(err: z.ZodError, status = 400): HttpError {
  const issues = err.issues.map((i) => ({
    field: i.code === "unrecognized_keys"
      ? [...i.path, i.keys[0]].join(".")
      : i.path.join(".") || "body",
    message: i.code === "unrecognized_keys" ? "Unknown field" : i.message,
  }));
  const first = issues[0];
  return new HttpError(status, `${first.field}: ${first.message}`, {
    code: "invalid_input",
    field: first.field,
    issues,
  });
}
