/**
 * Sharing a studio song and adding it to the AI DJ's catalogue: two separate choices of its
 * owner, each one SQL function checked as the owner (supabase/migrations/
 * 20261211000200_studio_share.sql). A share link (/s/<token>) shows the song to anyone who has
 * it; sharing again makes a new link and the old one stops working. The catalogue is the song's
 * track `published`, which the DJ's offline search reads; it shares nothing by itself.
 *
 * A visitor reads a shared song through public.studio_shared_song (its public fields only, as
 * `anon`); the MP3 is then signed for an hour on the owner's behalf.
 *
 * @module
 */
import { z } from "zod";
import type { Claims, Db, Tx } from "../../ports/db/mod.ts";
import type { Caller, StoragePort } from "../../ports/storage/port.ts";
import { HttpError } from "../../web/errors.ts";
import { BUCKET } from "./files.ts";
import { SHARE_TOKEN } from "./share_link.ts";
import * as store from "./store.ts";
import type { Quota, Song } from "./types.ts";

/** Seconds a shared page's audio link works (a visitor reloads the page for a new one). */
export const SHARE_AUDIO_TTL_S = 3600;

type View = { song: Song; quota: Quota };

/** Runs one transition as the caller, then reads the song back in the same transaction. */
function transition<T>(db: Db, claims: Claims, id: string, fn: (tx: Tx) => Promise<T>) {
  return db.asUser(claims, async (tx) => {
    const out = await fn(tx);
    const song = await store.getSong(tx, id);
    if (!song) throw new HttpError(404, "Song not found", { field: "id" });
    return { out, view: { song, quota: await store.getQuota(tx) } };
  });
}

/** A new share link for the caller's finished song (any earlier link stops working). */
export async function shareSong(
  p: { db: Db },
  claims: Claims,
  id: string,
): Promise<View & { token: string }> {
  const { out, view } = await transition(p.db, claims, id, async (tx) => {
    const [{ token }] = await tx.query<{ token: string }>(
      "select public.studio_share($1) as token",
      [id],
    );
    return token;
  });
  return { ...view, token: out };
}

/** Stops sharing the caller's song: its link is a 404 from now on. */
export async function unshareSong(p: { db: Db }, claims: Claims, id: string): Promise<View> {
  return (await transition(
    p.db,
    claims,
    id,
    (tx) => tx.query("select public.studio_unshare($1)", [id]),
  )).view;
}

/** Lets the AI DJ play the caller's finished song in playlists, or stops it. */
export async function setInCatalogue(
  p: { db: Db },
  claims: Claims,
  id: string,
  on: boolean,
): Promise<View> {
  return (await transition(
    p.db,
    claims,
    id,
    (tx) => tx.query("select public.studio_set_catalogue($1, $2)", [id, on]),
  )).view;
}

/** What public.studio_shared_song returns. */
const SharedFields = z.object({
  title: z.string(),
  artist: z.string(),
  genre: z.string().nullable(),
  subgenre: z.string().nullable(),
  mood: z.string().nullable(),
  tempo_bpm: z.number().nullable(),
  key: z.string().nullable(),
  duration_ms: z.number().int().nullable(),
  lyrics: z.record(z.string(), z.unknown()).nullable(),
  peaks: z.array(z.tuple([z.number(), z.number()])),
  finished_at: z.string().nullable(),
});

export const SharedSong = SharedFields.extend({
  /** A signed URL of the MP3 for an hour, or null when the file is gone. */
  audio_url: z.string().nullable(),
});
export type SharedSong = z.infer<typeof SharedSong>;

interface SharePorts {
  db: Db;
  storage: StoragePort;
  mode: "embedded" | "supabase";
  config: { SUPABASE_SERVICE_ROLE_KEY?: string };
}

/** The song a share token opens, for anyone; null for a malformed, revoked or unknown token. */
export async function sharedSong(p: SharePorts, token: string): Promise<SharedSong | null> {
  if (!SHARE_TOKEN.test(token)) return null;
  const [row] = await p.db.asUser(
    { role: "anon" },
    (tx) => tx.query<{ song: unknown }>("select public.studio_shared_song($1) as song", [token]),
  );
  if (!row?.song) return null;
  const fields = SharedFields.parse(row.song);
  // Where the MP3 is and whose it is: the server's own lookup, never shown to the visitor.
  const [file] = await p.db.asService((tx) =>
    tx.query<{ owner_id: string; mp3_path: string | null }>(
      "select owner_id, mp3_path from public.songs where share_token = $1 and status = 'done'",
      [token],
    )
  );
  if (!file) return null; // unshared meanwhile
  const owner: Caller = {
    claims: { sub: file.owner_id, role: "authenticated" },
    ...(p.mode === "supabase" && p.config.SUPABASE_SERVICE_ROLE_KEY
      ? { accessToken: p.config.SUPABASE_SERVICE_ROLE_KEY }
      : {}),
  };
  const audio_url = file.mp3_path
    ? await p.storage.createSignedUrl(owner, BUCKET, file.mp3_path, SHARE_AUDIO_TTL_S)
    : null;
  return { ...fields, audio_url };
}
