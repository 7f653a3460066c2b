/**
 * The app's real island bundle (prod mode), read from esbuild's metafile: what the header badges
 * on every signed-in page pull in. Issue 19 caps a signed-in page's compressed JS at 30 KB.
 */
import zlib from "node:zlib";
import { bundleIslands, type IslandBundle } from "../../lib/fresh_runtime/bundle.ts";
import { loadIslands } from "../../lib/fresh_runtime/islands.ts";
import { assert, assertEquals } from "../../lib/fresh_runtime/test_utils.ts";

const root = new URL("../../", import.meta.url).pathname;
const HEADER_ISLANDS = ["MessagesBadge", "NotificationBadge"];

/** Output files (metafile keys) reachable from `entries` by static imports only. */
function staticClosure(bundle: IslandBundle, entries: string[]): string[] {
  const outputs = bundle.metafile.outputs;
  const keyOf = (url: string) =>
    Object.keys(outputs).find((k) => url.endsWith(k.slice(k.lastIndexOf("/"))))!;
  const seen = new Set<string>();
  const queue = entries.map(keyOf);
  while (queue.length > 0) {
    const key = queue.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const imp of outputs[key].imports) {
      if (imp.kind === "import-statement" && !imp.external) queue.push(imp.path);
    }
  }
  return [...seen];
}

Deno.test("island bundle - header badges: preact once, no supabase-js, ≤ 30 KB gzip", async () => {
  const islands = await loadIslands(`${root}islands`);
  const bundle = await bundleIslands(islands, { root, dev: false });
  assert(bundle, "the app has islands");
  const entries = [bundle.bootUrl, ...HEADER_ISLANDS.map((n) => bundle.islandUrls.get(n)!)];
  const closure = staticClosure(bundle, entries);
  const inputs = closure.flatMap((k) => Object.keys(bundle.metafile.outputs[k].inputs));
  const preact = inputs.filter((i) => /node_modules\/preact\/dist\/preact\.module\.js$/.test(i));
  assertEquals(preact.length, 1, "preact's core is in exactly one loaded chunk");
  const supabase = inputs.filter((i) => i.includes("@supabase/"));
  assertEquals(supabase, [], "supabase-js loads only on demand (Supabase mode)");

  let gzip = 0;
  for (const key of closure) {
    const body = bundle.files.get(`/_fresh/js/${key.slice(key.lastIndexOf("/") + 1)}`);
    assert(body, key);
    gzip += zlib.gzipSync(body, { level: 9 }).length;
  }
  assert(gzip <= 30 * 1024, `the header's JS is ${(gzip / 1024).toFixed(1)} KB gzip`);
});
