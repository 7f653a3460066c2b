/**
 * The scout's one way to read other people's servers, politely and safely:
 *
 * - only public addresses: the host is resolved and refused when any of its addresses is
 *   private, loopback, link-local… (address.ts), at every redirect hop (followed by hand, ≤ 5),
 *   unless the fetcher was built with that host in `allowHosts` (tests: 127.0.0.1). fetch resolves
 *   the name again when it connects, so a name that changes its answer within that moment (DNS
 *   rebinding) is not caught here: the server's network egress rules are the second line;
 * - robots.txt per host (cached; 4xx or unreachable → allowed, 5xx → try later);
 * - one request per second per host (in this process: pacer.ts);
 * - conditional requests (If-None-Match / If-Modified-Since → "unchanged" on 304);
 * - a size limit while streaming, a time limit on the whole exchange, a content-type check, and a
 *   User-Agent naming the product with a contact URL.
 *
 * @module
 */
import { blockedAddress, isIpLiteral } from "./address.ts";
import { createPacer, type Pacer } from "./pacer.ts";
import { parseRobots, robotsAllows, type RobotsRule } from "./robots.ts";

/** The product token robots.txt groups are matched against. */
export const SCOUT_AGENT = "SoundcheckScout";

/** A failure to read a source, in words for its owner; `later`: worth trying again soon. */
export class FeedError extends Error {
  constructor(message: string, readonly httpStatus: number | null = null, readonly later = false) {
    super(message);
    this.name = "FeedError";
  }
}

export interface FetcherOptions {
  /** The User-Agent header: the product and a contact URL. */
  userAgent: string;
  /** Hosts exempt from the address check (tests only: "127.0.0.1"). */
  allowHosts?: readonly string[];
  maxBytes?: number;
  timeoutMs?: number;
  hostIntervalMs?: number;
  robotsTtlMs?: number;
  /** A host's addresses (default: DNS A and AAAA). */
  resolve?: (host: string) => Promise<string[]>;
  pacer?: Pacer;
}

export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  headers?: Record<string, string>;
}

export type FetchOutcome =
  | {
    status: "ok";
    httpStatus: number;
    body: string;
    etag: string | null;
    lastModified: string | null;
    url: string;
  }
  | { status: "unchanged"; httpStatus: 304 };

export interface FeedFetcher {
  fetch(req: FetchRequest): Promise<FetchOutcome>;
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

const MAX_REDIRECTS = 5;
const ROBOTS_MAX_BYTES = 512 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Feeds are text: calendars, pages, XML, JSON, CSV (octet-stream: many calendar servers say so).
const TEXTUAL =
  /^(text\/|application\/(octet-stream|calendar|json|ld\+json|xml|xhtml\+xml|rss\+xml|atom\+xml|rdf\+xml|csv|x-csv|[\w.-]+\+(xml|json)))/;

async function resolveDns(host: string): Promise<string[]> {
  // Without lookups no address can be checked: refuse rather than read blindly.
  if (typeof Deno.resolveDns !== "function") {
    throw new FeedError(
      "This runtime cannot look up host names, so it cannot check addresses: run the scout in " +
        "the web server's worker (WORKER=on)",
    );
  }
  const found = await Promise.allSettled([
    Deno.resolveDns(host, "A"),
    Deno.resolveDns(host, "AAAA"),
  ]);
  return found.flatMap((r) => (r.status === "fulfilled" ? r.value : []));
}

function megabytes(n: number): string {
  return n >= 1024 * 1024
    ? `${Math.round(n / 1024 / 102.4) / 10} MB`
    : `${Math.round(n / 1024)} KB`;
}

/** Reads at most `max` bytes of the body; a larger one is cancelled with a FeedError. */
async function readLimited(res: Response, max: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length") ?? "NaN");
  if (declared > max) {
    await res.body?.cancel();
    throw new FeedError(`The feed is larger than ${megabytes(max)} (the limit)`, res.status);
  }
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw new FeedError(`The feed is larger than ${megabytes(max)} (the limit)`, res.status);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function decode(bytes: Uint8Array, contentType: string): string {
  const charset = /charset="?([\w-]+)/i.exec(contentType)?.[1] ?? "utf-8";
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder().decode(bytes);
  }
}

export function createFeedFetcher(opts: FetcherOptions): FeedFetcher {
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const robotsTtl = opts.robotsTtlMs ?? 3600_000;
  const allow = new Set((opts.allowHosts ?? []).map((h) => h.toLowerCase()));
  const resolve = opts.resolve ?? resolveDns;
  const pacer = opts.pacer ?? createPacer(opts.hostIntervalMs ?? 1000);
  const robots = new Map<string, { rules: Promise<RobotsRule[]>; until: number }>();

  /** Refuses a URL the scout must not request (scheme, credentials, address). */
  async function checkUrl(url: URL): Promise<void> {
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new FeedError(`Only http and https addresses can be read (not ${url.protocol})`);
    }
    if (url.username || url.password) {
      throw new FeedError("Addresses with a user name or password are not read");
    }
    const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
    if (allow.has(host)) return;
    const addresses = isIpLiteral(host) ? [host] : await resolve(host).catch((err) => {
      if (err instanceof FeedError) throw err;
      return [];
    });
    if (addresses.length === 0) throw new FeedError(`Could not find the server ${host}`);
    for (const ip of addresses) {
      const why = blockedAddress(ip);
      if (why) {
        throw new FeedError(
          `${host} is ${why} (${ip}): the scout reads only public servers`,
        );
      }
    }
  }

  /** One GET with redirects followed by hand, each hop checked and paced. */
  async function get(
    start: URL,
    headers: Record<string, string>,
    signalFor: () => AbortSignal,
    beforeHop?: (url: URL) => Promise<void>,
  ): Promise<{ res: Response; url: URL }> {
    let url = start;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      await checkUrl(url);
      await beforeHop?.(url);
      await pacer.acquire(url.hostname.toLowerCase());
      const res = await fetch(url, {
        redirect: "manual",
        headers: { "user-agent": opts.userAgent, ...headers },
        signal: signalFor(),
      });
      const location = res.headers.get("location");
      if (!REDIRECTS.has(res.status) || !location) return { res, url };
      await res.body?.cancel();
      try {
        url = new URL(location, url);
      } catch {
        throw new FeedError(`The server redirected to an address that is not one: ${location}`);
      }
    }
    throw new FeedError(`More than ${MAX_REDIRECTS} redirects`);
  }

  /** Throws a FeedError when robots.txt of `url`'s host disallows its path. */
  async function checkRobots(url: URL): Promise<void> {
    const origin = url.origin;
    let entry = robots.get(origin);
    if (!entry || entry.until < Date.now()) {
      // Concurrent reads of one host share one robots.txt request.
      const rules = readRobots(new URL("/robots.txt", url));
      entry = { rules, until: Date.now() + robotsTtl };
      if (robots.size > 1000) robots.clear();
      robots.set(origin, entry);
      // A failure (5xx: later) is not kept: the next read asks again.
      rules.catch(() => robots.delete(origin));
    }
    if (!robotsAllows(await entry.rules, url.pathname + url.search)) {
      throw new FeedError(
        `${url.host}'s robots.txt does not allow the scout to read ${url.pathname}`,
      );
    }
  }

  async function readRobots(url: URL): Promise<RobotsRule[]> {
    const signal = AbortSignal.timeout(Math.min(timeoutMs, 5000));
    let res: Response;
    try {
      ({ res } = await get(url, { accept: "text/plain" }, () => signal));
    } catch (err) {
      if (err instanceof FeedError) throw err;
      return []; // unreachable robots.txt: allowed
    }
    if (res.status >= 500) {
      await res.body?.cancel();
      throw new FeedError(
        `${url.host}'s robots.txt answered ${res.status}: trying again later`,
        res.status,
        true,
      );
    }
    if (!res.ok) {
      await res.body?.cancel();
      return []; // 4xx: no rules
    }
    try {
      return parseRobots(decode(await readLimited(res, ROBOTS_MAX_BYTES), ""), SCOUT_AGENT);
    } catch {
      return [];
    }
  }

  async function fetchFeed(req: FetchRequest): Promise<FetchOutcome> {
    let start: URL;
    try {
      start = new URL(req.url);
    } catch {
      throw new FeedError("The source's address is not a URL");
    }
    const headers: Record<string, string> = {
      accept: req.accept ?? "*/*",
      ...req.headers,
    };
    if (req.etag) headers["if-none-match"] = req.etag;
    if (req.lastModified) headers["if-modified-since"] = req.lastModified;
    // The clock starts at the first request (waiting for the host's turn is not the server's).
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const signalFor = () => {
      timer ??= setTimeout(() => controller.abort(), timeoutMs);
      return controller.signal;
    };
    try {
      const { res, url } = await get(start, headers, signalFor, checkRobots);
      if (res.status === 304) {
        await res.body?.cancel();
        return { status: "unchanged", httpStatus: 304 };
      }
      if (!res.ok) {
        await res.body?.cancel();
        const later = res.status >= 500 || res.status === 429;
        throw new FeedError(
          `The server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`,
          res.status,
          later,
        );
      }
      const type = (res.headers.get("content-type") ?? "").toLowerCase().trim();
      if (type && !TEXTUAL.test(type)) {
        await res.body?.cancel();
        throw new FeedError(`The server sent ${type.split(";")[0]}, not a feed`, res.status);
      }
      const body = decode(await readLimited(res, maxBytes), type);
      return {
        status: "ok",
        httpStatus: res.status,
        body,
        etag: res.headers.get("etag"),
        lastModified: res.headers.get("last-modified"),
        url: url.href,
      };
    } catch (err) {
      if (err instanceof FeedError) throw err;
      if (controller.signal.aborted) {
        throw new FeedError(
          `The server did not send the feed within ${timeoutMs / 1000} s`,
          null,
          true,
        );
      }
      const why = err instanceof Error ? err.message.split("\n")[0].slice(0, 200) : String(err);
      throw new FeedError(`Could not reach ${start.host}: ${why}`, null, true);
    } finally {
      clearTimeout(timer);
    }
  }

  return { fetch: fetchFeed, maxBytes, timeoutMs };
}
