/**
 * Published studio songs, for the pages: publishing is the song's track (public.tracks, shared
 * with the AI DJ) turned `published`, which makes it readable by anyone (the tracks policy
 * "Published tracks and own songs are readable") and joins it to the DJ's offline catalogue
 * (lib/domains/dj/local_search.ts). The public page /s/<track id> reads the track as an anonymous
 * visitor, so RLS decides what is shared; only then are the song's peaks read and a short-lived
 * signed URL of its MP3 made on the owner's behalf.
 *
 * Interim, UI-side: the core (service.ts) has no share or publish operation yet; these use only
 * the existing policies (an owner may update their own track's `published`).
 *
 * @module
 */
import type { Db, Tx } from "../../ports/db/mod.ts";
import type { Caller, StoragePort } from "../../ports/storage/port.ts";
import { BUCKET } from "./files.ts";

/** Seconds a shared page's audio link works (a visitor reloads the page for a new one). */
export const SHARE_AUDIO_TTL_S = 3600;

/** Whether the caller's song is published (false when it has no track yet). */
export async function isPublished(tx: Tx, songId: string): Promise<boolean> {
  const [row] = await tx.query<{ published: boolean }>(
    `select t.published from public.songs s join public.tracks t on t.id = s.track_id
      where s.id = $1`,
    [songId],
  );
  return row?.published ?? false;
}

/** Publishes or unpublishes the caller's finished song (RLS: only their own track changes). */
export async function setPublished(tx: Tx, songId: string, published: boolean): Promise<boolean> {
  const rows = await tx.query(
    `update public.tracks set published = $2
      where id = (select track_id from public.songs where id = $1) and source = 'studio'
      returning id`,
    [songId, published],
  );
  return rows.length > 0;
}

export interface SharedSong {
  trackId: string;
  title: string;
  artist: string;
  genres: string[];
  moods: string[];
  tempo: number | null;
  durationMs: number;
  peaks: [number, number][];
  /** A signed URL of the MP3, or null when the file is gone. */
  audioUrl: string | null;
}

interface SharePorts {
  db: Db;
  storage: StoragePort;
  mode: "embedded" | "supabase";
  config: { SUPABASE_SERVICE_ROLE_KEY?: string };
}

/** A published studio song for anyone, or null (unknown, unpublished or not a studio song). */
export async function sharedSong(p: SharePorts, trackId: string): Promise<SharedSong | null> {
  const [track] = await p.db.asUser({ role: "anon" }, (tx) =>
    tx.query<{
      id: string;
      title: string;
      artist: string;
      genres: string[];
      moods: string[];
      tempo: number | null;
      duration_ms: number | null;
      audio_path: string | null;
      owner_id: string;
    }>(
      `select id, title, artist, genres, moods, tempo, duration_ms, audio_path, owner_id
         from public.tracks where id = $1 and source = 'studio' and published`,
      [trackId],
    ));
  if (!track) return null;
  // Peaks live on the song, which only its owner reads: the track being public is the check.
  const [song] = await p.db.asService((tx) =>
    tx.query<{ peaks: [number, number][] | null }>(
      "select peaks from public.songs where track_id = $1 and owner_id = $2",
      [track.id, track.owner_id],
    )
  );
  const owner: Caller = {
    claims: { sub: track.owner_id, role: "authenticated" },
    ...(p.mode === "supabase" && p.config.SUPABASE_SERVICE_ROLE_KEY
      ? { accessToken: p.config.SUPABASE_SERVICE_ROLE_KEY }
      : {}),
  };
  const audioUrl = track.audio_path
    ? await p.storage.createSignedUrl(owner, BUCKET, track.audio_path, SHARE_AUDIO_TTL_S)
    : null;
  return {
    trackId: track.id,
    title: track.title,
    artist: track.artist,
    genres: track.genres,
    moods: track.moods,
    tempo: track.tempo,
    durationMs: track.duration_ms ?? 0,
    peaks: song?.peaks ?? [],
    audioUrl,
  };
}
