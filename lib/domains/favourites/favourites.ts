/**
 * Favourites: each user's saved musicians and gigs, private to them (RLS). Saving goes through
 * `public.set_favourite` (idempotent; SC404 for what the saver cannot see); the list keeps a saved
 * item that has since left the saver's view as "no longer available" (`musician`/`gig` null) so
 * they can remove it, rather than dropping it silently.
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";
import { GIG_COLUMNS } from "../gigs/gigs.ts";
import { Gig, Timestamp } from "../gigs/schemas.ts";
import { DirectoryMusician } from "../directory/schemas.ts";

export const FAVOURITE_KINDS = ["musician", "gig"] as const;
export type FavouriteKind = typeof FAVOURITE_KINDS[number];
/** How many of each kind the list returns (newest first). */
export const FAVOURITES_LIMIT = 200;

/** The form a save button posts (`/favourites`): what, whether to save it, and where to go back. */
export const FavouriteForm = z.object({
  kind: z.enum(FAVOURITE_KINDS),
  id: z.string().trim(),
  saved: z.enum(["true", "false"]).transform((v) => v === "true"),
  next: z.string().max(2000).optional(),
});
export type FavouriteForm = z.infer<typeof FavouriteForm>;

export const SavedMusician = z.object({
  id: z.string(),
  saved_at: Timestamp,
  musician: DirectoryMusician.nullable().describe("null: no longer available"),
});
export type SavedMusician = z.output<typeof SavedMusician>;

export const SavedGig = z.object({
  id: z.string(),
  saved_at: Timestamp,
  gig: Gig.nullable().describe("null: no longer available"),
});
export type SavedGig = z.output<typeof SavedGig>;

export const Favourites = z.object({
  musicians: z.array(SavedMusician),
  gigs: z.array(SavedGig),
});
export type Favourites = z.output<typeof Favourites>;

/** Saves or unsaves for the caller; returns whether it is saved now. */
export async function setFavourite(
  tx: Tx,
  kind: FavouriteKind,
  id: string,
  saved: boolean,
): Promise<boolean> {
  const [row] = await tx.query<{ saved: boolean }>(
    "select public.set_favourite($1, $2::uuid, $3::boolean) as saved",
    [kind, id, saved],
  );
  return row.saved;
}

/** Which of `ids` the caller has saved (empty for anyone signed out: call it only signed in). */
export async function savedAmong(
  tx: Tx,
  kind: FavouriteKind,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const sql = kind === "musician"
    ? `select musician_id as id from public.favourite_musicians
        where user_id = (select auth.uid()) and musician_id = any($1::uuid[])`
    : `select gig_id as id from public.favourite_gigs
        where user_id = (select auth.uid()) and gig_id = any($1::uuid[])`;
  const rows = await tx.query<{ id: string }>(sql, [ids]);
  return new Set(rows.map((r) => r.id));
}

/** The caller's saved musicians and gigs, newest first (up to FAVOURITES_LIMIT of each). */
export async function listFavourites(tx: Tx): Promise<Favourites> {
  // The left joins run under the caller's RLS: an unpublished profile or a gig they may no longer
  // see comes back as null.
  const musicians = await tx.query(
    `select f.musician_id as id, f.created_at as saved_at,
            case when m.id is null then null else jsonb_build_object(
              'id', m.id, 'stage_name', m.stage_name, 'display_name', p.display_name,
              'avatar_path', p.avatar_path, 'bio', m.bio, 'instruments', m.instruments,
              'genres', m.genres, 'city', m.city, 'country', m.country,
              'travel_radius_km', m.travel_radius_km, 'fee_min_minor', m.fee_min_minor,
              'fee_max_minor', m.fee_max_minor, 'currency', m.currency,
              'rating_avg', m.rating_avg::float8, 'rating_count', m.rating_count,
              'distance_km', null) end as musician
       from public.favourite_musicians f
       left join public.musician_profiles m on m.id = f.musician_id and m.published
       left join public.profiles p on p.id = m.id
      where f.user_id = (select auth.uid())
      order by f.created_at desc, f.musician_id
      limit $1`,
    [FAVOURITES_LIMIT],
  );
  const gigs = await tx.query(
    `select f.gig_id as id, f.created_at as saved_at,
            case when g.id is null then null else
              (select to_jsonb(x) from (select ${
      GIG_COLUMNS.split(",").map((c) => `g.${c.trim()}`).join(", ")
    }) x) end as gig
       from public.favourite_gigs f
       left join public.gigs g on g.id = f.gig_id
      where f.user_id = (select auth.uid())
      order by f.created_at desc, f.gig_id
      limit $1`,
    [FAVOURITES_LIMIT],
  );
  return {
    musicians: musicians.map((r) => SavedMusician.parse(r)),
    gigs: gigs.map((r) => SavedGig.parse(r)),
  };
}
