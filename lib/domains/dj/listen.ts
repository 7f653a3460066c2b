/**
 * What a playlist's page shows and plays beside each track: its cover art, and the audio its play
 * button plays, when there is one. A platform song (studio or virtual artist) plays whole from its
 * own file, signed for an hour on its owner's behalf (the `tracks` bucket is private); a Spotify
 * track plays its 30-second preview when Spotify gave one; the offline catalogue has no audio,
 * and the page says so rather than showing a button that does nothing.
 *
 * Read when a run is shown, not stored in its snapshot: a signed link expires, and a song its
 * owner takes out of the catalogue stops playing in other people's playlists.
 *
 * @module
 */
import type { Claims, Db, Tx } from "../../ports/db/mod.ts";
import { ownerCaller, type StoragePort } from "../../ports/storage/port.ts";
import { BUCKET } from "../studio/files.ts";
import { getRun, type SharedRun } from "./store.ts";
import type { DjRunWithTracks } from "./types.ts";

/** Seconds a song's audio link works (the page signs new ones each time it is shown). */
export const LISTEN_TTL_S = 3600;

/** What the DJ needs of the platform to sign a song's audio. */
export interface ListenPorts {
  db: Db;
  storage: StoragePort;
  mode: "embedded" | "supabase";
  config: { SUPABASE_SERVICE_ROLE_KEY?: string };
}

interface ListenRow {
  id: string;
  source: string;
  image_url: string | null;
  preview_url: string | null;
  owner_id: string | null;
  audio_path: string | null;
}

export interface Listening {
  image_url: string | null;
  audio_url: string | null;
  audio_kind: "song" | "preview" | null;
}

const NOTHING: Listening = { image_url: null, audio_url: null, audio_kind: null };

/** The tracks' rows that `tx` may read (RLS for a user; `published` only for the public). */
async function rowsOf(tx: Tx, ids: string[], publicOnly: boolean): Promise<ListenRow[]> {
  if (!ids.length) return [];
  return await tx.query<ListenRow>(
    `select id, source, image_url, preview_url, owner_id, audio_path from public.tracks
      where id = any($1::uuid[]) and ($2::boolean is false or published)`,
    [ids, publicOnly],
  );
}

/** Each row's cover and playable audio, by track id. */
async function listeningOf(p: ListenPorts, rows: ListenRow[]): Promise<Map<string, Listening>> {
  const asOwner = ownerCaller(p.mode, p.config.SUPABASE_SERVICE_ROLE_KEY);
  const out = new Map<string, Listening>();
  await Promise.all(rows.map(async (r) => {
    let audio_url: string | null = null;
    let audio_kind: Listening["audio_kind"] = null;
    if ((r.source === "studio" || r.source === "artist") && r.owner_id && r.audio_path) {
      audio_url = await p.storage.createSignedUrl(
        asOwner(r.owner_id),
        BUCKET,
        r.audio_path,
        LISTEN_TTL_S,
      ).catch(() => null);
      if (audio_url) audio_kind = "song";
    } else if (r.preview_url) {
      [audio_url, audio_kind] = [r.preview_url, "preview"];
    }
    out.set(r.id, { image_url: r.image_url, audio_url, audio_kind });
  }));
  return out;
}

/**
 * One of the caller's runs (null: not theirs, or none) with what to show and play beside each
 * track, as its owner may: their own unpublished songs play for them, no one else's do (RLS).
 */
export async function runToListen(
  p: ListenPorts,
  claims: Claims,
  id: string,
): Promise<DjRunWithTracks | null> {
  const found = await p.db.asUser(claims, async (tx) => {
    const run = await getRun(tx, id);
    if (!run) return null;
    return { run, rows: await rowsOf(tx, [...new Set(run.tracks.map((t) => t.track_id))], false) };
  });
  if (!found) return null;
  const by = await listeningOf(p, found.rows);
  const tracks = found.run.tracks.map((t) => ({ ...t, ...(by.get(t.track_id) ?? NOTHING) }));
  return { ...found.run, tracks };
}

export type SharedTrack = SharedRun["tracks"][number] & Listening & { source?: string };

/**
 * A shared run's tracks with what anyone may play: published tracks only (a song its owner keeps
 * private is not heard through somebody's share link). The server's own lookup by the token: the
 * public function returns no ids.
 */
export async function listenShared(
  p: ListenPorts,
  token: string,
  tracks: SharedRun["tracks"],
): Promise<SharedTrack[]> {
  const by = await p.db.asService(async (tx) => {
    const [run] = await tx.query<{ tracks: { position: number; track_id: string }[] }>(
      "select tracks from public.dj_runs where share_token = $1",
      [token],
    );
    const positions = new Map((run?.tracks ?? []).map((t) => [t.position, t.track_id]));
    const rows = await rowsOf(tx, [...new Set(positions.values())], true);
    return { positions, rows };
  });
  const listening = await listeningOf(p, by.rows);
  const sources = new Map(by.rows.map((r) => [r.id, r.source]));
  return tracks.map((t) => {
    const id = by.positions.get(t.position) ?? "";
    return { ...t, source: sources.get(id), ...(listening.get(id) ?? NOTHING) };
  });
}
