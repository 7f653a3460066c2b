/**
 * Musician and client profiles: read under RLS (published ones by anyone, drafts by their owner),
 * written by their owner only, one upsert per save.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import { keysetOf, pageOf } from "../gigs/cursor.ts";
import {
  ClientProfile,
  type ClientProfileInput,
  type MusicianListQuery,
  MusicianProfile,
  type MusicianProfileInput,
  type Page,
} from "../gigs/schemas.ts";

const MUSICIAN_COLUMNS = `m.id, p.display_name, p.avatar_path, m.stage_name, m.bio, m.instruments,
  m.genres, m.skills, m.languages, m.city, m.country, m.lat, m.lng, m.travel_radius_km,
  m.fee_min_minor, m.fee_max_minor, m.currency, m.blocked_dates::text[] as blocked_dates, m.links,
  m.published, m.rating_avg::float8 as rating_avg, m.rating_count, m.created_at, m.updated_at`;

const CLIENT_COLUMNS = `c.id, p.display_name, p.avatar_path, c.organisation, c.venue_type,
  c.capacity, c.city, c.country, c.lat, c.lng, c.published, c.rating_avg::float8 as rating_avg,
  c.rating_count, c.created_at, c.updated_at`;

/** A musician profile the caller may see (published, their own, or an applicant's), or null. */
export async function getMusicianProfile(tx: Tx, id: string): Promise<MusicianProfile | null> {
  const [row] = await tx.query(
    `select ${MUSICIAN_COLUMNS}
       from public.musician_profiles m join public.profiles p on p.id = m.id
      where m.id = $1::uuid`,
    [id],
  );
  return row ? MusicianProfile.parse(row) : null;
}

/**
 * Creates or replaces the caller's musician profile. Needs a profile marked as musician (RLS
 * refuses otherwise: 403); ratings are kept.
 */
export async function upsertOwnMusicianProfile(
  tx: Tx,
  input: MusicianProfileInput,
): Promise<MusicianProfile> {
  const [row] = await tx.query(
    `with m as (
       insert into public.musician_profiles as m (id, stage_name, bio, instruments, genres, skills,
         languages, city, country, lat, lng, travel_radius_km, fee_min_minor, fee_max_minor, currency,
         blocked_dates, links, published)
       values ((select auth.uid()), $1, $2, $3::text[], $4::text[], $5::text[], $6::text[], $7, $8,
               $9::float8, $10::float8, $11::int, $12::int, $13::int, $14, $15::date[], $16::jsonb,
               $17::boolean)
       on conflict (id) do update set stage_name = excluded.stage_name, bio = excluded.bio,
         instruments = excluded.instruments, genres = excluded.genres, skills = excluded.skills,
         languages = excluded.languages, city = excluded.city, country = excluded.country,
         lat = excluded.lat, lng = excluded.lng, travel_radius_km = excluded.travel_radius_km,
         fee_min_minor = excluded.fee_min_minor, fee_max_minor = excluded.fee_max_minor,
         currency = excluded.currency, blocked_dates = excluded.blocked_dates,
         links = excluded.links, published = excluded.published
       returning m.*)
     select ${MUSICIAN_COLUMNS} from m join public.profiles p on p.id = m.id`,
    [
      input.stage_name,
      input.bio,
      input.instruments,
      input.genres,
      input.skills,
      input.languages,
      input.city ?? null,
      input.country ?? null,
      input.lat ?? null,
      input.lng ?? null,
      input.travel_radius_km,
      input.fee_min_minor ?? null,
      input.fee_max_minor ?? null,
      input.currency,
      input.blocked_dates,
      JSON.stringify(input.links),
      input.published,
    ],
  );
  return MusicianProfile.parse(row);
}

/** A client profile the caller may see (published or their own), or null. */
export async function getClientProfile(tx: Tx, id: string): Promise<ClientProfile | null> {
  const [row] = await tx.query(
    `select ${CLIENT_COLUMNS}
       from public.client_profiles c join public.profiles p on p.id = c.id
      where c.id = $1::uuid`,
    [id],
  );
  return row ? ClientProfile.parse(row) : null;
}

/** Creates or replaces the caller's client profile (needs a profile marked as client). */
export async function upsertOwnClientProfile(
  tx: Tx,
  input: ClientProfileInput,
): Promise<ClientProfile> {
  const [row] = await tx.query(
    `with c as (
       insert into public.client_profiles as c (id, organisation, venue_type, capacity, city,
         country, lat, lng, published)
       values ((select auth.uid()), $1, $2, $3::int, $4, $5, $6::float8, $7::float8, $8::boolean)
       on conflict (id) do update set organisation = excluded.organisation,
         venue_type = excluded.venue_type, capacity = excluded.capacity, city = excluded.city,
         country = excluded.country, lat = excluded.lat, lng = excluded.lng,
         published = excluded.published
       returning c.*)
     select ${CLIENT_COLUMNS} from c join public.profiles p on p.id = c.id`,
    [
      input.organisation,
      input.venue_type ?? null,
      input.capacity ?? null,
      input.city ?? null,
      input.country ?? null,
      input.lat ?? null,
      input.lng ?? null,
      input.published,
    ],
  );
  return ClientProfile.parse(row);
}

/**
 * The directory of published musicians, by stage name (keyset pages), optionally filtered by part
 * of the name, a genre, an instrument or a country.
 */
export async function listPublishedMusicians(
  tx: Tx,
  query: MusicianListQuery,
): Promise<Page<MusicianProfile>> {
  const after = keysetOf(query.cursor);
  const like = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => "\\" + c)}%` : null;
  const rows = await tx.query<Record<string, unknown> & { stage_name: string; id: string }>(
    `select ${MUSICIAN_COLUMNS}
       from public.musician_profiles m join public.profiles p on p.id = m.id
      where m.published
        and ($1::text is null or m.stage_name ilike $1)
        and ($2::text is null or m.genres @> array[$2::text])
        and ($3::text is null or m.instruments @> array[$3::text])
        and ($4::text is null or m.country = $4)
        and ($5::text is null or (m.stage_name, m.id) > ($5::text, $6::uuid))
      order by m.stage_name, m.id
      limit $7`,
    [
      like,
      query.genre ?? null,
      query.instrument ?? null,
      query.country ?? null,
      after?.k ?? null,
      after?.id ?? null,
      query.limit + 1,
    ],
  );
  return pageOf(rows, query.limit, (r) => MusicianProfile.parse(r), (r) => ({
    k: r.stage_name,
    id: r.id,
  }));
}
