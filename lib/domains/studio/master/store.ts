/**
 * Masters in the database: as their owner (RLS) the list, one master, a request and cancel (SQL
 * functions of supabase/migrations/20261212000100_studio_mastering.sql), and what the job's stages
 * read and write as the server.
 *
 * @module
 */
import type { Tx } from "../../../ports/db/mod.ts";
import type { JobRow } from "../../../ports/queue/jobs.ts";
import type { Master } from "./types.ts";
import { type MasterReport, MasterSettings } from "./schemas.ts";

const COLUMNS = `m.id, m.song_id, m.audio_version, m.audio_version = s.audio_version as current,
  m.status, m.stage, m.progress, m.error, m.settings,
  coalesce(r.title, r.plan ->> 'title', r.original_name) as reference_title, m.report,
  m.wav_path is not null as has_wav, m.mp3_path is not null as has_mp3,
  m.created_at, m.finished_at`;
const FROM = `public.song_masters m join public.songs s on s.id = m.song_id
  left join public.songs r on r.id = m.reference_song_id`;

interface Row extends Omit<Master, "files" | "created_at" | "finished_at"> {
  has_wav: boolean;
  has_mp3: boolean;
  created_at: Date | string;
  finished_at: Date | string | null;
}

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

function toMaster({ has_wav, has_mp3, created_at, finished_at, ...r }: Row): Master {
  return {
    ...r,
    // Stored as the server parsed them; parsing again fills defaults added since.
    settings: MasterSettings.parse(r.settings),
    files: { wav: has_wav, mp3: has_mp3 },
    created_at: iso(created_at),
    finished_at: finished_at && iso(finished_at),
  };
}

/** The caller's song's masters, newest first. */
export async function listMasters(tx: Tx, songId: string, limit = 50): Promise<Master[]> {
  const rows = await tx.query<Row>(
    `select ${COLUMNS} from ${FROM} where m.song_id = $1
      order by m.created_at desc, m.id desc limit $2`,
    [songId, limit],
  );
  return rows.map(toMaster);
}

/** One of the caller's masters of that song, or null. */
export async function getMaster(tx: Tx, songId: string, id: string): Promise<Master | null> {
  const [row] = await tx.query<Row>(
    `select ${COLUMNS} from ${FROM} where m.id = $1 and m.song_id = $2`,
    [id, songId],
  );
  return row ? toMaster(row) : null;
}

/** A new master of the caller's finished song (SC404/409/429 from SQL); its id. */
export async function insertMaster(
  tx: Tx,
  songId: string,
  settings: MasterSettings,
): Promise<string> {
  const ref = settings.reference.kind === "song" ? settings.reference.song_id : null;
  const [{ id }] = await tx.query<{ id: string }>(
    "select public.studio_master_song($1, $2::jsonb, $3) as id",
    [songId, JSON.stringify(settings), ref],
  );
  return id;
}

export async function cancelMaster(tx: Tx, id: string): Promise<void> {
  await tx.query("select public.studio_cancel_master($1)", [id]);
}

/** The path of a finished master's file, or null. */
export async function masterFilePath(
  tx: Tx,
  songId: string,
  id: string,
  format: "wav" | "mp3",
): Promise<string | null> {
  const [row] = await tx.query<{ path: string | null }>(
    `select case $3::text when 'wav' then wav_path else mp3_path end as path
       from public.song_masters where id = $1 and song_id = $2 and status = 'done'`,
    [id, songId, format],
  );
  return row?.path ?? null;
}

// the job's side (service_role) -----------------------------------------------------------------

/** A master as its stages read it: the settings and where the audio is. */
export interface MasterRow extends JobRow {
  owner_id: string;
  song_id: string;
  settings: MasterSettings;
  song_wav: string | null;
  /** The reference song's WAV (a song reference), null when it is gone. */
  reference_wav: string | null;
}

export async function loadMaster(tx: Tx, id: string): Promise<MasterRow | null> {
  const [row] = await tx.query<MasterRow>(
    `select m.id, m.status, m.stage, m.progress, m.owner_id, m.song_id, m.settings,
            s.wav_path as song_wav, r.wav_path as reference_wav
       from public.song_masters m join public.songs s on s.id = m.song_id
       left join public.songs r on r.id = m.reference_song_id
      where m.id = $1`,
    [id],
  );
  return row ?? null;
}

export async function finishMaster(
  tx: Tx,
  id: string,
  files: { wav: string; mp3: string },
  report: MasterReport,
): Promise<void> {
  await tx.query("select private.studio_finish_master($1, $2, $3, $4::jsonb)", [
    id,
    files.wav,
    files.mp3,
    JSON.stringify(report),
  ]);
}
