/**
 * The architecture, checked on the import graph (tests and fixtures aside):
 * - no import circles: every module sits above everything it imports, type-only imports
 *   included, so each folder can be read from the bottom up;
 * - the layers of the README's Layout: ports and the platform know no domain and no web code
 *   (an adapter may name a domain's types, the port it implements); domains know no routes,
 *   pages or islands; browser code and shared rules run in the browser, so their values come
 *   from the browser and shared folders only.
 */
import { assertEquals } from "../_helpers/assert.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const SKIP = /^(node_modules|\.data|\.git|tests|supabase)\/|testdata\/|_test\.tsx?$/;
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["'](\.{1,2}\/[^"']+)["']/g;
/** The same, with whether the whole import is type-only. */
const IMPORT_KIND =
  /(?:^|\n)\s*(?:import|export)\s+(type\s)?[^;]*?from\s*["'](\.{1,2}\/[^"']+)["']/g;

async function modules(dir = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(ROOT + (dir || "."))) {
    const path = dir ? `${dir}/${e.name}` : e.name;
    if (SKIP.test(path + (e.isDirectory ? "/" : ""))) continue;
    if (e.isDirectory) out.push(...await modules(path));
    else if (/\.tsx?$/.test(e.name)) out.push(path);
  }
  return out;
}

function resolve(from: string, spec: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const p of spec.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== ".") parts.push(p);
  }
  return parts.join("/");
}

/** Strongly connected components with more than one module (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

Deno.test("architecture - no import circles", async () => {
  const files = await modules();
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const src = await Deno.readTextFile(ROOT + f);
    const deps = [...src.matchAll(IMPORT)].map((m) => resolve(f, m[1])).filter((d) => known.has(d));
    graph.set(f, deps);
  }
  assertEquals(circles(graph), []);
});

/** What a folder's modules may import: `values` for any import, `types` for type-only ones. */
interface Layer {
  folder: RegExp;
  values: RegExp;
  types: RegExp;
}

const APP = /^(routes|islands|components)\/|^(server|jobs|main|utils)\.ts$/;
const LAYERS: Layer[] = [{
  // Audio primitives sit below the ports too: the music adapter decodes what a provider sends.
  folder: /^lib\/(ports|platform)\//,
  values: /^lib\/(ports|platform|shared|fresh_runtime|audio)\/|^lib\/web\/errors\.ts$/,
  types:
    /^lib\/(ports|platform|shared|fresh_runtime|domains|browser|audio)\/|^lib\/web\/errors\.ts$/,
}, {
  folder: /^lib\/domains\//,
  values: /^lib\/(ports|platform|shared|domains|web|fresh_runtime|audio)\//,
  types: /^lib\/(ports|platform|shared|domains|web|fresh_runtime|browser|audio)\//,
}, {
  // Audio primitives (codecs, DSP, analysis): pure, below the domains that render or score audio.
  folder: /^lib\/audio\//,
  values: /^lib\/audio\//,
  types: /^lib\/audio\//,
}, {
  folder: /^lib\/browser\//,
  values: /^lib\/(browser|shared)\//,
  types: /^lib\//,
}, {
  folder: /^lib\/shared\//,
  values: /^lib\/shared\//,
  types: /^lib\/shared\//,
}];

Deno.test("architecture - each layer imports only what sits below it", async () => {
  const wrong: string[] = [];
  for (const f of await modules()) {
    const layer = LAYERS.find((l) => l.folder.test(f));
    if (!layer || /test_utils\.ts$/.test(f)) continue;
    const src = await Deno.readTextFile(ROOT + f);
    for (const m of src.matchAll(IMPORT_KIND)) {
      const dep = resolve(f, m[2]);
      const allowed = m[1] ? layer.types : layer.values;
      if (APP.test(dep) || !allowed.test(dep)) wrong.push(`${f} → ${dep}${m[1] ? " (type)" : ""}`);
    }
  }
  assertEquals(wrong, []);
});
