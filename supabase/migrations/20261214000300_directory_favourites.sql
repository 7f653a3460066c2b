-- The musician directory and favourites (issue 17, item 7): a search over published musician
-- profiles (instrument, genre, place and radius, the fee a hirer can pay, minimum rating; sorted by
-- rating, name or distance; keyset pages), a city's coordinates taken from the profiles and gigs
-- that name it (no gazetteer yet), and each user's saved musicians and gigs (private to them).
-- Errors follow lib/ports/db/errors.ts (SC400/403/404 with the field in DETAIL).

-- tables ---------------------------------------------------------------------------------------------
create table if not exists public.favourite_musicians (
  user_id uuid not null,
  musician_id uuid not null,
  created_at timestamptz not null default now(),
  constraint favourite_musicians_pkey primary key (user_id, musician_id),
  constraint favourite_musicians_user_id_fkey foreign key (user_id)
    references public.profiles (id) on delete cascade,
  constraint favourite_musicians_musician_id_fkey foreign key (musician_id)
    references public.musician_profiles (id) on delete cascade
);
-- The list page (newest first) and the cascade from a deleted profile.
create index if not exists favourite_musicians_user_id_created_at_idx
  on public.favourite_musicians (user_id, created_at desc);
create index if not exists favourite_musicians_musician_id_idx
  on public.favourite_musicians (musician_id);

create table if not exists public.favourite_gigs (
  user_id uuid not null,
  gig_id uuid not null,
  created_at timestamptz not null default now(),
  constraint favourite_gigs_pkey primary key (user_id, gig_id),
  constraint favourite_gigs_user_id_fkey foreign key (user_id)
    references public.profiles (id) on delete cascade,
  constraint favourite_gigs_gig_id_fkey foreign key (gig_id)
    references public.gigs (id) on delete cascade
);
create index if not exists favourite_gigs_user_id_created_at_idx
  on public.favourite_gigs (user_id, created_at desc);
create index if not exists favourite_gigs_gig_id_idx on public.favourite_gigs (gig_id);

-- Directory sorts and filters, all over published profiles only (the search says `m.published`,
-- a plain column the planner may apply before the row policy, so these partial indexes serve).
create index if not exists musician_profiles_published_lname_idx
  on public.musician_profiles (lower(stage_name), id) where published;
create index if not exists musician_profiles_published_rating_idx
  on public.musician_profiles ((coalesce(rating_avg, 0)) desc, id) where published;
create index if not exists musician_profiles_published_lat_idx
  on public.musician_profiles (lat, lng) where published and lat is not null;
create index if not exists musician_profiles_published_city_idx
  on public.musician_profiles (lower(city)) where published;
create index if not exists gigs_city_idx on public.gigs (lower(city))
  where status <> 'draft' and visibility = 'public';
create index if not exists client_profiles_city_idx on public.client_profiles (lower(city))
  where published;

-- grants ---------------------------------------------------------------------------------------------
revoke all on public.favourite_musicians, public.favourite_gigs from anon, authenticated;
grant select, delete on public.favourite_musicians, public.favourite_gigs to authenticated;
grant insert (musician_id) on public.favourite_musicians to authenticated;
grant insert (gig_id) on public.favourite_gigs to authenticated;
grant all on public.favourite_musicians, public.favourite_gigs to service_role;

-- user_id is the writer (a column default from the JWT), never a value the client chooses.
alter table public.favourite_musicians alter column user_id set default auth.uid();
alter table public.favourite_gigs alter column user_id set default auth.uid();

-- RLS ------------------------------------------------------------------------------------------------
alter table public.favourite_musicians enable row level security;
alter table public.favourite_gigs enable row level security;

-- policies -------------------------------------------------------------------------------------------
-- Only the saver reads or removes a favourite. Saving needs the musician or gig to be visible to
-- the saver (the subqueries run under their RLS): no probing for drafts by id.
drop policy if exists "Users read their saved musicians" on public.favourite_musicians;
create policy "Users read their saved musicians" on public.favourite_musicians
  for select to authenticated using (user_id = (select auth.uid()));

drop policy if exists "Users save visible musicians" on public.favourite_musicians;
create policy "Users save visible musicians" on public.favourite_musicians
  for insert to authenticated
  with check (user_id = (select auth.uid()) and exists (
    select 1 from public.musician_profiles m where m.id = musician_id and m.published));

drop policy if exists "Users remove their saved musicians" on public.favourite_musicians;
create policy "Users remove their saved musicians" on public.favourite_musicians
  for delete to authenticated using (user_id = (select auth.uid()));

drop policy if exists "Users read their saved gigs" on public.favourite_gigs;
create policy "Users read their saved gigs" on public.favourite_gigs
  for select to authenticated using (user_id = (select auth.uid()));

drop policy if exists "Users save visible gigs" on public.favourite_gigs;
create policy "Users save visible gigs" on public.favourite_gigs
  for insert to authenticated
  with check (user_id = (select auth.uid()) and exists (
    select 1 from public.gigs g where g.id = gig_id));

drop policy if exists "Users remove their saved gigs" on public.favourite_gigs;
create policy "Users remove their saved gigs" on public.favourite_gigs
  for delete to authenticated using (user_id = (select auth.uid()));

-- functions: favourites -------------------------------------------------------------------------------
-- Security invoker on purpose: the caller writes only their own rows, which RLS already allows, so
-- no definer body is needed; the function exists for the clear errors and the idempotence.

/*
 * public.set_favourite(p_kind text, p_target uuid, p_saved boolean) returns boolean
 * Saves ('musician' or 'gig') or unsaves the target for the caller; returns whether it is saved
 * now. Saving twice or unsaving what is not saved changes nothing. Saving needs a published
 * musician profile or a gig the caller can see (SC404 otherwise); unsaving works even when the
 * target has since disappeared from view.
 */
create or replace function public.set_favourite(p_kind text, p_target uuid, p_saved boolean)
returns boolean
language plpgsql security invoker set search_path = '' as $$
begin
  if (select auth.uid()) is null then
    raise exception using errcode = 'SC403', message = 'Sign in first', detail = 'user';
  elsif p_kind is null or p_kind not in ('musician', 'gig') then
    raise exception using errcode = 'SC400', message = 'Save a musician or a gig', detail = 'kind';
  elsif p_target is null then
    raise exception using errcode = 'SC400', message = 'Name what to save', detail = 'id';
  elsif p_saved is null then
    raise exception using errcode = 'SC400', message = 'Say whether to save or remove', detail = 'saved';
  end if;
  if p_kind = 'musician' then
    if not p_saved then
      delete from public.favourite_musicians f
       where f.user_id = (select auth.uid()) and f.musician_id = p_target;
    elsif not exists (select 1 from public.musician_profiles m where m.id = p_target and m.published) then
      raise exception using errcode = 'SC404', message = 'Musician not found', detail = 'id';
    else
      insert into public.favourite_musicians (musician_id) values (p_target) on conflict do nothing;
    end if;
  else
    if not p_saved then
      delete from public.favourite_gigs f where f.user_id = (select auth.uid()) and f.gig_id = p_target;
    elsif not exists (select 1 from public.gigs g where g.id = p_target) then
      raise exception using errcode = 'SC404', message = 'Gig not found', detail = 'id';
    else
      insert into public.favourite_gigs (gig_id) values (p_target) on conflict do nothing;
    end if;
  end if;
  return p_saved;
end $$;

-- functions: directory -------------------------------------------------------------------------------

/*
 * public.city_coordinates(p_city text) returns table (lat float8, lng float8, samples integer)
 * Where a city is, until a gazetteer arrives: the mean position of the published musician and
 * client profiles and the public, published-or-later gigs that name it (case and blanks ignored)
 * and carry coordinates. No row when nothing names it.
 *
 * Runs as definer (visitors call it, and they have no usage on schema private, so there is no
 * private body): under RLS the planner may not use the lower(city) indexes (lower() is not
 * leakproof), and a scan of every gig per search would not last. It applies the public visibility
 * rules itself and returns only an average over public rows, no ids.
 */
create or replace function public.city_coordinates(p_city text)
returns table (lat double precision, lng double precision, samples integer)
language sql stable security definer set search_path = '' as $$
  select avg(pts.lat), avg(pts.lng), count(*)::integer
    from (select m.lat, m.lng from public.musician_profiles m
           where m.published and m.lat is not null
             and lower(m.city) = lower(regexp_replace(btrim(p_city), '\s+', ' ', 'g'))
          union all
          select c.lat, c.lng from public.client_profiles c
           where c.published and c.lat is not null
             and lower(c.city) = lower(regexp_replace(btrim(p_city), '\s+', ' ', 'g'))
          union all
          select g.lat, g.lng from public.gigs g
           where g.status <> 'draft' and g.visibility = 'public' and g.lat is not null
             and lower(g.city) = lower(regexp_replace(btrim(p_city), '\s+', ' ', 'g'))) pts
  having count(*) > 0
$$;

/*
 * public.search_musicians(p_instrument text default null, p_genre text default null,
 *   p_near_lat float8 default null, p_near_lng float8 default null, p_radius_km integer default null,
 *   p_city text default null, p_fee_max integer default null, p_currency text default null,
 *   p_min_rating numeric default null, p_sort text default 'rating', p_after jsonb default null,
 *   p_limit integer default 24)
 *   returns table (id, stage_name, display_name, avatar_path, bio, instruments, genres, city,
 *                  country, travel_radius_km, fee_min_minor, fee_max_minor, currency, rating_avg,
 *                  rating_count, distance_km, cursor)
 *
 * Published musician profiles only (for everyone, the owner included), as the caller may see them.
 * Filters: the instrument / genre (normalised as profiles store tags), within p_radius_km of the
 * point (a profile without coordinates passes when its city is p_city), a lowest fee at or under
 * p_fee_max (minor units; profiles that state no fee are left out; with p_currency, only profiles
 * in that currency), a rating of at least p_min_rating (unrated profiles are left out).
 * Sorts (stable keysets, ties broken by id): 'rating' (best first, unrated last), 'name' (A to Z,
 * case ignored), 'distance' (nearest first, needs a point, else 'rating'; profiles without
 * coordinates last; without a radius it searches growing radii until a page is full, so it reads
 * an index range rather than every profile). Paging: pass the `cursor` of the last row as p_after
 * (refused for another sort). p_limit is clamped to 1..200. distance_km is set when a point is
 * given.
 */
create or replace function public.search_musicians(
  p_instrument text default null, p_genre text default null,
  p_near_lat double precision default null, p_near_lng double precision default null,
  p_radius_km integer default null, p_city text default null, p_fee_max integer default null,
  p_currency text default null, p_min_rating numeric default null, p_sort text default 'rating',
  p_after jsonb default null, p_limit integer default 24
) returns table (
  id uuid, stage_name text, display_name text, avatar_path text, bio text, instruments text[],
  genres text[], city text, country text, travel_radius_km integer, fee_min_minor integer,
  fee_max_minor integer, currency text, rating_avg double precision, rating_count integer,
  distance_km double precision, cursor jsonb
)
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_sort text := lower(coalesce(nullif(btrim(p_sort), ''), 'rating'));
  v_limit integer := least(greatest(coalesce(p_limit, 24), 1), 200);
  v_instrument text := nullif(regexp_replace(lower(btrim(p_instrument)), '\s+', ' ', 'g'), '');
  v_genre text := nullif(regexp_replace(lower(btrim(p_genre)), '\s+', ' ', 'g'), '');
  v_city text := nullif(regexp_replace(lower(btrim(p_city)), '\s+', ' ', 'g'), '');
  v_currency text := nullif(upper(btrim(p_currency)), '');
  v_dlat double precision;
  v_dlng double precision;
  v_tries integer[];
  v_radius integer;
  v_bound text;
  v_query text;
  v_found integer;
  v_after_key text;
  v_after_id uuid;
  v_where text := 'm.published';
  v_distance text := 'null::double precision';
  v_key text;
  v_order text;
  v_seek text;
begin
  if v_sort not in ('rating', 'name', 'distance') then
    raise exception using errcode = 'SC400', message = 'Sort by rating, name or distance', detail = 'sort';
  elsif (p_near_lat is null) <> (p_near_lng is null) then
    raise exception using errcode = 'SC400', message = 'Give both near_lat and near_lng',
      detail = case when p_near_lat is null then 'near_lat' else 'near_lng' end;
  elsif p_near_lat not between -90 and 90 then
    raise exception using errcode = 'SC400', message = 'A latitude is between -90 and 90', detail = 'near_lat';
  elsif p_near_lng not between -180 and 180 then
    raise exception using errcode = 'SC400', message = 'A longitude is between -180 and 180',
      detail = 'near_lng';
  elsif p_radius_km is not null and p_near_lat is null then
    raise exception using errcode = 'SC400', message = 'A radius needs a place', detail = 'radius_km';
  elsif p_radius_km not between 1 and 20000 then
    raise exception using errcode = 'SC400', message = 'The radius is between 1 and 20000 km',
      detail = 'radius_km';
  elsif p_fee_max < 0 then
    raise exception using errcode = 'SC400', message = 'The fee must be zero or more', detail = 'fee_max';
  elsif v_currency !~ '^[A-Z]{3}$' then
    raise exception using errcode = 'SC400', message = 'Use a 3-letter currency code such as EUR',
      detail = 'currency';
  elsif p_min_rating not between 0 and 5 then
    raise exception using errcode = 'SC400', message = 'The rating is between 0 and 5', detail = 'min_rating';
  end if;
  if v_sort = 'distance' and p_near_lat is null then
    v_sort := 'rating';
  end if;

  if p_after is not null then
    begin
      if jsonb_typeof(p_after) <> 'object' or p_after ->> 'sort' is distinct from v_sort
         or p_after ->> 'k' is null then
        raise exception 'cursor of another search';
      end if;
      v_after_id := (p_after ->> 'id')::uuid;
      v_after_key := p_after ->> 'k';
      case v_sort   -- parse now, so that a bad cursor is a 400 rather than an error mid-query
        when 'rating' then perform v_after_key::numeric;
        when 'distance' then perform v_after_key::double precision;
        else null;
      end case;
      if v_after_id is null then
        raise exception 'cursor without id';
      end if;
    exception when others then
      raise exception using errcode = 'SC400', message = 'This cursor does not belong to this search',
        detail = 'cursor';
    end;
  end if;

  if v_instrument is not null then
    v_where := v_where || ' and m.instruments operator(pg_catalog.@>) array[$1]';
  end if;
  if v_genre is not null then
    v_where := v_where || ' and m.genres operator(pg_catalog.@>) array[$2]';
  end if;
  if p_fee_max is not null then
    v_where := v_where || ' and coalesce(m.fee_min_minor, m.fee_max_minor) <= $7';
  end if;
  if v_currency is not null then
    v_where := v_where || ' and m.currency = $8';
  end if;
  if p_min_rating is not null then
    v_where := v_where || ' and m.rating_avg >= $9';
  end if;
  case v_sort
    when 'rating' then
      v_key := 's.rkey';
      v_order := 's.rkey desc, s.id';
      v_seek := '(s.rkey < $10::numeric or (s.rkey = $10::numeric and s.id > $11))';
    when 'name' then
      v_key := 's.nkey';
      v_order := 's.nkey, s.id';
      v_seek := '(s.nkey, s.id) > ($10, $11)';
    else
      v_key := 's.dkey';
      v_order := 's.dkey, s.id';
      v_seek := '(s.dkey > $10::double precision or (s.dkey = $10::double precision and s.id > $11))';
  end case;

  if p_near_lat is not null then
    v_distance := 'public.distance_km($3, $4, m.lat, m.lng)';
  end if;
  -- Nearest first without a radius would compute the distance of every profile: try growing
  -- radii instead (each an index range on lat) and keep the first that holds a whole page; the
  -- page's rows are then the nearest ones. Profiles without coordinates come in the last try.
  v_tries := case when v_sort = 'distance' and p_radius_km is null
                  then array[25, 100, 400, 1600, 6400, null] else array[p_radius_km] end;
  foreach v_radius in array v_tries loop
    v_dlat := null;
    v_dlng := null;
    v_bound := v_where;
    if v_radius is not null then
      -- A box around the point first (plain comparisons), then the exact distance.
      v_dlat := v_radius / 111.19;
      if abs(p_near_lat) + v_dlat < 89 then
        v_dlng := v_dlat / cos(radians(abs(p_near_lat) + v_dlat));
        if abs(p_near_lng) + v_dlng >= 180 then
          v_dlng := null;   -- the box would cross the antimeridian: no longitude bound
        end if;
      end if;
      v_bound := v_bound || ' and ((m.lat between $3 - $13 and $3 + $13'
        || case when v_dlng is null then '' else ' and m.lng between $4 - $14 and $4 + $14' end
        || ' and public.distance_km($3, $4, m.lat, m.lng) <= $5)'
        || case when v_city is null or p_radius_km is null then ''
                else ' or (m.lat is null and lower(m.city) = $6)' end
        || ')';
    end if;
    v_query := format(
      'select s.id, s.stage_name, s.display_name, s.avatar_path, s.bio, s.instruments, s.genres,
              s.city, s.country, s.travel_radius_km, s.fee_min_minor, s.fee_max_minor, s.currency,
              s.rating_avg, s.rating_count, s.distance_km,
              jsonb_build_object(''sort'', %L, ''k'', %s, ''id'', s.id)
         from (select m.id, m.stage_name, p.display_name, p.avatar_path, m.bio, m.instruments,
                      m.genres, m.city, m.country, m.travel_radius_km, m.fee_min_minor,
                      m.fee_max_minor, m.currency, m.rating_avg::double precision as rating_avg,
                      m.rating_count, d.distance_km, coalesce(m.rating_avg, 0) as rkey,
                      lower(m.stage_name) as nkey, coalesce(d.distance_km, 99999) as dkey
                 from public.musician_profiles m
                 join public.profiles p on p.id = m.id
                 cross join lateral (select %s as distance_km) d
                where %s) s
        %s order by %s limit $12',
      v_sort, v_key, v_distance, v_bound,
      case when p_after is null then '' else 'where ' || v_seek end, v_order);
    if v_radius is distinct from v_tries[cardinality(v_tries)] then
      execute format('select count(*)::integer from (%s) x', v_query) into v_found
        using v_instrument, v_genre, p_near_lat, p_near_lng, v_radius, v_city, p_fee_max,
              v_currency, p_min_rating, v_after_key, v_after_id, v_limit, v_dlat, v_dlng;
      continue when v_found < v_limit;
    end if;
    return query execute v_query
      using v_instrument, v_genre, p_near_lat, p_near_lng, v_radius, v_city, p_fee_max, v_currency,
            p_min_rating, v_after_key, v_after_id, v_limit, v_dlat, v_dlng;
    return;
  end loop;
end $$;

-- grants: functions -----------------------------------------------------------------------------------
revoke execute on function public.set_favourite(text, uuid, boolean),
  public.city_coordinates(text),
  public.search_musicians(text, text, double precision, double precision, integer, text, integer,
                          text, numeric, text, jsonb, integer)
  from public, anon, authenticated;
grant execute on function public.set_favourite(text, uuid, boolean) to authenticated;
grant execute on function public.city_coordinates(text),
  public.search_musicians(text, text, double precision, double precision, integer, text, integer,
                          text, numeric, text, jsonb, integer)
  to anon, authenticated, service_role;
