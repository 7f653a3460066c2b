/**
 * Hit meter reports in the database: as their owner (RLS) the newest report of a song and a
 * request (reused per audio version: supabase/migrations/20261212000100_studio_mastering.sql),
 * and what the job's stages read and write as the server.
 *
 * @module
 */
import type { Tx } from "../../../ports/db/mod.ts";
import type { JobRow } from "../../../ports/queue/jobs.ts";
import type { Features } from "../../../audio/reports.ts";
import type { HitScore, MeterReport } from "./schemas.ts";
import type { Meter } from "./types.ts";

interface Row extends Omit<Meter, "created_at" | "finished_at"> {
  created_at: Date | string;
  finished_at: Date | string | null;
}

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

/**
 * The song's newest report: the current audio's when there is one, else the latest of an
 * earlier version (shown with "measure again"); null when none.
 */
export async function getMeter(tx: Tx, songId: string): Promise<Meter | null> {
  const [row] = await tx.query<Row>(
    `select m.id, m.song_id, m.audio_version, m.audio_version = s.audio_version as current,
            m.status, m.stage, m.progress, m.error, m.report, m.created_at, m.finished_at
       from public.song_meters m join public.songs s on s.id = m.song_id
      where m.song_id = $1
      order by (m.audio_version = s.audio_version) desc, m.audio_version desc limit 1`,
    [songId],
  );
  if (!row) return null;
  const { created_at, finished_at, ...r } = row;
  return { ...r, created_at: iso(created_at), finished_at: finished_at && iso(finished_at) };
}

/** The report of the song's current audio: reused (queued false) or queued anew. */
export async function requestMeter(
  tx: Tx,
  songId: string,
  aiLimit: number,
): Promise<{ id: string; queued: boolean }> {
  const [row] = await tx.query<{ id: string; queued: boolean }>(
    "select id, queued from public.studio_meter_song($1, $2)",
    [songId, aiLimit],
  );
  return row;
}

// the job's side (service_role) -----------------------------------------------------------------

export interface MeterRow extends JobRow {
  owner_id: string;
  song_id: string;
  use_ai: boolean;
  song_wav: string | null;
  language: string | null;
  features: Features | null;
  score: HitScore | null;
}

export async function loadMeter(tx: Tx, id: string): Promise<MeterRow | null> {
  const [row] = await tx.query<MeterRow>(
    `select m.id, m.status, m.stage, m.progress, m.owner_id, m.song_id, m.use_ai, m.features,
            m.score, s.wav_path as song_wav, s.language
       from public.song_meters m join public.songs s on s.id = m.song_id
      where m.id = $1`,
    [id],
  );
  return row ?? null;
}

export async function saveMeasured(tx: Tx, id: string, f: Features, s: HitScore): Promise<void> {
  await tx.query("select private.studio_save_meter($1, $2::jsonb, $3::jsonb, null)", [
    id,
    JSON.stringify(f),
    JSON.stringify(s),
  ]);
}

export async function saveReport(tx: Tx, id: string, report: MeterReport): Promise<void> {
  await tx.query("select private.studio_save_meter($1, null, null, $2::jsonb)", [
    id,
    JSON.stringify(report),
  ]);
}
