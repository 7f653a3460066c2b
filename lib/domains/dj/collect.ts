/**
 * Runs the strategy's queries through a `TrackSearch` (Spotify or the local catalogue) in pages
 * of at most 10 (`offset` paging), concurrently, within a request and time budget: first page of
 * every query, then further pages in priority order until there are enough candidates. Tracks are
 * de-duplicated by id and by normalised title + artist; every find is kept for ranking.
 *
 * @module
 */
import { fold } from "./lexicon.ts";
import type { Query } from "./strategy.ts";
import type { FoundTrack } from "./types.ts";

/** Spotify's search returns at most 10 tracks a request now. */
export const PAGE_SIZE = 10;

export interface SearchPage {
  tracks: FoundTrack[];
  /** How many results the query has in all (for knowing when it is exhausted). */
  total: number;
}

/** A search backend: one page of one query. */
export interface TrackSearch {
  readonly source: "spotify" | "catalogue";
  search(q: Query, offset: number, limit: number, signal: AbortSignal): Promise<SearchPage>;
}

export interface Budget {
  /** Search requests at most. */
  maxRequests: number;
  /** Stop searching after this long (in-flight requests are aborted). */
  timeMs: number;
  concurrency: number;
}

export const DEFAULT_BUDGET: Budget = { maxRequests: 40, timeMs: 8000, concurrency: 6 };

export interface Hit {
  query: Query;
  /** 0-based rank in the query's results. */
  position: number;
}

export interface Candidate {
  track: FoundTrack;
  hits: Hit[];
}

export interface Collected {
  candidates: Candidate[];
  requests: number;
  /** Failed requests (the search goes on without them). */
  errors: string[];
  /** The time budget ran out before the search was done. */
  timedOut: boolean;
}

/** Errors that must stop the whole search (a revoked token, a forbidden app…). */
export function isFatal(err: unknown): boolean {
  return err instanceof Error && "fatal" in err && (err as { fatal: unknown }).fatal === true;
}

/** `Clair de Lune - Remastered 2011 (feat. X)` by `A, B` → `clair de lune|a`. */
export function dedupeKey(title: string, artist: string): string {
  const t = fold(
    title.replace(/\s*[([].*?[)\]]/g, "").replace(/\s+-\s+.*$/, "").replace(/\bfeat\..*$/i, ""),
  );
  const a = fold(artist.split(/,|&| feat\. | and | y | e | et | und /i)[0] ?? artist);
  return `${t}|${a}`;
}

export async function collect(
  search: TrackSearch,
  queries: Query[],
  opts: {
    /** Candidates wanted (eligible ones): searching stops once there are this many. */
    want: number;
    eligible?: (t: FoundTrack) => boolean;
    budget?: Budget;
    onPage?: (info: { requests: number; candidates: number }) => void;
  },
): Promise<Collected> {
  const budget = opts.budget ?? DEFAULT_BUDGET;
  const eligible = opts.eligible ?? (() => true);
  const byId = new Map<string, Candidate>();
  const byKey = new Map<string, Candidate>();
  const candidates: Candidate[] = [];
  const errors: string[] = [];
  const next = new Map<number, number>(queries.map((q) => [q.id, 0]));
  const asked = new Set<number>();
  let requests = 0;
  let eligibleCount = 0;
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort(new DOMException("search budget spent", "TimeoutError"));
  }, budget.timeMs);

  const take = (q: Query, offset: number, page: SearchPage) => {
    page.tracks.forEach((track, i) => {
      const hit = { query: q, position: offset + i };
      const idKey = `${track.source}:${track.id ?? track.external_id}`;
      const key = dedupeKey(track.title, track.artist);
      const found = byId.get(idKey) ?? byKey.get(key);
      if (found) {
        if (!found.hits.some((h) => h.query.id === q.id)) found.hits.push(hit);
        byId.set(idKey, found);
        return;
      }
      const c = { track, hits: [hit] };
      candidates.push(c);
      byId.set(idKey, c);
      byKey.set(key, c);
      if (eligible(track)) eligibleCount++;
    });
    const end = offset + page.tracks.length;
    next.set(q.id, page.tracks.length < PAGE_SIZE || end >= page.total ? -1 : end);
  };

  // One page of each query in `wave`, at most `concurrency` at a time.
  const runWave = async (wave: Query[]) => {
    let i = 0;
    const worker = async () => {
      while (i < wave.length && !abort.signal.aborted) {
        const q = wave[i++];
        const offset = next.get(q.id)!;
        if (requests >= budget.maxRequests) return;
        asked.add(q.id);
        requests++;
        try {
          take(q, offset, await search.search(q, offset, PAGE_SIZE, abort.signal));
        } catch (err) {
          if (isFatal(err)) {
            abort.abort(err);
            throw err;
          }
          if (abort.signal.aborted) return;
          next.set(q.id, -1);
          errors.push(`${q.label}: ${err instanceof Error ? err.message : String(err)}`);
        }
        opts.onPage?.({ requests, candidates: eligibleCount });
      }
    };
    await Promise.all(Array.from({ length: Math.min(budget.concurrency, wave.length) }, worker));
  };

  try {
    // Every query's first page but the fallbacks, then more pages (priority order) and the
    // fallbacks while candidates are short.
    let wave = queries.filter((q) => q.kind !== "fallback");
    if (!wave.length) wave = queries;
    while (wave.length && requests < budget.maxRequests && !abort.signal.aborted) {
      await runWave(wave);
      if (eligibleCount >= opts.want) break;
      // About half of a later page is new: ask only as many queries as the shortfall needs.
      const short = Math.ceil((opts.want - eligibleCount) / (PAGE_SIZE / 2));
      wave = queries.filter((q) =>
        next.get(q.id)! > 0 || (q.kind === "fallback" && !asked.has(q.id))
      )
        .slice(0, Math.max(1, short));
    }
  } finally {
    clearTimeout(timer);
  }
  return { candidates, requests, errors, timedOut };
}
