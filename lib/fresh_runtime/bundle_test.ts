import { bundleIslands } from "./bundle.ts";
import { loadIslands } from "./islands.ts";
import { assert, assertEquals } from "./test_utils.ts";

const root = new URL("./testdata", import.meta.url).pathname;

Deno.test("bundle - one entry per island, preact exactly once, nothing left running", async () => {
  const islands = await loadIslands(`${root}/islands`);
  assertEquals(islands.map((i) => i.name), ["Counter", "Greeting", "Panel"]);
  const bundle = await bundleIslands(islands, { root, dev: false });
  assert(bundle);
  assertEquals([...bundle.islandUrls.keys()], ["Counter", "Greeting", "Panel"]);
  assert(/^\/_fresh\/js\/fresh-boot-[A-Z0-9]+\.js$/.test(bundle.bootUrl), bundle.bootUrl);
  const withPreact = Object.entries(bundle.metafile.outputs).filter(([, out]) =>
    Object.keys(out.inputs).some((i) => /node_modules\/preact\/dist\/preact\.module\.js$/.test(i))
  );
  assertEquals(withPreact.length, 1, "preact core lives in one shared chunk");
  assert(!withPreact[0][1].entryPoint, "and that chunk is not an island entry");
});

Deno.test("bundle - no islands means no bundle and no esbuild run", async () => {
  assertEquals(await bundleIslands([], { root, dev: true }), null);
});
