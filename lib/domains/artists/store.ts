/**
 * Virtual artists in the database, read and written as the signed-in person (RLS decides what
 * they see; the functions of supabase/migrations/20261213000100_virtual_artists.sql make the
 * writes that must stay consistent).
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import type { Artist, CalendarEntry, Drawing, Import, Plan, PlanItemView, Version } from "./api.ts";
import type { Brief, Persona } from "./types.ts";

const iso = (d: Date | string | null): string | null =>
  d === null ? null : (d instanceof Date ? d : new Date(d)).toISOString();

interface ArtistRow {
  id: string;
  owner_id: string;
  name: string;
  version: number;
  persona: Persona;
  brief: Brief;
  avatar_path: string | null;
  cover_path: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** Where pages and the API serve an artist's art (the route reads storage as the reader). */
export const artUrl = (
  id: string,
  kind: "avatar" | "cover",
  path: string | null,
  version: number,
) =>
  `/artists/${id}/art/${kind}?v=${
    encodeURIComponent(path ? path.split("/").at(-1) ?? "" : `drawn-${version}`)
  }`;

function toArtist(r: ArtistRow, uid: string): Artist {
  return {
    id: r.id,
    name: r.name,
    version: r.version,
    persona: r.persona,
    brief: r.brief,
    owner: r.owner_id === uid,
    avatar_url: artUrl(r.id, "avatar", r.avatar_path, r.version),
    cover_url: artUrl(r.id, "cover", r.cover_path, r.version),
    created_at: iso(r.created_at)!,
    updated_at: iso(r.updated_at)!,
  };
}

const ARTIST_COLUMNS =
  "id, owner_id, name, version, persona, brief, avatar_path, cover_path, created_at, updated_at";

/** The artists the caller owns or was invited to, newest first. */
export async function listArtists(tx: Tx, uid: string): Promise<Artist[]> {
  const rows = await tx.query<ArtistRow>(
    `select ${ARTIST_COLUMNS} from public.artists order by created_at desc, id desc limit 200`,
  );
  return rows.map((r) => toArtist(r, uid));
}

export async function getArtist(tx: Tx, uid: string, id: string): Promise<Artist | null> {
  const [r] = await tx.query<ArtistRow>(
    `select ${ARTIST_COLUMNS} from public.artists where id = $1`,
    [id],
  );
  return r ? toArtist(r, uid) : null;
}

/** The art's storage paths (null when the artist is not the reader's). */
export interface ArtPaths {
  avatar_path: string | null;
  cover_path: string | null;
  /** What the art is drawn from when none is stored (an artist made outside the app). */
  persona: Persona;
}

/** The art's storage paths (null when the artist is not the reader's). */
export async function artPaths(tx: Tx, id: string): Promise<ArtPaths | null> {
  const [r] = await tx.query<ArtPaths>(
    "select avatar_path, cover_path, persona from public.artists where id = $1",
    [id],
  );
  return r ?? null;
}

export async function listVersions(tx: Tx, id: string): Promise<Version[]> {
  const rows = await tx.query<Version & { created_at: Date | string }>(
    `select v.version, v.cause, v.note, v.diff, p.display_name as author, v.created_at
       from public.artist_versions v left join public.profiles p on p.id = v.author_id
      where v.artist_id = $1 order by v.version desc`,
    [id],
  );
  return rows.map((r) => ({ ...r, created_at: iso(r.created_at)! }));
}

export async function versionPersona(tx: Tx, id: string, version: number): Promise<Persona | null> {
  const [r] = await tx.query<{ persona: Persona }>(
    "select persona from public.artist_versions where artist_id = $1 and version = $2",
    [id, version],
  );
  return r?.persona ?? null;
}

export async function listMembers(
  tx: Tx,
  id: string,
): Promise<{ user_id: string; name: string; added_at: string }[]> {
  const rows = await tx.query<{ user_id: string; name: string; added_at: Date | string }>(
    `select m.user_id, coalesce(p.display_name, 'Someone') as name, m.created_at as added_at
       from public.artist_members m left join public.profiles p on p.id = m.user_id
      where m.artist_id = $1 order by m.created_at`,
    [id],
  );
  return rows.map((r) => ({ ...r, added_at: iso(r.added_at)! }));
}

const CALENDAR_COLUMNS =
  "id, kind, starts_at, all_day, title, idea, caption, hashtags, visual, pillar, song_id";

export async function listCalendar(tx: Tx, id: string): Promise<CalendarEntry[]> {
  const rows = await tx.query<CalendarEntry & { starts_at: Date | string }>(
    `select ${CALENDAR_COLUMNS} from public.artist_calendar where artist_id = $1
      order by starts_at, kind, id limit 1000`,
    [id],
  );
  return rows.map((r) => ({ ...r, starts_at: iso(r.starts_at)! }));
}

export async function calendarEntry(
  tx: Tx,
  artistId: string,
  entryId: string,
): Promise<CalendarEntry | null> {
  const [r] = await tx.query<CalendarEntry & { starts_at: Date | string }>(
    `select ${CALENDAR_COLUMNS} from public.artist_calendar where artist_id = $1 and id = $2`,
    [artistId, entryId],
  );
  return r ? { ...r, starts_at: iso(r.starts_at)! } : null;
}

export type NewCalendarEntry = Omit<CalendarEntry, "id" | "song_id">;

/** Adds entries (owner only: RLS), replacing what the window held that has no song yet. */
export async function replaceCalendar(
  tx: Tx,
  artistId: string,
  from: string,
  to: string,
  entries: NewCalendarEntry[],
): Promise<void> {
  await tx.query(
    `delete from public.artist_calendar where artist_id = $1 and song_id is null
        and starts_at >= $2::date and starts_at < $3::date`,
    [artistId, from, to],
  );
  if (!entries.length) return;
  await tx.query(
    `insert into public.artist_calendar (artist_id, kind, starts_at, all_day, title, idea,
                                         caption, hashtags, visual, pillar)
     select $1, e.kind, e.starts_at, e.all_day, e.title, e.idea, e.caption,
            array(select jsonb_array_elements_text(e.hashtags)), e.visual, e.pillar
       from jsonb_to_recordset($2::jsonb) as e(kind text, starts_at timestamptz, all_day boolean,
            title text, idea text, caption text, hashtags jsonb, visual text, pillar text)`,
    [artistId, JSON.stringify(entries)],
  );
}

export async function linkReleaseSong(tx: Tx, entryId: string, songId: string): Promise<void> {
  await tx.query("update public.artist_calendar set song_id = $2 where id = $1", [
    entryId,
    songId,
  ]);
}

const IMPORT_COLUMNS = `id, kind, filename, status, progress, error, total, inserted, updated,
  unchanged, errors, created_at`;

type ImportRow = Import & { created_at: Date | string };

export async function getImport(tx: Tx, artistId: string, id: string): Promise<Import | null> {
  const [r] = await tx.query<ImportRow>(
    `select ${IMPORT_COLUMNS} from public.artist_imports where artist_id = $1 and id = $2`,
    [artistId, id],
  );
  return r ? { ...r, created_at: iso(r.created_at)! } : null;
}

export async function listImports(tx: Tx, artistId: string): Promise<Import[]> {
  const rows = await tx.query<ImportRow>(
    `select ${IMPORT_COLUMNS} from public.artist_imports where artist_id = $1
      order by created_at desc limit 20`,
    [artistId],
  );
  return rows.map((r) => ({ ...r, created_at: iso(r.created_at)! }));
}

type PlanRow = Omit<Plan, "items" | "created_at"> & { created_at: Date | string };

const PLAN_COLUMNS =
  "id, status, stage, progress, error, trigger, based_on_version, analysis, created_at";

export async function getPlan(tx: Tx, artistId: string, id: string): Promise<Plan | null> {
  const [r] = await tx.query<PlanRow>(
    `select ${PLAN_COLUMNS} from public.artist_plans where artist_id = $1 and id = $2`,
    [artistId, id],
  );
  if (!r) return null;
  const items = await tx.query<PlanItemView & { decided_at: Date | string | null }>(
    `select id, kind, title, change, evidence, confidence, decision, decided_at, version
       from public.artist_plan_items where plan_id = $1 order by position`,
    [id],
  );
  return {
    ...r,
    created_at: iso(r.created_at)!,
    items: items.map((i) => ({ ...i, decided_at: iso(i.decided_at) })),
  };
}

export async function listPlans(
  tx: Tx,
  artistId: string,
): Promise<Omit<Plan, "analysis" | "items">[]> {
  const rows = await tx.query<PlanRow>(
    `select ${PLAN_COLUMNS.replace(", analysis", "")} from public.artist_plans
      where artist_id = $1 order by created_at desc limit 20`,
    [artistId],
  );
  return rows.map((r) => ({ ...r, created_at: iso(r.created_at)! }));
}

/** A pending item with its plan's artist (null when it is not the reader's). */
export async function planItem(
  tx: Tx,
  artistId: string,
  planId: string,
  itemId: string,
): Promise<(PlanItemView & { artist_id: string }) | null> {
  const [r] = await tx.query<PlanItemView & { artist_id: string }>(
    `select id, artist_id, kind, title, change, evidence, confidence, decision, decided_at, version
       from public.artist_plan_items where artist_id = $1 and plan_id = $2 and id = $3`,
    [artistId, planId, itemId],
  );
  return r ?? null;
}

/** The latest drawing of the artist's art by the image provider (null: none asked for). */
export async function latestDrawing(tx: Tx, artistId: string): Promise<Drawing | null> {
  const [r] = await tx.query<Drawing>(
    `select id, version, status, stage, progress, error from public.artist_drawings
      where artist_id = $1 order by created_at desc limit 1`,
    [artistId],
  );
  return r ?? null;
}
