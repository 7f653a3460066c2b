/**
 * Each Edge Function's own dependency manifest, `functions/<name>/deno.json`, derived from one
 * place: the bare specifiers the function's import graph uses, pinned to the exact versions
 * package-lock.json has. The Supabase CLI bundles a function with its folder's manifest only
 * (the root package.json and node_modules never reach it), so the manifests are generated, not
 * hand-copied. After changing a function's imports or a dependency's version:
 *
 *   deno run -A functions/manifests.ts           # rewrites every functions/<name>/deno.json
 *   deno run -A functions/manifests.ts --check   # exits 1 when one has drifted
 *
 * tests/integration/functions_bundle_test.ts fails on drift too.
 */

const ROOT = new URL("../", import.meta.url).pathname;
const FUNCTIONS = `${ROOT}functions/`;

/** What `deno info --json` prints, as far as these tools read it. */
export interface DenoInfo {
  modules: {
    specifier: string;
    error?: string;
    dependencies?: {
      specifier: string;
      code?: { specifier?: string; error?: string };
      type?: { specifier?: string; error?: string };
    }[];
  }[];
  npmPackages?: Record<string, { name: string; version: string }>;
}

export interface Manifest {
  imports: Record<string, string>;
}

/** Every function: a folder of functions/ (not `_shared`) with an index.ts. */
export async function functionNames(): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(FUNCTIONS)) {
    if (!e.isDirectory || e.name.startsWith("_")) continue;
    const index = await Deno.stat(`${FUNCTIONS}${e.name}/index.ts`).catch(() => null);
    if (index?.isFile) names.push(e.name);
  }
  return names.sort();
}

/** `deno info --json entry` with `args` (config flags), run in `cwd` with `env` added. */
export async function denoInfo(
  entry: string,
  opts: { args?: string[]; cwd?: string; env?: Record<string, string> } = {},
): Promise<DenoInfo> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", ...(opts.args ?? []), entry],
    cwd: opts.cwd ?? ROOT,
    env: opts.env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  if (!out.success) throw new Error(`deno info ${entry} failed:\n${stderr}`);
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

/** The npm package a bare specifier names: `@scope/name/sub` → `@scope/name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function isBare(specifier: string): boolean {
  return !/^(\.{0,2}\/|[a-z][a-z0-9+.-]*:)/i.test(specifier);
}

/**
 * A function's own modules (paths relative to the repository, node_modules aside) and the bare
 * specifiers they import, type-only ones included, as the root config resolves them.
 */
export async function functionGraph(name: string): Promise<{ files: string[]; bare: string[] }> {
  const info = await denoInfo(`functions/${name}/index.ts`);
  const files: string[] = [];
  const bare = new Set<string>();
  for (const m of info.modules) {
    if (!m.specifier.startsWith(`file://${ROOT}`) || m.specifier.includes("/node_modules/")) {
      continue;
    }
    files.push(m.specifier.slice(`file://${ROOT}`.length));
    for (const d of m.dependencies ?? []) if (isBare(d.specifier)) bare.add(d.specifier);
  }
  return { files: files.sort(), bare: [...bare].sort() };
}

/** The version package-lock.json installs for each top-level package. */
export async function lockedVersions(): Promise<Map<string, string>> {
  const lock: { packages: Record<string, { version?: string }> } = JSON.parse(
    await Deno.readTextFile(`${ROOT}package-lock.json`),
  );
  const versions = new Map<string, string>();
  for (const [path, pkg] of Object.entries(lock.packages)) {
    const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path);
    if (m && pkg.version) versions.set(m[1], pkg.version);
  }
  return versions;
}

/** The manifest a function's graph needs: `npm:` specifiers at the locked versions. */
export async function expectedManifest(
  name: string,
  locked?: Map<string, string>,
): Promise<Manifest> {
  const versions = locked ?? await lockedVersions();
  const { bare } = await functionGraph(name);
  const imports: Record<string, string> = {};
  for (const spec of bare) {
    const pkg = packageName(spec);
    const version = versions.get(pkg);
    if (!version) throw new Error(`functions/${name} imports "${spec}": not in package-lock.json`);
    imports[pkg] = `npm:${pkg}@${version}`;
    if (spec !== pkg) imports[`${pkg}/`] = `npm:/${pkg}@${version}/`;
  }
  const sorted = Object.fromEntries(Object.entries(imports).sort(([a], [b]) => a < b ? -1 : 1));
  return { imports: sorted };
}

export function manifestPath(name: string): string {
  return `${FUNCTIONS}${name}/deno.json`;
}

export function formatManifest(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + "\n";
}

if (import.meta.main) {
  const check = Deno.args.includes("--check");
  const locked = await lockedVersions();
  const drifted: string[] = [];
  for (const name of await functionNames()) {
    const want = formatManifest(await expectedManifest(name, locked));
    const have = await Deno.readTextFile(manifestPath(name)).catch(() => "");
    if (have === want) continue;
    drifted.push(name);
    if (!check) await Deno.writeTextFile(manifestPath(name), want);
  }
  if (check && drifted.length) {
    console.error(`Out of date: ${drifted.map((n) => `functions/${n}/deno.json`).join(", ")}`);
    console.error("Run: deno run -A functions/manifests.ts");
    Deno.exit(1);
  }
  console.log(drifted.length ? `Wrote ${drifted.join(", ")}` : "Every manifest is up to date");
}
