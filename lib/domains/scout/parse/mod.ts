/**
 * The scout's parsers behind one entry point: `parseFeed(kind, body, opts)` reads a fetched or
 * uploaded body as its source kind and answers normalised drafts plus, per item it could not
 * read, why. It never throws on bad input: a body that is not the format at all gives no events
 * and one error for item "feed"; a bad item gives an error for that item and the others are
 * kept. Events starting before `now` minus a day, or after the horizon, are dropped (recurring
 * iCalendar events are expanded only within that window).
 *
 * `rss` and `atom` share one reader (either kind reads either format).
 *
 * @module
 */
import type { ParseResult, SourceKind } from "../types.ts";
import { canonicalZone, inWindow, type ParseContext, windowOf } from "../normalise.ts";
import { parseIcal } from "./ical.ts";
import { parseJsonLd } from "./jsonld.ts";
import { parseRss } from "./rss.ts";
import { parseCsvEvents } from "./csv.ts";
import { parseEventbrite } from "./eventbrite.ts";

export { type EventbritePage, eventbritePagination } from "./eventbrite.ts";

export interface ParseOptions {
  /** Where the body came from: resolves relative links. */
  url?: string;
  /** The clock: events before `now` minus one day are dropped. */
  now: Date;
  /** Events starting later than this many days after `now` are dropped (default 180). */
  horizonDays?: number;
  /**
   * The IANA zone for times that name none (iCal floating times, JSON-LD and CSV times without
   * an offset, dates written in RSS text). Default "UTC"; an unknown name counts as "UTC".
   */
  defaultTimezone?: string;
}

const PARSERS: Record<SourceKind, (body: string, ctx: ParseContext) => ParseResult> = {
  ical: parseIcal,
  jsonld: parseJsonLd,
  rss: parseRss,
  atom: parseRss,
  csv: parseCsvEvents,
  eventbrite: parseEventbrite,
};

/** Reads `body` as `kind`; see the module doc. */
export function parseFeed(kind: SourceKind, body: string, opts: ParseOptions): ParseResult {
  const parse = PARSERS[kind];
  if (!parse) {
    return { events: [], errors: [{ item: "feed", message: `unknown source kind "${kind}"` }] };
  }
  if (typeof body !== "string" || !body.trim()) {
    return { events: [], errors: [{ item: "feed", message: "the source is empty" }] };
  }
  const window = windowOf(opts.now, opts.horizonDays ?? 180);
  const ctx: ParseContext = {
    window,
    now: opts.now,
    defaultTimezone: canonicalZone(opts.defaultTimezone ?? "UTC") ?? "UTC",
    base: opts.url,
  };
  let result: ParseResult;
  try {
    result = parse(body, ctx);
  } catch (err) {
    // A parser bug or a pathological body must not take the job down with it.
    const message = err instanceof Error ? err.message : String(err);
    return { events: [], errors: [{ item: "feed", message: `could not be read: ${message}` }] };
  }
  const events = result.events.filter((e) => inWindow(Date.parse(e.starts_at), window));
  return { events, errors: result.errors };
}
