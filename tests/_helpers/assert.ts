/** Minimal assertions (JSR's @std/assert is unreachable here); messages say what differed. */
export class AssertionError extends Error {}

export function assert(cond: unknown, msg = "assertion failed"): asserts cond {
  if (!cond) throw new AssertionError(msg);
}

export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new AssertionError(`${msg ? msg + ": " : ""}expected ${e}, got ${a}`);
}

export function assertMatch(actual: string, re: RegExp, msg?: string): void {
  if (!re.test(actual)) {
    throw new AssertionError(
      `${msg ? msg + ": " : ""}${JSON.stringify(actual.slice(0, 300))} !~ ${re}`,
    );
  }
}

export async function assertRejects(fn: () => Promise<unknown>, match?: RegExp): Promise<Error> {
  try {
    await fn();
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    if (match && !match.test(e.message)) {
      throw new AssertionError(`rejected with "${e.message}", expected ${match}`);
    }
    return e;
  }
  throw new AssertionError("expected the promise to reject");
}
