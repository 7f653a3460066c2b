/**
 * Eventbrite's organisation events API, the scout's live adapter: `GET {api}/v3/organizations/
 * {org}/events/?expand=venue&status=live` with a bearer token, pages followed by `continuation`
 * (capped). Read through the safe fetcher, so its address checks and pacing apply. Without a
 * token the source fails with a sentence saying what to set.
 *
 * @module
 */
import { FeedError, type FeedFetcher } from "./fetcher.ts";

export interface EventbriteOptions {
  apiUrl: string;
  token: string | undefined;
  orgId: string;
  /** Reads a page's continuation token (null: last page). */
  next: (body: string) => string | null;
  maxPages?: number;
}

export const NO_EVENTBRITE_TOKEN =
  "Set EVENTBRITE_TOKEN (a private token from Eventbrite's account settings) to read Eventbrite";

/** The organisation's live events, one JSON body per page. */
export async function fetchEventbritePages(
  fetcher: FeedFetcher,
  opts: EventbriteOptions,
): Promise<string[]> {
  if (!opts.token) throw new FeedError(NO_EVENTBRITE_TOKEN);
  const pages: string[] = [];
  const base = `${opts.apiUrl.replace(/\/+$/, "")}/v3/organizations/${
    encodeURIComponent(opts.orgId)
  }/events/`;
  let continuation: string | null = null;
  const maxPages = opts.maxPages ?? 10;
  do {
    const url = new URL(base);
    url.searchParams.set("expand", "venue");
    url.searchParams.set("status", "live");
    if (continuation) url.searchParams.set("continuation", continuation);
    let got;
    try {
      got = await fetcher.fetch({
        url: url.href,
        accept: "application/json",
        headers: { authorization: `Bearer ${opts.token}` },
      });
    } catch (err) {
      if (err instanceof FeedError && (err.httpStatus === 401 || err.httpStatus === 403)) {
        throw new FeedError(
          "Eventbrite refused the token (EVENTBRITE_TOKEN): check it and its access to this organisation",
          err.httpStatus,
        );
      }
      if (err instanceof FeedError && err.httpStatus === 404) {
        throw new FeedError(`Eventbrite knows no organisation ${opts.orgId}`, 404);
      }
      throw err;
    }
    if (got.status !== "ok") break;
    pages.push(got.body);
    continuation = opts.next(got.body);
  } while (continuation && pages.length < maxPages);
  return pages;
}
