/**
 * `GET /metrics`: Prometheus' text exposition of lib/platform/app_metrics.ts, only with
 * `Authorization: Bearer <METRICS_SECRET>`; without METRICS_SECRET there is no such page (404).
 * The edge reads the bearer as a token that is no user's (as the worker secret), so it passes
 * through to here and is compared in constant time.
 */
import { define } from "../utils.ts";
import { HttpError } from "../lib/web/errors.ts";
import { constantTimeEqual } from "../lib/web/session.ts";
import { EXPOSITION_CONTENT_TYPE } from "../lib/platform/metrics.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const { platform } = ctx.state;
    const secret = platform.config.METRICS_SECRET;
    if (!secret) throw new HttpError(404, "Not Found");
    const sent = ctx.req.headers.get("authorization");
    if (sent === null || !constantTimeEqual(sent, `Bearer ${secret}`)) {
      // A plain 401 (a page's 401 would redirect to sign-in): scrapers read the status.
      return new Response("Send Authorization: Bearer <METRICS_SECRET>\n", {
        status: 401,
        headers: {
          "content-type": "text/plain; charset=utf-8",
          "www-authenticate": 'Bearer realm="metrics"',
          "cache-control": "no-store",
        },
      });
    }
    return new Response(await platform.metrics.registry.expose(), {
      headers: { "content-type": EXPOSITION_CONTENT_TYPE, "cache-control": "no-store" },
    });
  },
});
