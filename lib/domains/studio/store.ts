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
import { sharePath } from "./share_link.ts";

// The original's title and the catalogue flag are scalar subqueries, not joins: under RLS the
// planner joins the original by scanning every song of the owner, a subquery looks up one row.
const COLUMNS = `s.id, coalesce(s.title, s.plan ->> 'title') as title, s.source, s.original_name,
  s.prompt,
  coalesce(s.language, 'en') as language,
  s.status, s.stage, s.progress, s.error, s.plan, s.plan_source, s.seed, s.duration_ms,
  s.wav_path is not null as has_wav, s.mp3_path is not null as has_mp3,
  s.midi_path is not null as has_midi,
  s.stems, s.track_id, s.share_token, s.restyled_from,
  (select coalesce(o.title, o.plan ->> 'title') from public.songs o where o.id = s.restyled_from)
    as restyled_from_title,
  coalesce((select t.published from public.tracks t where t.id = s.track_id), false) as in_catalogue,
  s.created_at, s.updated_at, s.finished_at, s.created_at::text as created_key`;

interface Row extends
  Omit<
    Song,
    | "files"
    | "created_at"
    | "updated_at"
    | "finished_at"
    | "lyrics"
    | "peaks"
    | "shared"
    | "share_url"
    | "restyled_from"
  > {
  share_token: string | null;
  restyled_from: string | null;
  restyled_from_title: string | null;
  has_wav: boolean;
  has_mp3: boolean;
  has_midi: boolean;
  /** The stems' names and paths (the paths never leave the server). */
  stems: Record<string, string> | null;
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
    source: r.source,
    original_name: r.original_name,
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
    files: {
      wav: r.has_wav,
      mp3: r.has_mp3,
      midi: r.has_midi,
      stems: Object.keys(r.stems ?? {}).sort(),
    },
    peaks: r.peaks ?? null,
    track_id: r.track_id,
    restyled_from: r.restyled_from ? { id: r.restyled_from, title: r.restyled_from_title } : null,
    shared: r.share_token !== null,
    share_url: r.share_token && sharePath(r.share_token),
    in_catalogue: r.in_catalogue,
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
  const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // Only the filters asked for reach the SQL: the embedded database plans `$n is null or …` for
  // every request, and the unfiltered first page is the studio's busiest read.
  const params: unknown[] = [];
  const arg = (v: unknown) => `$${params.push(v)}`;
  const where = ["s.owner_id = (select auth.uid())"];
  if (q.status) where.push(`s.status = ${arg(q.status)}`);
  if (q.genre) {
    const g = arg(q.genre);
    where.push(
      `(lower(s.plan ->> 'genre') = lower(${g}) or lower(s.plan ->> 'subgenre') = lower(${g}))`,
    );
  }
  if (q.mood) where.push(`lower(s.plan ->> 'mood') = lower(${arg(q.mood)})`);
  if (q.q) {
    const w = arg(like(q.q));
    where.push(
      `(coalesce(s.title, s.plan ->> 'title', '') ilike ${w} or s.prompt ilike ${w}
        or s.original_name ilike ${w})`,
    );
  }
  // Calendar days in UTC, both included.
  if (q.from) where.push(`s.created_at >= ${arg(q.from)}::date::timestamp at time zone 'utc'`);
  if (q.to) {
    where.push(`s.created_at < (${arg(q.to)}::date + 1)::timestamp at time zone 'utc'`);
  }
  if (after) {
    where.push(`(s.created_at, s.id) < (${arg(after.k)}::timestamptz, ${arg(after.id)}::uuid)`);
  }
  // One JSON value rather than rows: decoding each typed column of each row costs more than the
  // whole query.
  const [{ page }] = await tx.query<{ page: string }>(
    `select coalesce(json_agg(x), '[]')::text as page from (
       select ${COLUMNS} from public.songs s where ${where.join(" and ")}
        order by s.created_at desc, s.id desc limit ${arg(q.limit + 1)}) x`,
    params,
  );
  const rows = JSON.parse(page) as Row[];
  return pageOf(rows, q.limit, toSong, (r) => ({ k: r.created_key, id: r.id }));
}

/** How many recent prompts the studio offers again. */
export const RECENT_PROMPTS = 8;

/**
 * The caller's own prompts, each once, the most recently used first (an upload has none; a
 * deleted song's prompt goes with it).
 */
export async function recentPrompts(tx: Tx, limit = RECENT_PROMPTS): Promise<string[]> {
  const rows = await tx.query<{ prompt: string }>(
    `select s.prompt from public.songs s
      where s.owner_id = (select auth.uid()) and s.prompt is not null
      group by s.prompt order by max(s.created_at) desc, s.prompt limit $1`,
    [limit],
  );
  return rows.map((r) => r.prompt);
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

/** A new song from an uploaded file, `queued` to be encoded; its id (no quota spent). */
export async function insertUpload(
  tx: Tx,
  u: { title: string; name: string; durationMs: number; peaks: [number, number][] },
): Promise<string> {
  const [{ id }] = await tx.query<{ id: string }>(
    "select public.studio_upload_song($1, $2, $3, $4::jsonb) as id",
    [u.title, u.name, u.durationMs, JSON.stringify(u.peaks)],
  );
  return id;
}

/**
 * A new draft restyling the caller's song `id` with `plan`, made from `basis` (the plan read: SC409
 * `plan` if it changed since); SC404/SC409 `status` as the SQL function says. The draft's id.
 */
export async function restyleSong(tx: Tx, id: string, basis: unknown, plan: SongPlan) {
  const [row] = await tx.query<{ id: string }>(
    "select public.studio_restyle_song($1, $2::jsonb, $3::jsonb) as id",
    [id, JSON.stringify(basis), JSON.stringify(plan)],
  );
  return row.id;
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
