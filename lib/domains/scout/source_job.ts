/**
 * Reading one source (`scouting` message `{ kind: "scout_source", source_id }`), in the detached
 * style of queue.ts: the source is loaded in a short transaction, fetched and parsed outside any
 * (a slow server holds nothing), and the outcome committed in one: gigs upserted by (source,
 * uid), duplicates linked across sources, a run row, the source's health and next time. A feed
 * that is malformed, too large or too slow fails its own source with a sentence saying why
 * (failures back off: every_hours × 2, × 4… up to a week); it never fails the message, so other
 * sources carry on.
 *
 * @module
 */
import { z } from "zod";
import type { AiPort } from "../../ports/ai/mod.ts";
import type { Tx } from "../../ports/db/mod.ts";
import type { Commit } from "../../ports/queue/worker.ts";
import { FeedError, type FeedFetcher, fetchEventbritePages } from "../../ports/feeds/mod.ts";
import { eventbritePagination, parseFeed } from "./parse/mod.ts";
import { guessGenres } from "./genres.ts";
import { linkDuplicates, upsertDrafts } from "./external.ts";
import type { ScoutKindHandler } from "./queue.ts";
import type { ExternalGigDraft, ParseResult, SourceKind } from "./types.ts";

export interface SourceJobDeps {
  fetcher: FeedFetcher;
  ai: AiPort;
  eventbrite: { apiUrl: string; token: string | undefined };
  now?: () => Date;
}

/** What the job needs of a source (read as the service). */
export interface SourceRow {
  id: string;
  owner_id: string;
  is_public: boolean;
  kind: SourceKind;
  url: string | null;
  org_id: string | null;
  /** Where times given without a zone are local. */
  timezone: string;
  enabled: boolean;
  etag: string | null;
  last_modified: string | null;
}

export type ReadOutcome =
  | {
    status: "ok";
    httpStatus: number | null;
    result: ParseResult;
    etag: string | null;
    lastModified: string | null;
  }
  | { status: "unchanged"; httpStatus: 304 }
  | { status: "failed"; httpStatus: number | null; error: string };

const ACCEPT: Record<SourceKind, string> = {
  ical: "text/calendar, text/plain;q=0.5, */*;q=0.1",
  jsonld: "text/html, application/xhtml+xml, application/ld+json;q=0.9, */*;q=0.1",
  rss: "application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
  atom: "application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
  csv: "text/csv, text/plain;q=0.5",
  eventbrite: "application/json",
};

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A parse that read nothing and said why is the source's failure: the feed's own error ("this is
 * not an iCalendar feed…"), or that none of its items could be read.
 */
function feedFailure(result: ParseResult): string | null {
  if (result.events.length > 0 || result.errors.length === 0) return null;
  const feed = result.errors.find((e) => e.item === "feed");
  if (feed) return sentence(feed.message);
  const first = result.errors[0];
  const n = result.errors.length;
  const what = n === 1
    ? "The feed's only item could not be read"
    : `None of the ${n} items could be read`;
  return `${what}: ${first.item}: ${first.message}`;
}

/** Fetches and parses the source (never throws for the source's own faults). */
export async function readSource(deps: SourceJobDeps, source: SourceRow): Promise<ReadOutcome> {
  const now = deps.now?.() ?? new Date();
  try {
    if (source.kind === "eventbrite") {
      const pages = await fetchEventbritePages(deps.fetcher, {
        ...deps.eventbrite,
        orgId: source.org_id ?? "",
        next: (body) => {
          const p = eventbritePagination(body);
          return p.hasMore ? p.continuation : null;
        },
      });
      const result: ParseResult = { events: [], errors: [] };
      for (const body of pages) {
        const page = parseFeed("eventbrite", body, { now, defaultTimezone: source.timezone });
        result.events.push(...page.events);
        result.errors.push(...page.errors);
      }
      const failed = feedFailure(result);
      if (failed) return { status: "failed", httpStatus: 200, error: failed };
      return { status: "ok", httpStatus: 200, result, etag: null, lastModified: null };
    }
    if (!source.url) {
      return { status: "failed", httpStatus: null, error: "The source has no address" };
    }
    const got = await deps.fetcher.fetch({
      url: source.url,
      etag: source.etag,
      lastModified: source.last_modified,
      accept: ACCEPT[source.kind],
    });
    if (got.status === "unchanged") return got;
    const result = parseFeed(source.kind, got.body, {
      url: got.url,
      now,
      defaultTimezone: source.timezone,
    });
    const failed = feedFailure(result);
    if (failed) return { status: "failed", httpStatus: got.httpStatus, error: failed };
    return {
      status: "ok",
      httpStatus: got.httpStatus,
      result,
      etag: got.etag,
      lastModified: got.lastModified,
    };
  } catch (err) {
    if (err instanceof FeedError) {
      return { status: "failed", httpStatus: err.httpStatus, error: err.message };
    }
    const why = err instanceof Error ? err.message : String(err);
    return { status: "failed", httpStatus: null, error: `Reading the source failed: ${why}` };
  }
}

/** Fills genres through the AI port; a failing AI leaves them as they are. */
export async function withGenres(
  ai: AiPort,
  drafts: ExternalGigDraft[],
): Promise<ExternalGigDraft[]> {
  try {
    return await guessGenres(ai, drafts);
  } catch {
    return drafts;
  }
}

export interface RunSummary {
  status: ReadOutcome["status"];
  items: number;
  new_items: number;
  updated_items: number;
  duplicates: number;
  error: string | null;
  item_errors: { item: string; message: string }[];
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Commits a read of `sourceId` (as the service): gigs, duplicate links, a run row, the source's
 * health and schedule. Null when the source is gone.
 */
export async function recordRun(
  tx: Tx,
  sourceId: string,
  startedAt: Date,
  outcome: ReadOutcome,
): Promise<RunSummary | null> {
  const [source] = await tx.query<SourceRow>(
    `select id, owner_id, is_public, kind, url, org_id, timezone, enabled, etag, last_modified
       from public.scout_sources where id = $1 for update`,
    [sourceId],
  );
  if (!source) return null;
  const summary: RunSummary = {
    status: outcome.status,
    items: 0,
    new_items: 0,
    updated_items: 0,
    duplicates: 0,
    error: outcome.status === "failed" ? clip(outcome.error, 500) : null,
    item_errors: [],
  };
  if (outcome.status === "ok") {
    const written = await upsertDrafts(tx, source.id, outcome.result.events);
    summary.items = outcome.result.events.length;
    summary.new_items = written.inserted;
    summary.updated_items = written.updated;
    summary.duplicates = await linkDuplicates(tx, source);
    summary.item_errors = outcome.result.errors.slice(0, 100).map((e) => ({
      item: clip(e.item, 200),
      message: clip(e.message, 300),
    }));
  }
  await tx.query(
    `insert into public.scout_runs (source_id, started_at, status, http_status, items, new_items,
       updated_items, duplicates, error, item_errors)
     values ($1, $2::timestamptz, $3, $4::int, $5::int, $6::int, $7::int, $8::int, $9, $10::jsonb)`,
    [
      source.id,
      startedAt.toISOString(),
      summary.status,
      outcome.httpStatus,
      summary.items,
      summary.new_items,
      summary.updated_items,
      summary.duplicates,
      summary.error,
      JSON.stringify(summary.item_errors),
    ],
  );
  const failed = outcome.status === "failed";
  await tx.query(
    `update public.scout_sources s set
       health = case when not s.enabled then 'paused' when $2::boolean then 'failing' else 'ok' end,
       last_error = $3,
       consecutive_failures = case when $2::boolean then s.consecutive_failures + 1 else 0 end,
       etag = case when $4::boolean then $5 else s.etag end,
       last_modified = case when $4::boolean then $6 else s.last_modified end,
       last_run_at = now(),
       queued_at = null,
       next_run_at = case when not s.enabled or s.kind = 'csv' then null
                          when $2::boolean then now() + make_interval(hours =>
                            least(168, s.every_hours * power(2, least(s.consecutive_failures + 1, 8)))::int)
                          else now() + make_interval(hours => s.every_hours) end,
       items_found = (select count(*)::int from public.external_gigs g
                       where g.source_id = s.id and g.starts_at > now())
     where s.id = $1`,
    [
      source.id,
      failed,
      summary.error,
      outcome.status === "ok",
      outcome.status === "ok" ? outcome.etag?.slice(0, 500) ?? null : null,
      outcome.status === "ok" ? outcome.lastModified?.slice(0, 100) ?? null : null,
    ],
  );
  return summary;
}

const Message = z.object({ source_id: z.string().uuid() });

/** The `scout_source` kind of the `scouting` queue. */
export function scoutSourceJob(deps: () => SourceJobDeps): ScoutKindHandler {
  return async (message, ctx): Promise<Commit | null> => {
    const { source_id } = Message.parse(message);
    const [source] = await ctx.db.asService((tx) =>
      tx.query<SourceRow>(
        `select id, owner_id, is_public, kind, url, org_id, timezone, enabled, etag, last_modified
           from public.scout_sources where id = $1`,
        [source_id],
      )
    );
    if (!source) return null; // deleted meanwhile
    if (!source.enabled || source.kind === "csv") {
      return (tx) =>
        tx.query("update public.scout_sources set queued_at = null where id = $1", [source.id])
          .then(() => {});
    }
    const d = deps();
    const started = d.now?.() ?? new Date();
    let outcome = await readSource(d, source);
    if (outcome.status === "ok") {
      outcome = {
        ...outcome,
        result: { ...outcome.result, events: await withGenres(d.ai, outcome.result.events) },
      };
    }
    ctx.log({
      level: outcome.status === "failed" ? "warn" : "info",
      msg: "scout source read",
      source: source.id,
      status: outcome.status,
      ...(outcome.status === "failed" ? { error: outcome.error } : {}),
    });
    const final = outcome;
    return async (tx) => {
      await recordRun(tx, source.id, started, final);
    };
  };
}
