/**
 * Text the database cannot store is refused at the edge, naming the field: NUL (Postgres text
 * cannot hold it) and lone UTF-16 surrogates (not encodable as UTF-8). Checked once per request
 * for query strings, form fields and JSON bodies, so no route meets them.
 */
import { HttpError } from "./errors.ts";

// A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function checkText(value: string, field: string): void {
  if (UNSTORABLE.test(value)) {
    throw new HttpError(400, `${field}: contains a character that cannot be stored`, {
      code: "invalid_text",
      field,
    });
  }
}

/** Every key and string inside a parsed JSON value. */
export function checkJson(value: unknown, path = "body"): void {
  if (typeof value === "string") checkText(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => checkJson(v, `${path}.${i}`));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const field = path === "body" ? k : `${path}.${k}`;
      checkText(k, field);
      checkJson(v, field);
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
