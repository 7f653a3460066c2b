/**
 * Values built once per platform: a domain's job dependencies are keyed by the database, which
 * the web app and the worker (started before the platform object exists) share.
 *
 * @module
 */

/** `build(arg)` once per `keyOf(arg)` (an object), kept as long as that object lives. */
export function oncePer<A, V>(keyOf: (arg: A) => object, build: (arg: A) => V): (arg: A) => V {
  const built = new WeakMap<object, V>();
  return (arg) => {
    const key = keyOf(arg);
    if (!built.has(key)) built.set(key, build(arg));
    return built.get(key)!;
  };
}
