-- Matching, faster again (issue 3's bench: top 20 over 100,000 profiles in ≤ 10 ms).
--
-- * The candidate functions keep one generic plan per statement: planning the search on each call
--   cost ~1.5 ms in PGlite. A generic plan made while a table is small must still fit it large
--   (PGlite has no autovacuum to invalidate it): with sequential scans and sorts off the only plan
--   left for the search is the HNSW index scan. The exact branch (for measuring recall) turns
--   sequential scans back on before its own statement, which has no ORDER BY.
-- * The gig's facts and its vector are read in one statement.
-- * A refresh of unchanged facts writes nothing: no new row version, no new HNSW index entry.

/*
 * private.refresh_musician_match(p_ids uuid[]) returns void
 * Copies the facts the score needs from the profiles (and their live bookings) into
 * private.musician_match, for the given musicians (null: all). Vectors are left alone.
 */
create or replace function private.refresh_musician_match(p_ids uuid[]) returns void
language sql security definer set search_path = '' as $$
  insert into private.musician_match as x (musician_id, published, genres, instruments, lat, lng,
    travel_radius_km, fee_min_minor, fee_max_minor, currency, blocked_dates, busy, updated_at)
  select m.id, m.published, m.genres, m.instruments, m.lat, m.lng, m.travel_radius_km,
         m.fee_min_minor, m.fee_max_minor, m.currency, m.blocked_dates,
         coalesce((select pg_catalog.range_agg(tstzrange(b.starts_at, b.ends_at))
                     from public.bookings b
                    where b.musician_id = m.id and b.status <> 'cancelled'), '{}'),
         now()
    from public.musician_profiles m
   where p_ids is null or m.id = any (p_ids)
  on conflict (musician_id) do update set published = excluded.published, genres = excluded.genres,
    instruments = excluded.instruments, lat = excluded.lat, lng = excluded.lng,
    travel_radius_km = excluded.travel_radius_km, fee_min_minor = excluded.fee_min_minor,
    fee_max_minor = excluded.fee_max_minor, currency = excluded.currency,
    blocked_dates = excluded.blocked_dates, busy = excluded.busy, updated_at = now()
  -- Unchanged rows stay as they are: no new row version, no new entry in the HNSW index.
  where (x.published, x.genres, x.instruments, x.lat, x.lng, x.travel_radius_km, x.fee_min_minor,
         x.fee_max_minor, x.currency, x.blocked_dates, x.busy)
        is distinct from (excluded.published, excluded.genres, excluded.instruments, excluded.lat,
         excluded.lng, excluded.travel_radius_km, excluded.fee_min_minor, excluded.fee_max_minor,
         excluded.currency, excluded.blocked_dates, excluded.busy)
$$;

-- An HNSW inner-product search over the match vectors (iterative, so filters never starve it) for
-- the `p_k` best rows of the other side, each with the facts lib/matching/score.ts weighs, and the
-- asking side's own facts: one JSON value, which the client parses in one go.
-- `semantic` is the cosine similarity of the two embeddings: the inner product of the vectors'
-- first 384 dimensions, which hold the unit embeddings. Only vectors of the same embedding model
-- are compared.

/*
 * private.match_musicians(p_gig_id uuid, p_k integer, p_ef integer, p_exact boolean) returns json
 * Candidate musicians for a gig: the caller must be the gig's owner (or service_role). Published
 * profiles other than the owner's. p_exact: all of them, no index (to measure the search).
 * Returns {"self": <the gig's facts>, "rows": [<candidate with its facts>, ...]}, or null while
 * the gig has no match vector.
 */
create or replace function private.match_musicians(
  p_gig_id uuid, p_k integer, p_ef integer, p_exact boolean default false
) returns json
language plpgsql security definer
set search_path = '' set plan_cache_mode = force_generic_plan set enable_seqscan = off
set enable_sort = off as $$
declare
  g record;
  q extensions.vector(495);
  q_sem extensions.vector(384);
  q_model text;
  g_day date;
  g_range tstzrange;
  v_rows json;
begin
  select gg.client_id, gg.starts_at, gg.timezone, gg.duration_minutes, gg.genres, gg.instruments,
         gg.kind, gg.remote, gg.lat, gg.lng, gg.budget_min_minor, gg.budget_max_minor, gg.currency,
         gm.match_vector, gm.model
    into g from public.gigs gg left join private.gig_match gm on gm.gig_id = gg.id
   where gg.id = p_gig_id;
  if not found
     or (g.client_id is distinct from (select auth.uid())
         and coalesce((select auth.role()), '') <> 'service_role') then
    raise exception using errcode = 'SC404', message = 'No such gig of yours', detail = 'gig_id';
  end if;
  q := g.match_vector;
  q_model := g.model;
  if q is null then
    return null;                                      -- not derived yet: no matches yet
  end if;
  q_sem := extensions.subvector(q, 1, 384)::extensions.vector(384);
  g_day := (g.starts_at at time zone g.timezone)::date;
  g_range := tstzrange(g.starts_at, g.starts_at + make_interval(mins => g.duration_minutes));
  if p_exact then
    perform set_config('enable_seqscan', 'on', true);
    select json_agg(c) into v_rows from (
      select mm.musician_id as id,
             -(extensions.subvector(mm.match_vector, 1, 384) operator(extensions.<#>) q_sem)
               as semantic,
             mm.genres, mm.instruments, mm.lat, mm.lng, mm.travel_radius_km, mm.fee_min_minor,
             mm.fee_max_minor, mm.currency, g_day = any (mm.blocked_dates) as blocked,
             mm.busy operator(pg_catalog.&&) g_range as busy
        from private.musician_match mm
       where mm.model = q_model and mm.published and mm.musician_id <> g.client_id) c;
  else
    perform set_config('hnsw.ef_search', least(greatest(p_ef, 1), 1000)::text, true),
            set_config('hnsw.iterative_scan', 'relaxed_order', true);
    select json_agg(c) into v_rows from (
      select mm.musician_id as id,
             -(extensions.subvector(mm.match_vector, 1, 384) operator(extensions.<#>) q_sem)
               as semantic,
             mm.genres, mm.instruments, mm.lat, mm.lng, mm.travel_radius_km, mm.fee_min_minor,
             mm.fee_max_minor, mm.currency, g_day = any (mm.blocked_dates) as blocked,
             mm.busy operator(pg_catalog.&&) g_range as busy
        from private.musician_match mm
       where mm.model = q_model and mm.published and mm.musician_id <> g.client_id
       order by mm.match_vector operator(extensions.<#>) q
       limit least(greatest(p_k, 1), 100000)) c;
  end if;
  return json_build_object(
    'self', json_build_object('genres', g.genres, 'instruments', g.instruments, 'kind', g.kind,
      'remote', g.remote, 'lat', g.lat, 'lng', g.lng, 'budget_min_minor', g.budget_min_minor,
      'budget_max_minor', g.budget_max_minor, 'currency', g.currency,
      'evening', extract(hour from g.starts_at at time zone g.timezone) not between 4 and 16),
    'rows', coalesce(v_rows, '[]'));
end $$;

/*
 * private.match_gigs(p_musician_id uuid, p_k integer, p_ef integer, p_exact boolean) returns json
 * Candidate gigs for a musician: the caller must be that musician (or service_role). Published,
 * upcoming, still open, public (or inviting them), not their own. p_exact: all of them.
 * Returns {"self": <the musician's facts>, "rows": [...]}, or null without a match vector.
 */
create or replace function private.match_gigs(
  p_musician_id uuid, p_k integer, p_ef integer, p_exact boolean default false
) returns json
language plpgsql security definer
set search_path = '' set plan_cache_mode = force_generic_plan set enable_seqscan = off
set enable_sort = off as $$
declare
  m private.musician_match;
  q_sem extensions.vector(384);
  v_ids uuid[];
  v_rows json;
begin
  if p_musician_id is distinct from (select auth.uid())
     and coalesce((select auth.role()), '') <> 'service_role' then
    raise exception using errcode = 'SC403', message = 'Matches are only shown to the musician',
      detail = 'musician_id';
  end if;
  select * into m from private.musician_match mm where mm.musician_id = p_musician_id;
  if not found then
    raise exception using errcode = 'SC404', message = 'Create your musician profile first',
      detail = 'musician_id';
  end if;
  if m.match_vector is null then
    return null;
  end if;
  q_sem := extensions.subvector(m.match_vector, 1, 384)::extensions.vector(384);
  if p_exact then
    perform set_config('enable_seqscan', 'on', true);
    v_ids := array(
      select g.id from private.gig_match gm join public.gigs g on g.id = gm.gig_id
       where gm.model = m.model and g.status = 'published' and g.client_id <> p_musician_id
         and g.starts_at > now() and (g.apply_by is null or g.apply_by > now())
         and (g.visibility = 'public' or exists (select 1 from public.gig_invites i
               where i.gig_id = g.id and i.musician_id = p_musician_id)));
  else
    perform set_config('hnsw.ef_search', least(greatest(p_ef, 1), 1000)::text, true),
            set_config('hnsw.iterative_scan', 'relaxed_order', true);
    v_ids := array(
      select g.id from private.gig_match gm join public.gigs g on g.id = gm.gig_id
       where gm.model = m.model and g.status = 'published' and g.client_id <> p_musician_id
         and g.starts_at > now() and (g.apply_by is null or g.apply_by > now())
         and (g.visibility = 'public' or exists (select 1 from public.gig_invites i
               where i.gig_id = g.id and i.musician_id = p_musician_id))
       order by gm.match_vector operator(extensions.<#>) m.match_vector
       limit least(greatest(p_k, 1), 100000));
  end if;
  select json_agg(c) into v_rows from (
    select g.id,
           -(extensions.subvector(gm.match_vector, 1, 384) operator(extensions.<#>) q_sem)
             as semantic,
           g.genres, g.instruments, g.kind, g.remote, g.lat, g.lng, g.budget_min_minor,
           g.budget_max_minor, g.currency,
           extract(hour from g.starts_at at time zone g.timezone) not between 4 and 16 as evening,
           (g.starts_at at time zone g.timezone)::date = any (m.blocked_dates) as blocked,
           m.busy operator(pg_catalog.&&)
             tstzrange(g.starts_at, g.starts_at + make_interval(mins => g.duration_minutes))
             as busy
      from unnest(v_ids) x(id)
      join public.gigs g on g.id = x.id
      join private.gig_match gm on gm.gig_id = x.id) c;
  return json_build_object(
    'self', json_build_object('genres', m.genres, 'instruments', m.instruments, 'lat', m.lat,
      'lng', m.lng, 'travel_radius_km', m.travel_radius_km, 'fee_min_minor', m.fee_min_minor,
      'fee_max_minor', m.fee_max_minor, 'currency', m.currency),
    'rows', coalesce(v_rows, '[]'));
end $$;

