/**
 * What a DJ run's request and stages write (lib/domains/dj/run.ts, stages.ts): the queued run, the plan,
 * the picked tracks and the finished playlist. Only the server writes these, through functions
 * granted to service_role (supabase/migrations/20261205000200_dj_jobs.sql); the job columns
 * (status, stage, progress) are written by lib/ports/queue/jobs.ts.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import type { JobRow } from "../../ports/queue/jobs.ts";
import { playlistUrl } from "./store.ts";
import type { DjPlan, DjProgress, DjRunRequest, RunTrack, TrackSource } from "./types.ts";

/**
 * Runs `fn`'s statements as service_role inside the caller's transaction, then returns to the
 * role the transaction had. For the few writes only the server may make, atomic with what the
 * user's transaction did before them. Nothing from the request decides the switch; a failure
 * aborts the transaction, which ends the switch with it.
 */
export async function asServer<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  const [{ role }] = await tx.query<{ role: string }>(
    `select s.role, set_config('role', 'service_role', true)
       from (select current_setting('role') as role offset 0) s`,
  );
  const out = await fn();
  await tx.query("select set_config('role', $1, true)", [role]);
  return out;
}

/** A new `queued` run of `userId` (service_role); its id. SC404 `parent_id` for a stranger's. */
export async function queueRun(tx: Tx, userId: string, input: DjRunRequest): Promise<string> {
  const [{ id }] = await tx.query<{ id: string }>(
    "select private.dj_queue_run($1, $2, $3, $4, $5) as id",
    [userId, input.prompt, input.length, input.no_explicit, input.parent_id ?? null],
  );
  return id;
}

/** A run as its stages read it. */
export interface RunRow extends JobRow {
  user_id: string;
  prompt: string;
  length: number;
  no_explicit: boolean;
  plan: unknown;
  source: "spotify" | "catalogue" | null;
  notice: string | null;
  tracks: RunTrack[];
  progress: DjProgress;
}

/** One run by id, as the server (null when it was deleted). */
export async function loadRun(tx: Tx, id: string): Promise<RunRow | null> {
  const [row] = await tx.query<RunRow>(
    `select id, status, stage, progress, user_id, prompt, length::int as length, no_explicit,
            plan, source, notice, tracks
       from public.dj_runs where id = $1`,
    [id],
  );
  return row ?? null;
}

/** The interpret stage's result. */
export async function savePlan(
  tx: Tx,
  id: string,
  plan: DjPlan,
  planSource: "live" | "offline",
  interpretMs: number,
): Promise<void> {
  await tx.query(
    `update public.dj_runs
        set plan = $2::jsonb, plan_source = $3,
            timings = timings || jsonb_build_object('interpret_ms', $4::numeric)
      where id = $1`,
    [id, JSON.stringify(plan), planSource, interpretMs],
  );
}

/** A picked track: a local row by id, or a Spotify track with what Spotify said about it. */
export type PickedTrack =
  & { reason: string; score: number }
  & (
    | { track_id: string }
    | {
      spotify: {
        external_id: string;
        uri: string;
        title: string;
        artist: string;
        album: string | null;
        explicit: boolean;
        duration_ms: number | null;
        /** Cover art and a 30-second preview, when Spotify gave them. */
        image_url: string | null;
        preview_url: string | null;
      };
    }
  );

export interface SearchResult {
  source: Extract<TrackSource, "spotify" | "catalogue">;
  notice: string | null;
  timings: { search_ms: number; build_ms: number; requests: number };
  tracks: PickedTrack[];
}

/**
 * The search stage's result: its Spotify tracks are added to `public.tracks` first (shared rows
 * only the server writes: private.dj_add_spotify_tracks), then the run keeps a snapshot of the
 * picked tracks (private.dj_store_tracks checks each is one its owner may read).
 */
export async function storeTracks(tx: Tx, id: string, result: SearchResult): Promise<void> {
  const spotify = result.tracks.flatMap((t) =>
    "spotify" in t
      // Spotify names every artist of a track: the joined list is cut to what a row holds (300
      // characters, counted as Postgres counts them).
      ? [{ ...t.spotify, artist: Array.from(t.spotify.artist).slice(0, 300).join("") }]
      : []
  );
  if (spotify.length) {
    await tx.query("select private.dj_add_spotify_tracks($1::jsonb)", [JSON.stringify(spotify)]);
  }
  const picked = result.tracks.map((t) => ({
    reason: t.reason,
    score: t.score,
    ...("spotify" in t ? { spotify_id: t.spotify.external_id } : { track_id: t.track_id }),
  }));
  await tx.query("select private.dj_store_tracks($1, $2, $3, $4::jsonb, $5::jsonb)", [
    id,
    result.source,
    result.notice,
    JSON.stringify(result.timings),
    JSON.stringify(picked),
  ]);
}

/**
 * The build stage's result: the playlist made in Spotify (null: the run stays a draft), the
 * notice, and the export and total times (total: from the request to now, queue waits included).
 */
export async function finishRun(
  tx: Tx,
  id: string,
  done: { playlistId: string | null; notice: string | null; exportMs: number },
): Promise<void> {
  await tx.query(
    `update public.dj_runs
        set playlist_id = $2, playlist_url = $3, exported_at = case when $2::text is not null then now() end,
            notice = $4,
            timings = timings || jsonb_build_object(
              'export_ms', $5::numeric,
              'total_ms', round(extract(epoch from clock_timestamp() - created_at) * 1000))
      where id = $1`,
    [
      id,
      done.playlistId,
      done.playlistId ? playlistUrl(done.playlistId) : null,
      done.notice,
      done.exportMs,
    ],
  );
}
