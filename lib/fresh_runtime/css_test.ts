import { classCandidates, generateCss } from "./css.ts";
import { assertEquals, assertExcludes, assertIncludes } from "./test_utils.ts";

Deno.test("css - candidates come from strings, attributes and template literals", () => {
  const src = [
    `<div class="p-4 text-red-500" />`,
    `const c = cx('flex', on && "bg-blue-200");`,
    "const t = `grid ${wide ? \"grid-cols-3\" : 'grid-cols-1'} gap-2`;",
    `// a comment with no quotes`,
  ].join("\n");
  const all = classCandidates(src).join(" ").split(/\s+/).filter(Boolean);
  for (
    const token of [
      "p-4",
      "text-red-500",
      "flex",
      "bg-blue-200",
      "grid",
      "grid-cols-3",
      "grid-cols-1",
      "gap-2",
    ]
  ) {
    assertEquals(all.includes(token), true, token);
  }
});

Deno.test("css - twind keeps known utilities, ignores prose and code, stays quiet", () => {
  const warnings: unknown[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    const css = generateCss([
      "p-4 md:flex hover:underline",
      "select * from users where id = $1",
      "Sign in",
    ]);
    assertIncludes(css, ".p-4{padding:1rem}");
    assertIncludes(css, "@media (min-width:768px){.md\\:flex{display:flex}}");
    assertIncludes(css, ".hover\\:underline:hover");
    assertIncludes(css, "sc-island{display:contents}");
    assertExcludes(css, "/*");
  } finally {
    console.warn = warn;
  }
  assertEquals(warnings, []);
});
