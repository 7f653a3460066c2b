/**
 * `page()` and `createDefine()`: the helpers route modules use to shape and type their exports.
 *
 * @module
 */
import type { Define, PageResponse } from "./types.ts";

/**
 * Tells the runtime to render the route's page component with `data`.
 *
 * @example
 * ```ts
 * export const handler = define.handlers({
 *   async GET(ctx) {
 *     return page({ gig: await loadGig(ctx.params.id) });
 *   },
 * });
 * ```
 */
export function page<Data>(
  data?: Data,
  init?: { status?: number; headers?: HeadersInit },
): PageResponse<Data> {
  // `data` is always present as a key so `page()` without data still reads as a page response.
  return { data: data as Data, status: init?.status, headers: init?.headers };
}

/**
 * Creates the typed `define` helpers for an app's State. Call it once (in `utils.ts`) and use
 * `define.page<typeof handler>` so the page's `data` is inferred from the handler.
 *
 * @example
 * ```ts
 * export const define = createDefine<State>();
 * export const handler = define.handlers({ GET: () => page({ n: 1 }) });
 * export default define.page<typeof handler>(({ data }) => <p>{data.n}</p>);
 * ```
 */
export function createDefine<State>(): Define<State> {
  return {
    handlers: (h) => h,
    page: (c) => c,
    middleware: (m) => m,
  };
}
