/** Starts Soundcheck: the platform (embedded or Supabase), the worker, and the web server. */
import { loadConfig } from "./lib/platform/config.ts";
import { startPlatform } from "./lib/platform/mod.ts";
import { soundcheckJobs } from "./jobs.ts";
import { createServer } from "./server.ts";
import { demoAccounts, demoAllowed } from "./lib/platform/demo.ts";

const t0 = performance.now();
const config = loadConfig();
const platform = await startPlatform(config, soundcheckJobs);
const server = await createServer(platform);

const abort = new AbortController();
const httpServer = Deno.serve({
  port: config.PORT,
  hostname: config.HOSTNAME,
  signal: abort.signal,
  onListen: async ({ hostname, port }) => {
    const url = `http://${hostname}:${port}`;
    const lines = [
      "",
      `  Soundcheck is running at ${url}  (${platform.mode}, ready in ${
        Math.round(performance.now() - t0)
      } ms)`,
      platform.boot.migrated.length
        ? `  Applied migrations: ${platform.boot.migrated.join(", ")}`
        : "",
      platform.boot.seeded ? "  Seeded demo data from supabase/seed.sql" : "",
      // Public by design (supabase-js's `createClient(url, anonKey)`): it names the project only.
      platform.mode === "embedded" && platform.auth.anonKey
        ? `  API anon key: ${platform.auth.anonKey}`
        : "",
    ];
    if (platform.mode === "embedded" && demoAllowed(config)) {
      const demo = await demoAccounts(platform.db);
      if (demo.length) {
        lines.push("  Demo accounts (password: soundcheck-demo):");
        for (const d of demo) lines.push(`    ${d.email.padEnd(36)} ${d.role}`);
      }
      lines.push(`  Dev outbox (e-mail, from this machine only): ${url}/dev/outbox`);
    } else if (platform.mode === "embedded" && config.APP_ENV === "dev") {
      lines.push(
        `  Demo accounts and the dev outbox are off: ${hostname} is not a loopback address`,
      );
    }
    console.log(lines.filter(Boolean).join("\n") + "\n");
  },
}, server.fetch);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, async () => {
    abort.abort();
    await httpServer.finished;
    await platform.close();
    Deno.exit(0);
  });
}
