/**
 * Browser entry of the island bundle: hydrates every `<sc-island>` marker the server rendered.
 * The page's inline module script imports this and the island chunks it needs, then calls `boot`.
 * Bundled by esbuild together with the islands so preact is one shared chunk.
 *
 * @module
 */
import { type ComponentType, h, hydrate } from "preact";

/** Island modules by island name (`islands/` path without extension). */
export type IslandModules = Record<string, Record<string, unknown>>;

/**
 * Hydrates all island markers, then sets `<html data-hydrated="1">` (or `"error"` when an island
 * failed) so tests and scripts can wait for interactivity.
 */
export function boot(modules: IslandModules): void {
  const root = document.documentElement;
  const propsText = document.getElementById("__sc_props")?.textContent;
  const allProps: Record<string, unknown>[] = propsText ? JSON.parse(propsText) : [];
  let failed = false;
  for (const marker of Array.from(document.querySelectorAll<HTMLElement>("sc-island"))) {
    const name = marker.dataset.island ?? "";
    const exportName = marker.dataset.export ?? "default";
    const component = modules[name]?.[exportName];
    if (typeof component !== "function") {
      console.error(`Island ${name} (export ${exportName}) is missing from the bundle`);
      failed = true;
      continue;
    }
    try {
      const props = allProps[Number(marker.dataset.propsId)] ?? {};
      hydrate(h(component as ComponentType<Record<string, unknown>>, props), marker);
    } catch (err) {
      // One broken island must not keep the others dead.
      console.error(`Island ${name} failed to hydrate`, err);
      failed = true;
    }
  }
  root.dataset.hydrated = failed ? "error" : "1";
}
