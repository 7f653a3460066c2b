/**
 * Bundles islands for the browser with esbuild, once at startup, into memory.
 *
 * One entry per island plus the boot entry, ESM with code splitting, so everything they share
 * (preact above all: hooks break with two copies) lands in shared chunks.
 *
 * @module
 */
import * as esbuild from "esbuild";
import type { IslandFile } from "./islands.ts";
import { basename, fromFileUrl, join } from "./walk.ts";

/** The in-memory island bundle. */
export interface IslandBundle {
  /** URL path (`/_fresh/js/<name>-<hash>.js`, and `.js.map` in dev) → file contents. */
  files: Map<string, Uint8Array<ArrayBuffer>>;
  /** URL of the boot entry. */
  bootUrl: string;
  /** Island name → URL of its entry chunk. */
  islandUrls: Map<string, string>;
  /** esbuild's metafile, for checks (e.g. that preact exists once). */
  metafile: esbuild.Metafile;
}

/** URL prefix of bundle files. */
export const JS_PREFIX = "/_fresh/js/";
const BOOT_ENTRY = "fresh-boot"; // contains "-", which island chunk names never do
const BOOT_PATH = fromFileUrl(new URL("./client_boot.ts", import.meta.url));
// The repo's node_modules, where the islands' bare specifiers (preact, @preact/signals) live.
const RUNTIME_NODE_MODULES = fromFileUrl(new URL("../../node_modules", import.meta.url));

// esbuild runs a child process; builds are serialised and the service is stopped after each one
// so nothing outlives the startup (and `deno test` sanitizers see no leaked ops).
let queue: Promise<unknown> = Promise.resolve();

/** Bundles `islands`; returns `null` when there are none (pages then never ship JS). */
export function bundleIslands(
  islands: IslandFile[],
  opts: { root: string; dev: boolean },
): Promise<IslandBundle | null> {
  if (islands.length === 0) return Promise.resolve(null);
  const run = queue.then(() => build(islands, opts));
  queue = run.catch(() => {});
  return run;
}

async function build(
  islands: IslandFile[],
  opts: { root: string; dev: boolean },
): Promise<IslandBundle> {
  let result: esbuild.BuildResult<{ write: false; metafile: true }>;
  try {
    result = await esbuild.build({
      entryPoints: [
        { in: BOOT_PATH, out: BOOT_ENTRY },
        ...islands.map((i) => ({ in: i.path, out: i.chunkName })),
      ],
      absWorkingDir: opts.root,
      outdir: join(opts.root, "_fresh", "js"),
      nodePaths: [join(opts.root, "node_modules"), RUNTIME_NODE_MODULES],
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: "es2020",
      jsx: "automatic",
      jsxImportSource: "preact",
      entryNames: "[name]-[hash]",
      chunkNames: "chunk-[hash]",
      minify: !opts.dev,
      // Dev: `<chunk>.js.map` beside each chunk, fetched only when devtools open (inline maps
      // tripled what every page downloaded). Prod ships none.
      sourcemap: opts.dev ? "linked" : false,
      define: { "process.env.NODE_ENV": JSON.stringify(opts.dev ? "development" : "production") },
      write: false,
      metafile: true,
      logLevel: "silent",
    });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Bundling islands failed (islands must import bare npm specifiers):\n${detail}`,
      {
        cause: err,
      },
    );
  } finally {
    await esbuild.stop();
  }

  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  const entryUrls = new Map<string, string>();
  for (const out of result.outputFiles) {
    const name = basename(out.path);
    const url = JS_PREFIX + name;
    files.set(url, new Uint8Array(out.contents));
    const meta = result.metafile.outputs[relativeOut(out.path, opts.root)];
    if (meta?.entryPoint) entryUrls.set(name.slice(0, name.lastIndexOf("-")), url);
  }
  const bootUrl = entryUrls.get(BOOT_ENTRY);
  if (!bootUrl) throw new Error("Bundling islands failed: boot entry missing from esbuild output");
  const islandUrls = new Map<string, string>();
  for (const island of islands) {
    const url = entryUrls.get(island.chunkName);
    if (!url) throw new Error(`Bundling islands failed: no output for islands/${island.name}`);
    islandUrls.set(island.name, url);
  }
  return { files, bootUrl, islandUrls, metafile: result.metafile };
}

// Metafile output keys are relative to absWorkingDir, with forward slashes.
function relativeOut(path: string, root: string): string {
  const prefix = root.endsWith("/") ? root : root + "/";
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** The inline module script that loads the boot entry and the given islands' chunks. */
export function bootScript(bundle: IslandBundle, used: Iterable<string>): string {
  let imports = `import{boot}from${JSON.stringify(bundle.bootUrl)};`;
  let map = "";
  let i = 0;
  for (const name of used) {
    imports += `import*as i${i} from${JSON.stringify(bundle.islandUrls.get(name))};`;
    map += `${i === 0 ? "" : ","}${JSON.stringify(name)}:i${i}`;
    i++;
  }
  // `<` escaped so a strange file name cannot close the inline script early.
  return `${imports}boot({${map}});`.replaceAll("<", "\\u003c");
}
