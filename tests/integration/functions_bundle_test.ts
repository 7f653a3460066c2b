/**
 * Every Edge Function as `supabase functions deploy` sees it: the CLI bundles one function at a
 * time with its folder's manifest only (functions/<name>/deno.json), `DENO_NO_PACKAGE_JSON=1`,
 * no root deno.json, package.json or node_modules. Each function must resolve that way, hold
 * none of the web server's or the embedded platform's modules, and bundle (npm packages left to
 * the runtime) under 2 MB of our own code. Prints each function's size.
 */
import * as esbuild from "esbuild";
import { assert, assertEquals } from "../_helpers/assert.ts";
import {
  type DenoInfo,
  denoInfo,
  expectedManifest,
  formatManifest,
  functionGraph,
  functionNames,
  type Manifest,
  manifestPath,
  packageName,
} from "../../functions/manifests.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const BUDGET = 2 * 1024 * 1024;

/**
 * Modules only the web server or embedded mode loads. lib/fresh_runtime/error.ts stays allowed:
 * it is the dependency-free HttpError class lib/web/errors.ts shares with the page runtime.
 */
const FORBIDDEN_FILES = [
  /^lib\/fresh_runtime\/(?!error\.ts$)/,
  /^lib\/ports\/db\/(pglite|pglite_protocol|migrate)\.ts$/,
  /^lib\/ports\/[a-z]+\/embedded\.ts$/,
  /^lib\/platform\/embedded\.ts$/,
  /^lib\/web\/edge\.ts$/,
  /^(routes|islands|components)\//,
  /^(main|server|utils)\.ts$/,
];
const FORBIDDEN_PACKAGES = [
  /^@electric-sql\//,
  /^esbuild$/,
  /^@twind\//,
  /^hono$/,
  /^preact/,
  /^@preact\//,
  /^bcryptjs$/,
];

function forbidden(files: string[], packages: string[]): string[] {
  return [
    ...files.filter((f) => FORBIDDEN_FILES.some((re) => re.test(f))),
    ...[...new Set(packages)].filter((p) => FORBIDDEN_PACKAGES.some((re) => re.test(p)))
      .map((p) => `npm:${p}`),
  ];
}

async function readManifest(name: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await Deno.readTextFile(manifestPath(name)));
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
}

/** `deno info` as the CLI's bundler resolves: the function's folder, its manifest, nothing else. */
async function isolatedInfo(name: string, manifest: Manifest | null): Promise<DenoInfo> {
  return await denoInfo("index.ts", {
    args: manifest ? ["--config", "deno.json", "--no-lock"] : ["--no-config", "--no-lock"],
    cwd: `${ROOT}functions/${name}`,
    env: { DENO_NO_PACKAGE_JSON: "1" },
  });
}

function resolutionErrors(info: DenoInfo): string[] {
  const errors: string[] = [];
  for (const m of info.modules) {
    const at = m.specifier.replace(`file://${ROOT}`, "");
    if (m.error) errors.push(`${at}: ${m.error}`);
    for (const d of m.dependencies ?? []) {
      const e = d.code?.error ?? d.type?.error;
      if (e) errors.push(`${at}: ${e}`);
    }
  }
  return errors;
}

/** esbuild over the function's own code; bare imports map through its manifest, to externals. */
async function bundle(
  name: string,
  manifest: Manifest,
): Promise<{ bytes: Uint8Array; inputs: string[] }> {
  const unmapped: string[] = [];
  const result = await esbuild.build({
    entryPoints: [`${ROOT}functions/${name}/index.ts`],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "esnext",
    metafile: true,
    logLevel: "silent",
    plugins: [{
      name: "function-manifest",
      setup(build) {
        build.onResolve({ filter: /^[^./]/ }, (args) => {
          if (/^(npm|node|jsr|https?):/.test(args.path)) return { path: args.path, external: true };
          const { imports } = manifest;
          const pkg = packageName(args.path);
          const mapped = imports[args.path] ??
            (imports[`${pkg}/`] ? imports[`${pkg}/`] + args.path.slice(pkg.length + 1) : null);
          if (!mapped) {
            unmapped.push(`${args.importer.replace(ROOT, "")}: ${args.path}`);
            return { path: args.path, external: true };
          }
          return { path: mapped, external: true };
        });
      },
    }],
  });
  assertEquals(unmapped, [], `functions/${name}: bare imports missing from its deno.json`);
  return {
    bytes: result.outputFiles[0].contents,
    inputs: Object.keys(result.metafile.inputs),
  };
}

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

const names = await functionNames();

Deno.test("functions - every function folder is found", () => {
  assertEquals(names, ["ai-write", "dj", "health", "payments-webhook", "studio", "worker"]);
});

Deno.test("functions - the one page-runtime module functions share imports nothing", async () => {
  const src = await Deno.readTextFile(`${ROOT}lib/fresh_runtime/error.ts`);
  assertEquals(src.match(/^\s*(import|export)\s[^;]*from\s/gm), null);
});

Deno.test("functions - config.toml points the CLI at each function and its manifest", async () => {
  const toml = await Deno.readTextFile(`${ROOT}supabase/config.toml`);
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | null = null;
  for (const line of toml.split("\n")) {
    const header = /^\[functions\.([a-z0-9_-]+)\]\s*$/.exec(line);
    if (header) sections.set(header[1], current = {});
    else if (/^\[/.test(line)) current = null;
    else if (current) {
      const kv = /^([a-z_]+)\s*=\s*"([^"]*)"/.exec(line);
      if (kv) current[kv[1]] = kv[2];
    }
  }
  assertEquals([...sections.keys()].sort(), names);
  for (const name of names) {
    // Paths are relative to supabase/; without import_map the CLI would look for
    // supabase/functions/<name>/deno.json, not the entrypoint's folder.
    assertEquals(sections.get(name)?.entrypoint, `../functions/${name}/index.ts`);
    assertEquals(sections.get(name)?.import_map, `../functions/${name}/deno.json`);
  }
});

for (const name of names) {
  Deno.test(`functions - ${name}: holds none of the web server's or embedded modules`, async () => {
    const { files, bare } = await functionGraph(name);
    assertEquals(forbidden(files, bare.map(packageName)), [], `functions/${name} imports these`);
  });

  Deno.test(`functions - ${name}: resolves with its own deno.json, as the CLI bundles it`, async () => {
    const manifest = await readManifest(name);
    const info = await isolatedInfo(name, manifest);
    assertEquals(resolutionErrors(info), [], `functions/${name} does not resolve alone`);
    assert(manifest, `functions/${name}/deno.json is missing`);
    assertEquals(
      formatManifest(manifest),
      formatManifest(await expectedManifest(name)),
      `functions/${name}/deno.json drifted: run deno run -A functions/manifests.ts`,
    );
    const files = info.modules.map((m) => m.specifier.replace(`file://${ROOT}`, ""));
    const packages = Object.values(info.npmPackages ?? {}).map((p) => p.name);
    // The runtime fetches exactly the pinned versions.
    const fetched = new Set(
      Object.values(info.npmPackages ?? {}).map((p) => `npm:${p.name}@${p.version}`),
    );
    const pinned = Object.values(manifest.imports).filter((v) => !v.startsWith("npm:/"));
    assertEquals(
      pinned.filter((p) => !fetched.has(p)),
      [],
      `functions/${name}: not fetched as pinned`,
    );
    assertEquals(forbidden(files, packages), [], `functions/${name} pulls these in alone`);
  });

  Deno.test(`functions - ${name}: bundles under 2 MB before npm packages`, async () => {
    const manifest = await readManifest(name);
    assert(manifest, `functions/${name}/deno.json is missing`);
    try {
      const { bytes, inputs } = await bundle(name, manifest);
      const npm = Object.values(manifest.imports).filter((v) => !v.endsWith("/"))
        .map((v) => v.slice("npm:".length)).join(" ");
      console.log(
        `functions/${name}: ${kb(bytes.length)} (${kb(await gzipSize(bytes))} gzipped), ` +
          `${inputs.length} modules; npm: ${npm}`,
      );
      assertEquals(forbidden(inputs, []), [], `functions/${name} bundles these`);
      assert(bytes.length <= BUDGET, `functions/${name} is ${kb(bytes.length)} > ${kb(BUDGET)}`);
    } finally {
      await esbuild.stop();
    }
  });
}
