/**
 * A musician's portfolio: listing it (public), captioning, reordering and deleting items (the
 * owner), and the media shown with applications. Deleting an item removes it everywhere: its
 * file, its row, and its place in any application that carried it (the migration's trigger).
 *
 * @module
 */
import type { Claims, Db, Tx } from "../../ports/db/mod.ts";
import type { Caller, StoragePort } from "../../ports/storage/port.ts";
import type { Logger } from "../../platform/log.ts";
import { HttpError } from "../../web/errors.ts";
import { MEDIA_BUCKET, type MediaKind } from "./limits.ts";
import type { MediaItem, MediaPatch, MediaRow } from "./schemas.ts";
import * as store from "./store.ts";

/** The parts of the platform the portfolio uses. */
export interface MediaPlatform {
  db: Db;
  storage: StoragePort;
  log: Logger;
}

/** A row as the API and pages show it: its public URL instead of its object name. */
export function toItem(p: Pick<MediaPlatform, "storage">, row: MediaRow): MediaItem {
  const { path, ...rest } = row;
  return { ...rest, url: p.storage.publicUrl(MEDIA_BUCKET, path) };
}

/** A musician's items in their order (anyone may read a portfolio). */
export async function listPortfolio(
  p: Pick<MediaPlatform, "storage">,
  tx: Tx,
  ownerId: string,
  kind?: MediaKind,
): Promise<MediaItem[]> {
  return (await store.listMedia(tx, ownerId, kind)).map((r) => toItem(p, r));
}

/** The caller's own portfolio page: their items, and whether they may upload (a profile). */
export async function ownPortfolio(
  p: Pick<MediaPlatform, "storage">,
  tx: Tx,
  uid: string,
): Promise<{ items: MediaItem[]; hasProfile: boolean }> {
  const state = await store.uploadState(tx, uid);
  return { items: await listPortfolio(p, tx, uid), hasProfile: state.musician };
}

const notFound = () => new HttpError(404, "Media not found", { field: "id" });

/** Captions and/or moves one of the caller's items; 404 when it is not theirs. */
export async function patchMedia(
  p: MediaPlatform,
  claims: Claims,
  id: string,
  patch: MediaPatch,
): Promise<MediaItem> {
  return await p.db.asUser(claims, async (tx) => {
    const row = await store.getMedia(tx, id);
    if (!row || row.owner_id !== claims.sub) throw notFound();
    if (patch.caption !== undefined) await store.setCaption(tx, id, patch.caption || null);
    if (patch.position !== undefined) await store.moveMedia(tx, id, patch.position);
    const after = await store.getMedia(tx, id);
    if (!after) throw notFound();
    return toItem(p, after);
  });
}

/** Deletes one of the caller's items and its file; 404 when it is not theirs. */
export async function removeMedia(
  p: MediaPlatform,
  caller: Caller & { claims: Claims },
  id: string,
): Promise<void> {
  const path = await p.db.asUser(caller.claims, async (tx) => {
    const row = await store.getMedia(tx, id);
    if (!row || row.owner_id !== caller.claims.sub) throw notFound();
    return await store.deleteMedia(tx, id);
  });
  if (!path) throw notFound();
  // The row is gone, so the item is gone: a file left behind is only logged.
  const removed = await p.storage.remove(caller, MEDIA_BUCKET, path).catch(() => false);
  if (!removed) p.log({ level: "warn", msg: "media file not removed", id, path });
}

/** What an applicant card shows: the musician's first photo and first audio. */
export interface Showreel {
  photo: MediaItem | null;
  audio: MediaItem | null;
}

/** Per musician, their first photo and first audio. */
export async function showreels(
  p: Pick<MediaPlatform, "storage">,
  tx: Tx,
  owners: readonly string[],
): Promise<Map<string, Showreel>> {
  const out = new Map<string, Showreel>();
  for (const row of await store.firstPhotoAndAudio(tx, [...new Set(owners)])) {
    const reel = out.get(row.owner_id) ?? { photo: null, audio: null };
    if (row.kind === "photo") reel.photo = toItem(p, row);
    if (row.kind === "audio") reel.audio = toItem(p, row);
    out.set(row.owner_id, reel);
  }
  return out;
}

/** The items of `ids` that still exist, in that order (an application's attachments). */
export async function mediaItems(
  p: Pick<MediaPlatform, "storage">,
  tx: Tx,
  ids: readonly string[],
): Promise<MediaItem[]> {
  return (await store.mediaByIds(tx, ids)).map((r) => toItem(p, r));
}
