/**
 * JSON API helpers for routes: bodies and query strings parsed with zod (a 400 naming the field),
 * path ids (a 404, as for pages: lib/web/params.ts), the signed-in user or a 401. Failures are
 * `HttpError`s; the edge answers them (lib/web/edge.ts).
 */
import { z } from "zod";
import { HttpError } from "../errors.ts";
import { isForm, isJson, readForm, readJson } from "../body.ts";

export { HttpError };
export { notFound, parseId, parseMessageId } from "../params.ts";

/** Reads a JSON (or form) body and parses it; 415 for other types, 400 naming the field. */
export async function readBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  let raw: unknown;
  if (isForm(type)) {
    const form = await readForm(req);
    const fields: Record<string, FormDataEntryValue> = {};
    for (const [k, v] of form) if (k !== "_csrf") fields[k] = v;
    raw = fields;
  } else if (isJson(type)) {
    raw = await readJson(req);
    if (raw === undefined) throw new HttpError(400, "Send a JSON body", { field: "body" });
  } else {
    throw new HttpError(415, "Send application/json", { field: "content-type" });
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

/** The signed-in user (any user shape: this module stays below utils.ts), or a 401. */
export function requireUser<U>(user: U | null): U {
  if (!user) {
    throw new HttpError(401, "Sign in, or send Authorization: Bearer <token>", {
      field: "authorization",
    });
  }
  return user;
}
