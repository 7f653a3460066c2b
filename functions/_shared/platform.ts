/**
 * The platform a function runs on: the web server's own when mounted in it, else one built from
 * the environment (Supabase Edge Runtime, or `deno run functions/<name>/index.ts`). In Supabase
 * mode that platform is Supabase's adapters only: lib/platform loads the embedded ones (PGlite…)
 * on demand, so a function's bundle never holds them.
 */
import { type Config, isSupabase, loadConfig } from "../../lib/platform/config.ts";
import { type Platform, startPlatform } from "../../lib/platform/mod.ts";
import { soundcheckJobs } from "../../jobs.ts";

let current: Promise<Platform> | null = null;

/** Called by the web server so mounted functions share its database and ports. */
export function usePlatform(platform: Platform): void {
  current = Promise.resolve(platform);
}

/**
 * A standalone function's configuration. A function never runs the worker loop (functions/worker
 * is invoked instead), and on Supabase it needs SITE_URL: it is not the web app, so the server's
 * own-address fallback would put http://127.0.0.1:8000 into the links of the e-mails it sends.
 */
export function functionConfig(env: Record<string, string | undefined>): Config {
  const config = loadConfig({ ...env, WORKER: "off" });
  if (isSupabase(config) && !config.SITE_URL) {
    throw new Error(
      "SITE_URL is not set: functions link to the web app (e-mails, redirects). " +
        "Set it to the app's public origin, e.g. `supabase secrets set SITE_URL=https://app.example`",
    );
  }
  return config;
}

export function getPlatform(): Promise<Platform> {
  if (!current) {
    const starting = Promise.resolve()
      .then(() => startPlatform(functionConfig(Deno.env.toObject()), soundcheckJobs));
    // A failed start (bad configuration) is retried by the next request, not cached.
    starting.catch(() => {
      if (current === starting) current = null;
    });
    current = starting;
  }
  return current;
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
