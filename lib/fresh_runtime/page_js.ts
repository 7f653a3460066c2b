/**
 * The JavaScript a rendered page makes the browser load: its module scripts, then every module
 * they import statically, transitively (what the browser fetches before anything runs). Dynamic
 * `import()`s are left out: they load later, if ever (supabase-js only on Supabase).
 *
 * For checks and benches (bench/web_assets.ts), not for serving.
 *
 * @module
 */

const MODULE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
// `import x from"…"`, `import"…"`, `export{…}from"…"`; never `import("…")`. Bundled code
// imports only paths, which also keeps a string such as `"import","./x"` from counting.
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*(["'])([./][^"'\s]*)\1/g;

/** The page's `<script type="module">` elements: inline bodies and `src` URLs. */
export function moduleScripts(html: string): { inline: string[]; src: string[] } {
  const out = { inline: [] as string[], src: [] as string[] };
  for (const [, attrs, body] of html.matchAll(MODULE_SCRIPT)) {
    if (!/\btype\s*=\s*["']?module\b/i.test(attrs)) continue;
    const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(attrs)?.[1];
    if (src) out.src.push(src);
    else out.inline.push(body);
  }
  return out;
}

/** Specifiers `js` imports statically. */
export function staticImports(js: string): string[] {
  return [...js.matchAll(STATIC_IMPORT)].map((m) => m[2]);
}

/**
 * Every module URL (pathname, in load order of discovery) that `html`, served at `pageUrl`,
 * loads statically; `load` fetches a module's source.
 */
export async function pageModuleGraph(
  html: string,
  pageUrl: string,
  load: (path: string) => Promise<string>,
): Promise<string[]> {
  const { inline, src } = moduleScripts(html);
  const seen = new Set<string>();
  const queue: [string, string][] = [
    ...src.map((s): [string, string] => [s, pageUrl]),
    ...inline.flatMap((js) => staticImports(js).map((s): [string, string] => [s, pageUrl])),
  ];
  while (queue.length > 0) {
    const [spec, base] = queue.shift()!;
    const url = new URL(spec, base);
    if (seen.has(url.pathname)) continue;
    seen.add(url.pathname);
    const js = await load(url.pathname);
    for (const next of staticImports(js)) queue.push([next, url.href]);
  }
  return [...seen];
}
