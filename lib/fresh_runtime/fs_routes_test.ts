import {
  compareSegments,
  loadRoutes,
  parseRoutePath,
  routePattern,
  toPatterns,
} from "./fs_routes.ts";
import { assertEquals, assertThrows } from "./test_utils.ts";

function patterns(file: string): string[] {
  return toPatterns(parseRoutePath(file));
}

Deno.test("fs_routes - file paths map to Hono patterns", () => {
  const table: [string, string[]][] = [
    ["index", ["/"]],
    ["about", ["/about"]],
    ["users/index", ["/users"]],
    ["users/[id]", ["/users/:id"]],
    ["users/[id]/edit", ["/users/:id/edit"]],
    ["files/[...path]", ["/files/:path{.+}", "/files"]],
    ["[...slug]", ["/:slug{.+}", "/"]],
    ["(marketing)/pricing", ["/pricing"]],
    ["api/gigs/[gigId]/apply", ["/api/gigs/:gigId/apply"]],
  ];
  for (const [file, expected] of table) assertEquals(patterns(file), expected, file);
});

Deno.test("fs_routes - each route has its Fresh-style pattern (ctx.route)", () => {
  const table: [string, string][] = [
    ["index", "/"],
    ["users/[id]/edit", "/users/:id/edit"],
    ["files/[...path]", "/files/:path*"],
    ["(marketing)/pricing", "/pricing"],
  ];
  for (const [file, expected] of table) {
    assertEquals(routePattern(parseRoutePath(file)), expected, file);
  }
});

Deno.test("fs_routes - unsupported names fail at startup with the file name", async () => {
  await assertThrows(() => parseRoutePath("files/[...path]/more"), "must be the last segment");
  await assertThrows(() => parseRoutePath("users/user-[id]"), 'segment "user-[id]"');
  await assertThrows(() => parseRoutePath("users/[id-x]"), 'parameter name "id-x"');
  await assertThrows(() => parseRoutePath("a:b"), "routes/a:b");
});

Deno.test("fs_routes - specific routes sort before general ones", () => {
  const files = [
    "[...slug]",
    "users/[id]",
    "users/new",
    "index",
    "users/index",
    "files/[...p]",
    "[id]/x",
  ];
  const sorted = files
    .map((f) => ({ f, s: parseRoutePath(f) }))
    .sort((a, b) => compareSegments(a.s, b.s))
    .map((x) => x.f);
  assertEquals(sorted, [
    "index",
    "files/[...p]",
    "users/index",
    "users/new",
    "users/[id]",
    "[id]/x",
    "[...slug]",
  ]);
});

Deno.test("fs_routes - loadRoutes builds chains, layouts and Allow from the fixture", async () => {
  const table = await loadRoutes(new URL("./testdata/routes", import.meta.url).pathname);
  const byFile = new Map(table.routes.map((r) => [r.file, r]));
  const user = byFile.get("users/[id].tsx");
  assertEquals(user?.patterns, ["/users/:id"]);
  assertEquals(user?.middlewares.length, 3); // root + two from users/_middleware.ts
  assertEquals(user?.page?.chain.length, 4); // _app, root layout, users layout, page
  assertEquals(byFile.get("plain.tsx")?.page?.chain.length, 1);
  assertEquals(byFile.get("plain.tsx")?.page?.shell, true);
  assertEquals(byFile.get("form.tsx")?.allow, "GET, POST, HEAD");
  assertEquals(byFile.get("api/echo.ts")?.page, undefined);
  assertEquals(byFile.get("api/teapot.ts")?.allow, "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS");
  assertEquals(table.rootMiddlewares.length, 1);
  assertEquals(table.notFound?.chain.length, 3); // _app, root layout, _404
  assertEquals(
    table.routes.findIndex((r) => r.file === "users/new.tsx") < table.routes.indexOf(user!),
    true,
  );
});

Deno.test("fs_routes - a route without handler or page is rejected", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/empty.ts`, "export const nothing = 1;\n");
    await assertThrows(
      () => loadRoutes(dir),
      "routes/empty.ts exports neither a handler nor a default",
    );
    await Deno.remove(`${dir}/empty.ts`);
    // A new file name: modules are cached per URL.
    await Deno.writeTextFile(`${dir}/typo.ts`, "export const handler = { GETT() {} };\n");
    await assertThrows(
      () => loadRoutes(dir),
      "routes/typo.ts: handler.GETT is not a method handler",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
