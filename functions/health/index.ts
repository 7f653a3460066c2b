/** `health`: database reachability and latency, and the length of every queue. */
import { getPlatform, json } from "../_shared/platform.ts";
import { metrics } from "../../lib/queue/mod.ts";

export async function handler(_req: Request): Promise<Response> {
  const platform = await getPlatform();
  const t0 = performance.now();
  try {
    const queues = await platform.db.asService(async (tx) => {
      await tx.query("select 1");
      return await metrics(tx);
    });
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
    return json({ status: "degraded", mode: platform.mode, database: { ok: false } }, 503);
  }
}

if (import.meta.main) Deno.serve(handler);
