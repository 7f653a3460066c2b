/**
 * Searching the musician directory: `public.search_musicians` under the caller's RLS, with a city
 * placed first by `public.city_coordinates` (the mean position of the visible profiles and gigs
 * that name it). An unknown city matches nothing and says so (`place.known = false`).
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import { pageOf } from "../gigs/cursor.ts";
import {
  DEFAULT_RADIUS_KM,
  DirectoryMusician,
  type MusicianSearchPage,
  type MusicianSearchQuery,
  type SearchPlace,
} from "./schemas.ts";

type Row = Record<string, unknown> & { cursor: Record<string, unknown> };

/** The city's estimated position, or null when no visible profile or gig names it. */
export async function placeCity(
  tx: Tx,
  city: string,
): Promise<{ lat: number; lng: number } | null> {
  const [row] = await tx.query<{ lat: number; lng: number }>(
    "select lat, lng from public.city_coordinates($1)",
    [city],
  );
  return row ? { lat: Number(row.lat), lng: Number(row.lng) } : null;
}

/** One page of published musicians matching the query, and where the search was centred. */
export async function searchMusicians(
  tx: Tx,
  query: MusicianSearchQuery,
): Promise<MusicianSearchPage> {
  let point = query.near_lat !== undefined && query.near_lng !== undefined
    ? { lat: query.near_lat, lng: query.near_lng }
    : null;
  let place: SearchPlace | null = null;
  if (query.city || point) {
    if (!point && query.city) point = await placeCity(tx, query.city);
    place = {
      city: query.city ?? null,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      radius_km: query.radius_km ?? (query.city ? DEFAULT_RADIUS_KM : null),
      known: point !== null,
    };
    if (!point) return { items: [], nextCursor: null, place };
  }
  const rows = await tx.query<Row>(
    `select id, stage_name, display_name, avatar_path, bio, instruments, genres, city, country,
            travel_radius_km, fee_min_minor, fee_max_minor, currency, rating_avg, rating_count,
            distance_km, cursor
       from public.search_musicians(p_instrument => $1, p_genre => $2, p_near_lat => $3::float8,
              p_near_lng => $4::float8, p_radius_km => $5::int, p_city => $6, p_fee_max => $7::int,
              p_currency => $8, p_min_rating => $9::numeric, p_sort => $10, p_after => $11::jsonb,
              p_limit => $12::int)`,
    [
      query.instrument || null,
      query.genre || null,
      point?.lat ?? null,
      point?.lng ?? null,
      place?.radius_km ?? null,
      query.city ?? null,
      query.fee_max ?? null,
      query.currency ?? null,
      query.min_rating ?? null,
      query.sort,
      query.cursor ? JSON.stringify(query.cursor) : null,
      query.limit + 1,
    ],
  );
  const page = pageOf(rows, query.limit, (r) => DirectoryMusician.parse(r), (r) => r.cursor);
  return { ...page, place };
}
