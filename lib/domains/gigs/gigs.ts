/**
 * Gigs: a client's drafts and edits (plain writes under RLS and the gig trigger's rules), the
 * state changes (SQL functions), invitations, and search.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import { keysetOf, pageOf } from "./cursor.ts";
import {
  Gig,
  type GigInput,
  GigSearchHit,
  type GigSearchHit as GigSearchHitRow,
  type GigSearchQuery,
  type GigUpdate,
  type OwnGigsQuery,
  type Page,
} from "./schemas.ts";

/** The gig columns callers get (search_tsv stays in the database). */
export const GIG_COLUMNS = `id, client_id, title, description, kind, genres, instruments, starts_at,
  timezone, duration_minutes, remote, venue_name, city, country, lat, lng, budget_min_minor,
  budget_max_minor, currency, apply_by, visibility, status, created_at, updated_at, published_at`;

/** Columns a client may write, in the order `createGig` binds them. */
const WRITABLE = [
  "title",
  "description",
  "kind",
  "genres",
  "instruments",
  "starts_at",
  "timezone",
  "duration_minutes",
  "remote",
  "venue_name",
  "city",
  "country",
  "lat",
  "lng",
  "budget_min_minor",
  "budget_max_minor",
  "currency",
  "apply_by",
  "visibility",
] as const;
type Writable = typeof WRITABLE[number];

const CASTS: Partial<Record<Writable, string>> = {
  genres: "text[]",
  instruments: "text[]",
  starts_at: "timestamptz",
  apply_by: "timestamptz",
  duration_minutes: "int",
  remote: "boolean",
  lat: "float8",
  lng: "float8",
  budget_min_minor: "int",
  budget_max_minor: "int",
};

function param(name: Writable, i: number): string {
  const cast = CASTS[name];
  return cast ? `$${i}::${cast}` : `$${i}`;
}

function value(v: unknown): unknown {
  if (v === undefined) return null;
  return v instanceof Date ? v.toISOString() : v;
}

/** Posts a draft gig as the caller (who must be a client: RLS refuses others with 403). */
export async function createGig(tx: Tx, input: GigInput): Promise<Gig> {
  const [row] = await tx.query(
    `insert into public.gigs (client_id, ${WRITABLE.join(", ")})
     values ((select auth.uid()), ${WRITABLE.map((c, i) => param(c, i + 1)).join(", ")})
     returning ${GIG_COLUMNS}`,
    WRITABLE.map((c) => value(input[c])),
  );
  return Gig.parse(row);
}

/**
 * Changes the given fields of the caller's gig; null when there is no such gig of theirs. A
 * published gig keeps its terms and later states are frozen: the database answers 409 naming the
 * field.
 */
export async function updateGig(tx: Tx, id: string, patch: GigUpdate): Promise<Gig | null> {
  const cols = WRITABLE.filter((c) => patch[c] !== undefined);
  if (cols.length === 0) return await getGig(tx, id);
  const [row] = await tx.query(
    `update public.gigs set ${cols.map((c, i) => `${c} = ${param(c, i + 2)}`).join(", ")}
      where id = $1::uuid and client_id = (select auth.uid())
      returning ${GIG_COLUMNS}`,
    [id, ...cols.map((c) => value(patch[c]))],
  );
  return row ? Gig.parse(row) : null;
}

/** A gig the caller may see, or null. */
export async function getGig(tx: Tx, id: string): Promise<Gig | null> {
  const [row] = await tx.query(`select ${GIG_COLUMNS} from public.gigs where id = $1::uuid`, [id]);
  return row ? Gig.parse(row) : null;
}

/** The gigs among `ids` the caller may see, in the order of `ids` (one query, not one per id). */
export async function getGigs(tx: Tx, ids: readonly string[]): Promise<Gig[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query(`select ${GIG_COLUMNS} from public.gigs where id = any($1::uuid[])`, [
    ids,
  ]);
  const byId = new Map(rows.map((r) => {
    const g = Gig.parse(r);
    return [g.id, g] as const;
  }));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Deletes the caller's draft; false when there is no such draft of theirs. */
export async function deleteDraftGig(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.query(
    "delete from public.gigs where id = $1::uuid and status = 'draft' returning id",
    [id],
  );
  return rows.length > 0;
}

async function transition(tx: Tx, fn: string, id: string): Promise<Gig> {
  const [row] = await tx.query(`select ${GIG_COLUMNS} from public.${fn}($1::uuid)`, [id]);
  return Gig.parse(row);
}

/** draft → published (owner): checks description, start, place, budget, tags, apply_by. */
export function publishGig(tx: Tx, id: string): Promise<Gig> {
  return transition(tx, "publish_gig", id);
}

/** published → closed (owner): active applications are declined and told. */
export function closeGig(tx: Tx, id: string): Promise<Gig> {
  return transition(tx, "close_gig", id);
}

/** published → cancelled (owner): active applications are declined and told. */
export function cancelGig(tx: Tx, id: string): Promise<Gig> {
  return transition(tx, "cancel_gig", id);
}

/** Invites a musician to the caller's gig (told at once if it is published). */
export async function inviteMusician(tx: Tx, gigId: string, musicianId: string): Promise<void> {
  await tx.query(
    `insert into public.gig_invites (gig_id, musician_id) values ($1::uuid, $2::uuid)
     on conflict do nothing`,
    [gigId, musicianId],
  );
}

/** Withdraws an invitation; false when there was none. */
export async function uninviteMusician(
  tx: Tx,
  gigId: string,
  musicianId: string,
): Promise<boolean> {
  const rows = await tx.query(
    "delete from public.gig_invites where gig_id = $1::uuid and musician_id = $2::uuid returning gig_id",
    [gigId, musicianId],
  );
  return rows.length > 0;
}

/** The musicians invited to the caller's gig. */
export async function listInvites(tx: Tx, gigId: string): Promise<string[]> {
  const rows = await tx.query<{ musician_id: string }>(
    "select musician_id from public.gig_invites where gig_id = $1::uuid order by created_at",
    [gigId],
  );
  return rows.map((r) => r.musician_id);
}

type HitRow = Record<string, unknown> & { cursor: Record<string, unknown> };

/**
 * Searches published gigs as the caller may see them (`public.search_gigs`): one page and the
 * cursor of the next. A cursor of another sort is a 400 on `cursor`.
 */
export async function searchGigs(
  tx: Tx,
  query: GigSearchQuery,
): Promise<Page<GigSearchHitRow>> {
  const rows = await tx.query<HitRow>(
    `select ${GIG_COLUMNS}, distance_km, rank::float8 as rank, cursor
       from public.search_gigs(p_query => $1, p_genres => $2::text[], p_instruments => $3::text[],
              p_from => $4::timestamptz, p_to => $5::timestamptz, p_budget_min => $6::int,
              p_budget_max => $7::int, p_near_lat => $8::float8, p_near_lng => $9::float8,
              p_radius_km => $10::int, p_remote => $11::boolean, p_sort => $12,
              p_after => $13::jsonb, p_limit => $14::int)`,
    [
      query.q ?? null,
      query.genres ?? null,
      query.instruments ?? null,
      value(query.from),
      value(query.to),
      query.budget_min ?? null,
      query.budget_max ?? null,
      query.near_lat ?? null,
      query.near_lng ?? null,
      query.radius_km ?? null,
      query.remote ?? null,
      query.sort,
      query.cursor ? JSON.stringify(query.cursor) : null,
      query.limit + 1,
    ],
  );
  return pageOf(rows, query.limit, (r) => GigSearchHit.parse(r), (r) => r.cursor);
}

/** The caller's own gigs (as a client), newest first, optionally of one state. */
export async function listOwnGigs(tx: Tx, query: OwnGigsQuery): Promise<Page<Gig>> {
  const after = keysetOf(query.cursor);
  const rows = await tx.query<Record<string, unknown> & { key: string; id: string }>(
    `select ${GIG_COLUMNS}, created_at::text as key from public.gigs
      where client_id = (select auth.uid())
        and ($1::text is null or status = $1)
        and ($2::timestamptz is null or (created_at, id) < ($2::timestamptz, $3::uuid))
      order by created_at desc, id desc
      limit $4`,
    [query.status ?? null, after?.k ?? null, after?.id ?? null, query.limit + 1],
  );
  // The key as Postgres prints it: microseconds survive, unlike a JavaScript Date.
  return pageOf(rows, query.limit, (r) => Gig.parse(r), (r) => ({ k: r.key, id: r.id }));
}
