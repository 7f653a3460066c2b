/**
 * The Spotify Web API calls the DJ makes (and the artist search that checks a virtual artist's
 * name is not taken), with the failure handling they need: 401 → refresh the
 * token once and retry (a second 401 means reconnect); 429 → wait Retry-After and retry while the
 * wait stays within a bound, else `SpotifyRateLimitError`; 5xx → back off and retry (writes only
 * when Spotify did nothing, else `SpotifyServerError` marked uncertain); 403 →
 * `SpotifyForbiddenError` with its cause (allow-list, scope, withdrawn endpoint); 404 →
 * `SpotifyNotFoundError`. Answers are validated with zod.
 *
 * @module
 */
import { z } from "zod";
import {
  SpotifyError,
  SpotifyForbiddenError,
  SpotifyNotFoundError,
  SpotifyRateLimitError,
  SpotifyReconnectError,
  SpotifyServerError,
} from "./errors.ts";

/** Search answers at most 10 tracks a request; playlists take at most 100 URIs a request. */
export const SEARCH_LIMIT = 10;
export const ADD_LIMIT = 100;

export const SpotifyTrack = z.object({
  id: z.string().regex(/^[A-Za-z0-9]{1,64}$/),
  uri: z.string().regex(/^spotify:track:[A-Za-z0-9]{1,64}$/),
  name: z.string().min(1).max(300),
  explicit: z.boolean().default(false),
  duration_ms: z.number().int().min(0).nullable().optional(),
  artists: z.array(z.object({ name: z.string() })).min(1),
  album: z.object({
    name: z.string().max(300),
    // Cover art, largest first (640, 300, 64 px); the DJ shows it beside the track.
    images: z.array(z.object({ url: z.string().url(), width: z.number().nullable().optional() }))
      .optional().catch(undefined),
  }).nullable().optional(),
  /** A 30-second MP3 preview; null for most tracks of apps created since late 2024. */
  preview_url: z.string().url().nullable().optional().catch(null),
  external_urls: z.object({ spotify: z.string().url().optional() }).optional(),
});
export type SpotifyTrack = z.infer<typeof SpotifyTrack>;

const SearchAnswer = z.object({
  tracks: z.object({
    // Unplayable or removed tracks come back as null items.
    items: z.array(z.unknown()),
    total: z.number().int().min(0),
  }),
});

/** `followers` is gone for some apps (as `popularity` is): missing means unknown. */
const SpotifyArtist = z.object({
  id: z.string().regex(/^[A-Za-z0-9]{1,64}$/),
  name: z.string().min(1).max(300),
  followers: z.object({ total: z.number().int().min(0).nullable().optional() }).nullable()
    .optional(),
});

const ArtistSearchAnswer = z.object({
  artists: z.object({ items: z.array(z.unknown()) }),
});

/** An artist Spotify found: enough to say a name is taken, and how well known the holder is. */
export interface FoundArtist {
  name: string;
  id: string;
  followers: number | null;
}

const Me = z.object({
  id: z.string().min(1),
  display_name: z.string().nullable().optional(),
});
export type SpotifyMe = z.infer<typeof Me>;

const Playlist = z.object({
  id: z.string().regex(/^[A-Za-z0-9]{1,64}$/),
  external_urls: z.object({ spotify: z.string().url() }).partial().optional(),
});

const Snapshot = z.object({ snapshot_id: z.string().max(200) });

/** Playlist items come 50 a request at most. */
const ITEMS_PAGE = 50;
const ItemsPage = z.object({
  total: z.number().int().min(0),
  items: z.array(z.object({
    item: z.object({ uri: z.string() }).nullable().optional(),
    track: z.object({ uri: z.string() }).nullable().optional(),
  })),
});

export interface ApiOptions {
  apiUrl: string;
  /** The current access token (refreshed ahead of expiry by the caller). */
  token(): Promise<string>;
  /** A new access token after a 401; throws `SpotifyReconnectError` when refreshing fails. */
  refresh(): Promise<string>;
  fetch?: typeof fetch;
  /** Longest total wait (Retry-After and backoff) in one call, ms. */
  maxWaitMs?: number;
  /** Backoff before each retry after a 5xx or no answer, ms (default `BACKOFF_MS`). */
  backoffMs?: readonly number[];
  /** Counts every HTTP request (for the run's timings). */
  onRequest?: () => void;
  /** Spotify refused even a fresh token (401 after refresh): the connection is broken. */
  onRevoked?: () => Promise<void>;
}

export interface SpotifyApi {
  me(): Promise<SpotifyMe>;
  searchTracks(
    q: string,
    offset: number,
    limit: number,
    signal?: AbortSignal,
  ): Promise<{ tracks: SpotifyTrack[]; total: number }>;
  /** The best matches for `q` (at most `SEARCH_LIMIT`, the default), in Spotify's order. */
  searchArtists(q: string, limit?: number, signal?: AbortSignal): Promise<FoundArtist[]>;
  createPlaylist(name: string, description: string): Promise<{ id: string; url: string }>;
  /** Adds in order, 100 a request, at `position` (default: the end); the last snapshot id. */
  addItems(playlistId: string, uris: string[], position?: number): Promise<string | null>;
  /** The track URIs the playlist holds, in order (needs `playlist-read-private` for a private
   * playlist); at most `max`. */
  playlistUris(playlistId: string, max?: number): Promise<string[]>;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      reject(signal.reason);
    }, { once: true });
  });

/** Backoff before retry `n` (0-based) of a read that met a 5xx or a network failure, ms. */
export const BACKOFF_MS = [250, 750, 2000];

/** 5xx that mean "not processed, try again" (a write may be retried on these). */
const RETRYABLE_WRITE = new Set([502, 503]);

const errorMessage = (text: string): string => {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string };
    const m = typeof body.error === "object" ? body.error?.message : body.error;
    return typeof m === "string" ? m : text;
  } catch {
    return text;
  }
};

export function createSpotifyApi(opts: ApiOptions): SpotifyApi {
  const fetchFn = opts.fetch ?? fetch;
  const maxWaitMs = opts.maxWaitMs ?? 5000;

  /**
   * One Web API call with Spotify's failure rules: 401 → refresh once; 429 → wait Retry-After
   * while the total wait stays under `maxWaitMs`; 5xx or no answer → back off and retry reads
   * (writes only on 502/503, which Spotify answers before doing anything); 403 → its cause.
   */
  async function call(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const write = method !== "GET";
    const what = `${method} ${path.split("?")[0]}`;
    let token = await opts.token();
    let refreshed = false;
    let waited = 0;
    let failures = 0;
    const backoff = async (err: SpotifyServerError) => {
      const ms = (opts.backoffMs ?? BACKOFF_MS)[failures++];
      if (ms === undefined || waited + ms > maxWaitMs) throw err;
      waited += ms;
      await sleep(ms, signal);
    };
    for (let attempt = 0; attempt < 12; attempt++) {
      opts.onRequest?.();
      let res: Response;
      try {
        res = await fetchFn(`${opts.apiUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body ? { "content-type": "application/json" } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
          signal: signal ?? AbortSignal.timeout(15_000),
        });
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        const e = new SpotifyServerError(
          `Spotify could not be reached (${err instanceof Error ? err.message : err}).`,
          write,
        );
        if (write) throw e;
        await backoff(e);
        continue;
      }
      if (res.ok) return res.status === 204 ? null : await res.json().catch(() => null);
      const text = await res.text().catch(() => "");
      if (res.status === 401) {
        if (refreshed) {
          await opts.onRevoked?.();
          throw new SpotifyReconnectError();
        }
        token = await opts.refresh();
        refreshed = true;
        continue;
      }
      if (res.status === 429) {
        const s = Number(res.headers.get("retry-after"));
        const waitS = Number.isFinite(s) && s >= 0 ? s : 1;
        if (waited + waitS * 1000 > maxWaitMs) throw new SpotifyRateLimitError(Math.ceil(waitS));
        waited += waitS * 1000;
        await sleep(waitS * 1000, signal);
        continue;
      }
      if (res.status === 403) throw new SpotifyForbiddenError(errorMessage(text).slice(0, 300));
      if (res.status === 404) {
        throw new SpotifyNotFoundError(`Spotify has no such thing (404 to ${what}).`);
      }
      if (res.status >= 500) {
        const e = new SpotifyServerError(
          `Spotify had trouble (${res.status} to ${what}).`,
          write && !RETRYABLE_WRITE.has(res.status),
        );
        if (e.uncertain) throw e;
        await backoff(e);
        continue;
      }
      throw new SpotifyError(`Spotify answered ${res.status} to ${what}`);
    }
    throw new SpotifyServerError(`Spotify kept refusing ${what}.`, write);
  }

  return {
    async me() {
      const parsed = Me.safeParse(await call("GET", "/me"));
      if (!parsed.success) throw new SpotifyError("Spotify sent an unexpected profile");
      return parsed.data;
    },
    async searchTracks(q, offset, limit, signal) {
      const params = new URLSearchParams({
        q,
        type: "track",
        limit: String(Math.min(limit, SEARCH_LIMIT)),
        offset: String(offset),
      });
      const parsed = SearchAnswer.safeParse(
        await call("GET", `/search?${params}`, undefined, signal),
      );
      if (!parsed.success) throw new SpotifyError("Spotify sent an unexpected search answer");
      const tracks: SpotifyTrack[] = [];
      for (const item of parsed.data.tracks.items) {
        const t = SpotifyTrack.safeParse(item);
        if (t.success) tracks.push(t.data);
      }
      return { tracks, total: parsed.data.tracks.total };
    },
    async searchArtists(q, limit = SEARCH_LIMIT, signal) {
      const params = new URLSearchParams({
        q,
        type: "artist",
        limit: String(
          Number.isFinite(limit)
            ? Math.max(1, Math.min(Math.floor(limit), SEARCH_LIMIT))
            : SEARCH_LIMIT,
        ),
      });
      const parsed = ArtistSearchAnswer.safeParse(
        await call("GET", `/search?${params}`, undefined, signal),
      );
      if (!parsed.success) throw new SpotifyError("Spotify sent an unexpected artist search");
      const artists: FoundArtist[] = [];
      for (const item of parsed.data.artists.items) {
        const a = SpotifyArtist.safeParse(item);
        if (!a.success) continue;
        artists.push({
          name: a.data.name,
          id: a.data.id,
          followers: a.data.followers?.total ?? null,
        });
      }
      return artists;
    },
    async createPlaylist(name, description) {
      const parsed = Playlist.safeParse(
        await call("POST", "/me/playlists", { name, description, public: false }),
      );
      if (!parsed.success) throw new SpotifyError("Spotify sent an unexpected playlist");
      const url = parsed.data.external_urls?.spotify ??
        `https://open.spotify.com/playlist/${parsed.data.id}`;
      return { id: parsed.data.id, url };
    },
    async addItems(playlistId, uris, position) {
      // In order, one chunk after another: parallel chunks could land out of order.
      let snapshot: string | null = null;
      for (let i = 0; i < uris.length; i += ADD_LIMIT) {
        const answer = await call("POST", `/playlists/${encodeURIComponent(playlistId)}/items`, {
          uris: uris.slice(i, i + ADD_LIMIT),
          ...(position === undefined ? {} : { position: position + i }),
        });
        const parsed = Snapshot.safeParse(answer);
        snapshot = parsed.success ? parsed.data.snapshot_id : null;
      }
      return snapshot;
    },
    async playlistUris(playlistId, max = 500) {
      const uris: string[] = [];
      for (let offset = 0; offset < max; offset += ITEMS_PAGE) {
        const q = new URLSearchParams({ limit: String(ITEMS_PAGE), offset: String(offset) });
        const parsed = ItemsPage.safeParse(
          await call("GET", `/playlists/${encodeURIComponent(playlistId)}/items?${q}`),
        );
        if (!parsed.success) throw new SpotifyError("Spotify sent an unexpected playlist page");
        for (const entry of parsed.data.items) {
          // `item` since February 2026; `track` before (still sent while it is phased out).
          const uri = (entry.item ?? entry.track)?.uri;
          if (uri) uris.push(uri);
        }
        if (offset + ITEMS_PAGE >= parsed.data.total) break;
      }
      return uris.slice(0, max);
    },
  };
}
