import { h } from "preact";
import { findNonSerialisable, jsonForScript } from "./serialize.ts";
import { assertEquals } from "./test_utils.ts";

Deno.test("serialize - plain JSON data passes", () => {
  const ok = {
    s: "x",
    n: 1.5,
    b: true,
    z: null,
    u: undefined,
    a: [1, { deep: ["y"] }],
    o: Object.create(null),
  };
  assertEquals(findNonSerialisable(ok), null);
  const shared = { x: 1 };
  assertEquals(
    findNonSerialisable({ a: shared, b: shared }),
    null,
    "repeated (not circular) is fine",
  );
});

Deno.test("serialize - what JSON would drop or change is reported with its path", () => {
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  const table: [unknown, string][] = [
    [{ onClick: () => {} }, "props.onClick (function)"],
    [{ when: new Date(0) }, "props.when (Date instance)"],
    [{ list: [1, { n: NaN }] }, "props.list[1].n (NaN)"],
    [{ big: 1n }, "props.big (bigint)"],
    [{ m: new Map() }, "props.m (Map instance)"],
    [{ children: h("b", null) }, "props.children (JSX element)"],
    [circular, "props.self (circular reference)"],
  ];
  for (const [value, expected] of table) assertEquals(findNonSerialisable(value), expected);
});

Deno.test("serialize - jsonForScript escapes what could end the script", () => {
  const out = jsonForScript({ a: "</script><!--x\u2028\u2029" });
  assertEquals(out, '{"a":"\\u003c/script>\\u003c!--x\\u2028\\u2029"}');
  assertEquals(JSON.parse(out), { a: "</script><!--x\u2028\u2029" });
});
