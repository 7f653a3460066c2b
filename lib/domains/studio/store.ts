/**
 * Songs in the database as their owner (RLS): read one, list the library, and the transitions a
 * user makes, each one SQL function (supabase/migrations/20261210000100_studio_songs.sql). What
 * the job's stages write is job_store.ts.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import { decodeCursor, keysetOf, pageOf } from "../gigs/cursor.ts";
import type { Quota, Song, SongListQuery } from "./types.ts";
import type { SongPlan } from "./plan.ts";

const COLUMNS = `s.id, coalesce(s.title, s.plan ->> 'title') as title, s.prompt,
  coalesce(s.language, 'en') as language,
  s.status, s.stage, s.progress, s.error, s.plan, s.plan_source, s.seed, s.duration_ms,
  s.wav_path is not null as has_wav, s.mp3_path is not null as has_mp3,
  s.midi_path is not null as has_midi,
  coalesce((select array_agg(k order by k) from jsonb_object_keys(s.stems) k), '{}') as stem_names,
  s.track_id, s.created_at, s.updated_at, s.finished_at, s.created_at::text as created_key`;

interface Row
  extends Omit<Song, "files" | "created_at" | "updated_at" | "finished_at" | "lyrics" | "peaks"> {
  has_wav: boolean;
  has_mp3: boolean;
  has_midi: boolean;
  stem_names: string[];
  created_at: Date | string;
  updated_at: Date | string;
  finished_at: Date | string | null;
  created_key: string;
  lyrics?: Song["lyrics"];
  peaks?: Song["peaks"];
}

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

function toSong(r: Row): Song {
  return {
    id: r.id,
    title: r.title,
    prompt: r.prompt,
    language: r.language,
    status: r.status,
    stage: r.stage,
    progress: r.progress,
    error: r.error,
    plan: r.plan,
    plan_source: r.plan_source,
    lyrics: r.lyrics ?? null,
    seed: r.seed,
    duration_ms: r.duration_ms,
    files: { wav: r.has_wav, mp3: r.has_mp3, midi: r.has_midi, stems: r.stem_names },
    peaks: r.peaks ?? null,
    track_id: r.track_id,
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
    finished_at: r.finished_at && iso(r.finished_at),
  };
}

/** One of the caller's songs with its lyrics and peaks, or null (not theirs, or none). */
export async function getSong(tx: Tx, id: string): Promise<Song | null> {
  const [row] = await tx.query<Row>(
    `select ${COLUMNS}, s.lyrics, s.peaks from public.songs s where s.id = $1`,
    [id],
  );
  return row ? toSong(row) : null;
}

/** The caller's library, newest first, filtered; keyset pages (lyrics and peaks left out). */
export async function listSongs(
  tx: Tx,
  q: SongListQuery,
): Promise<{ items: Song[]; nextCursor: string | null }> {
  let after: { k: string; id: string } | null = null;
  if (q.cursor) {
    after = keysetOf(
      decodeCursor(q.cursor) ?? { bad: true },
      (k) => typeof k === "string" && /^\d{4}-\d\d-\d\d[ T][\d:.+-]+$/.test(k),
    );
  }
  // LIKE's wildcards in the user's words are matched literally.
  const like = (s: string | undefined) => s && `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await tx.query<Row>(
    `select ${COLUMNS} from public.songs s
      where s.owner_id = (select auth.uid())
        and ($1::text is null or s.status = $1)
        and ($2::text is null or lower(s.plan ->> 'genre') = lower($2)
             or lower(s.plan ->> 'subgenre') = lower($2))
        and ($3::text is null or lower(s.plan ->> 'mood') = lower($3))
        and ($4::text is null or coalesce(s.title, s.plan ->> 'title', '') ilike $4
             or s.prompt ilike $4)
        and ($5::timestamptz is null or (s.created_at, s.id) < ($5::timestamptz, $6::uuid))
      order by s.created_at desc, s.id desc limit $7`,
    [
      q.status ?? null,
      q.genre ?? null,
      q.mood ?? null,
      like(q.q) ?? null,
      after?.k ?? null,
      after?.id ?? null,
      q.limit + 1,
    ],
  );
  return pageOf(rows, q.limit, toSong, (r) => ({ k: r.created_key, id: r.id }));
}

/** The caller's quota this month. */
export async function getQuota(tx: Tx): Promise<Quota> {
  const [q] = await tx.query<{ used: number; limit: number; remaining: number; resets_at: Date }>(
    `select used, "limit", remaining, resets_at from public.studio_quota()`,
  );
  return { ...q, resets_at: iso(q.resets_at) };
}

/** A new song from a prompt, `queued` to be planned; its id. */
export async function insertSong(tx: Tx, prompt: string, language: string | null) {
  const [{ id }] = await tx.query<{ id: string }>(
    "select public.studio_create_song($1, $2) as id",
    [prompt, language],
  );
  return id;
}

export async function setPlan(tx: Tx, id: string, plan: SongPlan): Promise<void> {
  await tx.query("select public.studio_set_plan($1, $2::jsonb)", [id, JSON.stringify(plan)]);
}

/** Spends a song of the quota and queues the draft (SC429 / SC409); the songs left. */
export async function queueGeneration(tx: Tx, id: string): Promise<number> {
  const [{ left }] = await tx.query<{ left: number }>(
    "select public.studio_generate($1) as left",
    [id],
  );
  return left;
}

export async function cancelSong(tx: Tx, id: string): Promise<void> {
  await tx.query("select public.studio_cancel($1)", [id]);
}

export async function renameSong(tx: Tx, id: string, title: string): Promise<void> {
  await tx.query("select public.studio_rename($1, $2)", [id, title]);
}

/** Deletes the song and its track; the file paths to remove from the `tracks` bucket. */
export async function deleteSongRow(tx: Tx, id: string): Promise<string[]> {
  const [{ paths }] = await tx.query<{ paths: string[] }>(
    "select public.studio_delete_song($1) as paths",
    [id],
  );
  return paths ?? [];
}

/** A file of the caller's finished song: its path in the bucket, or null. */
export async function songFilePath(
  tx: Tx,
  id: string,
  format: "wav" | "mp3" | "midi" | "stems",
  stem?: string,
): Promise<string | null> {
  const [row] = await tx.query<{ path: string | null }>(
    `select case $2::text when 'wav' then wav_path when 'mp3' then mp3_path
                          when 'midi' then midi_path else stems ->> $3::text end as path
       from public.songs where id = $1 and status = 'done'`,
    [id, format, stem ?? null],
  );
  return row?.path ?? null;
}
