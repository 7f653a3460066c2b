/**
 * Builds the route table from a `routes/` tree once at startup, following Fresh's conventions:
 * `index.tsx`, `[param]`, `[...rest]`, `(group)` folders, `_app`, `_layout`, `_middleware`,
 * `_404` and `_500`.
 *
 * @module
 */
import type { ComponentType } from "preact";
import type { Handlers, Method, Middleware, PageProps, RouteConfig } from "./types.ts";
import { importFile, isSourceModule, join, stripExt, walkFiles } from "./walk.ts";

/** A page, layout or `_app` component as the runtime stores it. */
export type PageComponent = ComponentType<PageProps<unknown, unknown>>;

/** What to render for a page, precomputed per route. */
export interface PageTarget {
  file: string;
  component: PageComponent;
  /** `_app` (unless skipped), then layouts outer first, then the page component. */
  chain: PageComponent[];
  /** No `_app` wraps the page: the runtime adds a minimal HTML document around it. */
  shell: boolean;
}

/** One file route, ready to mount. */
export interface RouteEntry<State> {
  /** Path relative to `routes/`, for messages. */
  file: string;
  /** Hono patterns, most specific first (a catch-all also answers its base path). */
  patterns: string[];
  /** The route as Fresh names it (`/gigs/:id`, `/files/:path*`): `ctx.route`, metrics labels. */
  pattern: string;
  /** The `[...name]` parameter, filled with `""` on the catch-all's base path. */
  catchAllParam?: string;
  handler?: Handlers<unknown, State>;
  page?: PageTarget;
  /** `_middleware` handlers from `routes/` down to this route's folder, outer first. */
  middlewares: Middleware<State>[];
  /** `Allow` header value for 405 answers. */
  allow: string;
  /** The module's `config` export. */
  config: RouteConfig;
  /** Sort key, see `compareSegments`. */
  segments: Segment[];
}

/** The loaded `routes/` tree. */
export interface RouteTable<State> {
  routes: RouteEntry<State>[];
  notFound?: PageTarget;
  serverError?: PageTarget;
  /** Middleware of `routes/_middleware.ts`: also runs for unmatched paths (the 404 page). */
  rootMiddlewares: Middleware<State>[];
}

/** Kind of a URL segment, in matching priority order (lower wins). */
export const SegmentKind = { Static: 0, Param: 1, CatchAll: 2 } as const;
/** One of the `SegmentKind` values. */
export type SegmentKind = typeof SegmentKind[keyof typeof SegmentKind];

/** One URL segment of a route file. */
export interface Segment {
  kind: SegmentKind;
  text: string;
}

const METHODS: readonly Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Characters Hono would read as pattern syntax inside a static segment.
const HONO_SYNTAX = /[:*{}?]/;

/**
 * Turns a route file path (relative to `routes/`, no extension) into its URL segments.
 * Throws with the file name for names this runtime cannot map.
 */
export function parseRoutePath(relNoExt: string): Segment[] {
  const parts = relNoExt.split("/").filter((p) => !(p.startsWith("(") && p.endsWith(")")));
  if (parts.at(-1) === "index") parts.pop();
  return parts.map((part, i): Segment => {
    const rest = /^\[\.\.\.(.+)\]$/.exec(part);
    if (rest) {
      if (i !== parts.length - 1) {
        throw new Error(`routes/${relNoExt}: a [...${rest[1]}] catch-all must be the last segment`);
      }
      return { kind: SegmentKind.CatchAll, text: checkParam(rest[1], relNoExt) };
    }
    const param = /^\[(.+)\]$/.exec(part);
    if (param) return { kind: SegmentKind.Param, text: checkParam(param[1], relNoExt) };
    if (part.includes("[") || HONO_SYNTAX.test(part)) {
      throw new Error(
        `routes/${relNoExt}: segment "${part}" is not supported; use a whole-segment [param]`,
      );
    }
    return { kind: SegmentKind.Static, text: part };
  });
}

function checkParam(name: string, file: string): string {
  if (!PARAM_NAME.test(name)) {
    throw new Error(`routes/${file}: parameter name "${name}" must be an identifier`);
  }
  return name;
}

/** Hono pattern(s) for the segments; a catch-all also matches its base (`/files`). */
export function toPatterns(segments: Segment[]): string[] {
  const parts = segments.map((s) =>
    s.kind === SegmentKind.Static
      ? s.text
      : s.kind === SegmentKind.Param
      ? `:${s.text}`
      : `:${s.text}{.+}`
  );
  const full = "/" + parts.join("/");
  if (segments.at(-1)?.kind !== SegmentKind.CatchAll) return [full];
  return [full, "/" + parts.slice(0, -1).join("/")];
}

/** The Fresh-style pattern of the segments: `:name` for a parameter, `:name*` for a catch-all. */
export function routePattern(segments: Segment[]): string {
  const parts = segments.map((s) =>
    s.kind === SegmentKind.Static
      ? s.text
      : s.kind === SegmentKind.Param
      ? `:${s.text}`
      : `:${s.text}*`
  );
  return "/" + parts.join("/");
}

/**
 * Orders routes so the first match is the most specific: per segment static before param before
 * catch-all; a route that is a prefix of another comes first.
 */
export function compareSegments(a: Segment[], b: Segment[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i].kind !== b[i].kind) return a[i].kind - b[i].kind;
    if (a[i].text !== b[i].text) return a[i].text < b[i].text ? -1 : 1;
  }
  return a.length - b.length;
}

/** Loads every module under `routesDir` and builds the route table. */
export async function loadRoutes<State>(routesDir: string): Promise<RouteTable<State>> {
  const files = await walkFiles(routesDir, isSourceModule);
  const modules = await Promise.all(files.map((rel) => importFile(join(routesDir, rel))));
  const layouts = new Map<string, { component: PageComponent; config: RouteConfig }>();
  const middlewares = new Map<string, Middleware<State>[]>();
  const pages: { rel: string; mod: Record<string, unknown> }[] = [];
  const specials = new Map<string, Record<string, unknown>>();

  files.forEach((rel, i) => {
    const mod = modules[i];
    const noExt = stripExt(rel);
    const slash = noExt.lastIndexOf("/");
    const dir = slash === -1 ? "" : noExt.slice(0, slash);
    const base = noExt.slice(slash + 1);
    if (base === "_layout") {
      layouts.set(dir, { component: componentOf(mod, rel, true), config: configOf(mod) });
    } else if (base === "_middleware") {
      middlewares.set(dir, middlewareOf<State>(mod, rel));
    } else if (base === "_app" || base === "_404" || base === "_500") {
      if (dir !== "") throw new Error(`routes/${rel}: ${base} is only supported at routes/${base}`);
      specials.set(base, mod);
    } else if (!base.startsWith("_")) {
      // Other `_`-prefixed files are helpers living beside routes; they are not routes.
      pages.push({ rel, mod });
    }
  });

  const appModule = specials.get("_app");
  const appComponent = appModule ? componentOf(appModule, "_app", true) : undefined;
  const ancestors = (dir: string): string[] => {
    const parts = dir === "" ? [] : dir.split("/");
    return ["", ...parts.map((_, i) => parts.slice(0, i + 1).join("/"))];
  };
  const targetFor = (rel: string, component: PageComponent, dir: string, config: RouteConfig) => {
    let chain: PageComponent[] = [];
    let skipApp = config.skipAppWrapper === true;
    for (const d of ancestors(dir)) {
      const layout = layouts.get(d);
      if (!layout) continue;
      if (layout.config.skipInheritedLayouts) chain = [];
      if (layout.config.skipAppWrapper) skipApp = true;
      chain.push(layout.component);
    }
    if (config.skipInheritedLayouts) chain = [];
    const app = skipApp ? undefined : appComponent;
    return {
      file: rel,
      component,
      chain: app ? [app, ...chain, component] : [...chain, component],
      shell: app === undefined,
    };
  };

  const routes = pages.map(({ rel, mod }): RouteEntry<State> => {
    const noExt = stripExt(rel);
    const dir = noExt.includes("/") ? noExt.slice(0, noExt.lastIndexOf("/")) : "";
    const segments = parseRoutePath(noExt);
    const handler = handlerOf<State>(mod, rel);
    const component = mod.default === undefined ? undefined : componentOf(mod, rel, false);
    if (!handler && !component) {
      throw new Error(`routes/${rel} exports neither a handler nor a default page component`);
    }
    const last = segments.at(-1);
    return {
      file: rel,
      patterns: toPatterns(segments),
      pattern: routePattern(segments),
      catchAllParam: last?.kind === SegmentKind.CatchAll ? last.text : undefined,
      handler,
      page: component ? targetFor(rel, component, dir, configOf(mod)) : undefined,
      middlewares: ancestors(dir).flatMap((d) => middlewares.get(d) ?? []),
      allow: allowOf(handler, component !== undefined),
      config: configOf(mod),
      segments,
    };
  });
  routes.sort((a, b) => compareSegments(a.segments, b.segments));
  checkDuplicates(routes);

  const special = (name: string) => {
    const mod = specials.get(name);
    if (!mod) return undefined;
    // _404/_500 get the layouts of routes/ itself, like any page at the root.
    return targetFor(name, componentOf(mod, name, true), "", configOf(mod));
  };
  return {
    routes,
    notFound: special("_404"),
    serverError: special("_500"),
    rootMiddlewares: middlewares.get("") ?? [],
  };
}

function checkDuplicates<State>(routes: RouteEntry<State>[]): void {
  const seen = new Map<string, string>();
  for (const r of routes) {
    const key = r.patterns[0].replace(/:[A-Za-z0-9_]+/g, ":");
    const other = seen.get(key);
    if (other) throw new Error(`routes/${r.file} and routes/${other} both map to ${r.patterns[0]}`);
    seen.set(key, r.file);
  }
}

function componentOf(mod: Record<string, unknown>, rel: string, required: boolean): PageComponent {
  const c = mod.default;
  if (typeof c !== "function") {
    const what = required ? "must default-export a component" : "default export is not a component";
    throw new Error(`routes/${rel}: ${what}`);
  }
  return c as PageComponent;
}

function configOf(mod: Record<string, unknown>): RouteConfig {
  const c = mod.config;
  return typeof c === "object" && c !== null ? c as RouteConfig : {};
}

function handlerOf<State>(
  mod: Record<string, unknown>,
  rel: string,
): Handlers<unknown, State> | undefined {
  const h = mod.handler;
  if (h === undefined || typeof h === "function") return h as Handlers<unknown, State> | undefined;
  if (typeof h !== "object" || h === null) {
    throw new Error(`routes/${rel}: handler must be a function or an object of method handlers`);
  }
  for (const [key, value] of Object.entries(h)) {
    if (!METHODS.includes(key as Method) || typeof value !== "function") {
      throw new Error(
        `routes/${rel}: handler.${key} is not a method handler (expected ${
          METHODS.join("/")
        } functions)`,
      );
    }
  }
  return h as Handlers<unknown, State>;
}

function middlewareOf<State>(mod: Record<string, unknown>, rel: string): Middleware<State>[] {
  const h = mod.handler;
  const list = Array.isArray(h) ? h : [h];
  if (list.some((m) => typeof m !== "function")) {
    throw new Error(`routes/${rel}: export handler as a middleware function or an array of them`);
  }
  return list as Middleware<State>[];
}

function allowOf<State>(handler: Handlers<unknown, State> | undefined, hasPage: boolean): string {
  if (typeof handler === "function") return METHODS.join(", ");
  const set = new Set<string>(handler ? Object.keys(handler) : []);
  if (hasPage) set.add("GET");
  if (set.has("GET")) set.add("HEAD");
  return METHODS.filter((m) => set.has(m)).join(", ");
}
