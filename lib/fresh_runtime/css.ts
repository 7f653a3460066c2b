/**
 * Builds the app's one stylesheet at startup with twind (preset-tailwind, preflight included).
 *
 * Class names are found by tokenising every string and template literal in the CSS source files
 * and letting twind keep what it understands, so `class="p-4"`, `cx("a", on && "b")` and
 * `` `btn ${x ? "bg-red-500" : ""}` `` all count. Extracting per request cost ~25x throughput
 * (DESIGN.md), so it never happens after startup. Twind's grouping syntax (`hover:(a b)`) is not
 * supported: nothing rewrites class attributes at runtime.
 *
 * @module
 */
import { defineConfig, stringify, twind, virtual } from "@twind/core";
import presetTailwind from "@twind/preset-tailwind";
import { contentHash, isAbsolute, isSourceModule, join, walkFiles } from "./walk.ts";

/** A built stylesheet. */
export interface Stylesheet {
  css: string;
  /** `/_fresh/css/styles-<hash>.css` */
  href: string;
}

/**
 * Island markers must not affect layout; inline styles are blocked by the CSP. Keyboard focus is
 * always visible (a ring where a component draws its own with `focus:ring`, else this outline).
 */
const RUNTIME_CSS = "sc-island{display:contents}" +
  ":focus-visible{outline:2px solid #4338ca;outline-offset:2px}";
const LITERAL = /"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*'|`(?:[^`\\]|\\[\s\S])*`/g;
// Inside template literals, `${`, `}` and nested quotes separate class tokens.
const TEMPLATE_NOISE = /\$\{|[}"'`]/g;
const MAX_LITERAL = 10_000;

/** Every string/template literal content in `source` that could hold class names. */
export function classCandidates(source: string): string[] {
  const out: string[] = [];
  for (const match of source.matchAll(LITERAL)) {
    const body = match[0].slice(1, -1);
    if (body.trim() === "" || body.length > MAX_LITERAL) continue;
    out.push(match[0][0] === "`" ? body.replace(TEMPLATE_NOISE, " ") : body);
  }
  return out;
}

/** Generates CSS for the class names found in `candidates` (plus preflight). */
export function generateCss(candidates: Iterable<string>): string {
  const tw = twind(defineConfig({ presets: [presetTailwind()], hash: false }), virtual());
  // Most literals are not class lists; twind warns about each unknown token, which is noise here.
  const warn = console.warn;
  console.warn = () => {};
  try {
    for (const candidate of candidates) {
      try {
        tw(candidate);
      } catch {
        // A literal twind cannot parse is simply not a class list.
      }
    }
    return stringify(tw.target) + RUNTIME_CSS;
  } finally {
    console.warn = warn;
  }
}

/** Scans `sources` (dirs, absolute or relative to `root`) and builds the hashed stylesheet. */
export async function buildStylesheet(root: string, sources: string[]): Promise<Stylesheet> {
  const candidates = new Set<string>();
  for (const src of sources) {
    const dir = isAbsolute(src) ? src : join(root, src);
    for (const rel of await walkFiles(dir, isSourceModule)) {
      for (const c of classCandidates(await Deno.readTextFile(join(dir, rel)))) candidates.add(c);
    }
  }
  const css = generateCss(candidates);
  return { css, href: `/_fresh/css/styles-${await contentHash(css)}.css` };
}
