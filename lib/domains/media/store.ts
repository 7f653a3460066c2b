/**
 * The portfolio's SQL, run as the caller (RLS: everyone reads media; owners caption and delete
 * theirs; adding and reordering go through public.add_media and public.move_media).
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import { type MediaKind } from "./limits.ts";
import { MediaRow } from "./schemas.ts";

const COLUMNS = `id, owner_id, kind, caption, position, content_type, size_bytes, width, height,
  duration_ms, peaks, created_at, path`;

const rows = (list: Record<string, unknown>[]) => list.map((r) => MediaRow.parse(r));

/** A musician's items in their order, optionally of one kind. */
export async function listMedia(tx: Tx, ownerId: string, kind?: MediaKind): Promise<MediaRow[]> {
  return rows(
    await tx.query(
      `select ${COLUMNS} from public.media
        where owner_id = $1::uuid and ($2::text is null or kind = $2::text)
        order by position, created_at, id`,
      [ownerId, kind ?? null],
    ),
  );
}

/** The items of `ids` that still exist, in the order given. */
export async function mediaByIds(tx: Tx, ids: readonly string[]): Promise<MediaRow[]> {
  if (!ids.length) return [];
  const found = rows(
    await tx.query(`select ${COLUMNS} from public.media where id = any($1::uuid[])`, [ids]),
  );
  const byId = new Map(found.map((m) => [m.id, m]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Each owner's first photo and first audio (by their order). */
export async function firstPhotoAndAudio(tx: Tx, owners: readonly string[]): Promise<MediaRow[]> {
  if (!owners.length) return [];
  return rows(
    await tx.query(
      `select distinct on (owner_id, kind) ${COLUMNS} from public.media
        where owner_id = any($1::uuid[]) and kind in ('photo', 'audio')
        order by owner_id, kind, position, created_at, id`,
      [owners],
    ),
  );
}

export async function getMedia(tx: Tx, id: string): Promise<MediaRow | null> {
  const [row] = await tx.query(`select ${COLUMNS} from public.media where id = $1::uuid`, [id]);
  return row ? MediaRow.parse(row) : null;
}

/** Whether the caller may upload at all (a musician profile) and how many items they keep. */
export async function uploadState(
  tx: Tx,
  uid: string,
): Promise<{ musician: boolean; count: number }> {
  const [r] = await tx.query<{ musician: boolean; count: number }>(
    `select exists (select 1 from public.musician_profiles mp join public.profiles p on p.id = mp.id
                     where mp.id = $1::uuid and p.is_musician) as musician,
            (select count(*)::int from public.media where owner_id = $1::uuid) as count`,
    [uid],
  );
  return { musician: Boolean(r?.musician), count: Number(r?.count ?? 0) };
}

export interface NewMedia {
  id: string;
  kind: MediaKind;
  path: string;
  caption: string | null;
  contentType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  peaks: [number, number][] | null;
}

/** Records a checked upload (403 without a musician profile, 409 when the portfolio is full). */
export async function insertMedia(tx: Tx, m: NewMedia): Promise<MediaRow> {
  const [row] = await tx.query(
    `select ${COLUMNS} from public.add_media($1::uuid, $2, $3, $4, $5, $6::bigint, $7::int, $8::int,
                                             $9::int, $10::jsonb)`,
    [
      m.id,
      m.kind,
      m.path,
      m.caption,
      m.contentType,
      m.sizeBytes,
      m.width,
      m.height,
      m.durationMs,
      m.peaks ? JSON.stringify(m.peaks) : null,
    ],
  );
  return MediaRow.parse(row);
}

/** Sets the caption of the caller's item; null when it is not theirs (RLS) or not there. */
export async function setCaption(tx: Tx, id: string, caption: string | null): Promise<boolean> {
  const done = await tx.query(
    "update public.media set caption = $2 where id = $1::uuid returning id",
    [id, caption],
  );
  return done.length > 0;
}

/** Moves the caller's item to `position` (404 when not theirs); its new position. */
export async function moveMedia(tx: Tx, id: string, position: number): Promise<number> {
  const [r] = await tx.query<{ position: number }>(
    "select public.move_media($1::uuid, $2::int) as position",
    [id, position],
  );
  return Number(r.position);
}

/** Deletes the caller's item (and, by trigger, its place in applications); its path, or null. */
export async function deleteMedia(tx: Tx, id: string): Promise<string | null> {
  const [r] = await tx.query<{ path: string }>(
    "delete from public.media where id = $1::uuid returning path",
    [id],
  );
  return r?.path ?? null;
}
