/**
 * Every request through the edge, measured: `http_requests_total` and
 * `http_request_duration_seconds` by route PATTERN (`/gigs/:id`, never the raw path: one series
 * per route, not per id; `(unmatched)` for the 404 path), and a warn-level log line for each
 * request slower than SLOW_REQUEST_MS. The time runs from the edge taking the request to the
 * route's response (for a stream, until its headers).
 *
 * @module
 */
import type { Middleware } from "../fresh_runtime/mod.ts";
import type { Platform } from "../platform/mod.ts";
import type { State } from "../../utils.ts";
import { HttpError } from "./errors.ts";

/** The route label of requests no file route matched. */
export const UNMATCHED = "(unmatched)";

/** `inner`, timed and counted; a thrown error counts with the status it will be answered with. */
export function measured(platform: Platform, inner: Middleware<State>): Middleware<State> {
  const { httpRequests, httpDuration } = platform.metrics;
  const slowMs = platform.config.SLOW_REQUEST_MS;
  return async function measure(ctx) {
    const start = performance.now();
    let status = 500;
    try {
      const res = await inner(ctx);
      status = res.status;
      return res;
    } catch (err) {
      // The runtime answers an HttpError with its status (the 404 page, the error page), else 500.
      if (err instanceof HttpError) status = err.status;
      throw err;
    } finally {
      const ms = performance.now() - start;
      const route = ctx.route ?? UNMATCHED;
      const method = ctx.req.method;
      httpRequests.inc({ route, method, status: String(status) });
      httpDuration.observe({ route, method }, ms / 1000);
      if (ms > slowMs) {
        // platform.log read per call: tests (and a future sink) may swap it.
        platform.log({
          level: "warn",
          msg: "slow request",
          route,
          method,
          status,
          ms: Math.round(ms * 100) / 100,
          request_id: ctx.requestId,
        });
      }
    }
  };
}
