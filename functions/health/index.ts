/**
 * `health`: is the service up? Anyone gets the status; the database latency and the length of
 * every queue only with `Authorization: Bearer <WORKER_SECRET or service role key>`.
 */
import { defineFunction } from "../_shared/serve.ts";
import { json } from "../_shared/platform.ts";
import { workerAuthorised } from "../_shared/secret.ts";
import { metrics } from "../../lib/ports/queue/mod.ts";

export const health = defineFunction(async ({ req, platform }) => {
  const t0 = performance.now();
  const detailed = workerAuthorised(platform, req);
  try {
    const queues = await platform.db.asService(async (tx) => {
      await tx.query("select 1");
      return detailed ? await metrics(tx) : [];
    });
    if (!detailed) return json({ status: "ok" });
    return json({
      status: "ok",
      mode: platform.mode,
      database: {
        ok: true,
        ms: Math.round((performance.now() - t0) * 10) / 10,
        driver: platform.db.driver.kind,
      },
      queues: queues.map((q) => ({
        name: q.queue_name,
        length: q.queue_length,
        oldest_age_s: q.oldest_msg_age_sec,
        total: q.total_messages,
      })),
    });
  } catch (err) {
    platform.log({ level: "error", msg: "health check failed", error: String(err) });
    return json({ status: "degraded" }, 503);
  }
});

if (import.meta.main) Deno.serve(health.handler);
