import { h } from "preact";
import { installIslandHooks, registerIsland, renderWithIslands } from "./islands.ts";
import { assertEquals, assertIncludes } from "./test_utils.ts";

function Badge(props: Record<string, unknown>) {
  return h("b", null, String(props.count));
}
function Wrapper(props: Record<string, unknown>) {
  return h("div", null, h(Badge, { count: props.count }));
}
installIslandHooks();
registerIsland("Badge", "default", Badge);
registerIsland("ui/Wrapper", "Wrapper", Wrapper);

Deno.test("islands - markers wrap islands and collect props in order", () => {
  const out = renderWithIslands(h("main", null, h(Badge, { count: 2 }), h(Wrapper, { count: 5 })));
  assertEquals(
    out.html,
    '<main><sc-island data-island="Badge" data-export="default" data-props-id="0"><b>2</b></sc-island>' +
      '<sc-island data-island="ui/Wrapper" data-export="Wrapper" data-props-id="1"><div><b>5</b></div>' +
      "</sc-island></main>",
  );
  assertEquals(out.props, [{ count: 2 }, { count: 5 }]);
  assertEquals([...out.used], ["Badge", "ui/Wrapper"]);
});

Deno.test("islands - an island after a nested one is marked again", () => {
  const out = renderWithIslands(h("main", null, h(Wrapper, { count: 1 }), h(Badge, { count: 3 })));
  assertEquals(out.html.split("<sc-island").length - 1, 2);
  assertIncludes(out.html, 'data-island="Badge" data-export="default" data-props-id="1"><b>3</b>');
});

Deno.test("islands - plain renders outside the runtime are unmarked", async () => {
  const { renderToString } = await import("preact-render-to-string");
  assertEquals(renderToString(h(Badge, { count: 1 })), "<b>1</b>");
});
