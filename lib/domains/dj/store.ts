/**
 * DJ runs in the database, as the signed-in user (RLS): the local tracks the offline search
 * reads, the daily allowance, the history in keyset pages, one run, share links, exports and
 * deletion. What the run's stages write is run_store.ts.
 *
 * @module
 */
import type { Db, Tx } from "../../ports/db/mod.ts";
import { type Cursor, decodeCursor, keysetOf, pageOf } from "../gigs/cursor.ts";
import type { DjRun, DjRunWithTracks, RunTrack, TrackRow } from "./types.ts";

const COLUMNS = `id, source, external_id, uri, title, artist, album, genres, moods, energy,
  valence, danceability, tempo, explicit, duration_ms, language, owner_id, audio_path, image_url,
  preview_url`;

/** The catalogue never changes while the process runs (only migrations change it). */
const catalogueCache = new WeakMap<Db, Promise<TrackRow[]>>();

export function catalogueTracks(db: Db): Promise<TrackRow[]> {
  let rows = catalogueCache.get(db);
  if (!rows) {
    rows = db.asService((tx) =>
      tx.query<TrackRow>(`select ${COLUMNS} from public.tracks where source = 'catalogue'`)
    );
    catalogueCache.set(db, rows);
    rows.catch(() => catalogueCache.delete(db));
  }
  return rows;
}

/** The platform's own songs the caller may read (published ones and their own). */
export async function platformSongs(tx: Tx): Promise<TrackRow[]> {
  return await tx.query<TrackRow>(
    `select ${COLUMNS} from public.tracks where source in ('studio', 'artist')`,
  );
}

/** Counts one playlist against the caller's daily AI allowance; returns what is left. */
export async function spendQuota(tx: Tx, limit: number): Promise<number> {
  const [{ remaining }] = await tx.query<{ remaining: number }>(
    "select public.spend_ai_quota('dj_playlist', $1) as remaining",
    [limit],
  );
  return remaining;
}

/** The Spotify page of a playlist: the only link the database stores for one. */
export function playlistUrl(playlistId: string): string {
  return `https://open.spotify.com/playlist/${playlistId}`;
}

const RUN_COLUMNS = `r.id, r.parent_id, r.prompt, r.length::int as length, r.no_explicit, r.plan,
  r.plan_source, r.source, r.status, r.stage, r.progress, r.playlist_id, r.playlist_url,
  r.share_token, r.error, r.notice, r.timings, r.created_at, r.exported_at,
  r.created_at::text as created_key, jsonb_array_length(r.tracks) as track_count`;

type RunRow = Omit<DjRun, "created_at" | "exported_at"> & {
  /** Exact (microseconds) for the keyset; the ISO string drops them. */
  created_key?: string;
  created_at: Date | string;
  exported_at: Date | string | null;
};

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

function toRun({ created_key: _k, ...r }: RunRow): DjRun {
  return { ...r, created_at: iso(r.created_at), exported_at: r.exported_at && iso(r.exported_at) };
}

/** One of the caller's runs with its tracks, or null (not theirs, or no such run). */
export async function getRun(tx: Tx, id: string): Promise<DjRunWithTracks | null> {
  const [row] = await tx.query<RunRow & { tracks: RunTrack[] }>(
    `select ${RUN_COLUMNS}, r.tracks from public.dj_runs r where r.id = $1`,
    [id],
  );
  return row ? { ...toRun(row), tracks: row.tracks } : null;
}

export interface RunPage {
  items: DjRun[];
  nextCursor: string | null;
}

/** The caller's runs, newest first, `limit` a page; `cursor` from the previous page. */
export async function listRuns(
  tx: Tx,
  opts: { limit: number; cursor?: string },
): Promise<RunPage> {
  let after: { k: string; id: string } | null = null;
  if (opts.cursor) {
    const c: Cursor | undefined = decodeCursor(opts.cursor) ?? { bad: true };
    after = keysetOf(c, (k) => typeof k === "string" && /^\d{4}-\d\d-\d\d[ T][\d:.+-]+$/.test(k));
  }
  const rows = await tx.query<RunRow>(
    `select ${RUN_COLUMNS} from public.dj_runs r
      where r.user_id = (select auth.uid())
        and ($1::timestamptz is null or (r.created_at, r.id) < ($1::timestamptz, $2::uuid))
      order by r.created_at desc, r.id desc limit $3`,
    [after?.k ?? null, after?.id ?? null, opts.limit + 1],
  );
  return pageOf(rows, opts.limit, toRun, (r) => ({ k: r.created_key!, id: r.id }));
}

/** Sets (a new token) or clears (null) a run's share link; SC404 when it is not the caller's. */
export async function setShare(tx: Tx, id: string, token: string | null): Promise<string | null> {
  const [{ token: t }] = await tx.query<{ token: string | null }>(
    "select public.dj_set_share($1, $2) as token",
    [id, token],
  );
  return t;
}

/** Deletes one of the caller's runs; false when there was none to delete. */
export async function deleteRun(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.query("delete from public.dj_runs where id = $1 returning id", [id]);
  return rows.length > 0;
}

export async function recordExport(
  tx: Tx,
  id: string,
  playlist: { id: string; url: string },
  matches: { position: number; uri: string }[],
  notice: string | null,
  exportMs: number,
): Promise<void> {
  await tx.query("select public.dj_record_export($1, $2, $3, $4::jsonb, $5, $6)", [
    id,
    playlist.id,
    playlistUrl(playlist.id),
    JSON.stringify(matches),
    notice,
    Math.round(exportMs),
  ]);
}

export interface SharedRun {
  prompt: string;
  /** Null while the run is still being made. */
  playlist_name: string | null;
  description: string | null;
  mood: string | null;
  source: string;
  status: string;
  playlist_url: string | null;
  shared_by: string | null;
  created_at: string;
  tracks: {
    position: number;
    title: string;
    artist: string;
    album: string | null;
    explicit: boolean;
    duration_ms: number | null;
    reason: string;
  }[];
}

/** A shared run by its token, for anyone (null when no run has it). */
export async function sharedRun(tx: Tx, token: string): Promise<SharedRun | null> {
  const [row] = await tx.query<{ run: SharedRun | null }>(
    "select public.dj_shared_run($1) as run",
    [token],
  );
  return row?.run ?? null;
}
