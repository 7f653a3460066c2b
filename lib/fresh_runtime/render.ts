/**
 * Server-side rendering of a page: `_app` → layouts → page, then the runtime's head tags.
 *
 * @module
 */
import { type ComponentType, h } from "preact";
import { bootScript, type IslandBundle } from "./bundle.ts";
import type { PageComponent, PageTarget } from "./fs_routes.ts";
import { renderWithIslands } from "./islands.ts";
import { jsonForScript } from "./serialize.ts";
import type { PageProps } from "./types.ts";

/** The parts of `PageProps` that come from the request. */
export interface PageInput {
  data: unknown;
  url: URL;
  params: Record<string, string>;
  state: unknown;
  error?: unknown;
}

const HTML_TYPE = "text/html; charset=utf-8";
const SHELL_HEAD = '<!DOCTYPE html><html><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1">';
const Empty: ComponentType = () => null;

/** Renders pages for one app; holds the per-app constants (CSS link, bundle). */
export class PageRenderer {
  readonly #cssLink: string;
  readonly #bundle: IslandBundle | null;
  /** Boot scripts by the islands a page used: a handful of combinations, built once each. */
  readonly #boots = new Map<string, string>();

  constructor(cssHref: string, bundle: IslandBundle | null) {
    this.#cssLink = `<link rel="stylesheet" href="${cssHref}">`;
    this.#bundle = bundle;
  }

  /** Renders `target` to a complete HTML response. */
  render(
    target: PageTarget,
    input: PageInput,
    nonce: string,
    status = 200,
    headers?: HeadersInit,
  ): Response {
    const body = this.renderHtml(target, input, nonce);
    let h: HeadersInit = { "content-type": HTML_TYPE };
    if (headers !== undefined) {
      const merged = new Headers(headers);
      if (!merged.has("content-type")) merged.set("content-type", HTML_TYPE);
      h = merged;
    }
    return new Response(body, { status, headers: h });
  }

  /** Renders `target` to an HTML document string. */
  renderHtml(target: PageTarget, input: PageInput, nonce: string): string {
    const { chain } = target;
    // Each level gets a `Component` that renders the next level with the same page props.
    let inner: ComponentType = Empty;
    for (let i = chain.length - 1; i >= 0; i--) {
      inner = levelComponent(chain[i], { ...input, Component: inner });
    }
    const result = renderWithIslands(h(inner, null));

    let head = this.#cssLink;
    let tail = "";
    if (result.used.size > 0 && this.#bundle !== null) {
      head += `<script type="module" nonce="${nonce}">${this.#boot(result.used)}</script>`;
      tail = `<script type="application/json" id="__sc_props" nonce="${nonce}">` +
        `${jsonForScript(result.props)}</script>`;
    }
    const html = result.html;
    if (target.shell) return `${SHELL_HEAD}${head}</head><body>${html}${tail}</body></html>`;

    const headEnd = html.indexOf("</head>");
    let out = headEnd === -1 ? head + html : html.slice(0, headEnd) + head + html.slice(headEnd);
    if (tail !== "") {
      const bodyEnd = out.lastIndexOf("</body>");
      out = bodyEnd === -1 ? out + tail : out.slice(0, bodyEnd) + tail + out.slice(bodyEnd);
    }
    return html.startsWith("<html") ? "<!DOCTYPE html>" + out : out;
  }

  #boot(used: Set<string>): string {
    const key = [...used].join("\n");
    let script = this.#boots.get(key);
    if (script === undefined) {
      script = bootScript(this.#bundle!, used);
      this.#boots.set(key, script);
    }
    return script;
  }
}

function levelComponent(C: PageComponent, props: PageProps<unknown, unknown>): ComponentType {
  return function Level() {
    return h(C, props);
  };
}
