/**
 * Text the database cannot store is refused at the edge, naming the field: NUL (Postgres text
 * cannot hold it) and lone UTF-16 surrogates (not encodable as UTF-8). Checked once per request
 * for query strings, form fields and JSON bodies, so no route meets them.
 */
import { HttpError } from "./errors.ts";

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function checkText(value: string, field: string): void {
  if (value.includes("\0") || LONE_SURROGATE.test(value)) {
    throw new HttpError(400, `${field}: contains a character that cannot be stored`, {
      code: "invalid_text",
      field,
    });
  }
}

/** Deeper JSON than any request of this app has: refused rather than walked. */
const MAX_DEPTH = 32;

/** Every key and string inside a parsed JSON value (iteratively: depth cannot overflow). */
export function checkJson(root: unknown): void {
  const stack: [unknown, string, number][] = [[root, "body", 0]];
  while (stack.length) {
    const [value, path, depth] = stack.pop()!;
    if (typeof value === "string") checkText(value, path);
    else if (value && typeof value === "object") {
      if (depth >= MAX_DEPTH) {
        throw new HttpError(400, `The JSON body is nested deeper than ${MAX_DEPTH} levels`, {
          field: "body",
        });
      }
      const entries = Array.isArray(value)
        ? value.map((v, i) => [String(i), v] as const)
        : Object.entries(value);
      for (const [k, v] of entries) {
        const field = path === "body" ? k : `${path}.${k}`;
        checkText(k, field);
        stack.push([v, field, depth + 1]);
      }
    }
  }
}

export function checkForm(form: FormData): void {
  for (const [k, v] of form) {
    checkText(k, k);
    if (typeof v === "string") checkText(v, k);
    else checkText(v.name, k);
  }
}

export function checkQuery(url: URL): void {
  if (!url.search) return;
  for (const [k, v] of url.searchParams) {
    checkText(k, k);
    checkText(v, k);
  }
}
