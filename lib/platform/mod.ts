/**
 * The platform: every port wired for the current mode (embedded or Supabase), built once per
 * process and handed to routes (through ctx.state) and to functions (through functions/_shared).
 */
import { type Config, isSupabase } from "../config.ts";
import type { Db } from "../db/mod.ts";
import type { AuthPort } from "../auth/port.ts";
import { createEmbeddedAuth } from "../auth/embedded.ts";
import { createSupabaseAuth } from "../auth/supabase.ts";
import { createTokenSigner } from "../auth/tokens.ts";
import type { StoragePort } from "../storage/port.ts";
import { createEmbeddedStorage } from "../storage/embedded.ts";
import { createSupabaseStorage } from "../storage/supabase.ts";
import type { RealtimeHub } from "../realtime/port.ts";
import { createEmbeddedRealtime } from "../realtime/embedded.ts";
import { createWorker, type Worker } from "../queue/worker.ts";
import { stagedJobsHandler } from "../queue/jobs.ts";
import { djRunJob } from "../dj/run.ts";
import { djDeps } from "../dj/service.ts";
import { createNotifyHandler } from "../notifications/mod.ts";
import { createDelivery } from "../notifications/delivery/mod.ts";
import { queueMessageDigests } from "../notifications/digest.ts";
import { type AiPort, createAiPort } from "../ai/mod.ts";
import { createMatchingHandler, queueReembedIfStale } from "../matching/handler.ts";
import { queueMail } from "../notifications/outbox.ts";
import { releaseDueReviews } from "../gigs/reviews.ts";
import { createLogger, type Logger } from "../log.ts";
import { openDatabase } from "./database.ts";
import { loadJwtSecret } from "./secrets.ts";
import { demoAllowed } from "./demo.ts";

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
  /** What boot did, for the startup banner. */
  boot: { migrated: string[]; seeded: boolean; ms: number };
  close(): Promise<void>;
}

export async function startPlatform(config: Config): Promise<Platform> {
  const t0 = performance.now();
  const log = createLogger(config.LOG_LEVEL);
  const { db, migrated, seeded } = await openDatabase(config);
  const supabase = isSupabase(config);
  const siteUrl = config.SITE_URL ?? `http://${config.HOSTNAME}:${config.PORT}`;

  let auth: AuthPort;
  let storage: StoragePort;
  let realtime: RealtimeHub | null = null;
  if (supabase) {
    const url = config.SUPABASE_URL!;
    const anonKey = config.SUPABASE_ANON_KEY;
    if (!anonKey) throw new Error("Supabase mode needs SUPABASE_ANON_KEY");
    auth = { ...createSupabaseAuth({ url, anonKey }), anonKey };
    storage = createSupabaseStorage({ url, anonKey });
  } else {
    const secret = await loadJwtSecret(config);
    const signer = createTokenSigner(secret, config.JWT_EXPIRY_SECONDS, `${siteUrl}/auth/v1`);
    auth = {
      ...createEmbeddedAuth({
        db,
        signer,
        sendMail: (tx, mail) => queueMail(tx, mail),
        allowDemo: demoAllowed(config),
      }),
      anonKey: await signer.anonKey(),
    };
    // Relative URLs unless SITE_URL is set: the page works whatever host and port it is served on.
    storage = createEmbeddedStorage({
      db,
      root: `${config.DATA_DIR}/storage`,
      publicBaseUrl: config.SITE_URL,
    });
    realtime = await createEmbeddedRealtime(db);
  }

  const ai = createAiPort(config);
  const worker = createWorker({
    db,
    handlers: {
      notify: createNotifyHandler({
        delivery: createDelivery(config, supabase ? "supabase" : "embedded"),
        siteUrl,
        retry: { maxAttempts: config.OUTBOX_MAX_ATTEMPTS },
        log,
      }),
      matching: createMatchingHandler({ ai, log }),
      ai: stagedJobsHandler([djRunJob(() => djDeps({ db, ai, log, config }))]),
    },
    log,
    // Reviews become visible 14 days after completion even if only one side wrote one; on
    // Supabase pg_cron runs the same function.
    periodic: [{
      name: "release_due_reviews",
      everyMs: 5 * 60_000,
      run: (d) => d.asService(releaseDueReviews),
    }, {
      // One e-mail per user for chat messages unread for 15 minutes; pg_cron too on Supabase.
      name: "message_digest",
      everyMs: 60_000,
      run: (d) => d.asService((tx) => queueMessageDigests(tx)),
    }],
  });
  // Vectors of another embedding model (or none) are re-embedded by a queued sweep.
  if (config.WORKER === "on") {
    await db.asService((tx) => queueReembedIfStale(tx, ai.embeddingModel)).catch((err) =>
      log({ level: "warn", msg: "embedding check failed", error: String(err) })
    );
  }
  // pgmq's visibility timeout makes several consumers safe: the server's loop may run beside
  // pg_cron's calls to functions/worker (set WORKER=off to leave the queues to pg_cron alone).
  if (config.WORKER === "on") worker.start();

  return {
    config,
    mode: supabase ? "supabase" : "embedded",
    db,
    auth,
    storage,
    realtime,
    worker,
    ai,
    log,
    boot: { migrated, seeded, ms: Math.round(performance.now() - t0) },
    async close() {
      await worker.stop();
      await realtime?.close();
      await db.driver.close();
    },
  };
}
