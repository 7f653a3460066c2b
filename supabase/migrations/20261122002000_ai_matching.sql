-- AI writing quotas and matching: embeddings of musician profiles and gigs (pgvector, HNSW cosine),
-- refreshed through the `matching` queue when their text changes, and the candidate queries behind
-- "gigs for me" and "musicians for this gig" (lib/matching).
--
-- Access: the embedding tables have RLS on and no user policy at all. Vectors are derived data with
-- no use to a browser, and ranking needs facts RLS hides from the asker (other musicians' bookings
-- for availability): the candidate functions below are security definer, check that the caller is
-- the musician / the gig's owner (or service_role) themselves, and return only ids, similarities and
-- the facts the score needs. Only the worker (service_role) writes embeddings.

-- tables ---------------------------------------------------------------------------------------------
create table if not exists public.musician_embeddings (
  musician_id uuid not null,
  model text not null,                                -- the embedding model: a change re-embeds
  dims integer not null default 384,
  embedding extensions.vector(384) not null,
  content_hash text not null,                         -- md5 of the embedded text
  updated_at timestamptz not null default now(),
  constraint musician_embeddings_pkey primary key (musician_id),
  constraint musician_embeddings_musician_id_fkey foreign key (musician_id)
    references public.musician_profiles (id) on delete cascade,
  constraint musician_embeddings_dims_check check (dims = 384)
);

create table if not exists public.gig_embeddings (
  gig_id uuid not null,
  model text not null,
  dims integer not null default 384,
  embedding extensions.vector(384) not null,
  content_hash text not null,
  updated_at timestamptz not null default now(),
  constraint gig_embeddings_pkey primary key (gig_id),
  constraint gig_embeddings_gig_id_fkey foreign key (gig_id) references public.gigs (id) on delete cascade,
  constraint gig_embeddings_dims_check check (dims = 384)
);

create index if not exists musician_embeddings_embedding_idx on public.musician_embeddings
  using hnsw (embedding extensions.vector_cosine_ops);
create index if not exists gig_embeddings_embedding_idx on public.gig_embeddings
  using hnsw (embedding extensions.vector_cosine_ops);

-- AI writing usage: one row per user, UTC day and task; written only by spend_ai_quota.
create table if not exists public.ai_usage (
  user_id uuid not null,
  day date not null,
  task text not null,
  count integer not null default 0,
  tokens integer not null default 0,
  updated_at timestamptz not null default now(),
  constraint ai_usage_pkey primary key (user_id, day, task),
  constraint ai_usage_user_id_fkey foreign key (user_id) references auth.users (id) on delete cascade,
  constraint ai_usage_task_check check (task ~ '^[a-z_]{1,40}$'),
  constraint ai_usage_count_check check (count >= 0),
  constraint ai_usage_tokens_check check (tokens >= 0)
);

-- Which musicians were told about which gig: a match is notified once per gig and musician.
create table if not exists private.match_notices (
  gig_id uuid not null,
  musician_id uuid not null,
  score real not null,
  created_at timestamptz not null default now(),
  constraint match_notices_pkey primary key (gig_id, musician_id),
  constraint match_notices_gig_id_fkey foreign key (gig_id) references public.gigs (id) on delete cascade,
  constraint match_notices_musician_id_fkey foreign key (musician_id)
    references public.musician_profiles (id) on delete cascade
);
create index if not exists match_notices_musician_id_idx on private.match_notices (musician_id);

-- grants ---------------------------------------------------------------------------------------------
revoke all on public.musician_embeddings, public.gig_embeddings, public.ai_usage from anon, authenticated;
grant select on public.ai_usage to authenticated;
grant all on public.musician_embeddings, public.gig_embeddings, public.ai_usage to service_role;
grant all on private.match_notices to service_role;

-- RLS ------------------------------------------------------------------------------------------------
alter table public.musician_embeddings enable row level security;
alter table public.gig_embeddings enable row level security;
alter table public.ai_usage enable row level security;

drop policy if exists "Users read their own AI usage" on public.ai_usage;
create policy "Users read their own AI usage" on public.ai_usage
  for select to authenticated using (user_id = (select auth.uid()));

-- embedding texts ------------------------------------------------------------------------------------
-- The one definition of what is embedded (the worker reads the text through these, the triggers hash
-- it). Labelled lines let the offline embedder weigh genres, instruments and place above free text;
-- the place is part of the meaning so that nearest neighbours are also near (lib/matching/score.ts).

/*
 * private.musician_embedding_text(genres, instruments, skills, languages, city, country, bio)
 */
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
    'Location: ' || nullif(concat_ws(', ', p_city, p_country), ''),
    nullif(btrim(coalesce(p_bio, '')), ''))
$$;

/*
 * private.gig_embedding_text(title, kind, genres, instruments, remote, city, country, description)
 */
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
    'Location: ' || case when p_remote then 'remote'
                         else nullif(concat_ws(', ', p_city, p_country), '') end,
    nullif(btrim(coalesce(p_description, '')), ''))
$$;

-- triggers: text changed → a `matching` job -----------------------------------------------------------
-- The idempotency key carries the hash of the text: the same text is embedded once, a new text again.

create or replace function private.musician_profiles_queue_embedding() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  h text := md5(private.musician_embedding_text(
    new.genres, new.instruments, new.skills, new.languages, new.city, new.country, new.bio));
begin
  if tg_op = 'UPDATE' and h = md5(private.musician_embedding_text(
       old.genres, old.instruments, old.skills, old.languages, old.city, old.country, old.bio)) then
    return new;
  end if;
  perform pgmq.send('matching', jsonb_build_object(
    'kind', 'embed_musician', 'id', new.id,
    'idempotency_key', 'embed_musician:' || new.id::text || ':' || h));
  return new;
end $$;

drop trigger if exists musician_profiles_queue_embedding on public.musician_profiles;
create trigger musician_profiles_queue_embedding
  after insert or update of bio, genres, instruments, skills, languages, city, country
  on public.musician_profiles
  for each row execute function private.musician_profiles_queue_embedding();

-- Gigs: a text change re-embeds; publishing (whatever the text) asks for the match notifications.
create or replace function private.gigs_queue_embedding() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  h text := md5(private.gig_embedding_text(new.title, new.kind, new.genres, new.instruments,
    new.remote, new.city, new.country, new.description));
begin
  if tg_op = 'INSERT' or h <> md5(private.gig_embedding_text(old.title, old.kind, old.genres,
       old.instruments, old.remote, old.city, old.country, old.description)) then
    perform pgmq.send('matching', jsonb_build_object(
      'kind', 'embed_gig', 'id', new.id,
      'idempotency_key', 'embed_gig:' || new.id::text || ':' || h));
  end if;
  if new.status = 'published' and (tg_op = 'INSERT' or old.status is distinct from 'published') then
    perform pgmq.send('matching', jsonb_build_object(
      'kind', 'gig_published', 'id', new.id,
      'idempotency_key', 'gig_published:' || new.id::text || ':' || h));
  end if;
  return new;
end $$;

drop trigger if exists gigs_queue_embedding on public.gigs;
create trigger gigs_queue_embedding
  after insert or update of title, kind, genres, instruments, remote, city, country, description,
    status on public.gigs
  for each row execute function private.gigs_queue_embedding();

-- AI quota -------------------------------------------------------------------------------------------

/*
 * private.spend_ai_quota(p_task text, p_limit integer) returns integer
 * Counts one AI writing request of the caller against today's (UTC) limit for the task, atomically;
 * returns how many remain today. SC429 (detail 'task') when the limit is reached.
 */
create or replace function private.spend_ai_quota(p_task text, p_limit integer) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := (select auth.uid());
  used integer;
begin
  if uid is null then
    raise exception using errcode = 'SC403', message = 'Sign in to use AI writing',
      detail = 'authorization';
  end if;
  if p_task is null or p_task !~ '^[a-z_]{1,40}$' then
    raise exception using errcode = 'SC400', message = 'Unknown AI task', detail = 'task';
  end if;
  if p_limit is null or p_limit < 0 then
    raise exception using errcode = 'SC400', message = 'The limit must be zero or more',
      detail = 'limit';
  end if;
  if p_limit > 0 then
    insert into public.ai_usage as u (user_id, day, task, count)
    values (uid, (now() at time zone 'utc')::date, p_task, 1)
    on conflict (user_id, day, task) do update
      set count = u.count + 1, updated_at = now()
      where u.count < p_limit
    returning u.count into used;
  end if;
  if used is null then
    raise exception using errcode = 'SC429',
      message = format('Daily AI limit reached: %s %s drafts a day. Try again tomorrow.',
                       p_limit, replace(p_task, '_', ' ')),
      detail = 'task';
  end if;
  return p_limit - used;
end $$;

create or replace function public.spend_ai_quota(p_task text, p_limit integer) returns integer
language sql security invoker set search_path = '' as $$
  select private.spend_ai_quota(p_task, p_limit)
$$;

/*
 * private.record_ai_tokens(p_task text, p_tokens integer) returns void
 * Adds the tokens a live model reported to the caller's usage row of today for the task.
 */
create or replace function private.record_ai_tokens(p_task text, p_tokens integer) returns void
language sql security definer set search_path = '' as $$
  update public.ai_usage set tokens = tokens + greatest(coalesce(p_tokens, 0), 0), updated_at = now()
   where user_id = (select auth.uid()) and day = (now() at time zone 'utc')::date and task = p_task
$$;

create or replace function public.record_ai_tokens(p_task text, p_tokens integer) returns void
language sql security invoker set search_path = '' as $$
  select private.record_ai_tokens(p_task, p_tokens)
$$;

-- matching candidates --------------------------------------------------------------------------------
-- An HNSW cosine search (iterative, so filters never starve it) for the `p_k` nearest published
-- rows of the other side, each with the facts lib/matching/score.ts weighs; the asking side's own
-- facts are read once by the caller. Vectors are compared only with vectors of the same model.
-- Distances and the weighted score are computed in TypeScript, where the weights live.

/*
 * private.match_gigs_for_musician(p_musician_id uuid, p_k integer, p_ef integer)
 * Candidate gigs for a musician: the caller must be that musician (or service_role). Published,
 * upcoming, still open, public (or inviting them), not their own.
 */
create or replace function private.match_gigs_for_musician(
  p_musician_id uuid, p_k integer, p_ef integer default 100
) returns table (
  id uuid, semantic double precision, genres text[], instruments text[], kind text,
  remote boolean, lat double precision, lng double precision, budget_min_minor integer,
  budget_max_minor integer, currency text, evening boolean, blocked boolean, busy boolean
)
language plpgsql security definer set search_path = '' as $$
declare
  q extensions.vector(384);
  q_model text;
  v_blocked date[];
  v_busy tstzrange[];
begin
  if p_musician_id is distinct from (select auth.uid())
     and coalesce((select auth.role()), '') <> 'service_role' then
    raise exception using errcode = 'SC403', message = 'Matches are only shown to the musician',
      detail = 'musician_id';
  end if;
  select mp.blocked_dates into v_blocked from public.musician_profiles mp where mp.id = p_musician_id;
  if not found then
    raise exception using errcode = 'SC404', message = 'Create your musician profile first',
      detail = 'musician_id';
  end if;
  select e.embedding, e.model into q, q_model
    from public.musician_embeddings e where e.musician_id = p_musician_id;
  if q is null then
    return;                                           -- not embedded yet: no matches yet
  end if;
  v_busy := array(select tstzrange(b.starts_at, b.ends_at) from public.bookings b
                   where b.musician_id = p_musician_id and b.status <> 'cancelled'
                     and b.ends_at > now());
  perform set_config('hnsw.ef_search', least(greatest(p_ef, 1), 1000)::text, true);
  perform set_config('hnsw.iterative_scan', 'relaxed_order', true);
  return query
  with c as materialized (
    select g.id, ge.embedding operator(extensions.<=>) q as d, g.genres, g.instruments, g.kind,
           g.remote, g.lat, g.lng, g.budget_min_minor, g.budget_max_minor, g.currency,
           g.starts_at, g.timezone, g.duration_minutes
      from public.gig_embeddings ge
      join public.gigs g on g.id = ge.gig_id
     where ge.model = q_model
       and g.status = 'published'
       and g.client_id <> p_musician_id
       and g.starts_at > now()
       and (g.apply_by is null or g.apply_by > now())
       and (g.visibility = 'public' or exists (
             select 1 from public.gig_invites i where i.gig_id = g.id and i.musician_id = p_musician_id))
     order by ge.embedding operator(extensions.<=>) q
     limit least(greatest(p_k, 1), 100000))
  select c.id, 1 - c.d, c.genres, c.instruments, c.kind, c.remote, c.lat, c.lng,
         c.budget_min_minor, c.budget_max_minor, c.currency,
         extract(hour from c.starts_at at time zone c.timezone) not between 4 and 16,
         (c.starts_at at time zone c.timezone)::date = any (v_blocked),
         tstzrange(c.starts_at, c.starts_at + make_interval(mins => c.duration_minutes))
           operator(pg_catalog.&&) any (v_busy)
    from c;
end $$;

/*
 * private.match_musicians_for_gig(p_gig_id uuid, p_k integer, p_ef integer)
 * Candidate musicians for a gig: the caller must be the gig's owner (or service_role). Published
 * profiles other than the owner's.
 */
create or replace function private.match_musicians_for_gig(
  p_gig_id uuid, p_k integer, p_ef integer default 100
) returns table (
  id uuid, semantic double precision, genres text[], instruments text[],
  lat double precision, lng double precision, travel_radius_km integer, fee_min_minor integer,
  fee_max_minor integer, currency text, blocked boolean, busy boolean
)
language plpgsql security definer set search_path = '' as $$
declare
  g public.gigs;
  q extensions.vector(384);
  q_model text;
  g_day date;
  g_range tstzrange;
begin
  select * into g from public.gigs gg where gg.id = p_gig_id;
  if not found
     or (g.client_id is distinct from (select auth.uid())
         and coalesce((select auth.role()), '') <> 'service_role') then
    raise exception using errcode = 'SC404', message = 'No such gig of yours', detail = 'gig_id';
  end if;
  select e.embedding, e.model into q, q_model from public.gig_embeddings e where e.gig_id = p_gig_id;
  if q is null then
    return;
  end if;
  g_day := (g.starts_at at time zone g.timezone)::date;
  g_range := tstzrange(g.starts_at, g.starts_at + make_interval(mins => g.duration_minutes));
  perform set_config('hnsw.ef_search', least(greatest(p_ef, 1), 1000)::text, true);
  perform set_config('hnsw.iterative_scan', 'relaxed_order', true);
  return query
  with c as materialized (
    select m.id, me.embedding operator(extensions.<=>) q as d, m.genres, m.instruments, m.lat,
           m.lng, m.travel_radius_km, m.fee_min_minor, m.fee_max_minor, m.currency,
           m.blocked_dates
      from public.musician_embeddings me
      join public.musician_profiles m on m.id = me.musician_id
     where me.model = q_model and m.published and m.id <> g.client_id
     order by me.embedding operator(extensions.<=>) q
     limit least(greatest(p_k, 1), 100000))
  select c.id, 1 - c.d, c.genres, c.instruments, c.lat, c.lng, c.travel_radius_km,
         c.fee_min_minor, c.fee_max_minor, c.currency,
         g_day = any (c.blocked_dates),
         exists (select 1 from public.bookings b             -- the (musician, time) index
                  where b.musician_id = c.id and b.status <> 'cancelled'
                    and tstzrange(b.starts_at, b.ends_at) operator(pg_catalog.&&) g_range)
    from c;
end $$;

-- function grants ------------------------------------------------------------------------------------
revoke execute on function
  private.musician_embedding_text(text[], text[], text[], text[], text, text, text),
  private.gig_embedding_text(text, text, text[], text[], boolean, text, text, text),
  private.musician_profiles_queue_embedding(), private.gigs_queue_embedding(),
  private.spend_ai_quota(text, integer), public.spend_ai_quota(text, integer),
  private.record_ai_tokens(text, integer), public.record_ai_tokens(text, integer),
  private.match_gigs_for_musician(uuid, integer, integer),
  private.match_musicians_for_gig(uuid, integer, integer)
  from public, anon;
grant execute on function
  private.musician_embedding_text(text[], text[], text[], text[], text, text, text),
  private.gig_embedding_text(text, text, text[], text[], boolean, text, text, text)
  to service_role;
grant execute on function
  private.spend_ai_quota(text, integer), public.spend_ai_quota(text, integer),
  private.record_ai_tokens(text, integer), public.record_ai_tokens(text, integer),
  private.match_gigs_for_musician(uuid, integer, integer),
  private.match_musicians_for_gig(uuid, integer, integer)
  to authenticated, service_role;
