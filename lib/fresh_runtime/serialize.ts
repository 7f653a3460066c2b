/**
 * Island props travel to the browser as JSON inside a `<script type="application/json">`. This
 * module checks that props survive that trip unchanged and escapes the JSON for HTML.
 *
 * @module
 */

const MAX_DEPTH = 64;

/**
 * Describes the first value in `value` that JSON would drop or change, as `path (what)`, or
 * returns `null` when `value` is plain JSON data. Allowed: strings, finite numbers, booleans,
 * null, undefined (object keys), arrays and plain objects.
 */
export function findNonSerialisable(value: unknown, path = "props"): string | null {
  return check(value, path, new Set(), 0);
}

function check(v: unknown, path: string, seen: Set<object>, depth: number): string | null {
  switch (typeof v) {
    case "string":
    case "boolean":
    case "undefined":
      return null;
    case "number":
      return Number.isFinite(v) ? null : `${path} (${v})`;
    case "function":
      return `${path} (function)`;
    case "bigint":
    case "symbol":
      return `${path} (${typeof v})`;
  }
  if (v === null) return null;
  const obj = v as object;
  if (depth > MAX_DEPTH) return `${path} (nested deeper than ${MAX_DEPTH} levels)`;
  if (seen.has(obj)) return `${path} (circular reference)`;
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      for (let i = 0; i < obj.length; i++) {
        const bad = check(obj[i], `${path}[${i}]`, seen, depth + 1);
        if (bad) return bad;
      }
      return null;
    }
    const proto = Object.getPrototypeOf(obj);
    if (proto !== Object.prototype && proto !== null) {
      return `${path} (${proto?.constructor?.name ?? "object"} instance)`;
    }
    // Preact marks vnodes with `constructor: undefined`; JSX cannot be sent as island props.
    if (
      proto === Object.prototype && (obj as { constructor?: unknown }).constructor === undefined
    ) {
      return `${path} (JSX element)`;
    }
    for (const [key, child] of Object.entries(obj)) {
      const bad = check(child, `${path}.${key}`, seen, depth + 1);
      if (bad) return bad;
    }
    return null;
  } finally {
    seen.delete(obj);
  }
}

// Compiled once: `<` covers `</script` and `<!--`; U+2028/9 break older JS parsers.
const UNSAFE_IN_SCRIPT = /[<\u2028\u2029]/g;
const ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** JSON for embedding in an HTML `<script>` element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE_IN_SCRIPT, (c) => ESCAPES[c]);
}
