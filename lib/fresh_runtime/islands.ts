/**
 * Island detection during SSR. Every function exported from a file in `islands/` is registered
 * here; a preact `options.vnode` hook swaps such components for a marker component whenever a
 * vnode of them is created. While `renderWithIslands` runs, the marker wraps the island's HTML in
 * `<sc-island data-island data-export data-props-id>` and records its props for hydration.
 * Islands rendered inside an island are left unmarked: they hydrate as part of the outer one.
 *
 * @module
 */
import { type ComponentChild, type ComponentType, h, options, type VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { findNonSerialisable } from "./serialize.ts";
import { importFile, isSourceModule, join, stripExt, walkFiles } from "./walk.ts";

/** An island module found in `islands/`. */
export interface IslandFile {
  /** Path relative to `islands/` without extension, e.g. `NotificationBadge`, `chat/Thread`. */
  name: string;
  /** Absolute path, the bundler's entry point. */
  path: string;
  /** Sanitised name for the bundle file (letters, digits and `_`). */
  chunkName: string;
}

/** What one SSR pass found. */
export interface IslandRender {
  html: string;
  /** Props per marker, indexed by `data-props-id`. */
  props: unknown[];
  /** Island names used on the page, in order of first use. */
  used: Set<string>;
}

type Props = Record<string, unknown>;

interface RenderState {
  props: unknown[];
  used: Set<string>;
  /** The vnode of the outermost island being rendered; `options.diffed` clears it. */
  open: VNode | null;
}

// Process-wide on purpose: preact's `options` is process-wide too, and a component is an island
// no matter which app instance rendered it.
const markers = new Map<unknown, ComponentType<Props>>();
let current: RenderState | null = null;
let hooksInstalled = false;

/** Installs the preact hooks (once per process, chaining hooks installed before). */
export function installIslandHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const prevVNode = options.vnode;
  options.vnode = (vnode) => {
    if (typeof vnode.type === "function") {
      const marker = markers.get(vnode.type);
      if (marker !== undefined) vnode.type = marker;
    }
    prevVNode?.(vnode);
  };
  const prevDiffed = options.diffed;
  options.diffed = (vnode) => {
    if (current !== null && current.open === vnode) current.open = null;
    prevDiffed?.(vnode);
  };
}

/** Registers `component` (export `exportName` of island `island`) for marking. */
export function registerIsland(
  island: string,
  exportName: string,
  component: ComponentType<Props>,
) {
  if (markers.has(component)) return; // re-exported elsewhere, or loaded by a second app
  function IslandMarker(props: Props): ComponentChild {
    const inner = h(component, props);
    // The vnode hook just swapped the type for this marker again; undo it for the real render.
    inner.type = component;
    const state = current;
    if (state === null || state.open !== null) return inner;
    const bad = findNonSerialisable(props);
    if (bad !== null) {
      throw new TypeError(
        `Island "${island}" (export ${exportName}) got a non-serialisable prop at ${bad}. ` +
          "Island props must be JSON data: strings, finite numbers, booleans, null, arrays and " +
          "plain objects. Pass data and create callbacks, dates or JSX inside the island.",
      );
    }
    state.open = inner;
    state.used.add(island);
    const id = state.props.push(props) - 1;
    const attrs: Props = {
      "data-island": island,
      "data-export": exportName,
      "data-props-id": String(id),
    };
    return h("sc-island", attrs, inner);
  }
  markers.set(component, IslandMarker);
}

/** Renders `vnode` to HTML, collecting the islands it contains. */
export function renderWithIslands(vnode: VNode): IslandRender {
  const state: RenderState = { props: [], used: new Set(), open: null };
  const prev = current;
  current = state;
  try {
    const html = renderToString(vnode);
    return { html, props: state.props, used: state.used };
  } finally {
    current = prev;
  }
}

/** Imports every module of `islandsDir` and registers its function exports as islands. */
export async function loadIslands(islandsDir: string): Promise<IslandFile[]> {
  const files = await walkFiles(islandsDir, isSourceModule);
  const islands = files.map((rel): IslandFile => {
    const name = stripExt(rel);
    return { name, path: join(islandsDir, rel), chunkName: name.replace(/[^A-Za-z0-9_]/g, "_") };
  });
  const chunkNames = new Set<string>();
  for (const island of islands) {
    if (chunkNames.has(island.chunkName)) {
      throw new Error(`islands/${island.name}: another island file maps to the same bundle name`);
    }
    chunkNames.add(island.chunkName);
  }
  const modules = await Promise.all(islands.map((i) => importFile(i.path)));
  islands.forEach((island, i) => {
    let found = 0;
    for (const [exportName, value] of Object.entries(modules[i])) {
      if (typeof value !== "function") continue;
      registerIsland(island.name, exportName, value as ComponentType<Props>);
      found++;
    }
    if (found === 0) throw new Error(`islands/${island.name}: exports no component`);
  });
  return islands;
}
