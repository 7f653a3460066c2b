/**
 * The platform: every port wired for the current mode (embedded or Supabase), built once per
 * process and handed to routes (through ctx.state) and to functions (through functions/_shared).
 */
import { type Config, isSupabase, supabasePublicUrl } from "./config.ts";
import { createDb, type Db } from "../ports/db/mod.ts";
import { timedDriver } from "../ports/db/timed.ts";
import type { AuthPort } from "../ports/auth/port.ts";
import { createSupabaseAuth } from "../ports/auth/supabase.ts";
import type { StoragePort } from "../ports/storage/port.ts";
import { createSupabaseStorage } from "../ports/storage/supabase.ts";
import type { RealtimeHub } from "../ports/realtime/port.ts";
import { createWorker, type Worker, type WorkerOptions } from "../ports/queue/worker.ts";
import { type AiPort, createAiPort } from "../ports/ai/mod.ts";
import { createLogger, type Logger } from "./log.ts";
import { loadEmbedded, openDatabase } from "./database.ts";
import { type AppMetrics, collectOnScrape, countJob, createAppMetrics } from "./app_metrics.ts";

export interface Platform {
  config: Config;
  mode: "embedded" | "supabase";
  db: Db;
  auth: AuthPort;
  storage: StoragePort;
  /** Embedded only: the NOTIFY → SSE hub. On Supabase, browsers talk to Supabase Realtime. */
  realtime: RealtimeHub | null;
  worker: Worker;
  /** AI writing and embeddings: live (openai SDK) with OPENAI_API_KEY/OPENAI_BASE_URL, else offline. */
  ai: AiPort;
  log: Logger;
  /** What `/metrics` exposes: the edge, the worker and the database record into it. */
  metrics: AppMetrics;
  /** What boot did, for the startup banner. */
  boot: { migrated: string[]; seeded: boolean; ms: number };
  close(): Promise<void>;
}

/** What an app's jobs are built from: the platform's ports and settings. */
export interface JobPorts {
  config: Config;
  db: Db;
  ai: AiPort;
  log: Logger;
  mode: "embedded" | "supabase";
  siteUrl: string;
  storage: StoragePort;
}

/** An app's queue consumers and periodic sweeps, and what to do once at boot (worker on). */
export type Jobs = Pick<WorkerOptions, "handlers" | "periodic"> & {
  boot?: (db: Db) => Promise<unknown>;
  /** At shutdown, before the worker stops (e.g. end the jobs' DSP threads). */
  close?: () => void | Promise<void>;
};

/**
 * Builds the ports for `config` and the worker that runs `jobs` on them (the app's are
 * `soundcheckJobs` in jobs.ts, at the top level: the platform knows no domain).
 */
export async function startPlatform(
  config: Config,
  jobs: (ports: JobPorts) => Jobs,
): Promise<Platform> {
  const t0 = performance.now();
  const log = createLogger(config.LOG_LEVEL);
  const opened = await openDatabase(config);
  const { migrated, seeded } = opened;
  // Timed once, here: every statement of the process counts towards db_query_duration_seconds.
  const metrics = createAppMetrics();
  const db = createDb(
    timedDriver(opened.db.driver, (s) => metrics.dbDuration.observe({}, s)),
  );
  collectOnScrape(metrics, db);
  const supabase = isSupabase(config);
  const siteUrl = config.SITE_URL ?? `http://${config.HOSTNAME}:${config.PORT}`;

  let auth: AuthPort;
  let storage: StoragePort;
  let realtime: RealtimeHub | null = null;
  if (supabase) {
    const url = config.SUPABASE_URL!;
    const anonKey = config.SUPABASE_ANON_KEY;
    if (!anonKey) {
      throw new Error(
        "Supabase mode needs SUPABASE_PUBLISHABLE_KEY (or the legacy SUPABASE_ANON_KEY)",
      );
    }
    auth = { ...createSupabaseAuth({ url, anonKey }), anonKey };
    storage = createSupabaseStorage({ url, anonKey, publicUrl: supabasePublicUrl(config) });
  } else {
    // Loaded only here (and by openDatabase): Edge Functions, in Supabase mode, never bundle them.
    ({ auth, storage, realtime } = await (await loadEmbedded()).ports(config, db, siteUrl));
  }

  const ai = createAiPort(config);
  const mode = supabase ? "supabase" : "embedded";
  const { boot, close: closeJobs, ...work } = jobs({
    config,
    db,
    ai,
    log,
    mode,
    siteUrl,
    storage,
  });
  const worker = createWorker({
    db,
    log,
    ...work,
    onOutcome: (queue, outcome) => countJob(metrics, queue, outcome),
  });
  if (config.WORKER === "on" && boot) {
    await boot(db).catch((err) =>
      log({ level: "warn", msg: "the jobs' boot step failed", error: String(err) })
    );
  }
  // pgmq's visibility timeout makes several consumers safe: the server's loop may run beside
  // pg_cron's calls to functions/worker (set WORKER=off to leave the queues to pg_cron alone).
  if (config.WORKER === "on") worker.start();

  return {
    config,
    mode,
    db,
    auth,
    storage,
    realtime,
    worker,
    ai,
    log,
    metrics,
    boot: { migrated, seeded, ms: Math.round(performance.now() - t0) },
    async close() {
      const stopped = worker.stop(); // no new message from here on
      await closeJobs?.();
      await stopped;
      await realtime?.close();
      await db.driver.close();
    },
  };
}
