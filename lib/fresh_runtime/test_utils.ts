/**
 * Minimal assertions for this module's tests (`@std/assert` lives on JSR, which is unreachable).
 *
 * @module
 */

/** Throws unless `cond` is truthy. */
export function assert(cond: unknown, msg = "assertion failed"): asserts cond {
  if (!cond) throw new Error(msg);
}

/** Structural equality via canonical JSON (enough for the plain data these tests compare). */
export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  const a = canonical(actual);
  const e = canonical(expected);
  if (a !== e) throw new Error(`${msg ? msg + ": " : ""}expected ${e}, got ${a}`);
}

/** Throws unless `text` contains `part`. */
export function assertIncludes(text: string, part: string, msg?: string): void {
  if (!text.includes(part)) {
    throw new Error(
      `${msg ? msg + ": " : ""}expected to find ${JSON.stringify(part)} in:\n${text}`,
    );
  }
}

/** Throws if `text` contains `part`. */
export function assertExcludes(text: string, part: string, msg?: string): void {
  if (text.includes(part)) {
    throw new Error(`${msg ? msg + ": " : ""}did not expect ${JSON.stringify(part)} in:\n${text}`);
  }
}

/** Runs `fn`, expecting it to throw an error whose message includes `includes`. */
export async function assertThrows(fn: () => unknown, includes: string): Promise<Error> {
  try {
    await fn();
  } catch (err) {
    assert(err instanceof Error, `expected an Error, got ${String(err)}`);
    assertIncludes(err.message, includes);
    return err;
  }
  throw new Error(`expected an error mentioning ${JSON.stringify(includes)}`);
}

function canonical(v: unknown): string {
  return JSON.stringify(
    v,
    (_k, val) =>
      val && typeof val === "object" && !Array.isArray(val)
        ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : 1)))
        : val,
  ) ?? "undefined";
}
