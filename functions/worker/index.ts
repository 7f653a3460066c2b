/**
 * `worker`: drains the queues for up to a time budget. On Supabase, pg_cron + pg_net call it
 * every few seconds; embedded, the server runs the same worker in a loop and this is for manual use.
 */
import { defineFunction } from "../_shared/serve.ts";
import { json } from "../_shared/platform.ts";
import { workerAuthorised, workerSecret } from "../_shared/secret.ts";
import { HttpError } from "../../lib/web/errors.ts";

const BUDGET_MS = 20_000;

export const worker = defineFunction(async ({ req, platform }) => {
  if (req.method !== "POST") {
    throw new HttpError(405, "Use POST", { field: "method", headers: { allow: "POST" } });
  }
  if (!workerSecret(platform)) {
    throw new HttpError(403, "Set WORKER_SECRET to enable this endpoint");
  }
  if (!workerAuthorised(platform, req)) {
    throw new HttpError(401, "Invalid worker secret", { field: "authorization" });
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
});

if (import.meta.main) Deno.serve(worker.handler);
