/** The worker secret (or the service role key): what pg_cron and operators present. */
import type { Platform } from "../../lib/platform/mod.ts";
import { constantTimeEqual } from "../../lib/web/session.ts";

/** The configured secret, or null when the worker endpoint is off. */
export function workerSecret(platform: Platform): string | null {
  return platform.config.WORKER_SECRET ?? platform.config.SUPABASE_SERVICE_ROLE_KEY ?? null;
}

/** True when the request carries `Authorization: Bearer <secret>` (compared in constant time). */
export function workerAuthorised(platform: Platform, req: Request): boolean {
  const secret = workerSecret(platform);
  const sent = req.headers.get("authorization");
  return secret !== null && sent !== null && constantTimeEqual(sent, `Bearer ${secret}`);
}
