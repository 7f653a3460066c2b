/**
 * The platform a function runs on: the web server's own when mounted in it, else one built from
 * the environment (Supabase Edge Runtime, or `deno run functions/<name>/index.ts`).
 */
import { loadConfig } from "../../lib/platform/config.ts";
import { type Platform, startPlatform } from "../../lib/platform/mod.ts";
import { soundcheckJobs } from "../../jobs.ts";

let current: Promise<Platform> | null = null;

/** Called by the web server so mounted functions share its database and ports. */
export function usePlatform(platform: Platform): void {
  current = Promise.resolve(platform);
}

export function getPlatform(): Promise<Platform> {
  // A standalone function never runs the worker loop: functions/worker is invoked instead.
  current ??= startPlatform(
    loadConfig({ ...Deno.env.toObject(), WORKER: "off" }),
    soundcheckJobs,
  );
  return current;
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
