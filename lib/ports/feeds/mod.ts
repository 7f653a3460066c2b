/**
 * Reading external event sources: the safe, polite fetcher (fetcher.ts) and the Eventbrite
 * adapter (eventbrite.ts), built from the configuration once per process (the per-host pacing
 * and the robots.txt cache live in it).
 *
 * @module
 */
import type { Config } from "../../platform/config.ts";
import type { Db } from "../db/mod.ts";
import { createFeedFetcher, type FeedFetcher } from "./fetcher.ts";
import { createDbPacer, createPacer } from "./pacer.ts";

export { createFeedFetcher, FeedError, SCOUT_AGENT } from "./fetcher.ts";
export type { FeedFetcher, FetchOutcome, FetchRequest } from "./fetcher.ts";
export { fetchEventbritePages, NO_EVENTBRITE_TOKEN } from "./eventbrite.ts";

/**
 * The scout's fetcher for this configuration; `siteUrl` is the contact in its User-Agent. On
 * Postgres the per-host pacing is booked in the database (several processes may read feeds); on
 * PGlite (one process) in memory.
 */
export function feedFetcher(config: Config, siteUrl: string, db?: Db): FeedFetcher {
  const pacer = db?.driver.kind === "postgres" ? createDbPacer(db, 1000) : createPacer(1000);
  return createFeedFetcher({
    pacer,
    userAgent: `SoundcheckScout/1.0 (+${siteUrl}; gig scout)`,
    allowHosts: (config.SCOUT_ALLOW_HOSTS ?? "").split(",").map((h) => h.trim()).filter(Boolean),
    maxBytes: config.SCOUT_MAX_FEED_BYTES,
    timeoutMs: config.SCOUT_FETCH_TIMEOUT_MS,
  });
}
