import { createDefine, type DataOf, page, type PageProps } from "./mod.ts";
import { assertEquals } from "./test_utils.ts";

interface State {
  user?: string;
}
const define = createDefine<State>();

/** Compile-time equality: `check<Equal<A, B>>(true)` fails to type-check unless A and B match. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true
  : false;
function check<T extends true>(_ok: T): void {}

Deno.test("define - page() carries data, status and headers", () => {
  assertEquals(page({ a: 1 }, { status: 201 }), {
    data: { a: 1 },
    status: 201,
    headers: undefined,
  });
  assertEquals("data" in page(), true);
});

Deno.test("define - page<typeof handler> infers data from every method", () => {
  const handler = define.handlers({
    GET(ctx) {
      const who: string | undefined = ctx.state.user; // ctx is typed with the app State
      return page({ gig: who ?? "none" });
    },
    POST() {
      if (Math.random() > 2) return new Response(null, { status: 303 });
      return page({ issues: ["too short"] }, { status: 422 });
    },
  });
  check<Equal<DataOf<typeof handler>, { gig: string } | { issues: string[] }>>(true);
  const Page = define.page<typeof handler>(({ data, state }) => {
    check<Equal<typeof data, { gig: string } | { issues: string[] }>>(true);
    check<Equal<typeof state, State>>(true);
    return null;
  });
  assertEquals(typeof Page, "function");
});

Deno.test("define - function handlers, async handlers and untyped pages", () => {
  const fn = define.handlers((ctx) => Promise.resolve(page({ id: ctx.params.id })));
  check<Equal<DataOf<typeof fn>, { id: string }>>(true);
  check<Equal<DataOf<unknown>, unknown>>(true);
  const Plain = define.page((props: PageProps<unknown, State>) => {
    check<Equal<typeof props.data, unknown>>(true);
    return null;
  });
  const mw = define.middleware([(ctx) => ctx.next()]);
  assertEquals([typeof Plain, Array.isArray(mw)], ["function", true]);
});
