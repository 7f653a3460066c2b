-- Faster matching (issue 3's bench: top 20 over 100,000 profiles in ≤ 10 ms at recall ≥ 0.95).
--
-- Before: an HNSW search by meaning alone, 150 candidates deep, then per candidate a join to its
-- profile and a probe of its bookings (~40 ms in PGlite). Now:
--
-- * Match vectors (lib/matching/vector.ts): the unit embedding plus weighted fact slots
--   (instruments, genres, fee level), so that the inner product of a profile's and a gig's vector
--   ranks by nearly the whole match score and 40 candidates hold the exact top 20. The worker
--   derives them from the embedding and the facts (`matching` queue); `vector_key` says from
--   which, so a stale one is re-derived (no embeddings call). One HNSW (inner product) index per
--   side replaces the cosine indexes on the embeddings, which nothing reads any more.
-- * The facts the score needs sit beside each profile's vector (private.musician_match), kept
--   current by triggers in the same transaction as the change: profile edits and bookings.
-- * One statement per request: the candidate functions below return every fact the score
--   weighs; lib/matching scores them (the weights stay in lib/matching/score.ts).
--
-- Access as before: the tables are private (RLS on, no policy, service_role for the worker); the
-- candidate functions are security definer and check who asks.

-- tables ---------------------------------------------------------------------------------------------
-- 495 = lib/matching/vector.ts MATCH_DIMS (tests/integration/matching_test.ts checks it). The vector
-- stays in the row (storage plain, rows up to ~4 kB unTOASTed): a search reads its candidates'
-- facts from the same heap tuple, with no TOAST lookup.
create table if not exists private.musician_match (
  musician_id uuid not null,
  published boolean not null,
  genres text[] not null,
  instruments text[] not null,
  lat double precision,
  lng double precision,
  travel_radius_km integer not null,
  fee_min_minor integer,
  fee_max_minor integer,
  currency text not null,
  blocked_dates date[] not null,
  busy tstzmultirange not null,                       -- the live (not cancelled) bookings
  model text,                                         -- embedding model the vector derives from
  match_vector extensions.vector(495),                -- null until the worker derives it
  vector_key text,                                    -- private.match_vector_key(...) it was made for
  updated_at timestamptz not null default now(),
  constraint musician_match_pkey primary key (musician_id),
  constraint musician_match_musician_id_fkey foreign key (musician_id)
    references public.musician_profiles (id) on delete cascade
) with (toast_tuple_target = 4080);
alter table private.musician_match alter column match_vector set storage plain;

create table if not exists private.gig_match (
  gig_id uuid not null,
  model text not null,
  match_vector extensions.vector(495) not null,
  vector_key text not null,
  updated_at timestamptz not null default now(),
  constraint gig_match_pkey primary key (gig_id),
  constraint gig_match_gig_id_fkey foreign key (gig_id) references public.gigs (id) on delete cascade
) with (toast_tuple_target = 4080);
alter table private.gig_match alter column match_vector set storage plain;

-- Only published profiles are ever searched: the graph holds just those, and a search never
-- skips a draft.
create index if not exists musician_match_vector_idx on private.musician_match
  using hnsw (match_vector extensions.vector_ip_ops) where published;
create index if not exists gig_match_vector_idx on private.gig_match
  using hnsw (match_vector extensions.vector_ip_ops);

-- Only the candidate functions below searched these.
drop index if exists public.musician_embeddings_embedding_idx;
drop index if exists public.gig_embeddings_embedding_idx;

alter table private.musician_match enable row level security;
alter table private.gig_match enable row level security;
revoke all on private.musician_match, private.gig_match from public, anon, authenticated;
grant all on private.musician_match, private.gig_match to service_role;

-- keys and facts -------------------------------------------------------------------------------------

/*
 * private.match_vector_key(p_version, p_model, p_content_hash, p_genres, p_instruments, p_money,
 *   p_currency) returns text
 * What a match vector is derived from: the layout version (MATCH_VECTOR_VERSION), the embedding
 * (model and text hash) and the facts in it (genres, instruments, fee_min / budget_max, currency).
 */
create or replace function private.match_vector_key(
  p_version text, p_model text, p_content_hash text, p_genres text[], p_instruments text[],
  p_money integer, p_currency text
) returns text
language sql immutable parallel safe set search_path = '' as $$
  select md5(concat_ws('|', p_version, p_model, p_content_hash, p_genres::text, p_instruments::text,
                       coalesce(p_money::text, '-'), p_currency))
$$;

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
$$;

-- Profile facts changed: copy them now; a fee or currency change also re-derives the vector. The
-- job's key names the transaction: every change is looked at (the job itself finds out whether
-- the vector is stale), and only a redelivery of the same message is skipped.
create or replace function private.musician_profiles_sync_match() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.refresh_musician_match(array[new.id]);
  if tg_op = 'UPDATE' and (new.fee_min_minor is distinct from old.fee_min_minor
                           or new.currency is distinct from old.currency) then
    perform pgmq.send('matching', jsonb_build_object(
      'kind', 'embed_musician', 'id', new.id,
      'idempotency_key', 'match_musician:' || new.id::text || ':' || pg_current_xact_id()::text));
  end if;
  return null;
end $$;

drop trigger if exists musician_profiles_sync_match on public.musician_profiles;
create trigger musician_profiles_sync_match
  after insert or update of published, genres, instruments, lat, lng, travel_radius_km,
    fee_min_minor, fee_max_minor, currency, blocked_dates
  on public.musician_profiles
  for each row execute function private.musician_profiles_sync_match();

-- A booking made, moved or cancelled changes when its musician is free.
create or replace function private.bookings_sync_match() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.refresh_musician_match(array(
    select distinct x from unnest(array[
      case when tg_op <> 'INSERT' then old.musician_id end,
      case when tg_op <> 'DELETE' then new.musician_id end]) x where x is not null));
  return null;
end $$;

drop trigger if exists bookings_sync_match on public.bookings;
create trigger bookings_sync_match
  after insert or delete or update of musician_id, starts_at, ends_at, status on public.bookings
  for each row execute function private.bookings_sync_match();

-- A gig's budget or currency changed: its vector's fee slots are re-derived.
create or replace function private.gigs_queue_match() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.budget_max_minor is distinct from old.budget_max_minor
     or new.currency is distinct from old.currency then
    perform pgmq.send('matching', jsonb_build_object(
      'kind', 'embed_gig', 'id', new.id,
      'idempotency_key', 'match_gig:' || new.id::text || ':' || pg_current_xact_id()::text));
  end if;
  return null;
end $$;

drop trigger if exists gigs_queue_match on public.gigs;
create trigger gigs_queue_match
  after update of budget_max_minor, currency on public.gigs
  for each row execute function private.gigs_queue_match();

-- The facts of the profiles that exist already; their vectors come from the worker's sweep
-- (`queueReembedIfStale` at start-up finds them missing).
select private.refresh_musician_match(null);

-- candidates -----------------------------------------------------------------------------------------
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
language plpgsql security definer set search_path = '' as $$
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
         gg.kind, gg.remote, gg.lat, gg.lng, gg.budget_min_minor, gg.budget_max_minor, gg.currency
    into g from public.gigs gg where gg.id = p_gig_id;
  if not found
     or (g.client_id is distinct from (select auth.uid())
         and coalesce((select auth.role()), '') <> 'service_role') then
    raise exception using errcode = 'SC404', message = 'No such gig of yours', detail = 'gig_id';
  end if;
  select gm.match_vector, gm.model into q, q_model from private.gig_match gm where gm.gig_id = p_gig_id;
  if q is null then
    return null;                                      -- not derived yet: no matches yet
  end if;
  q_sem := extensions.subvector(q, 1, 384)::extensions.vector(384);
  g_day := (g.starts_at at time zone g.timezone)::date;
  g_range := tstzrange(g.starts_at, g.starts_at + make_interval(mins => g.duration_minutes));
  if p_exact then
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
    perform set_config('hnsw.ef_search', least(greatest(p_ef, 1), 1000)::text, true);
    perform set_config('hnsw.iterative_scan', 'relaxed_order', true);
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
language plpgsql security definer set search_path = '' as $$
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
    v_ids := array(
      select g.id from private.gig_match gm join public.gigs g on g.id = gm.gig_id
       where gm.model = m.model and g.status = 'published' and g.client_id <> p_musician_id
         and g.starts_at > now() and (g.apply_by is null or g.apply_by > now())
         and (g.visibility = 'public' or exists (select 1 from public.gig_invites i
               where i.gig_id = g.id and i.musician_id = p_musician_id)));
  else
    perform set_config('hnsw.ef_search', least(greatest(p_ef, 1), 1000)::text, true);
    perform set_config('hnsw.iterative_scan', 'relaxed_order', true);
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

-- The searches these replace.
drop function if exists private.match_gigs_for_musician(uuid, integer, integer);
drop function if exists private.match_musicians_for_gig(uuid, integer, integer);

-- search: the typo fallback ---------------------------------------------------------------------------
-- search_gigs fell back, when full text found nothing, to `title %> query` over every gig: a
-- trigram index scan whose common trigrams matched thousands of titles, each re-checked (~100 ms
-- over 20,000 gigs). Now each word of the query is matched against the distinct words of the
-- searchable titles (a table of a few thousand rows with its own trigram index), and full text
-- runs again with the closest title words: `(session:A | sessions:A) & bassist:A`.

-- The distinct words of the titles of published public gigs (what anyone may search), with how
-- many such gigs have each. Kept by the trigger below; nothing else writes it.
create table if not exists public.gig_title_words (
  word text not null,
  gigs integer not null,
  constraint gig_title_words_pkey primary key (word),
  constraint gig_title_words_gigs_check check (gigs > 0)
);
create index if not exists gig_title_words_word_trgm_idx on public.gig_title_words
  using gin (word extensions.gin_trgm_ops) with (fastupdate = off);

alter table public.gig_title_words enable row level security;
revoke all on public.gig_title_words from anon, authenticated;
grant select on public.gig_title_words to anon, authenticated;
grant all on public.gig_title_words to service_role;
-- Words of titles anyone can already read.
drop policy if exists "Title words are public" on public.gig_title_words;
create policy "Title words are public" on public.gig_title_words
  for select to anon, authenticated using (true);

-- As the planner needs it under RLS (see the leakproof note of the marketplace migration).
do $$
begin
  if (select rolsuper from pg_catalog.pg_roles where rolname = current_user) then
    alter function extensions.similarity_op(text, text) leakproof;
  end if;
end $$;

/*
 * private.title_words(p_title text) returns text[]
 * The words of a title as full text indexes them (the 'simple' configuration), distinct, sorted.
 */
create or replace function private.title_words(p_title text) returns text[]
language sql immutable parallel safe set search_path = '' as $$
  select pg_catalog.tsvector_to_array(pg_catalog.to_tsvector('simple'::regconfig, coalesce(p_title, '')))
$$;

/*
 * private.refresh_gig_title_words() returns void
 * Rebuilds public.gig_title_words from the gigs (after a bulk load with triggers off).
 */
create or replace function private.refresh_gig_title_words() returns void
language sql security definer set search_path = '' as $$
  delete from public.gig_title_words;
  insert into public.gig_title_words (word, gigs)
  select w, count(*) from public.gigs g, unnest(private.title_words(g.title)) w
   where g.status = 'published' and g.visibility = 'public'
   group by w;
$$;

create or replace function private.gigs_sync_title_words() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_old text[] := '{}';
  v_new text[] := '{}';
begin
  if tg_op <> 'INSERT' and old.status = 'published' and old.visibility = 'public' then
    v_old := private.title_words(old.title);
  end if;
  if tg_op <> 'DELETE' and new.status = 'published' and new.visibility = 'public' then
    v_new := private.title_words(new.title);
  end if;
  if v_old = v_new then
    return null;
  end if;
  delete from public.gig_title_words t
   where t.word = any (v_old) and not t.word = any (v_new) and t.gigs <= 1;
  update public.gig_title_words t set gigs = t.gigs - 1
   where t.word = any (v_old) and not t.word = any (v_new);
  insert into public.gig_title_words as t (word, gigs)
  select w, 1 from unnest(v_new) w where not w = any (v_old)
  on conflict (word) do update set gigs = t.gigs + 1;
  return null;
end $$;

drop trigger if exists gigs_sync_title_words on public.gigs;
create trigger gigs_sync_title_words
  after insert or delete or update of title, status, visibility on public.gigs
  for each row execute function private.gigs_sync_title_words();

select private.refresh_gig_title_words();

/*
 * public.gig_title_typo_lexeme(p_word text, p_weights text) returns tsquery
 * One lexeme as a tsquery, taken as it is (no parsing), with weights: 'it''s':A.
 */
create or replace function public.gig_title_typo_lexeme(p_word text, p_weights text)
returns tsquery
language sql immutable parallel safe set search_path = '' as $$
  select ('''' || replace(replace(p_word, '\', '\\'), '''', '''''') || ''''
          || case when p_weights = '' then '' else ':' || p_weights end)::tsquery
$$;

/*
 * public.gig_title_typo_query(p_query text) returns tsquery
 * The typo fallback's query: every word of p_query becomes the title words most like it (pg_trgm
 * similarity at least pg_trgm.similarity_threshold; at most three, each at least 0.8 of the best),
 * OR-ed and limited to titles (weight A); the words are AND-ed. A word like no title word is left
 * out; a word after '-' stays excluded, anywhere. Null when no word is left. Runs as the caller.
 */
create or replace function public.gig_title_typo_query(p_query text) returns tsquery
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_token text;
  v_word text;
  v_alt text;
  v_query tsquery;
  v_part tsquery;
begin
  foreach v_token in array regexp_split_to_array(btrim(coalesce(p_query, '')), '\s+') loop
    -- The words full text sees in the token (quotes and other punctuation fall away).
    foreach v_word in array pg_catalog.tsvector_to_array(
        pg_catalog.to_tsvector('simple'::regconfig, ltrim(v_token, '-'))) loop
      if left(v_token, 1) = '-' then
        v_part := operator(pg_catalog.!!) public.gig_title_typo_lexeme(v_word, '');
      else
        -- The closest title words: at most three, none far behind the best.
        select string_agg(public.gig_title_typo_lexeme(x.word, 'A')::text, ' | ') into v_alt
          from (select t.word, extensions.similarity(t.word, v_word) as sim,
                       max(extensions.similarity(t.word, v_word)) over () as best
                  from public.gig_title_words t
                 where t.word operator(extensions.%) v_word
                 order by 2 desc, t.word
                 limit 3) x
         where x.sim >= 0.8 * x.best;
        if v_alt is null then
          continue;                                   -- like no title word: left out
        end if;
        v_part := v_alt::tsquery;
      end if;
      v_query := case when v_query is null then v_part
                      else v_query operator(pg_catalog.&&) v_part end;
    end loop;
  end loop;
  -- Exclusions alone match nothing in a title.
  return case when pg_catalog.querytree(v_query) = 'T' then null else v_query end;
end $$;



/*
 * public.search_gigs(...): as in the marketplace migration (filters, sorts, keyset pages, RLS),
 * with the typo fallback above in place of the trigram scan of every title. The rank of a typo
 * search is the full text rank of its corrected query.
 */
create or replace function public.search_gigs(
  p_query text default null, p_genres text[] default null, p_instruments text[] default null,
  p_from timestamptz default null, p_to timestamptz default null,
  p_budget_min integer default null, p_budget_max integer default null,
  p_near_lat double precision default null, p_near_lng double precision default null,
  p_radius_km integer default null, p_remote boolean default null,
  p_sort text default 'starts_at', p_after jsonb default null, p_limit integer default 20
) returns table (
  id uuid, client_id uuid, title text, description text, kind text, genres text[],
  instruments text[], starts_at timestamptz, timezone text, duration_minutes integer,
  remote boolean, venue_name text, city text, country text, lat double precision,
  lng double precision, budget_min_minor integer, budget_max_minor integer, currency text,
  apply_by timestamptz, visibility text, status text, created_at timestamptz,
  updated_at timestamptz, published_at timestamptz, distance_km double precision, rank real,
  cursor jsonb
)
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_query text := nullif(btrim(p_query), '');
  v_sort text := lower(coalesce(nullif(btrim(p_sort), ''), 'starts_at'));
  v_limit integer := least(greatest(coalesce(p_limit, 20), 1), 200);
  v_from timestamptz := coalesce(p_from, now());
  v_genres text[] := array(select distinct regexp_replace(lower(btrim(x)), '\s+', ' ', 'g')
                             from unnest(p_genres) x where btrim(coalesce(x, '')) <> '');
  v_instruments text[] := array(select distinct regexp_replace(lower(btrim(x)), '\s+', ' ', 'g')
                                  from unnest(p_instruments) x where btrim(coalesce(x, '')) <> '');
  v_dlat double precision;
  v_dlng double precision;
  v_after_key text;
  v_after_id uuid;
  v_rank text := 'null::real';
  v_distance text := 'null::double precision';
  v_where text := 'g.status = ''published'' and g.starts_at >= $4';
  v_key text;
  v_order text;
  v_seek text;
  v_text text := '';
  v_typo boolean;
  v_found bigint;
  v_tsquery tsquery;
begin
  if v_sort not in ('starts_at', 'budget', 'relevance', 'newest') then
    raise exception using errcode = 'SC400', message = 'Sort by starts_at, budget, relevance or newest',
      detail = 'sort';
  elsif p_to is not null and p_to <= v_from then
    raise exception using errcode = 'SC400', message = 'The end of the date range must be after its start',
      detail = 'to';
  elsif p_budget_max < p_budget_min then
    raise exception using errcode = 'SC400', message = 'The budget range ends before it starts',
      detail = 'budget_max';
  elsif (p_near_lat is null) <> (p_near_lng is null) then
    raise exception using errcode = 'SC400', message = 'Give both near_lat and near_lng',
      detail = case when p_near_lat is null then 'near_lat' else 'near_lng' end;
  elsif p_near_lat not between -90 and 90 then
    raise exception using errcode = 'SC400', message = 'A latitude is between -90 and 90', detail = 'near_lat';
  elsif p_near_lng not between -180 and 180 then
    raise exception using errcode = 'SC400', message = 'A longitude is between -180 and 180',
      detail = 'near_lng';
  elsif p_radius_km is not null and p_near_lat is null then
    raise exception using errcode = 'SC400', message = 'A radius needs near_lat and near_lng',
      detail = 'radius_km';
  elsif p_radius_km not between 1 and 20000 then
    raise exception using errcode = 'SC400', message = 'The radius is between 1 and 20000 km',
      detail = 'radius_km';
  end if;
  if v_sort = 'relevance' and v_query is null then
    v_sort := 'starts_at';
  end if;

  if p_after is not null then
    begin
      if jsonb_typeof(p_after) <> 'object' or p_after ->> 'sort' is distinct from v_sort
         or p_after ->> 'k' is null then
        raise exception 'cursor of another search';
      end if;
      v_after_id := (p_after ->> 'id')::uuid;
      v_after_key := p_after ->> 'k';
      v_typo := coalesce((p_after ->> 'typo')::boolean, false);
      case v_sort   -- parse now, so that a bad cursor is a 400 rather than an error mid-query
        when 'budget' then perform v_after_key::integer;
        when 'relevance' then perform v_after_key::real;
        else perform v_after_key::timestamptz;
      end case;
      if v_after_id is null then
        raise exception 'cursor without id';
      end if;
    exception when others then
      raise exception using errcode = 'SC400', message = 'This cursor does not belong to this search',
        detail = 'cursor';
    end;
  end if;

  if cardinality(v_genres) > 0 then
    v_where := v_where || ' and g.genres operator(pg_catalog.&&) $2';
  end if;
  if cardinality(v_instruments) > 0 then
    v_where := v_where || ' and g.instruments operator(pg_catalog.&&) $3';
  end if;
  if p_to is not null then
    v_where := v_where || ' and g.starts_at < $5';
  end if;
  if p_budget_min is not null then
    v_where := v_where || ' and coalesce(g.budget_max_minor, -1) >= $6';
  end if;
  if p_budget_max is not null then
    v_where := v_where || ' and coalesce(g.budget_min_minor, 0) <= $7';
  end if;
  if p_remote is not null then
    v_where := v_where || ' and g.remote = $11';
  end if;
  if p_near_lat is not null then
    v_distance := 'public.distance_km($8, $9, g.lat, g.lng)';
    if p_radius_km is not null then
      -- A box around the point first (plain comparisons), then the exact distance.
      v_dlat := p_radius_km / 111.19;
      if abs(p_near_lat) + v_dlat < 89 then
        v_dlng := v_dlat / cos(radians(abs(p_near_lat) + v_dlat));
        if abs(p_near_lng) + v_dlng >= 180 then
          v_dlng := null;   -- the box would cross the antimeridian: no longitude bound
        end if;
      end if;
      v_where := v_where || ' and (g.remote or (g.lat between $8 - $15 and $8 + $15'
        || case when v_dlng is null then '' else ' and g.lng between $9 - $16 and $9 + $16' end
        || ' and public.distance_km($8, $9, g.lat, g.lng) <= $10))';
    end if;
  end if;

  case v_sort
    when 'starts_at' then
      v_key := 's.starts_at';
      v_order := 's.starts_at, s.id';
      v_seek := '(s.starts_at, s.id) > ($12::timestamptz, $13)';
    when 'newest' then
      v_key := 's.published_at';
      v_order := 's.published_at desc, s.id desc';
      v_seek := '(s.published_at, s.id) < ($12::timestamptz, $13)';
    when 'budget' then
      v_key := 'coalesce(s.budget_max_minor, -1)';
      v_order := 'coalesce(s.budget_max_minor, -1) desc, s.id';
      v_seek := '(coalesce(s.budget_max_minor, -1) < $12::integer'
        || ' or (coalesce(s.budget_max_minor, -1) = $12::integer and s.id > $13))';
    else
      v_key := 's.rank';
      v_order := 's.rank desc, s.id';
      v_seek := '(s.rank < $12::real or (s.rank = $12::real and s.id > $13))';
  end case;

  -- Full text first (websearch syntax). Only when it finds nothing for a first page, the typo
  -- fallback: each word becomes the title words most like it (gig_title_typo_query), then full
  -- text again, in titles. The cursor remembers which of the two a search uses, so its later
  -- pages use the same.
  v_typo := v_query is not null and coalesce(v_typo, false);
  for attempt in 1..2 loop
    -- The query is parsed once, here, not once per row.
    if v_query is not null and not v_typo then
      v_tsquery := websearch_to_tsquery('simple', v_query);
    elsif v_query is not null then
      v_tsquery := public.gig_title_typo_query(v_query);
      exit when v_tsquery is null;                  -- no word like a title word: nothing
    end if;
    if v_query is not null then
      v_text := ' and g.search_tsv @@ $17';
      v_rank := 'ts_rank(g.search_tsv, $17)';
    end if;
    -- The page is chosen on the few columns that sort it; only its rows are read whole (every
    -- match used to be copied whole into the sort).
    return query execute format(
      'select g.id, g.client_id, g.title, g.description, g.kind, g.genres, g.instruments,
              g.starts_at, g.timezone, g.duration_minutes, g.remote, g.venue_name, g.city,
              g.country, g.lat, g.lng, g.budget_min_minor, g.budget_max_minor, g.currency,
              g.apply_by, g.visibility, g.status, g.created_at, g.updated_at, g.published_at,
              s.distance_km, s.rank, jsonb_build_object(''sort'', %L, ''k'', %s, ''id'', s.id)%s
         from (select s.* from (select g.id, g.starts_at, g.published_at, g.budget_max_minor,
                                       %s as distance_km, %s as rank
                                  from public.gigs g where %s%s) s
                %s order by %s limit $14) s
         join public.gigs g on g.id = s.id
        order by %s',
      v_sort, v_key, case when v_typo then ' || ''{"typo": true}''::jsonb' else '' end,
      v_distance, v_rank, v_where, v_text,
      case when p_after is null then '' else 'where ' || v_seek end, v_order, v_order)
    using v_query, v_genres, v_instruments, v_from, p_to, p_budget_min, p_budget_max, p_near_lat,
          p_near_lng, p_radius_km, p_remote, v_after_key, v_after_id, v_limit, v_dlat, v_dlng,
          v_tsquery;
    get diagnostics v_found = row_count;
    exit when v_found > 0 or v_query is null or v_typo or p_after is not null;
    v_typo := true;
  end loop;
end $$;

-- function grants ------------------------------------------------------------------------------------
revoke execute on function
  private.match_vector_key(text, text, text, text[], text[], integer, text),
  private.refresh_musician_match(uuid[]),
  private.musician_profiles_sync_match(), private.bookings_sync_match(), private.gigs_queue_match(),
  private.match_musicians(uuid, integer, integer, boolean),
  private.match_gigs(uuid, integer, integer, boolean),
  private.title_words(text), private.refresh_gig_title_words(), private.gigs_sync_title_words(),
  public.gig_title_typo_lexeme(text, text), public.gig_title_typo_query(text)
  from public, anon, authenticated;
grant execute on function
  private.match_vector_key(text, text, text, text[], text[], integer, text),
  private.refresh_musician_match(uuid[])
  to service_role;
grant execute on function
  private.match_musicians(uuid, integer, integer, boolean),
  private.match_gigs(uuid, integer, integer, boolean)
  to authenticated, service_role;
grant execute on function
  public.gig_title_typo_lexeme(text, text), public.gig_title_typo_query(text)
  to anon, authenticated, service_role;
grant execute on function private.refresh_gig_title_words() to service_role;
