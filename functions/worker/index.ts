/**
 * `worker`: drains the queues for up to a time budget. On Supabase, pg_cron + pg_net call it
 * every few seconds; embedded, the server runs the same worker in a loop and this is for manual use.
 */
import { getPlatform, json } from "../_shared/platform.ts";

const BUDGET_MS = 20_000;

export async function handler(req: Request): Promise<Response> {
  const platform = await getPlatform();
  const secret = platform.config.WORKER_SECRET ?? platform.config.SUPABASE_SERVICE_ROLE_KEY;
  if (req.method !== "POST") return json({ error: { status: 405, message: "Use POST" } }, 405);
  if (!secret) {
    return json(
      { error: { status: 403, message: "Set WORKER_SECRET to enable this endpoint" } },
      403,
    );
  }
  if (req.headers.get("authorization") !== `Bearer ${secret}`) {
    return json({
      error: { status: 401, message: "Invalid worker secret", field: "authorization" },
    }, 401);
  }
  const started = performance.now();
  const total = { processed: 0, skipped: 0, failed: 0, deadLettered: 0, rounds: 0 };
  while (performance.now() - started < BUDGET_MS) {
    const r = await platform.worker.runOnce();
    total.rounds++;
    total.processed += r.processed;
    total.skipped += r.skipped;
    total.failed += r.failed;
    total.deadLettered += r.deadLettered;
    if (r.processed + r.skipped + r.deadLettered === 0) break;
  }
  return json({ ...total, ms: Math.round(performance.now() - started) });
}

if (import.meta.main) Deno.serve(handler);
