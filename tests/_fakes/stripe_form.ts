/**
 * Stripe's wire format for the fake: form bodies and query strings as stripe-node encodes them
 * (`a[b][c]=x`, arrays as `a[0]=x`, brackets unescaped, values percent-encoded), parameter
 * readers that fail the way Stripe does, and errors in Stripe's JSON shape so the SDK throws its
 * typed errors (StripeInvalidRequestError, StripeCardError, StripeIdempotencyError, …).
 */

export type Obj = Record<string, unknown>;
export type Params = { [key: string]: Param };
export type Param = string | Params | Param[];

/** Decodes a Stripe form body or query string into nested objects and arrays of strings. */
export function decodeForm(text: string): Params {
  const root: Params = {};
  for (const [key, value] of new URLSearchParams(text)) {
    linkPath(root, key.replace(/\]/g, "").split("["), value);
  }
  return arrays(root) as Params;
}

function linkPath(root: Params, path: string[], value: string): void {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const child = node[path[i]];
    if (!child || typeof child !== "object" || Array.isArray(child)) node[path[i]] = {};
    node = node[path[i]] as Params;
  }
  node[path.at(-1)!] = value;
}

/** Objects whose keys are all indices become arrays (`a[0]`, `a[1]` → `a: [...]`). */
function arrays(p: Param): Param {
  if (typeof p === "string") return p;
  if (Array.isArray(p)) return p.map(arrays);
  const keys = Object.keys(p);
  const out: Params = {};
  for (const k of keys) out[k] = arrays(p[k]);
  if (keys.length && keys.every((k) => /^\d+$/.test(k))) {
    return keys.map(Number).sort((a, b) => a - b).map((k) => out[String(k)]);
  }
  return out;
}

/** A JSON with sorted keys, to compare two requests' parameters. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Obj;
    return `{${
      Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")
    }}`;
  }
  return JSON.stringify(v);
}

/** An error answered in Stripe's shape: `{ error: { type, code, message, param, … } }`. */
export class StripeFail extends Error {
  constructor(readonly status: number, readonly body: Obj) {
    super(String(body.message));
  }
}

export function invalid(message: string, extra: Obj = {}): StripeFail {
  return new StripeFail(400, { type: "invalid_request_error", message, ...extra });
}

export function missing(what: string, id: string, param?: string): StripeFail {
  return new StripeFail(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    message: `No such ${what}: '${id}'`,
    ...(param ? { param } : {}),
  });
}

/** Reads typed parameters out of a decoded form, failing as Stripe does. */
export class Reader {
  constructor(readonly p: Params) {}

  str(key: string): string | undefined {
    const v = this.p[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string") throw invalid(`Invalid string: ${key}`, { param: key });
    return v;
  }

  need(key: string): string {
    const v = this.str(key);
    if (v === undefined || v === "") {
      throw invalid(`Missing required param: ${key}.`, { code: "parameter_missing", param: key });
    }
    return v;
  }

  int(key: string): number | undefined {
    const v = this.str(key);
    if (v === undefined) return undefined;
    if (!/^-?\d+$/.test(v)) {
      throw invalid(`Invalid integer: ${v}`, { code: "parameter_invalid_integer", param: key });
    }
    return Number(v);
  }

  bool(key: string): boolean | undefined {
    const v = this.str(key);
    return v === undefined ? undefined : v === "true";
  }

  obj(key: string): Params {
    const v = this.p[key];
    return v && typeof v === "object" && !Array.isArray(v) ? v : {};
  }

  list(key: string): Param[] {
    const v = this.p[key];
    return Array.isArray(v) ? v : [];
  }

  /** `metadata` as Stripe stores it: string values, empty string unsets. */
  metadata(key = "metadata"): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.obj(key))) if (typeof v === "string" && v) out[k] = v;
    return out;
  }

  sub(key: string): Reader {
    return new Reader(this.obj(key));
  }
}
