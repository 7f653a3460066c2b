/**
 * Request bodies are capped before they are read: a declared length over the cap is refused at
 * once, and a streamed body is counted as it arrives and cut off at the cap (413). A form or
 * JSON body is then parsed once, here: unreadable bodies are a 400 naming `body`, and every text
 * value is checked (input.ts). Routes read the parsed body with `readForm`/`readJson`.
 */
import { HttpError } from "./errors.ts";
import { checkForm, checkJson } from "./input.ts";

/** The default cap: routes that take uploads raise it with `config.bodyLimit`. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** The body cap of a route taking one file of at most `fileBytes` (multipart framing on top). */
export function uploadLimit(fileBytes: number): number {
  return fileBytes + 64 * 1024;
}

const parsedForms = new WeakMap<Request, FormData>();
const parsedJson = new WeakMap<Request, unknown>();

export function tooLarge(limit: number): HttpError {
  return new HttpError(413, `The request body is larger than ${formatBytes(limit)}`, {
    field: "body",
  });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`;
}

/** The body's bytes, at most `limit` of them, or a 413. */
export async function readCapped(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!req.body) return new Uint8Array();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  const reader = (req.body as ReadableStream<Uint8Array<ArrayBuffer>>).getReader();
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array<ArrayBuffer>>;
    try {
      step = await reader.read();
    } catch {
      throw new HttpError(400, "The request body could not be read", { field: "body" });
    }
    if (step.done) break;
    size += step.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(step.value);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const isForm = (type: string) =>
  type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
const isJson = (type: string) => /^application\/([\w.+-]+\+)?json/.test(type);

/** Parses a form body; a 400 naming `body` when it cannot be read (bad or missing boundary). */
async function parseForm(body: Response | Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await body.formData();
  } catch {
    throw new HttpError(400, "The form could not be read: send it again from the page", {
      field: "body",
    });
  }
  checkForm(form);
  return form;
}

/** Parses JSON text; a 400 naming `body` when it is not JSON. */
function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, "The body is not valid JSON", { field: "body" });
  }
  checkJson(value);
  return value;
}

/**
 * Reads the body of `req` within `limit` and returns a request carrying the same bytes, with a
 * form or JSON body already parsed and checked.
 */
export async function bufferBody(req: Request, limit: number): Promise<Request> {
  const bytes = await readCapped(req, limit);
  const buffered = new Request(req.url, {
    method: req.method,
    headers: req.headers,
    body: bytes.byteLength ? bytes : null,
    signal: req.signal,
  });
  const header = req.headers.get("content-type") ?? "";
  // Only the media type is case-insensitive: a multipart boundary must keep its case.
  const type = header.toLowerCase();
  if (isForm(type)) {
    const form = await parseForm(new Response(bytes, { headers: { "content-type": header } }));
    parsedForms.set(buffered, form);
  } else if (isJson(type) && bytes.byteLength) {
    parsedJson.set(buffered, parseJson(new TextDecoder().decode(bytes)));
  }
  return buffered;
}

/** The request's form (parsed once at the edge); a 415 for other content types. */
export async function readForm(req: Request): Promise<FormData> {
  const form = parsedForms.get(req);
  if (form) return form;
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!isForm(type)) {
    throw new HttpError(415, "Send the form as multipart/form-data or urlencoded", {
      field: "content-type",
    });
  }
  const parsed = await parseForm(req);
  parsedForms.set(req, parsed);
  return parsed;
}

/** The parsed form if the edge parsed one (the CSRF check reads `_csrf` from it). */
export function parsedForm(req: Request): FormData | undefined {
  return parsedForms.get(req);
}

/** The request's JSON value, or undefined when the body is not JSON (or empty). */
export async function readJson(req: Request): Promise<unknown> {
  if (parsedJson.has(req)) return parsedJson.get(req);
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!isJson(type)) return undefined;
  const text = await req.text();
  if (!text) return undefined;
  const value = parseJson(text);
  parsedJson.set(req, value);
  return value;
}

export { isForm, isJson };
