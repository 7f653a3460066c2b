/**
 * Startup-only filesystem helpers (never called per request).
 *
 * @module
 */

/** Source extensions the runtime loads as modules or scans for class names. */
export const SOURCE_EXTS: readonly string[] = [".tsx", ".ts", ".jsx", ".js"];

/**
 * Lists files below `dir` as sorted posix paths relative to it. Dot-entries are skipped. A missing
 * dir yields `[]`, since every folder of the project layout is optional.
 */
export async function walkFiles(
  dir: string,
  filter: (rel: string) => boolean = () => true,
): Promise<string[]> {
  const out: string[] = [];
  async function visit(abs: string, rel: string): Promise<void> {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(abs));
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return;
      throw err;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const childRel = rel === "" ? entry.name : `${rel}/${entry.name}`;
      const childAbs = join(abs, entry.name);
      let isDir = entry.isDirectory;
      let isFile = entry.isFile;
      if (entry.isSymlink) {
        const info = await Deno.stat(childAbs);
        isDir = info.isDirectory;
        isFile = info.isFile;
      }
      if (isDir) await visit(childAbs, childRel);
      else if (isFile && filter(childRel)) out.push(childRel);
    }
  }
  await visit(dir, "");
  return out.sort();
}

/** True for `.ts/.tsx/.js/.jsx` files that are not tests. */
export function isSourceModule(rel: string): boolean {
  if (/_test\.[jt]sx?$|\.test\.[jt]sx?$|\.d\.ts$/.test(rel)) return false;
  return SOURCE_EXTS.some((ext) => rel.endsWith(ext));
}

/** `rel` without its extension. */
export function stripExt(rel: string): string {
  const dot = rel.lastIndexOf(".");
  return dot > rel.lastIndexOf("/") ? rel.slice(0, dot) : rel;
}

/** Imports a module by absolute path. */
export async function importFile(abs: string): Promise<Record<string, unknown>> {
  return await import(toFileUrl(abs));
}

// Small posix path helpers: `node:path` would make `deno check` require npm:@types/node, which
// is not installed with `"nodeModulesDir": "manual"`.

/** Joins path parts with `/`, collapsing duplicate slashes. */
export function join(...parts: string[]): string {
  return parts.join("/").replace(/\/{2,}/g, "/");
}

/** True for an absolute posix path. */
export function isAbsolute(path: string): boolean {
  return path.startsWith("/");
}

/** The last path segment. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** The extension including the dot (`""` when none). */
export function extname(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot) : "";
}

/** `file://` URL of an absolute path. */
export function toFileUrl(abs: string): string {
  return "file://" + abs.split("/").map(encodeURIComponent).join("/");
}

/** Absolute path of a `file://` URL. */
export function fromFileUrl(url: string | URL): string {
  return decodeURIComponent(new URL(url).pathname);
}

/** Short hex SHA-256 of `data`, for content-addressed URLs and ETags. */
export async function contentHash(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  return Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}
