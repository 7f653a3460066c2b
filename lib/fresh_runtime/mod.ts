/**
 * Soundcheck's Fresh runtime: serves Fresh 2's file conventions (routes/, islands/, static/) on
 * Hono, with preact SSR, island hydration bundled by esbuild and one twind stylesheet.
 *
 * Server-only: islands must import browser-safe helpers from `./runtime.ts`, never this module
 * (type-only imports are fine).
 *
 * @example
 * ```ts
 * import { createApp } from "./lib/fresh_runtime/mod.ts";
 * const app = await createApp<State>({ root: import.meta.dirname!, initialState: () => ({}) });
 * Deno.serve(app.fetch);
 * ```
 *
 * @module
 */
export { createApp } from "./app.ts";
export { createDefine, page } from "./define.ts";
export { HttpError } from "./error.ts";
export { IS_BROWSER } from "./runtime.ts";
export type {
  AppOptions,
  DataOf,
  Define,
  FreshApp,
  FreshContext,
  HandlerFn,
  Handlers,
  Method,
  Middleware,
  PageProps,
  PageResponse,
  RouteConfig,
} from "./types.ts";
