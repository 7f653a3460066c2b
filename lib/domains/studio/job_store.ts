/**
 * What a song's job reads and writes (the stages: stages.ts). Only the server writes these,
 * through functions granted to service_role; the job columns are lib/ports/queue/jobs.ts's.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import type { JobRow } from "../../ports/queue/jobs.ts";
import type { SongPlan } from "./plan.ts";
import type { Lyrics } from "../../ports/music/port.ts";

/** A song as its stages read it. */
export interface SongRow extends JobRow {
  owner_id: string;
  /** 'upload': the user's own file, stored as a WAV; its job starts at encoding. */
  source: "prompt" | "upload";
  /** Null for an upload. */
  prompt: string | null;
  /** Null until the plan settles it (the user gave none: detected from the prompt). */
  language: string | null;
  plan: unknown;
  lyrics: Lyrics | null;
  seed: number;
}

export async function loadSong(tx: Tx, id: string): Promise<SongRow | null> {
  const [row] = await tx.query<SongRow>(
    `select id, status, stage, progress, owner_id, source, prompt, language, plan, lyrics, seed
       from public.songs where id = $1`,
    [id],
  );
  return row ?? null;
}

/** The song's priority for the queue: 1 for pro songs (read first), 0 for free ones. */
export async function songPriority(tx: Tx, id: string): Promise<number> {
  const [row] = await tx.query<{ priority: number }>(
    "select priority from public.songs where id = $1",
    [id],
  );
  return Number(row?.priority ?? 0);
}

export async function savePlan(
  tx: Tx,
  id: string,
  plan: SongPlan,
  source: "live" | "offline",
  language: string,
): Promise<void> {
  await tx.query("select private.studio_save_plan($1, $2::jsonb, $3, $4)", [
    id,
    JSON.stringify(plan),
    source,
    language,
  ]);
}

export async function saveLyrics(tx: Tx, id: string, lyrics: Lyrics | null): Promise<void> {
  await tx.query("select private.studio_save_lyrics($1, $2::jsonb)", [
    id,
    lyrics === null ? null : JSON.stringify(lyrics),
  ]);
}

export interface StoredFiles {
  wav: string;
  mp3: string;
  midi: string | null;
  stems: Record<string, string>;
  peaks: [number, number][];
  duration_ms: number;
}

/** The files' paths, peaks and length on the song, and its unpublished track; the track's id. */
export async function finishSong(tx: Tx, id: string, files: StoredFiles): Promise<string> {
  const [{ track }] = await tx.query<{ track: string }>(
    "select private.studio_finish_song($1, $2::jsonb) as track",
    [id, JSON.stringify(files)],
  );
  return track;
}
