/** A whole Soundcheck server for integration and browser tests: in-memory database, temp storage. */
import { loadConfig } from "../../lib/platform/config.ts";
import { type Platform, startPlatform } from "../../lib/platform/mod.ts";
import { soundcheckJobs } from "../../jobs.ts";
import { databaseForTestApp } from "./postgres.ts";
import { createServer } from "../../server.ts";

export interface TestApp extends AsyncDisposable {
  platform: Platform;
  url: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** For restart tests: keep the data (use APP_ENV other than "test" for an on-disk database). */
export interface TestAppOptions {
  /** Use this directory instead of a fresh temporary one. */
  dataDir?: string;
  /** Listen on this port (0: any free one). */
  port?: number;
  /** Leave the data directory in place on close. */
  keepData?: boolean;
  /** Runs after the platform started and before the server listens (no request can arrive). */
  beforeListen?(platform: Platform): Promise<void>;
}

export async function startTestApp(
  env: Record<string, string> = {},
  opts: TestAppOptions = {},
): Promise<TestApp> {
  const dataDir = opts.dataDir ?? await Deno.makeTempDir({ prefix: "soundcheck-test-" });
  // Under the real-Postgres tier, the same tests run on a fresh copy of the migrated database.
  const pg = env.DATABASE_URL ? null : await databaseForTestApp();
  const platform = await startPlatform(
    // No API rate limit unless a test asks for one: suites and benches make many calls.
    loadConfig({
      APP_ENV: "test",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      API_RATE_LIMIT: "0",
      ...(pg ? { DATABASE_URL: pg.url } : {}),
      ...env,
    }),
    soundcheckJobs,
  );
  if (pg && platform.db.driver.kind !== "postgres") {
    throw new Error("TEST_DATABASE_URL is set, yet the test app is not on real Postgres");
  }
  const server = await createServer(platform);
  await opts.beforeListen?.(platform);
  const http = Deno.serve(
    { port: opts.port ?? 0, hostname: "127.0.0.1", onListen: () => {} },
    server.fetch,
  );
  const url = `http://127.0.0.1:${http.addr.port}`;
  const close = async () => {
    const stopped = http.shutdown();
    // Open live streams (SSE) never finish on their own: closing the hub ends them, so the
    // shutdown can complete even while a browser is still connected.
    await platform.realtime?.close();
    await stopped;
    await platform.close();
    await pg?.drop();
    if (!opts.keepData) await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  };
  return {
    platform,
    url,
    fetch: (path, init) => fetch(`${url}${path}`, { redirect: "manual", ...init }),
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Chromium flags for this machine: headless, no sandbox (root), no background network. */
export const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
  ],
};

/** A 2×2 PNG, for avatar uploads. */
export const TINY_PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);

/** Runs the worker until a pass finds nothing to do (at most `rounds` passes): every queue drained. */
export async function drainJobs(app: TestApp, rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    if ((await app.platform.worker.runOnce()).processed === 0) return;
  }
}
