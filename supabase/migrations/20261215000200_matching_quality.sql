-- Matching a booker would trust (issue 18): hard facts first, location as a fact.
--
-- * The embedded texts no longer carry the place: where someone is is a distance, not a word
--   (the score weighs distance; the match vector holds the place as a point, see
--   lib/domains/matching/vector.ts). A changed text re-embeds through the `reembed` sweep.
-- * Match vectors take the new layout (161 dimensions: a sketch of the embedding, tag, family and
--   fee slots, the place), so every stored one is dropped and re-derived from the stored
--   embeddings by the sweep, without an embeddings call. Each side also keeps the canonical
--   instrument terms (written by the worker, which folds "Drummer" into drums) and its place:
--   a profile or gig without coordinates is placed where its city is (public.city_coordinates).
-- * The candidate functions hide impossible pairs: the musician plays a wanted instrument, is
--   free that date, and the gig is within their travel radius (a musician with no known place is
--   only matched with remote gigs and gigs with no known place). The HNSW scan is iterative, so
--   the filters never starve it, and bounded (`hnsw.max_scan_tuples`), so a gig few can reach
--   stays fast. Each row also carries the behaviour signals (20261215000100_match_signals.sql).

-- texts -------------------------------------------------------------------------------------------

create or replace function private.musician_embedding_text(
  p_genres text[], p_instruments text[], p_skills text[], p_languages text[], p_city text,
  p_country text, p_bio text
) returns text
language sql stable set search_path = '' as $$
  select concat_ws(E'\n',
    'Genres: ' || array_to_string(p_genres, ', '),
    'Instruments: ' || array_to_string(p_instruments, ', '),
    'Skills: ' || array_to_string(p_skills, ', '),
    'Languages: ' || array_to_string(p_languages, ', '),
    nullif(btrim(coalesce(p_bio, '')), ''))
$$;

create or replace function private.gig_embedding_text(
  p_title text, p_kind text, p_genres text[], p_instruments text[], p_remote boolean,
  p_city text, p_country text, p_description text
) returns text
language sql stable set search_path = '' as $$
  select concat_ws(E'\n',
    'Title: ' || p_title,
    'Kind: ' || replace(p_kind, '_', ' '),
    'Genres: ' || array_to_string(p_genres, ', '),
    'Instruments: ' || array_to_string(p_instruments, ', '),
    case when p_remote then 'Remote' end,
    nullif(btrim(coalesce(p_description, '')), ''))
$$;

-- tables ------------------------------------------------------------------------------------------
-- 161 = lib/domains/matching/vector.ts MATCH_DIMS (tests/integration/matching_test.ts checks it).

drop index if exists private.musician_match_vector_idx;
drop index if exists private.gig_match_vector_idx;

alter table private.musician_match
  alter column match_vector type extensions.vector(161) using null,
  add column if not exists instrument_keys text[] not null default '{}';
update private.musician_match set vector_key = null, model = null where vector_key is not null;

truncate private.gig_match;
alter table private.gig_match
  alter column match_vector type extensions.vector(161) using null,
  add column if not exists instrument_keys text[] not null default '{}',
  add column if not exists lat double precision,
  add column if not exists lng double precision;

-- Built after a bulk load (bench/marketplace.ts reads these statements): m and ef_construction
-- trade build time against the graph's quality; the bench measures both (index_build_s, recall).
create index if not exists musician_match_vector_idx on private.musician_match
  using hnsw (match_vector extensions.vector_ip_ops) with (m = 16, ef_construction = 48)
  where published;
create index if not exists gig_match_vector_idx on private.gig_match
  using hnsw (match_vector extensions.vector_ip_ops) with (m = 16, ef_construction = 48);

-- keys and facts ----------------------------------------------------------------------------------

drop function if exists private.match_vector_key(text, text, text, text[], text[], integer, text);

/*
 * private.match_vector_key(p_version, p_model, p_content_hash, p_genres, p_instruments, p_money,
 *   p_currency, p_lat, p_lng) returns text
 * What a match vector is derived from: the layout version (MATCH_VECTOR_VERSION), the embedding
 * (model and text hash) and the facts in it (genres, instruments, fee_min / budget_max, currency,
 * the place; null for a remote gig or an unknown place).
 */
create or replace function private.match_vector_key(
  p_version text, p_model text, p_content_hash text, p_genres text[], p_instruments text[],
  p_money integer, p_currency text, p_lat double precision, p_lng double precision
) returns text
language sql immutable parallel safe set search_path = '' as $$
  select md5(concat_ws('|', p_version, p_model, p_content_hash, p_genres::text, p_instruments::text,
                       coalesce(p_money::text, '-'), p_currency,
                       coalesce(round(p_lat::numeric, 4)::text || ',' || round(p_lng::numeric, 4)::text,
                                '-')))
$$;

/*
 * private.place_of(p_lat float8, p_lng float8, p_city text) returns table (lat float8, lng float8)
 * Coordinates as given, else where the city is (public.city_coordinates), else nulls.
 */
create or replace function private.place_of(
  p_lat double precision, p_lng double precision, p_city text
) returns table (lat double precision, lng double precision)
language sql stable security definer set search_path = '' as $$
  select p_lat, p_lng where p_lat is not null and p_lng is not null
  union all
  select c.lat, c.lng from public.city_coordinates(p_city) c
   where (p_lat is null or p_lng is null) and nullif(btrim(coalesce(p_city, '')), '') is not null
  limit 1
$$;

/*
 * private.refresh_musician_match(p_ids uuid[]) returns void
 * Copies the facts the score needs from the profiles (and their live bookings) into
 * private.musician_match, for the given musicians (null: all); a profile without coordinates is
 * placed where its city is. Vectors are left alone; unchanged rows are not written.
 */
create or replace function private.refresh_musician_match(p_ids uuid[]) returns void
language sql security definer set search_path = '' as $$
  insert into private.musician_match as x (musician_id, published, genres, instruments, lat, lng,
    travel_radius_km, fee_min_minor, fee_max_minor, currency, blocked_dates, busy, updated_at)
  select m.id, m.published, m.genres, m.instruments, p.lat, p.lng, m.travel_radius_km,
         m.fee_min_minor, m.fee_max_minor, m.currency, m.blocked_dates,
         coalesce((select pg_catalog.range_agg(tstzrange(b.starts_at, b.ends_at))
                     from public.bookings b
                    where b.musician_id = m.id and b.status <> 'cancelled'), '{}'),
         now()
    from public.musician_profiles m
    left join lateral private.place_of(m.lat, m.lng, m.city) p on true
   where p_ids is null or m.id = any (p_ids)
  on conflict (musician_id) do update set published = excluded.published, genres = excluded.genres,
    instruments = excluded.instruments, lat = excluded.lat, lng = excluded.lng,
    travel_radius_km = excluded.travel_radius_km, fee_min_minor = excluded.fee_min_minor,
    fee_max_minor = excluded.fee_max_minor, currency = excluded.currency,
    blocked_dates = excluded.blocked_dates, busy = excluded.busy, updated_at = now()
  where (x.published, x.genres, x.instruments, x.lat, x.lng, x.travel_radius_km, x.fee_min_minor,
         x.fee_max_minor, x.currency, x.blocked_dates, x.busy)
        is distinct from (excluded.published, excluded.genres, excluded.instruments, excluded.lat,
         excluded.lng, excluded.travel_radius_km, excluded.fee_min_minor, excluded.fee_max_minor,
         excluded.currency, excluded.blocked_dates, excluded.busy)
$$;

-- A fee, currency or place change re-derives the vector (the job finds out whether it is stale).
create or replace function private.musician_profiles_sync_match() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.refresh_musician_match(array[new.id]);
  if tg_op = 'UPDATE' and (new.fee_min_minor is distinct from old.fee_min_minor
                           or new.currency is distinct from old.currency
                           or new.lat is distinct from old.lat or new.lng is distinct from old.lng
                           or new.city is distinct from old.city) then
    perform pgmq.send('matching', jsonb_build_object(
      'kind', 'embed_musician', 'id', new.id,
      'idempotency_key', 'match_musician:' || new.id::text || ':' || pg_current_xact_id()::text));
  end if;
  return null;
end $$;

drop trigger if exists musician_profiles_sync_match on public.musician_profiles;
create trigger musician_profiles_sync_match
  after insert or update of published, genres, instruments, lat, lng, city, travel_radius_km,
    fee_min_minor, fee_max_minor, currency, blocked_dates
  on public.musician_profiles
  for each row execute function private.musician_profiles_sync_match();

create or replace function private.gigs_queue_match() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.budget_max_minor is distinct from old.budget_max_minor
     or new.currency is distinct from old.currency
     or new.lat is distinct from old.lat or new.lng is distinct from old.lng
     or new.city is distinct from old.city or new.remote is distinct from old.remote then
    perform pgmq.send('matching', jsonb_build_object(
      'kind', 'embed_gig', 'id', new.id,
      'idempotency_key', 'match_gig:' || new.id::text || ':' || pg_current_xact_id()::text));
  end if;
  return null;
end $$;

drop trigger if exists gigs_queue_match on public.gigs;
create trigger gigs_queue_match
  after update of budget_max_minor, currency, lat, lng, city, remote on public.gigs
  for each row execute function private.gigs_queue_match();

select private.refresh_musician_match(null);

-- candidates --------------------------------------------------------------------------------------
-- As before (20261204000100_matching_plans.sql: one generic plan, sequential scans and sorts off,
-- one JSON value), plus the hard-fact filters and the behaviour signals. `semantic` is the inner
-- product of the vectors' first 32 dimensions (the unit sketches of the embeddings).

/*
 * private.match_musicians(p_gig_id uuid, p_k integer, p_ef integer, p_exact boolean) returns json
 * Musicians who can play the gig (a wanted instrument, free that date, within their travel
 * radius), for its owner (or service_role); published profiles other than the owner's. p_exact:
 * every one of them, no index (to measure the search). Returns {"self": <the gig's facts>,
 * "rows": [<candidate with its facts and signals>, ...]}, or null while the gig has no vector.
 */
create or replace function private.match_musicians(
  p_gig_id uuid, p_k integer, p_ef integer, p_exact boolean default false
) returns json
language plpgsql security definer
set search_path = '' set plan_cache_mode = force_generic_plan set enable_seqscan = off
set enable_sort = off as $$
declare
  g record;
  q extensions.vector(161);
  q_sem extensions.vector(32);
  g_day date;
  g_range tstzrange;
  g_anywhere boolean;
  v_rows json;
begin
  select gg.client_id, gg.starts_at, gg.timezone, gg.duration_minutes, gg.genres, gg.instruments,
         gg.kind, gg.remote, gm.lat, gm.lng, gg.budget_min_minor, gg.budget_max_minor, gg.currency,
         gm.match_vector, gm.model, gm.instrument_keys
    into g from public.gigs gg left join private.gig_match gm on gm.gig_id = gg.id
   where gg.id = p_gig_id;
  if not found
     or (g.client_id is distinct from (select auth.uid())
         and coalesce((select auth.role()), '') <> 'service_role') then
    raise exception using errcode = 'SC404', message = 'No such gig of yours', detail = 'gig_id';
  end if;
  q := g.match_vector;
  if q is null then
    return null;                                      -- not derived yet: no matches yet
  end if;
  q_sem := extensions.subvector(q, 1, 32)::extensions.vector(32);
  g_day := (g.starts_at at time zone g.timezone)::date;
  g_range := tstzrange(g.starts_at, g.starts_at + make_interval(mins => g.duration_minutes));
  g_anywhere := g.remote or g.lat is null;
  if p_exact then
    perform set_config('enable_seqscan', 'on', true);
    select json_agg(c) into v_rows from (
      select mm.musician_id as id,
             -(extensions.subvector(mm.match_vector, 1, 32) operator(extensions.<#>) q_sem)
               as semantic,
             mm.genres, mm.instruments, mm.lat, mm.lng, mm.travel_radius_km, mm.fee_min_minor,
             mm.fee_max_minor, mm.currency,
             coalesce((select r.score from private.match_reputation r
                        where r.subject_id = mm.musician_id), 0) as reputation,
             coalesce((select a.score from private.match_affinity a
                        where a.client_id = g.client_id and a.musician_id = mm.musician_id), 0)
               as affinity
        from private.musician_match mm
       where mm.model = g.model and mm.published and mm.musician_id <> g.client_id
         and (cardinality(g.instrument_keys) = 0
              or mm.instrument_keys operator(pg_catalog.&&) g.instrument_keys)
         and not (g_day = any (mm.blocked_dates))
         and not (mm.busy operator(pg_catalog.&&) g_range)
         and (g_anywhere or (mm.lat is not null and public.distance_km(mm.lat, mm.lng, g.lat, g.lng)
                             <= coalesce(nullif(mm.travel_radius_km, 0), 50)))) c;
  else
    perform set_config('hnsw.ef_search', least(greatest(p_ef, 1), 1000)::text, true),
            set_config('hnsw.iterative_scan', 'relaxed_order', true),
            set_config('hnsw.max_scan_tuples', '4000', true);
    select json_agg(c) into v_rows from (
      select mm.musician_id as id,
             -(extensions.subvector(mm.match_vector, 1, 32) operator(extensions.<#>) q_sem)
               as semantic,
             mm.genres, mm.instruments, mm.lat, mm.lng, mm.travel_radius_km, mm.fee_min_minor,
             mm.fee_max_minor, mm.currency,
             coalesce((select r.score from private.match_reputation r
                        where r.subject_id = mm.musician_id), 0) as reputation,
             coalesce((select a.score from private.match_affinity a
                        where a.client_id = g.client_id and a.musician_id = mm.musician_id), 0)
               as affinity
        from private.musician_match mm
       where mm.model = g.model and mm.published and mm.musician_id <> g.client_id
         and (cardinality(g.instrument_keys) = 0
              or mm.instrument_keys operator(pg_catalog.&&) g.instrument_keys)
         and not (g_day = any (mm.blocked_dates))
         and not (mm.busy operator(pg_catalog.&&) g_range)
         and (g_anywhere or (mm.lat is not null and public.distance_km(mm.lat, mm.lng, g.lat, g.lng)
                             <= coalesce(nullif(mm.travel_radius_km, 0), 50)))
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
 * Gigs the musician can play (they play a wanted instrument, are free that date, and it is within
 * their travel radius), for that musician (or service_role): published, upcoming, still open,
 * public (or inviting them), not their own. p_exact: all of them, no index.
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
  q_sem extensions.vector(32);
  v_radius double precision;
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
  q_sem := extensions.subvector(m.match_vector, 1, 32)::extensions.vector(32);
  v_radius := coalesce(nullif(m.travel_radius_km, 0), 50);
  if p_exact then
    perform set_config('enable_seqscan', 'on', true);
    select json_agg(c) into v_rows from (
      select g.id,
             -(extensions.subvector(gm.match_vector, 1, 32) operator(extensions.<#>) q_sem)
               as semantic,
             g.genres, g.instruments, g.kind, g.remote, gm.lat, gm.lng, g.budget_min_minor,
             g.budget_max_minor, g.currency,
             extract(hour from g.starts_at at time zone g.timezone) not between 4 and 16 as evening,
             coalesce((select r.score from private.match_reputation r
                        where r.subject_id = g.client_id), 0) as reputation,
             coalesce((select a.score from private.match_affinity a
                        where a.client_id = g.client_id and a.musician_id = p_musician_id), 0)
               as affinity
        from private.gig_match gm join public.gigs g on g.id = gm.gig_id
       where gm.model = m.model and g.status = 'published' and g.client_id <> p_musician_id
         and g.starts_at > now() and (g.apply_by is null or g.apply_by > now())
         and (g.visibility = 'public' or exists (select 1 from public.gig_invites i
               where i.gig_id = g.id and i.musician_id = p_musician_id))
         and (cardinality(gm.instrument_keys) = 0
              or gm.instrument_keys operator(pg_catalog.&&) m.instrument_keys)
         and not ((g.starts_at at time zone g.timezone)::date = any (m.blocked_dates))
         and not (m.busy operator(pg_catalog.&&)
                  tstzrange(g.starts_at, g.starts_at + make_interval(mins => g.duration_minutes)))
         and (g.remote or gm.lat is null
              or (m.lat is not null
                  and public.distance_km(m.lat, m.lng, gm.lat, gm.lng) <= v_radius))) c;
  else
    perform set_config('hnsw.ef_search', least(greatest(p_ef, 1), 1000)::text, true),
            set_config('hnsw.iterative_scan', 'relaxed_order', true),
            set_config('hnsw.max_scan_tuples', '4000', true);
    select json_agg(c) into v_rows from (
      select g.id,
             -(extensions.subvector(gm.match_vector, 1, 32) operator(extensions.<#>) q_sem)
               as semantic,
             g.genres, g.instruments, g.kind, g.remote, gm.lat, gm.lng, g.budget_min_minor,
             g.budget_max_minor, g.currency,
             extract(hour from g.starts_at at time zone g.timezone) not between 4 and 16 as evening,
             coalesce((select r.score from private.match_reputation r
                        where r.subject_id = g.client_id), 0) as reputation,
             coalesce((select a.score from private.match_affinity a
                        where a.client_id = g.client_id and a.musician_id = p_musician_id), 0)
               as affinity
        from private.gig_match gm join public.gigs g on g.id = gm.gig_id
       where gm.model = m.model and g.status = 'published' and g.client_id <> p_musician_id
         and g.starts_at > now() and (g.apply_by is null or g.apply_by > now())
         and (g.visibility = 'public' or exists (select 1 from public.gig_invites i
               where i.gig_id = g.id and i.musician_id = p_musician_id))
         and (cardinality(gm.instrument_keys) = 0
              or gm.instrument_keys operator(pg_catalog.&&) m.instrument_keys)
         and not ((g.starts_at at time zone g.timezone)::date = any (m.blocked_dates))
         and not (m.busy operator(pg_catalog.&&)
                  tstzrange(g.starts_at, g.starts_at + make_interval(mins => g.duration_minutes)))
         and (g.remote or gm.lat is null
              or (m.lat is not null
                  and public.distance_km(m.lat, m.lng, gm.lat, gm.lng) <= v_radius))
       order by gm.match_vector operator(extensions.<#>) m.match_vector
       limit least(greatest(p_k, 1), 100000)) c;
  end if;
  return json_build_object(
    'self', json_build_object('genres', m.genres, 'instruments', m.instruments, 'lat', m.lat,
      'lng', m.lng, 'travel_radius_km', m.travel_radius_km, 'fee_min_minor', m.fee_min_minor,
      'fee_max_minor', m.fee_max_minor, 'currency', m.currency),
    'rows', coalesce(v_rows, '[]'));
end $$;

/*
 * private.match_musician_facts(p_gig_id uuid, p_ids uuid[]) returns json
 * The same facts as match_musicians for the given musicians (the gig's applicants), possible or
 * not, with `blocked` and `busy` for the date: the owner's applicant list shows who can't make it
 * and why. For the gig's owner (or service_role). Null while the gig has no vector.
 */
create or replace function private.match_musician_facts(p_gig_id uuid, p_ids uuid[]) returns json
language plpgsql stable security definer set search_path = '' as $$
declare
  g record;
  q_sem extensions.vector(32);
  v_rows json;
begin
  select gg.client_id, gg.starts_at, gg.timezone, gg.duration_minutes, gg.genres, gg.instruments,
         gg.kind, gg.remote, gm.lat, gm.lng, gg.budget_min_minor, gg.budget_max_minor, gg.currency,
         gm.match_vector, gm.model
    into g from public.gigs gg left join private.gig_match gm on gm.gig_id = gg.id
   where gg.id = p_gig_id;
  if not found
     or (g.client_id is distinct from (select auth.uid())
         and coalesce((select auth.role()), '') <> 'service_role') then
    raise exception using errcode = 'SC404', message = 'No such gig of yours', detail = 'gig_id';
  end if;
  if g.match_vector is null then
    return null;
  end if;
  q_sem := extensions.subvector(g.match_vector, 1, 32)::extensions.vector(32);
  select json_agg(c) into v_rows from (
    select mm.musician_id as id,
           coalesce(-(extensions.subvector(mm.match_vector, 1, 32) operator(extensions.<#>) q_sem),
                    0) as semantic,
           mm.genres, mm.instruments, mm.lat, mm.lng, mm.travel_radius_km, mm.fee_min_minor,
           mm.fee_max_minor, mm.currency,
           (g.starts_at at time zone g.timezone)::date = any (mm.blocked_dates) as blocked,
           mm.busy operator(pg_catalog.&&)
             tstzrange(g.starts_at, g.starts_at + make_interval(mins => g.duration_minutes))
             as busy,
           coalesce((select r.score from private.match_reputation r
                      where r.subject_id = mm.musician_id), 0) as reputation,
           coalesce((select a.score from private.match_affinity a
                      where a.client_id = g.client_id and a.musician_id = mm.musician_id), 0)
             as affinity
      from private.musician_match mm
     where mm.musician_id = any (p_ids)) c;
  return json_build_object(
    'self', json_build_object('genres', g.genres, 'instruments', g.instruments, 'kind', g.kind,
      'remote', g.remote, 'lat', g.lat, 'lng', g.lng, 'budget_min_minor', g.budget_min_minor,
      'budget_max_minor', g.budget_max_minor, 'currency', g.currency,
      'evening', extract(hour from g.starts_at at time zone g.timezone) not between 4 and 16),
    'rows', coalesce(v_rows, '[]'));
end $$;

revoke execute on function
  private.match_vector_key(text, text, text, text[], text[], integer, text, double precision,
                           double precision),
  private.place_of(double precision, double precision, text),
  private.match_musician_facts(uuid, uuid[])
  from public, anon, authenticated;
grant execute on function private.match_musician_facts(uuid, uuid[]) to authenticated, service_role;
grant execute on function
  private.match_vector_key(text, text, text, text[], text[], integer, text, double precision,
                           double precision),
  private.place_of(double precision, double precision, text)
  to service_role;
