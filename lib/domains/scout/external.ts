/**
 * External gigs: found by the scout in other people's listings. Searched and read as the user
 * (RLS: a public source's gigs are everyone's, a musician's own sources' gigs theirs); written by
 * the worker (service role): upserts by (source, uid) and the duplicate links across sources.
 *
 * @module
 */
import { z } from "zod";
import type { Tx } from "../../ports/db/mod.ts";
import { CursorParam } from "../gigs/schemas.ts";
import { keysetOf, pageOf } from "../gigs/cursor.ts";
import { dedupe } from "./dedupe.ts";
import { iso } from "./sources.ts";
import type { ExternalGigDraft } from "./types.ts";

export const ExternalGigView = z.object({
  id: z.string().uuid(),
  source_id: z.string().uuid(),
  source_name: z.string(),
  source_kind: z.string(),
  title: z.string(),
  description: z.string(),
  starts_at: z.string(),
  ends_at: z.string().nullable(),
  timezone: z.string(),
  venue_name: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  genres: z.array(z.string()),
  fee_minor: z.number().int().nullable(),
  currency: z.string().nullable(),
  url: z.string().nullable(),
  duplicate_of: z.string().uuid().nullable(),
  first_seen_at: z.string(),
  distance_km: z.number().nullable().optional(),
});
export type ExternalGigView = z.infer<typeof ExternalGigView>;

const Near = z.string().trim().regex(/^-?\d{1,2}(\.\d+)?,\s*-?\d{1,3}(\.\d+)?$/, "lat,lng")
  .transform((s) => s.split(",").map(Number) as [number, number])
  .refine(([lat, lng]) => Math.abs(lat) <= 90 && Math.abs(lng) <= 180, "lat,lng out of range");
const Genres = z.union([z.string(), z.array(z.string())]).transform((v) =>
  (Array.isArray(v) ? v : v.split(",")).map((g) => g.trim().toLowerCase()).filter(Boolean)
).pipe(z.array(z.string().max(40)).max(10));

export const ExternalSearchQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe("Words in the title, venue or city"),
  from: z.coerce.date().optional().describe("Starting at or after (ISO 8601); default now"),
  to: z.coerce.date().optional().describe("Starting before (ISO 8601)"),
  genres: Genres.optional().describe("Any of these genres (comma-separated)"),
  near: Near.optional().describe("lat,lng: only gigs within radius_km of it"),
  radius_km: z.coerce.number().min(1).max(1000).default(50),
  source: z.string().uuid().optional().describe("Only this source's gigs"),
  duplicates: z.enum(["hide", "show"]).default("hide")
    .describe("show: also the copies other sources have of the same event"),
  cursor: CursorParam.optional().describe("nextCursor of the previous page"),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type ExternalSearchQuery = z.infer<typeof ExternalSearchQuery>;

export const ExternalGigListBody = z.object({
  gigs: z.array(ExternalGigView),
  nextCursor: z.string().nullable(),
});
export const ExternalGigBody = z.object({ gig: ExternalGigView });

const COLUMNS = `g.id, g.source_id, s.name as source_name, s.kind as source_kind, g.title,
  g.description, g.starts_at, g.ends_at, g.timezone, g.venue_name, g.city, g.country, g.lat, g.lng,
  g.genres, g.fee_minor::float8 as fee_minor, g.currency, g.url, g.duplicate_of, g.first_seen_at`;

function view(r: Record<string, unknown>): ExternalGigView {
  return ExternalGigView.parse({
    ...r,
    starts_at: iso(r.starts_at),
    ends_at: iso(r.ends_at),
    first_seen_at: iso(r.first_seen_at),
  });
}

/** Upcoming external gigs the caller may see, by start then id (keyset). */
export async function searchExternalGigs(
  tx: Tx,
  query: ExternalSearchQuery,
): Promise<{ gigs: ExternalGigView[]; nextCursor: string | null }> {
  const after = keysetOf(query.cursor, (k) => typeof k === "string" && !isNaN(Date.parse(k)));
  const [lat, lng] = query.near ?? [null, null];
  const rows = await tx.query(
    `select * from (
       select ${COLUMNS},
              case when $5::float8 is null or g.lat is null then null
                   else 6371 * 2 * asin(sqrt(power(sin(radians(g.lat - $5::float8) / 2), 2)
                     + cos(radians($5::float8)) * cos(radians(g.lat))
                     * power(sin(radians(g.lng - $6::float8) / 2), 2))) end as distance_km
         from public.external_gigs g
         join public.scout_sources s on s.id = g.source_id
        where g.starts_at >= coalesce($2::timestamptz, now())
          and ($3::timestamptz is null or g.starts_at < $3::timestamptz)
          and ($10::text = 'show' or g.duplicate_of is null)
          and ($1::text is null or g.title ilike '%' || $1 || '%' or g.venue_name ilike '%' || $1 || '%'
               or g.city ilike '%' || $1 || '%')
          and ($4::text[] is null or g.genres && $4::text[])
          and ($9::uuid is null or g.source_id = $9::uuid)
          and ($11::timestamptz is null or (g.starts_at, g.id) > ($11::timestamptz, $12::uuid))
     ) x
     where $5::float8 is null or x.distance_km <= $7::float8
     order by x.starts_at, x.id
     limit $8::int`,
    [
      query.q ? query.q.replace(/[\\%_]/g, (c) => `\\${c}`) : null,
      query.from?.toISOString() ?? null,
      query.to?.toISOString() ?? null,
      query.genres?.length ? query.genres : null,
      lat,
      lng,
      query.radius_km,
      query.limit + 1,
      query.source ?? null,
      query.duplicates,
      after?.k ?? null,
      after?.id ?? null,
    ],
  );
  const page = pageOf(rows, query.limit, view, (r) => ({ k: iso(r.starts_at), id: r.id }));
  return { gigs: page.items, nextCursor: page.nextCursor };
}

/** One external gig the caller may see, or null. */
export async function getExternalGig(tx: Tx, id: string): Promise<ExternalGigView | null> {
  const [row] = await tx.query(
    `select ${COLUMNS} from public.external_gigs g
       join public.scout_sources s on s.id = g.source_id where g.id = $1`,
    [id],
  );
  return row ? view(row) : null;
}

// writes (the worker, as the service) ----------------------------------------------------------------

/** Inserts or updates the drafts by (source, uid); the ids written and how many were new/changed. */
export async function upsertDrafts(
  tx: Tx,
  sourceId: string,
  drafts: ExternalGigDraft[],
): Promise<{ inserted: number; updated: number }> {
  if (drafts.length === 0) return { inserted: 0, updated: 0 };
  // One row per uid (a feed listing an event twice would fail the statement).
  const byUid = new Map(drafts.map((d) => [d.source_uid, d]));
  const rows = await tx.query<{ inserted: boolean }>(
    `insert into public.external_gigs as g (source_id, source_uid, title, description, starts_at,
       ends_at, timezone, venue_name, city, country, lat, lng, genres, fee_minor, currency, url)
     select $1::uuid, x.source_uid, x.title, x.description, x.starts_at, x.ends_at, x.timezone,
            x.venue_name, x.city, x.country, x.lat, x.lng, coalesce(x.genres, '{}'), x.fee_minor,
            x.currency, x.url
       from jsonb_to_recordset($2::jsonb) as x(source_uid text, title text, description text,
            starts_at timestamptz, ends_at timestamptz, timezone text, venue_name text, city text,
            country text, lat float8, lng float8, genres text[], fee_minor bigint, currency text,
            url text)
     on conflict (source_id, source_uid) do update set
       title = excluded.title, description = excluded.description, starts_at = excluded.starts_at,
       ends_at = excluded.ends_at, timezone = excluded.timezone, venue_name = excluded.venue_name,
       city = excluded.city, country = excluded.country, lat = excluded.lat, lng = excluded.lng,
       genres = excluded.genres, fee_minor = excluded.fee_minor, currency = excluded.currency,
       url = excluded.url, updated_at = now()
     where (g.title, g.description, g.starts_at, g.ends_at, g.timezone, g.venue_name, g.city,
            g.country, g.lat, g.lng, g.genres, g.fee_minor, g.currency, g.url)
           is distinct from
           (excluded.title, excluded.description, excluded.starts_at, excluded.ends_at,
            excluded.timezone, excluded.venue_name, excluded.city, excluded.country, excluded.lat,
            excluded.lng, excluded.genres, excluded.fee_minor, excluded.currency, excluded.url)
     returning (xmax = 0) as inserted`,
    [sourceId, JSON.stringify([...byUid.values()])],
  );
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted };
}

/**
 * Links the source's upcoming gigs to the same events found elsewhere. Candidates are the public
 * sources' gigs and, for a musician's source, that musician's own: public ones come first, so
 * they stay canonical (nobody loses a public gig to a private copy), then the earliest seen. Only
 * rows of the run's own scope are changed (public for a public source, the owner's otherwise).
 * Returns how many of the source's gigs are duplicates.
 */
export async function linkDuplicates(
  tx: Tx,
  source: { id: string; owner_id: string; is_public: boolean },
): Promise<number> {
  const candidates = await tx.query<{
    id: string;
    source_id: string;
    title: string;
    starts_at: Date;
    venue_name: string | null;
    city: string | null;
    mine: boolean;
  }>(
    `with window_ as (
       select min(starts_at) - interval '2 hours' as lo, max(starts_at) + interval '2 hours' as hi
         from public.external_gigs where source_id = $1 and starts_at > now() - interval '1 day')
     select g.id, g.source_id, g.title, g.starts_at, g.venue_name, g.city,
            (case when $3::boolean then s.is_public else s.owner_id = $2 and not s.is_public end)
              as mine
       from public.external_gigs g
       join public.scout_sources s on s.id = g.source_id, window_ w
      where g.starts_at between w.lo and w.hi
        and (s.is_public or (not $3::boolean and s.owner_id = $2))
      order by s.is_public desc, g.first_seen_at, g.id
      limit 50000`,
    [source.id, source.owner_id, source.is_public],
  );
  if (candidates.length === 0) return 0;
  const canon = dedupe(candidates);
  const links = candidates.filter((c) => c.mine).map((c) => ({
    id: c.id,
    canon: canon.get(c.id) ?? null,
  }));
  await tx.query(
    `update public.external_gigs g set duplicate_of = m.canon
       from jsonb_to_recordset($1::jsonb) as m(id uuid, canon uuid)
      where g.id = m.id and g.duplicate_of is distinct from m.canon`,
    [JSON.stringify(links)],
  );
  return candidates.filter((c) => c.source_id === source.id && canon.has(c.id)).length;
}
