/**
 * The worker's composition: which domain consumes which queue, and the periodic sweeps. The
 * platform (lib/platform) runs it on the ports it built; `functions/worker` runs the same jobs
 * when pg_cron calls it on Supabase.
 *
 * A queue's consumer is a plain handler, or staged jobs (lib/ports/queue/jobs.ts) for AI work
 * that reports progress: the DJ's runs, the studio's songs, masters and reports, the artists'
 * imports and plans.
 */
import type { JobPorts, Jobs } from "./lib/platform/mod.ts";
import { stagedJobsHandler } from "./lib/ports/queue/jobs.ts";
import { createDelivery } from "./lib/ports/mail/mod.ts";
import { djRunJob } from "./lib/domains/dj/run.ts";
import { djDeps } from "./lib/domains/dj/service.ts";
import { createNotifyHandler } from "./lib/domains/notifications/mod.ts";
import { queueMessageDigests } from "./lib/domains/notifications/digest.ts";
import { createMatchingHandler, queueReembedIfStale } from "./lib/domains/matching/handler.ts";
import { releaseDueReviews } from "./lib/domains/gigs/reviews.ts";
import { paymentDeps, paymentsQueueHandler, sweepPayments } from "./lib/domains/payments/mod.ts";
import { renewBuiltinPlans } from "./lib/domains/plans/mod.ts";
import { PRO_FIRST, songJob } from "./lib/domains/studio/job.ts";
import { studioDeps } from "./lib/domains/studio/service.ts";
import { masterJob } from "./lib/domains/studio/master/jobs.ts";
import { masterDeps } from "./lib/domains/studio/master/service.ts";
import { meterJob } from "./lib/domains/studio/meter/jobs.ts";
import { meterDeps } from "./lib/domains/studio/meter/service.ts";
import { closeDsp } from "./lib/audio/offthread/mod.ts";
import { importJob, planJob } from "./lib/domains/artists/artist_jobs.ts";
import { drawingJob } from "./lib/domains/artists/art_job.ts";
import { ownerCaller } from "./lib/ports/storage/port.ts";
import { scoutingHandler } from "./lib/domains/scout/queue.ts";
import { autoScoutKinds, enqueueDigests } from "./lib/domains/scout/auto/mod.ts";
import { scoutSourceJob } from "./lib/domains/scout/source_job.ts";
import { feedFetcher } from "./lib/ports/feeds/mod.ts";
import { exportJob } from "./lib/domains/account/export_job.ts";
import { sweepAccounts } from "./lib/domains/account/purge.ts";

export function soundcheckJobs(
  { config, db, ai, log, mode, siteUrl, storage }: JobPorts,
): Jobs {
  // Built once: the providers (and the built-in one's memory) are shared with the routes.
  const payments = paymentDeps({ db, config, siteUrl, log });
  // The scout's fetcher keeps the per-host pacing and the robots.txt cache: one per process.
  const scoutFetcher = feedFetcher(config, siteUrl, db);
  return {
    handlers: {
      notify: createNotifyHandler({
        delivery: createDelivery(config, mode),
        siteUrl,
        retry: { maxAttempts: config.OUTBOX_MAX_ATTEMPTS },
        log,
      }),
      matching: createMatchingHandler({ ai, log }),
      ai: stagedJobsHandler([djRunJob(() => djDeps({ db, ai, log, config }))]),
      // Refunds and payouts at the provider, retried with backoff; the daily reconcile.
      payments: paymentsQueueHandler(() => payments),
      // Songs: pro songs' messages read first; GENERATION_CONCURRENCY at once (rendering is CPU);
      // a stage may render minutes of audio or wait on a provider for a minute.
      generation: stagedJobsHandler([
        songJob(() => studioDeps({ db, ai, log, config, storage, mode })),
      ], {
        concurrency: config.GENERATION_CONCURRENCY,
        visibilityTimeout: 180,
        preferred: PRO_FIRST,
      }),
      // Masters: one at a time (a 4-minute song is seconds of CPU); a stage may decode, master
      // or encode minutes of audio.
      mastering: stagedJobsHandler([
        masterJob(() => masterDeps({ db, ai, log, config, storage, mode })),
      ], { concurrency: 1, visibilityTimeout: 180 }),
      // Hit meter reports: measuring is CPU, writing waits on the AI.
      scoring: stagedJobsHandler([
        meterJob(() => meterDeps({ db, ai, log, config, storage, mode })),
      ], { concurrency: 2, visibilityTimeout: 120 }),
      // Virtual artists: large CSV imports and evolution plans (seconds of SQL and arithmetic),
      // and the image provider's art (up to a minute a picture).
      artists: stagedJobsHandler([
        importJob(),
        planJob(() => Promise.resolve({ db })),
        drawingJob(() =>
          Promise.resolve({
            db,
            ai,
            storage,
            log,
            uploader: ownerCaller(mode, config.SUPABASE_SERVICE_ROLE_KEY),
          })
        ),
        // People's data exports (lib/domains/account): seconds of SQL and file reads.
        exportJob(() =>
          Promise.resolve({
            db,
            storage,
            asOwner: ownerCaller(mode, config.SUPABASE_SERVICE_ROLE_KEY),
          })
        ),
      ], { visibilityTimeout: 180 }),
      // The gig scout: sources read politely (slow), and the work done for people who opted in.
      scouting: scoutingHandler({
        ...autoScoutKinds,
        scout_source: scoutSourceJob(() => ({
          fetcher: scoutFetcher,
          ai,
          eventbrite: { apiUrl: config.EVENTBRITE_API_URL, token: config.EVENTBRITE_TOKEN },
        })),
      }),
    },
    periodic: [{
      // Scout sources whose time has come are queued (pg_cron queues them on Supabase).
      name: "scout_sources",
      everyMs: 60_000,
      run: (d) => d.asService((tx) => tx.query("select private.enqueue_due_scout_sources()")),
    }, {
      // The scout's daily digests: queued once per musician per UTC day (pg_cron on Supabase).
      name: "scout_digests",
      everyMs: 3600_000,
      run: (d) => d.asService((tx) => enqueueDigests(tx).then(() => {})),
    }, {
      // Reviews become visible 14 days after completion even if only one side wrote one; on
      // Supabase pg_cron runs the same function.
      name: "release_due_reviews",
      everyMs: 5 * 60_000,
      run: (d) => d.asService(releaseDueReviews),
    }, {
      // One e-mail per user for chat messages unread for 15 minutes; pg_cron too on Supabase.
      name: "message_digest",
      everyMs: 60_000,
      run: (d) => d.asService((tx) => queueMessageDigests(tx)),
    }, {
      // Held funds released PAYMENT_RELEASE_DAYS after the gig unless disputed (pg_cron runs the
      // same SQL on Supabase), lost provider work queued again, built-in payouts settled.
      name: "payments",
      everyMs: 60_000,
      run: () => sweepPayments(payments).then(() => {}),
    }, {
      // Queues the day's reconcile once (pg_cron queues it on Supabase; the first call wins).
      name: "payments_reconcile",
      everyMs: 3600_000,
      run: (d) => d.asService((tx) => tx.query("select private.enqueue_payment_reconcile()")),
    }, {
      // The built-in provider's subscription renewals (Stripe Billing renews its own).
      name: "plan_renewals",
      everyMs: 60_000,
      run: () => renewBuiltinPlans(payments).then(() => {}),
    }, {
      // Artists whose figures changed get a plan weekly (pg_cron queues the same on Supabase;
      // an artist planned in the last 6 days is skipped, so hourly here is still weekly).
      name: "artist_analysis",
      everyMs: 3600_000,
      run: (d) => d.asService((tx) => tx.query("select private.enqueue_artist_analyses()")),
    }, {
      // Accounts whose 30 days to restore are over are purged (SQL, then their files through
      // storage), and expired data exports removed. Needs the storage port: the worker's task.
      name: "account_purges",
      everyMs: 3600_000,
      run: (d) =>
        sweepAccounts({
          db: d,
          storage,
          asOwner: ownerCaller(mode, config.SUPABASE_SERVICE_ROLE_KEY),
          log,
        }),
    }],
    // The studio's DSP workers (masters, meters, encodes) end with the server: a running task
    // fails (its message is delivered again later) instead of holding the shutdown.
    close: closeDsp,
    // Vectors of another embedding model (or none) are re-embedded by a queued sweep.
    boot: (d) => d.asService((tx) => queueReembedIfStale(tx, ai.embeddingModel)),
  };
}
