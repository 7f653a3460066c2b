import { Context, type ContextHost, runMiddleware } from "./context.ts";
import type { Middleware } from "./types.ts";
import { assertEquals, assertThrows } from "./test_utils.ts";

type State = { trail: string[] };

const host: ContextHost<State> = {
  renderRoute: (_ctx, data) => new Response(`page:${JSON.stringify(data)}`),
  notFound: () => Promise.resolve(new Response("404", { status: 404 })),
};

function ctx(): Context<State> {
  const req = new Request("http://localhost/x");
  return new Context<State>(req, new URL(req.url), {}, { trail: [] }, "id", "nonce", null, host);
}

Deno.test("runMiddleware - runs outer first and unwinds inner first", async () => {
  const c = ctx();
  const mw = (name: string): Middleware<State> => async (x) => {
    x.state.trail.push(`>${name}`);
    const res = await x.next();
    x.state.trail.push(`<${name}`);
    return res;
  };
  const res = await runMiddleware(c, [mw("a"), mw("b")], (x) => {
    x.state.trail.push("route");
    return Promise.resolve(new Response("ok"));
  });
  assertEquals(await res.text(), "ok");
  assertEquals(c.state.trail, [">a", ">b", "route", "<b", "<a"]);
});

Deno.test("runMiddleware - a middleware can answer early; next() in the route means 404", async () => {
  const stop: Middleware<State> = () => new Response("stopped", { status: 401 });
  assertEquals(
    (await runMiddleware(ctx(), [stop], () => Promise.reject("unreachable"))).status,
    401,
  );
  const res = await runMiddleware(ctx(), [(x) => x.next()], (x) => x.next());
  assertEquals(res.status, 404);
});

Deno.test("runMiddleware - forgetting to return is reported", async () => {
  const bad = (() => undefined) as unknown as Middleware<State>;
  await assertThrows(
    () => runMiddleware(ctx(), [bad], () => Promise.reject("x")),
    "Did you forget to return",
  );
});

Deno.test("Context - redirect defaults to 302 and stays on site", () => {
  const c = ctx();
  const res = c.redirect("/login");
  assertEquals([res.status, res.headers.get("location")], [302, "/login"]);
  assertEquals(c.redirect("//evil.example", 303).headers.get("location"), "/evil.example");
  assertEquals(c.redirect("/\\evil.example").headers.get("location"), "/evil.example");
});

Deno.test("Context - render delegates to the host", async () => {
  assertEquals(await (await ctx().render({ a: 1 })).text(), 'page:{"a":1}');
});
