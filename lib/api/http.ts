/**
 * JSON API plumbing: parse bodies and query strings with zod, and turn every known failure
 * (validation, database rule, auth, storage) into a 4xx that names the field.
 */
import { z } from "zod";
import { dbFailure } from "../db/errors.ts";
import { AuthError } from "../auth/port.ts";
import { StorageError } from "../storage/port.ts";
import type { SignedInUser } from "../../utils.ts";

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly field?: string) {
    super(message);
  }
}

export function errorBody(status: number, message: string, field?: string, issues?: unknown) {
  return { error: { status, message, ...(field ? { field } : {}), ...(issues ? { issues } : {}) } };
}

/** The 4xx for a known failure, or null for a real server error. */
export function toApiResponse(err: unknown): Response | null {
  if (err instanceof ApiError) {
    return Response.json(errorBody(err.status, err.message, err.field), { status: err.status });
  }
  if (err instanceof z.ZodError) {
    const issues = err.issues.map((i) => ({
      field: i.path.join(".") || "body",
      message: i.message,
    }));
    const first = issues[0];
    return Response.json(errorBody(400, `${first.field}: ${first.message}`, first.field, issues), {
      status: 400,
    });
  }
  if (err instanceof AuthError || err instanceof StorageError) {
    return Response.json(errorBody(err.status, err.message, err.field), { status: err.status });
  }
  const db = dbFailure(err);
  if (db) return Response.json(errorBody(db.status, db.message, db.field), { status: db.status });
  return null;
}

/** Reads a JSON (or form) body and parses it; 415 for other types, 400 naming the field. */
export async function readBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const type = req.headers.get("content-type") ?? "";
  let raw: unknown;
  if (type.startsWith("application/json")) {
    try {
      raw = await req.json();
    } catch {
      throw new ApiError(400, "The body is not valid JSON", "body");
    }
  } else if (
    type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")
  ) {
    raw = Object.fromEntries(await req.formData());
  } else {
    throw new ApiError(415, "Send application/json", "content-type");
  }
  return schema.parse(raw);
}

/** Parses the query string (repeated keys become arrays). */
export function readQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  return schema.parse(raw);
}

export function requireUser(user: SignedInUser | null): SignedInUser {
  if (!user) {
    throw new ApiError(401, "Sign in, or send Authorization: Bearer <token>", "authorization");
  }
  return user;
}

export const Uuid = (field: string) => z.string().uuid(`${field} must be a UUID`);
