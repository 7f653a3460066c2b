/**
 * What pages make the browser download, in production mode (APP_ENV=prod: minified islands, no
 * source maps), measured in this process through the server's own `fetch` so the bytes are the
 * ones it sends:
 *
 * - `web.js_kb_gz.signed_in`: gzip KB (as served to `Accept-Encoding: gzip`, the server's own
 *   level) of every JS file a signed-in page loads: the modules its `<script type="module">`
 *   imports and, transitively, their static imports (the real module graph; dynamic imports,
 *   e.g. supabase-js on Supabase, load later if ever). The largest of the everyday signed-in
 *   pages of a musician and of a client (home, gigs, notifications, messages). Target ≤ 30.
 * - `web.js_kb_br.signed_in` (extra): the same in brotli, what browsers actually get.
 * - `web.js_kb.signed_in` (extra): the same uncompressed, for reference.
 * - `web.js_kb_gz.island_free`: the same for pages without islands (signed out: the landing page
 *   and /gigs): 0, since such pages carry no `<script type="module">` at all.
 *
 * Sizes do not vary between runs; each is measured once.
 *
 * @module
 */
import { loadConfig } from "../lib/platform/config.ts";
import { startPlatform } from "../lib/platform/mod.ts";
import { COOKIE } from "../lib/web/cookies.ts";
import { moduleScripts, pageModuleGraph } from "../lib/fresh_runtime/page_js.ts";
import { soundcheckJobs } from "../jobs.ts";
import { createServer, type Server } from "../server.ts";
import { type Result, summarise } from "./results.ts";

export const WEB_ASSETS_METRICS = [
  "web.js_kb_gz.signed_in",
  "web.js_kb_br.signed_in",
  "web.js_kb.signed_in",
  "web.js_kb_gz.island_free",
];

export const WEB_ASSETS_TARGETS: [string, "≥" | "≤", number][] = [
  ["web.js_kb_gz.signed_in", "≤", 30],
  ["web.js_kb_gz.island_free", "≤", 0],
];

const ORIGIN = "http://127.0.0.1";
const SIGNED_IN_PAGES = ["/", "/gigs", "/notifications", "/messages"];
const ISLAND_FREE_PAGES = ["/", "/gigs"];

interface PageJs {
  path: string;
  files: number;
  bytes: number;
  gzip: number;
  br: number;
}

/** Sizes of the JS `path` loads, each file fetched as a browser with `encoding` would. */
async function pageJs(server: Server, path: string, cookie: string | null): Promise<PageJs> {
  const get = async (p: string, encoding?: string): Promise<Uint8Array> => {
    const headers = new Headers();
    if (cookie) headers.set("cookie", cookie);
    if (encoding) headers.set("accept-encoding", encoding);
    const res = await server.fetch(new Request(ORIGIN + p, { headers }));
    const location = res.headers.get("location");
    if (p === path && res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      path = new URL(location, ORIGIN + p).pathname; // e.g. a signed-in `/` → the home page
      return get(path, encoding);
    }
    const body = new Uint8Array(await res.arrayBuffer());
    if (res.status !== 200) {
      throw new Error(`GET ${p} answered ${res.status}: ${new TextDecoder().decode(body)}`);
    }
    if (encoding && res.headers.get("content-encoding") !== encoding && p !== path) {
      throw new Error(`GET ${p} with Accept-Encoding: ${encoding} was not sent as ${encoding}`);
    }
    return body;
  };
  const html = new TextDecoder().decode(await get(path));
  const scripts = moduleScripts(html);
  const urls = await pageModuleGraph(
    html,
    ORIGIN + path,
    async (p) => new TextDecoder().decode(await get(p)),
  );
  const out: PageJs = { path, files: urls.length, bytes: 0, gzip: 0, br: 0 };
  for (const url of urls) {
    out.bytes += (await get(url)).length;
    out.gzip += (await get(url, "gzip")).length;
    out.br += (await get(url, "br")).length;
  }
  // A module script with nothing to import still runs: count it so an island-free page shows it.
  if (urls.length === 0) out.bytes += scripts.inline.join("").length;
  return out;
}

const kb = (n: number) => n / 1024;
const show = (label: string, p: PageJs) =>
  console.log(
    `${label} ${p.path.padEnd(15)} ${p.files} files  ${kb(p.bytes).toFixed(1)} KB  gzip ${
      kb(p.gzip).toFixed(1)
    } KB  br ${kb(p.br).toFixed(1)} KB`,
  );

export async function webAssetsBench(): Promise<Result[]> {
  const dataDir = await Deno.makeTempDir({ prefix: "soundcheck-bench-assets-" });
  const platform = await startPlatform(
    loadConfig({
      APP_ENV: "prod",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      WORKER: "off",
      API_RATE_LIMIT: "0",
    }),
    soundcheckJobs,
  );
  try {
    const server = await createServer(platform);
    const signedIn: PageJs[] = [];
    for (const [i, metadata] of [{ is_musician: true }, { is_client: true }].entries()) {
      const session = await platform.auth.signUp({
        email: `assets-bench-${i}@example.com`,
        password: "bench-password-1",
        metadata: { display_name: `Assets Bench ${i}`, ...metadata },
      });
      const cookie = `${COOKIE.access}=${session.accessToken}; ${COOKIE.csrf}=benchcsrf0123456789`;
      for (const path of SIGNED_IN_PAGES) {
        const p = await pageJs(server, path, cookie);
        show(`signed in (${Object.keys(metadata)[0].slice(3)})`.padEnd(20), p);
        signedIn.push(p);
      }
    }
    const free: PageJs[] = [];
    for (const path of ISLAND_FREE_PAGES) {
      const p = await pageJs(server, path, null);
      show("signed out          ", p);
      free.push(p);
    }
    const worst = signedIn.reduce((a, b) => (b.gzip > a.gzip ? b : a));
    return [
      summarise("web.js_kb_gz.signed_in", "KB", [kb(worst.gzip)]),
      summarise("web.js_kb_br.signed_in", "KB", [kb(worst.br)]),
      summarise("web.js_kb.signed_in", "KB", [kb(worst.bytes)]),
      summarise("web.js_kb_gz.island_free", "KB", [
        Math.max(...free.map((p) => kb(p.gzip || p.bytes))),
      ]),
    ];
  } finally {
    await platform.close();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}
