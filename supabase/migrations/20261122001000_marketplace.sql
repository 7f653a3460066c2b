-- Gig marketplace: musician and client profiles, media, gigs, invites, applications, bookings and
-- reviews. Every state change that must hold an invariant (publish, apply, accept, complete, review,
-- ...) is one SQL function below; tables are written directly only where RLS alone suffices.
--
-- Function layout: each public RPC is a thin `security invoker` wrapper around a body in `private`
-- that runs as `security definer` (it writes rows the caller may not: notifications, other
-- applicants' status, bookings) and performs its own checks. Errors follow lib/db/errors.ts:
-- `SC400/403/404/409` with the offending field in DETAIL.

-- extensions -----------------------------------------------------------------------------------------
-- btree_gist lets one exclusion constraint mix `uuid =` with `tstzrange &&` (no double bookings).
create extension if not exists btree_gist with schema extensions;

-- Under RLS the planner uses an index for a search condition only if its operator is LEAKPROOF (it
-- must not run before the policy has filtered the row, lest an error reveal a hidden row). Full
-- text `@@` and pg_trgm's `%>` are not marked so, which turns every text search as anon or
-- authenticated into a scan of all gigs. Neither can raise an error that depends on the row's
-- data, so where the migration runs as a superuser (PGlite, a plain Postgres) they are marked
-- leakproof. On Supabase the role is not a superuser: nothing changes there, the search stays
-- correct and filters rows after the policy (measure before relying on it at scale).
do $$
begin
  if (select rolsuper from pg_catalog.pg_roles where rolname = current_user) then
    alter function pg_catalog.ts_match_vq(tsvector, tsquery) leakproof;
    alter function extensions.word_similarity_commutator_op(text, text) leakproof;
  end if;
end $$;

-- types ----------------------------------------------------------------------------------------------
-- States and kinds are text with named check constraints rather than enums: comparisons with text
-- parameters keep working, a new state is a constraint swap, and lib/gigs/schemas.ts lists the same
-- values for zod and OpenAPI.

-- tables ---------------------------------------------------------------------------------------------
create table if not exists public.musician_profiles (
  id uuid not null,                                   -- = profiles.id: one musician profile per user
  stage_name text not null,
  bio text not null default '',
  instruments text[] not null default '{}',           -- lower-case, trimmed, de-duplicated (trigger)
  genres text[] not null default '{}',                -- lower-case, trimmed, de-duplicated (trigger)
  skills text[] not null default '{}',
  languages text[] not null default '{}',
  city text,
  country text,                                       -- ISO 3166-1 alpha-2
  lat double precision,                               -- WGS84; both or neither
  lng double precision,
  travel_radius_km integer not null default 50,
  fee_min_minor integer,                              -- money: integer minor units of `currency`
  fee_max_minor integer,
  currency text not null default 'EUR',               -- ISO 4217
  blocked_dates date[] not null default '{}',         -- days the musician is not available
  links jsonb not null default '[]',                  -- [{label, url}], shape checked by the API
  published boolean not null default false,           -- drafts are visible to the owner only
  rating_avg numeric(3, 2),                           -- over visible reviews as the musician
  rating_count integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint musician_profiles_pkey primary key (id),
  constraint musician_profiles_id_fkey foreign key (id) references public.profiles (id) on delete cascade,
  constraint musician_profiles_stage_name_length check (char_length(btrim(stage_name)) between 1 and 80),
  constraint musician_profiles_bio_length check (char_length(bio) <= 4000),
  constraint musician_profiles_tags_check check (
    cardinality(instruments) <= 20 and cardinality(genres) <= 20 and cardinality(skills) <= 30
    and cardinality(languages) <= 20),
  constraint musician_profiles_city_length check (city is null or char_length(city) between 1 and 120),
  constraint musician_profiles_country_check check (country is null or country ~ '^[A-Z]{2}$'),
  constraint musician_profiles_lat_check check (
    (lat is null) = (lng is null) and (lat is null or lat between -90 and 90)),
  constraint musician_profiles_lng_check check (lng is null or lng between -180 and 180),
  constraint musician_profiles_travel_radius_km_check check (travel_radius_km between 0 and 20000),
  constraint musician_profiles_fee_min_minor_check check (fee_min_minor is null or fee_min_minor >= 0),
  constraint musician_profiles_fee_max_minor_check check (
    fee_max_minor is null or fee_max_minor >= coalesce(fee_min_minor, 0)),
  constraint musician_profiles_currency_check check (currency ~ '^[A-Z]{3}$'),
  constraint musician_profiles_links_check check (jsonb_typeof(links) = 'array'),
  constraint musician_profiles_rating_avg_check check (rating_avg is null or rating_avg between 1 and 5)
);
-- GIN indexes without a pending list: PGlite has no autovacuum to flush one, and a long pending list
-- is scanned linearly by every search.
create index if not exists musician_profiles_published_name_idx
  on public.musician_profiles (stage_name, id) where published;
create index if not exists musician_profiles_genres_idx on public.musician_profiles using gin (genres) with (fastupdate = off);
create index if not exists musician_profiles_instruments_idx
  on public.musician_profiles using gin (instruments) with (fastupdate = off);

create table if not exists public.client_profiles (
  id uuid not null,                                   -- = profiles.id
  organisation text not null,                         -- venue, agency, school, studio, or a person
  venue_type text,                                    -- 'jazz club', 'wedding planner', ...
  capacity integer,
  city text,
  country text,                                       -- ISO 3166-1 alpha-2
  lat double precision,
  lng double precision,
  published boolean not null default false,
  rating_avg numeric(3, 2),                           -- over visible reviews as the client
  rating_count integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint client_profiles_pkey primary key (id),
  constraint client_profiles_id_fkey foreign key (id) references public.profiles (id) on delete cascade,
  constraint client_profiles_organisation_length check (char_length(btrim(organisation)) between 1 and 120),
  constraint client_profiles_venue_type_length check (venue_type is null or char_length(venue_type) <= 60),
  constraint client_profiles_capacity_check check (capacity is null or capacity between 0 and 1000000),
  constraint client_profiles_city_length check (city is null or char_length(city) between 1 and 120),
  constraint client_profiles_country_check check (country is null or country ~ '^[A-Z]{2}$'),
  constraint client_profiles_lat_check check (
    (lat is null) = (lng is null) and (lat is null or lat between -90 and 90)),
  constraint client_profiles_lng_check check (lng is null or lng between -180 and 180),
  constraint client_profiles_rating_avg_check check (rating_avg is null or rating_avg between 1 and 5)
);

create table if not exists public.media (
  id uuid not null default gen_random_uuid(),
  owner_id uuid not null,
  kind text not null,                                 -- 'photo' | 'audio' | 'video'
  path text not null,                                 -- object name in the public 'media' bucket
  title text,
  created_at timestamptz not null default now(),
  constraint media_pkey primary key (id),
  constraint media_owner_id_fkey foreign key (owner_id) references public.profiles (id) on delete cascade,
  constraint media_kind_check check (kind in ('photo', 'audio', 'video')),
  constraint media_path_check check (path like owner_id::text || '/_%' and char_length(path) <= 500),
  constraint media_title_length check (title is null or char_length(title) <= 120),
  constraint media_path_key unique (path)
);
create index if not exists media_owner_id_idx on public.media (owner_id, created_at);

-- The text search document of a gig. Immutable (array_to_string is only stable), so the generated
-- column below may call it. Weights: title A, genres and instruments B, description C.
create or replace function private.gig_search_document(
  p_title text, p_genres text[], p_instruments text[], p_description text
) returns tsvector
language sql immutable parallel safe set search_path = '' as $$
  select setweight(to_tsvector('simple'::regconfig, coalesce(p_title, '')), 'A')
      || setweight(to_tsvector('simple'::regconfig,
                               coalesce(array_to_string(p_genres || p_instruments, ' '), '')), 'B')
      || setweight(to_tsvector('simple'::regconfig, coalesce(p_description, '')), 'C')
$$;
-- Generated columns are evaluated as the writing role.
revoke execute on function private.gig_search_document(text, text[], text[], text) from public;
grant execute on function private.gig_search_document(text, text[], text[], text)
  to authenticated, service_role;

create table if not exists public.gigs (
  id uuid not null default gen_random_uuid(),
  client_id uuid not null,                            -- the poster (a profile with is_client)
  title text not null,
  description text not null default '',
  kind text not null default 'live_show',             -- 'live_show' | 'session' | 'teaching' | 'other'
  genres text[] not null default '{}',                -- lower-case, trimmed, de-duplicated (trigger)
  instruments text[] not null default '{}',           -- wanted instruments, normalised likewise
  starts_at timestamptz not null,
  timezone text not null default 'UTC',               -- IANA name, for showing local times
  duration_minutes integer not null default 120,
  remote boolean not null default false,              -- a remote session: no place
  venue_name text,
  city text,
  country text,                                       -- ISO 3166-1 alpha-2
  lat double precision,
  lng double precision,
  budget_min_minor integer,                           -- money: integer minor units of `currency`
  budget_max_minor integer,
  currency text not null default 'EUR',
  apply_by timestamptz,                               -- set to starts_at on publish when empty
  visibility text not null default 'public',          -- 'public' | 'invite_only'
  status text not null default 'draft',               -- changed only by the functions below
  search_tsv tsvector generated always as (
    private.gig_search_document(title, genres, instruments, description)) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_at timestamptz,
  constraint gigs_pkey primary key (id),
  constraint gigs_client_id_fkey foreign key (client_id) references public.profiles (id) on delete cascade,
  constraint gigs_title_length check (char_length(btrim(title)) between 3 and 120),
  constraint gigs_description_length check (char_length(description) <= 5000),
  constraint gigs_kind_check check (kind in ('live_show', 'session', 'teaching', 'other')),
  constraint gigs_tags_check check (cardinality(genres) <= 20 and cardinality(instruments) <= 20),
  constraint gigs_duration_minutes_check check (duration_minutes between 15 and 1440),
  constraint gigs_venue_name_length check (venue_name is null or char_length(venue_name) <= 120),
  constraint gigs_city_length check (city is null or char_length(city) between 1 and 120),
  constraint gigs_country_check check (country is null or country ~ '^[A-Z]{2}$'),
  constraint gigs_lat_check check ((lat is null) = (lng is null) and (lat is null or lat between -90 and 90)),
  constraint gigs_lng_check check (lng is null or lng between -180 and 180),
  constraint gigs_budget_min_minor_check check (budget_min_minor is null or budget_min_minor >= 0),
  constraint gigs_budget_max_minor_check check (
    budget_max_minor is null or budget_max_minor >= coalesce(budget_min_minor, 0)),
  constraint gigs_currency_check check (currency ~ '^[A-Z]{3}$'),
  constraint gigs_apply_by_check check (apply_by is null or apply_by <= starts_at),
  constraint gigs_visibility_check check (visibility in ('public', 'invite_only')),
  constraint gigs_status_check check (status in ('draft', 'published', 'filled', 'closed', 'cancelled')),
  constraint gigs_published_at_check check ((status = 'draft') = (published_at is null))
);
create index if not exists gigs_client_id_idx on public.gigs (client_id, created_at desc);
create index if not exists gigs_search_tsv_idx on public.gigs using gin (search_tsv) with (fastupdate = off);
create index if not exists gigs_title_trgm_idx on public.gigs using gin (title extensions.gin_trgm_ops) with (fastupdate = off);
create index if not exists gigs_genres_idx on public.gigs using gin (genres) with (fastupdate = off);
create index if not exists gigs_instruments_idx on public.gigs using gin (instruments) with (fastupdate = off);
-- Keyset pagination: (starts_at, id) overall and per status; newest first for 'newest'.
create index if not exists gigs_starts_at_id_idx on public.gigs (starts_at, id);
create index if not exists gigs_status_starts_at_idx on public.gigs (status, starts_at, id);
create index if not exists gigs_published_at_idx on public.gigs (published_at desc, id desc)
  where status = 'published';
create index if not exists gigs_budget_idx on public.gigs ((coalesce(budget_max_minor, -1)) desc, id)
  where status = 'published';

create table if not exists public.gig_invites (
  gig_id uuid not null,
  musician_id uuid not null,
  created_at timestamptz not null default now(),
  constraint gig_invites_pkey primary key (gig_id, musician_id),
  constraint gig_invites_gig_id_fkey foreign key (gig_id) references public.gigs (id) on delete cascade,
  constraint gig_invites_musician_id_fkey foreign key (musician_id)
    references public.profiles (id) on delete cascade
);
create index if not exists gig_invites_musician_id_idx on public.gig_invites (musician_id);

create table if not exists public.applications (
  id uuid not null default gen_random_uuid(),
  gig_id uuid not null,
  musician_id uuid not null,
  proposal text not null,
  quoted_fee_minor integer not null,                  -- in the gig's currency
  currency text not null,
  setlist jsonb,                                      -- optional, as written by the musician or AI
  media_ids uuid[] not null default '{}',             -- the applicant's own public.media rows
  status text not null default 'submitted',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  decided_at timestamptz,                             -- accepted, declined or withdrawn
  constraint applications_pkey primary key (id),
  constraint applications_gig_id_fkey foreign key (gig_id) references public.gigs (id) on delete cascade,
  constraint applications_musician_id_fkey foreign key (musician_id)
    references public.profiles (id) on delete cascade,
  constraint applications_proposal_length check (char_length(btrim(proposal)) between 20 and 5000),
  constraint applications_quoted_fee_minor_check check (quoted_fee_minor >= 0),
  constraint applications_currency_check check (currency ~ '^[A-Z]{3}$'),
  constraint applications_setlist_check check (setlist is null or jsonb_typeof(setlist) in ('array', 'object')),
  constraint applications_media_ids_check check (cardinality(media_ids) <= 10),
  constraint applications_status_check check (
    status in ('submitted', 'shortlisted', 'accepted', 'declined', 'withdrawn'))
);
create index if not exists applications_gig_id_idx on public.applications (gig_id, created_at);
create index if not exists applications_musician_id_idx on public.applications (musician_id, created_at desc);
-- One active application per musician and gig; a withdrawn or declined one may be followed by another.
create unique index if not exists applications_active_key on public.applications (gig_id, musician_id)
  where status in ('submitted', 'shortlisted', 'accepted');

create table if not exists public.bookings (
  id uuid not null default gen_random_uuid(),
  gig_id uuid not null,
  application_id uuid not null,
  client_id uuid not null,
  musician_id uuid not null,
  -- The snapshot of the terms at acceptance; escrow (a later migration) funds exactly this.
  fee_minor integer not null,
  currency text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  timezone text not null,
  place text not null,
  remote boolean not null,
  cancellation_terms text not null,
  status text not null default 'confirmed',           -- 'confirmed' | 'completed' | 'cancelled'
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text,
  constraint bookings_pkey primary key (id),
  constraint bookings_gig_id_key unique (gig_id),
  constraint bookings_application_id_key unique (application_id),
  constraint bookings_gig_id_fkey foreign key (gig_id) references public.gigs (id) on delete cascade,
  constraint bookings_application_id_fkey foreign key (application_id)
    references public.applications (id) on delete cascade,
  constraint bookings_client_id_fkey foreign key (client_id) references public.profiles (id) on delete cascade,
  constraint bookings_musician_id_fkey foreign key (musician_id)
    references public.profiles (id) on delete cascade,
  constraint bookings_fee_minor_check check (fee_minor >= 0),
  constraint bookings_currency_check check (currency ~ '^[A-Z]{3}$'),
  constraint bookings_ends_at_check check (ends_at > starts_at),
  constraint bookings_status_check check (status in ('confirmed', 'completed', 'cancelled')),
  constraint bookings_completed_at_check check ((status = 'completed') = (completed_at is not null)),
  constraint bookings_cancelled_at_check check ((status = 'cancelled') = (cancelled_at is not null)),
  -- A musician cannot hold two live bookings that overlap in time.
  constraint bookings_starts_at_excl exclude using gist (
    musician_id with =, tstzrange(starts_at, ends_at) with &&) where (status <> 'cancelled')
);
create index if not exists bookings_client_id_idx on public.bookings (client_id, starts_at desc);
create index if not exists bookings_musician_id_idx on public.bookings (musician_id, starts_at desc);

create table if not exists public.reviews (
  id uuid not null default gen_random_uuid(),
  booking_id uuid not null,
  author_id uuid not null,
  subject_id uuid not null,                           -- the other party of the booking
  rating smallint not null,
  body text not null default '',
  created_at timestamptz not null default now(),
  -- When the review becomes readable by others: the second review of the booking, or 14 days
  -- after completion, whichever is first (kept by private.sync_review_visibility).
  visible_at timestamptz not null,
  released_at timestamptz,                            -- counted in ratings and the subject notified
  constraint reviews_pkey primary key (id),
  constraint reviews_booking_id_author_id_key unique (booking_id, author_id),
  constraint reviews_booking_id_fkey foreign key (booking_id) references public.bookings (id) on delete cascade,
  constraint reviews_author_id_fkey foreign key (author_id) references public.profiles (id) on delete cascade,
  constraint reviews_subject_id_fkey foreign key (subject_id) references public.profiles (id) on delete cascade,
  constraint reviews_rating_check check (rating between 1 and 5),
  constraint reviews_body_length check (char_length(body) <= 2000),
  constraint reviews_subject_id_check check (subject_id <> author_id)
);
create index if not exists reviews_author_id_idx on public.reviews (author_id);
create index if not exists reviews_subject_id_idx on public.reviews (subject_id, visible_at desc);
create index if not exists reviews_unreleased_idx on public.reviews (visible_at) where released_at is null;

-- grants ---------------------------------------------------------------------------------------------
-- Writable columns are listed one by one: ids, ratings, states and timestamps are not among them.
revoke all on public.musician_profiles, public.client_profiles, public.media, public.gigs,
  public.gig_invites, public.applications, public.bookings, public.reviews from anon, authenticated;

grant select on public.musician_profiles, public.client_profiles, public.media, public.gigs,
  public.reviews to anon, authenticated;
grant select on public.gig_invites, public.applications, public.bookings to authenticated;

grant insert (id, stage_name, bio, instruments, genres, skills, languages, city, country, lat, lng,
              travel_radius_km, fee_min_minor, fee_max_minor, currency, blocked_dates, links, published)
  on public.musician_profiles to authenticated;
grant update (stage_name, bio, instruments, genres, skills, languages, city, country, lat, lng,
              travel_radius_km, fee_min_minor, fee_max_minor, currency, blocked_dates, links, published)
  on public.musician_profiles to authenticated;
grant delete on public.musician_profiles to authenticated;

grant insert (id, organisation, venue_type, capacity, city, country, lat, lng, published)
  on public.client_profiles to authenticated;
grant update (organisation, venue_type, capacity, city, country, lat, lng, published)
  on public.client_profiles to authenticated;
grant delete on public.client_profiles to authenticated;

grant insert (id, owner_id, kind, path, title) on public.media to authenticated;
grant update (title) on public.media to authenticated;
grant delete on public.media to authenticated;

grant insert (id, client_id, title, description, kind, genres, instruments, starts_at, timezone,
              duration_minutes, remote, venue_name, city, country, lat, lng, budget_min_minor,
              budget_max_minor, currency, apply_by, visibility)
  on public.gigs to authenticated;
grant update (title, description, kind, genres, instruments, starts_at, timezone, duration_minutes,
              remote, venue_name, city, country, lat, lng, budget_min_minor, budget_max_minor,
              currency, apply_by, visibility)
  on public.gigs to authenticated;
grant delete on public.gigs to authenticated;

grant insert (gig_id, musician_id) on public.gig_invites to authenticated;
grant delete on public.gig_invites to authenticated;

grant all on public.musician_profiles, public.client_profiles, public.media, public.gigs,
  public.gig_invites, public.applications, public.bookings, public.reviews to service_role;

-- triggers -------------------------------------------------------------------------------------------
-- Written as plain PL/pgSQL expressions, without SQL statements: a statement per row in a trigger
-- made bulk inserts into gigs several times slower in PGlite.

/*
 * private.normalise_tags(p_tags text[]) returns text[]
 * Genres and instruments are compared with `&&` by search and matching: lower-case, trimmed, inner
 * blanks collapsed, no empties or duplicates, first-seen order.
 */
create or replace function private.normalise_tags(p_tags text[]) returns text[]
language plpgsql immutable parallel safe set search_path = '' as $$
declare
  x text;
  t text;
  out text[] := '{}';
begin
  foreach x in array coalesce(p_tags, '{}') loop
    t := regexp_replace(lower(btrim(coalesce(x, ''))), '\s+', ' ', 'g');
    if t <> '' and not (t = any (out)) then
      out := out || t;
    end if;
  end loop;
  return out;
end $$;

/*
 * private.trim_list(p_items text[]) returns text[]
 * Skills and languages: trimmed, no empties or duplicates, first-seen order, case kept.
 */
create or replace function private.trim_list(p_items text[]) returns text[]
language plpgsql immutable parallel safe set search_path = '' as $$
declare
  x text;
  t text;
  out text[] := '{}';
begin
  foreach x in array coalesce(p_items, '{}') loop
    t := btrim(coalesce(x, ''));
    if t <> '' and not (t = any (out)) then
      out := out || t;
    end if;
  end loop;
  return out;
end $$;

-- Triggers run as the writing role, so the helpers they call must be executable by it.
revoke execute on function private.normalise_tags(text[]), private.trim_list(text[]) from public;
grant execute on function private.normalise_tags(text[]), private.trim_list(text[])
  to authenticated, service_role;

create or replace function private.musician_profiles_before_write() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.stage_name := btrim(new.stage_name);
  new.genres := private.normalise_tags(new.genres);
  new.instruments := private.normalise_tags(new.instruments);
  new.skills := private.trim_list(new.skills);
  new.languages := private.trim_list(new.languages);
  return new;
end $$;

-- Gigs: normalised tags; the time zone must be a real IANA name; and what may change depends on the
-- state. A published gig keeps its terms (musicians applied to them); filled, closed and cancelled
-- gigs are frozen apart from the state itself, which only the functions below change.
create or replace function private.gigs_before_write() returns trigger
language plpgsql set search_path = '' as $$
declare
  changed text;
  probe timestamp;
begin
  new.title := btrim(new.title);
  new.genres := private.normalise_tags(new.genres);
  new.instruments := private.normalise_tags(new.instruments);
  if tg_op = 'INSERT' or new.timezone is distinct from old.timezone then
    if new.timezone !~ '^([A-Z][A-Za-z_-]+(/[A-Za-z0-9_+-]+)+|UTC|GMT)$' then
      raise exception using errcode = 'SC400', message = 'Use a time zone name such as Europe/Berlin',
        detail = 'timezone';
    end if;
    begin
      probe := now() at time zone new.timezone;
    exception when invalid_parameter_value then
      raise exception using errcode = 'SC400', message = 'Unknown time zone', detail = 'timezone';
    end;
  end if;
  if tg_op = 'UPDATE' and old.status <> 'draft' then
    select n.key into changed
      from jsonb_each(to_jsonb(new)) n join jsonb_each(to_jsonb(old)) o using (key)
     where n.value is distinct from o.value
       and n.key not in ('status', 'published_at', 'updated_at', 'search_tsv')
       and (old.status <> 'published' or n.key in (
            'kind', 'starts_at', 'timezone', 'duration_minutes', 'remote', 'venue_name', 'city',
            'country', 'lat', 'lng', 'budget_min_minor', 'budget_max_minor', 'currency', 'client_id'))
     order by n.key limit 1;
    if changed is not null and old.status = 'published' then
      raise exception using errcode = 'SC409',
        message = 'The terms of a published gig are fixed: close it and post a new one', detail = changed;
    elsif changed is not null then
      raise exception using errcode = 'SC409', message = 'Only draft or published gigs can be edited',
        detail = 'status';
    end if;
  end if;
  return new;
end $$;

drop trigger if exists musician_profiles_before_write on public.musician_profiles;
create trigger musician_profiles_before_write before insert or update on public.musician_profiles
  for each row execute function private.musician_profiles_before_write();
drop trigger if exists musician_profiles_touch on public.musician_profiles;
create trigger musician_profiles_touch before update on public.musician_profiles
  for each row execute function private.touch_updated_at();

drop trigger if exists client_profiles_touch on public.client_profiles;
create trigger client_profiles_touch before update on public.client_profiles
  for each row execute function private.touch_updated_at();

drop trigger if exists gigs_before_write on public.gigs;
create trigger gigs_before_write before insert or update on public.gigs
  for each row execute function private.gigs_before_write();
drop trigger if exists gigs_touch on public.gigs;
create trigger gigs_touch before update on public.gigs
  for each row execute function private.touch_updated_at();

drop trigger if exists applications_touch on public.applications;
create trigger applications_touch before update on public.applications
  for each row execute function private.touch_updated_at();

-- helpers (private, security definer) ----------------------------------------------------------------
-- Policies call these instead of querying each other's tables, which would recurse through RLS.

/*
 * private.is_gig_owner(p_gig_id uuid) returns boolean
 * Whether the caller posted the gig.
 */
create or replace function private.is_gig_owner(p_gig_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.gigs g where g.id = p_gig_id and g.client_id = (select auth.uid()))
$$;

/*
 * private.is_invited(p_gig_id uuid) returns boolean
 * Whether the caller is invited to the (invite-only) gig.
 */
create or replace function private.is_invited(p_gig_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.gig_invites i
                  where i.gig_id = p_gig_id and i.musician_id = (select auth.uid()))
$$;

/*
 * private.my_invited_gig_ids() returns uuid[]
 * The gigs the caller is invited to. The gigs read policy calls it as `(select ...)`, so it runs
 * once per query (an initplan), not once per row.
 */
create or replace function private.my_invited_gig_ids() returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
  -- PL/pgSQL rather than SQL: its plan is cached for the session instead of made on every query.
  return (select coalesce(array_agg(i.gig_id), '{}') from public.gig_invites i
           where i.musician_id = (select auth.uid()));
end $$;

/*
 * private.applied_to_my_gig(p_musician_id uuid) returns boolean
 * Whether the musician applied to one of the caller's gigs: a client may read an applicant's (or
 * booked musician's) profile even while it is a draft.
 */
create or replace function private.applied_to_my_gig(p_musician_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.applications a join public.gigs g on g.id = a.gig_id
                  where a.musician_id = p_musician_id and g.client_id = (select auth.uid()))
$$;

/*
 * private.can_see_gig(g public.gigs) returns boolean
 * The gigs read policy as a function, for the functions below: the owner sees everything; others
 * see published-or-later gigs that are public or to which they are invited.
 */
create or replace function private.can_see_gig(g public.gigs) returns boolean
language sql stable security definer set search_path = '' as $$
  select g.client_id = (select auth.uid())
      or (g.status <> 'draft' and (g.visibility = 'public' or private.is_invited(g.id)))
$$;

/*
 * private.notify(p_user_id uuid, p_kind text, p_title text, p_body text, p_link text) returns void
 * One notification (broadcast live by the notifications trigger). Internal: not granted to anyone.
 */
create or replace function private.notify(
  p_user_id uuid, p_kind text, p_title text, p_body text, p_link text
) returns void
language sql security definer set search_path = '' as $$
  insert into public.notifications (user_id, kind, title, body, link)
  values (p_user_id, p_kind, left(p_title, 200), coalesce(p_body, ''), p_link)
$$;

/*
 * private.format_money(p_minor integer, p_currency text) returns text
 * 'EUR 450.00' for notification texts (two decimals; the UI formats money properly).
 */
create or replace function private.format_money(p_minor integer, p_currency text) returns text
language sql immutable set search_path = '' as $$
  select p_currency || ' ' || to_char(p_minor / 100.0, 'FM999999990.00')
$$;

-- Invitees of a published gig hear about the invitation at once (publish_gig tells the others).
create or replace function private.gig_invites_notify() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  g public.gigs;
begin
  select * into g from public.gigs where id = new.gig_id;
  if g.status = 'published' then
    perform private.notify(new.musician_id, 'invite', 'You are invited to apply: ' || g.title,
      'Applications close ' || to_char(g.apply_by at time zone g.timezone, 'DD Mon YYYY HH24:MI'),
      '/gigs/' || g.id);
  end if;
  return new;
end $$;

drop trigger if exists gig_invites_notify on public.gig_invites;
create trigger gig_invites_notify after insert on public.gig_invites
  for each row execute function private.gig_invites_notify();

revoke execute on function private.musician_profiles_before_write(),
  private.gigs_before_write(), private.gig_invites_notify() from public, anon, authenticated;
revoke execute on function private.is_gig_owner(uuid), private.is_invited(uuid),
  private.my_invited_gig_ids(), private.applied_to_my_gig(uuid), private.can_see_gig(public.gigs),
  private.notify(uuid, text, text, text, text), private.format_money(integer, text) from public;
-- Policies run as the reader, so the helpers they call must be executable by authenticated.
grant execute on function private.is_gig_owner(uuid), private.my_invited_gig_ids(),
  private.applied_to_my_gig(uuid) to authenticated;

-- RLS ------------------------------------------------------------------------------------------------
alter table public.musician_profiles enable row level security;
alter table public.client_profiles enable row level security;
alter table public.media enable row level security;
alter table public.gigs enable row level security;
alter table public.gig_invites enable row level security;
alter table public.applications enable row level security;
alter table public.bookings enable row level security;
alter table public.reviews enable row level security;

-- policies -------------------------------------------------------------------------------------------
-- One permissive policy per table, action and role (the advisors warn about more). anon and
-- authenticated get separate read policies where the signed-in rule calls a private helper: anon has
-- no usage on schema private.

-- musician_profiles
drop policy if exists "Published musician profiles are public" on public.musician_profiles;
create policy "Published musician profiles are public" on public.musician_profiles
  for select to anon using (published);

drop policy if exists "Musicians read published, own and applicant profiles" on public.musician_profiles;
create policy "Musicians read published, own and applicant profiles" on public.musician_profiles
  for select to authenticated
  using (published or id = (select auth.uid()) or private.applied_to_my_gig(id));

drop policy if exists "Musicians create their own profile" on public.musician_profiles;
create policy "Musicians create their own profile" on public.musician_profiles
  for insert to authenticated
  with check (id = (select auth.uid()) and exists (
    select 1 from public.profiles p where p.id = (select auth.uid()) and p.is_musician));

drop policy if exists "Musicians update their own profile" on public.musician_profiles;
create policy "Musicians update their own profile" on public.musician_profiles
  for update to authenticated
  using (id = (select auth.uid())) with check (id = (select auth.uid()));

drop policy if exists "Musicians delete their own profile" on public.musician_profiles;
create policy "Musicians delete their own profile" on public.musician_profiles
  for delete to authenticated using (id = (select auth.uid()));

-- client_profiles
drop policy if exists "Published client profiles are public" on public.client_profiles;
create policy "Published client profiles are public" on public.client_profiles
  for select to anon using (published);

drop policy if exists "Clients read published and own profiles" on public.client_profiles;
create policy "Clients read published and own profiles" on public.client_profiles
  for select to authenticated using (published or id = (select auth.uid()));

drop policy if exists "Clients create their own profile" on public.client_profiles;
create policy "Clients create their own profile" on public.client_profiles
  for insert to authenticated
  with check (id = (select auth.uid()) and exists (
    select 1 from public.profiles p where p.id = (select auth.uid()) and p.is_client));

drop policy if exists "Clients update their own profile" on public.client_profiles;
create policy "Clients update their own profile" on public.client_profiles
  for update to authenticated
  using (id = (select auth.uid())) with check (id = (select auth.uid()));

drop policy if exists "Clients delete their own profile" on public.client_profiles;
create policy "Clients delete their own profile" on public.client_profiles
  for delete to authenticated using (id = (select auth.uid()));

-- media: the rows describe objects in a public bucket, so reading them hides nothing.
drop policy if exists "Media is public" on public.media;
create policy "Media is public" on public.media for select to anon, authenticated using (true);

drop policy if exists "Users add their own media" on public.media;
create policy "Users add their own media" on public.media
  for insert to authenticated with check (owner_id = (select auth.uid()));

drop policy if exists "Users rename their own media" on public.media;
create policy "Users rename their own media" on public.media
  for update to authenticated
  using (owner_id = (select auth.uid())) with check (owner_id = (select auth.uid()));

drop policy if exists "Users delete their own media" on public.media;
create policy "Users delete their own media" on public.media
  for delete to authenticated using (owner_id = (select auth.uid()));

-- gigs
drop policy if exists "Published public gigs are public" on public.gigs;
create policy "Published public gigs are public" on public.gigs
  for select to anon using (status <> 'draft' and visibility = 'public');

drop policy if exists "Users read public, invited and own gigs" on public.gigs;
create policy "Users read public, invited and own gigs" on public.gigs
  for select to authenticated
  using (client_id = (select auth.uid())
         or (status <> 'draft'
             and (visibility = 'public' or id = any ((select private.my_invited_gig_ids())::uuid[]))));

drop policy if exists "Clients post their own draft gigs" on public.gigs;
create policy "Clients post their own draft gigs" on public.gigs
  for insert to authenticated
  with check (client_id = (select auth.uid()) and status = 'draft' and exists (
    select 1 from public.profiles p where p.id = (select auth.uid()) and p.is_client));

-- What may change per state is checked by private.gigs_before_write; the state only by functions.
drop policy if exists "Clients edit their own gigs" on public.gigs;
create policy "Clients edit their own gigs" on public.gigs
  for update to authenticated
  using (client_id = (select auth.uid())) with check (client_id = (select auth.uid()));

drop policy if exists "Clients delete their own draft gigs" on public.gigs;
create policy "Clients delete their own draft gigs" on public.gigs
  for delete to authenticated using (client_id = (select auth.uid()) and status = 'draft');

-- gig_invites
drop policy if exists "Invitees and gig owners read invites" on public.gig_invites;
create policy "Invitees and gig owners read invites" on public.gig_invites
  for select to authenticated
  using (musician_id = (select auth.uid()) or private.is_gig_owner(gig_id));

drop policy if exists "Gig owners invite musicians" on public.gig_invites;
create policy "Gig owners invite musicians" on public.gig_invites
  for insert to authenticated
  with check (private.is_gig_owner(gig_id) and musician_id <> (select auth.uid()) and exists (
    select 1 from public.profiles p where p.id = musician_id and p.is_musician));

drop policy if exists "Gig owners withdraw invites" on public.gig_invites;
create policy "Gig owners withdraw invites" on public.gig_invites
  for delete to authenticated using (private.is_gig_owner(gig_id));

-- applications: written only by the functions below.
drop policy if exists "Applicants and gig owners read applications" on public.applications;
create policy "Applicants and gig owners read applications" on public.applications
  for select to authenticated
  using (musician_id = (select auth.uid()) or private.is_gig_owner(gig_id));

-- bookings: written only by the functions below.
drop policy if exists "Both parties read their bookings" on public.bookings;
create policy "Both parties read their bookings" on public.bookings
  for select to authenticated
  using (client_id = (select auth.uid()) or musician_id = (select auth.uid()));

-- reviews: written only by submit_review; hidden from all but the author until visible_at.
drop policy if exists "Visible reviews are public" on public.reviews;
create policy "Visible reviews are public" on public.reviews
  for select to anon using (visible_at <= now());

drop policy if exists "Authors and, once visible, everyone read reviews" on public.reviews;
create policy "Authors and, once visible, everyone read reviews" on public.reviews
  for select to authenticated using (author_id = (select auth.uid()) or visible_at <= now());

-- storage: media -------------------------------------------------------------------------------------
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('media', 'media', true, 50 * 1024 * 1024, array[
  'image/png', 'image/jpeg', 'image/webp', 'image/gif',
  'audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/ogg', 'audio/wav', 'audio/x-wav', 'audio/flac',
  'audio/webm',
  'video/mp4', 'video/webm', 'video/ogg', 'video/quicktime'])
on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

-- Object names are '<user id>/<file>': a user writes only inside their own folder.
drop policy if exists "Media files are public" on storage.objects;
create policy "Media files are public" on storage.objects
  for select to anon, authenticated using (bucket_id = 'media');

drop policy if exists "Users upload their own media" on storage.objects;
create policy "Users upload their own media" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'media' and (storage.foldername(name))[1] = (select auth.uid())::text);

drop policy if exists "Users replace their own media" on storage.objects;
create policy "Users replace their own media" on storage.objects
  for update to authenticated
  using (bucket_id = 'media' and (storage.foldername(name))[1] = (select auth.uid())::text)
  with check (bucket_id = 'media' and (storage.foldername(name))[1] = (select auth.uid())::text);

drop policy if exists "Users delete their own media" on storage.objects;
create policy "Users delete their own media" on storage.objects
  for delete to authenticated
  using (bucket_id = 'media' and (storage.foldername(name))[1] = (select auth.uid())::text);

-- functions: internals --------------------------------------------------------------------------------

/*
 * private.require_uid() returns uuid
 * The caller's user id; SC403 when there is none (anon or service role calling a user action).
 */
create or replace function private.require_uid() returns uuid
language plpgsql stable set search_path = '' as $$
declare
  uid uuid := (select auth.uid());
begin
  if uid is null then
    raise exception using errcode = 'SC403', message = 'Sign in first', detail = 'user';
  end if;
  return uid;
end $$;

/*
 * private.decline_active_applications(p_gig_id uuid, p_title text, p_body text) returns integer
 * Declines every submitted or shortlisted application of the gig and tells each musician.
 */
create or replace function private.decline_active_applications(p_gig_id uuid, p_title text, p_body text)
returns integer
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  n integer := 0;
begin
  for r in
    update public.applications a set status = 'declined', decided_at = now()
     where a.gig_id = p_gig_id and a.status in ('submitted', 'shortlisted')
    returning a.id, a.musician_id
  loop
    n := n + 1;
    perform private.notify(r.musician_id, 'declined', p_title, p_body, '/gigs/' || p_gig_id);
  end loop;
  return n;
end $$;

/*
 * private.lock_gig_as_owner(p_gig_id uuid, p_action text) returns public.gigs
 * Locks the gig for update; SC404 unless the caller can see it, SC403 unless they own it.
 */
create or replace function private.lock_gig_as_owner(p_gig_id uuid, p_action text) returns public.gigs
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := private.require_uid();
  g public.gigs;
begin
  select * into g from public.gigs where id = p_gig_id for update;
  if not found or not private.can_see_gig(g) then
    raise exception using errcode = 'SC404', message = 'Gig not found', detail = 'gig_id';
  end if;
  if g.client_id <> uid then
    raise exception using errcode = 'SC403',
      message = format('Only the gig''s owner can %s it', p_action), detail = 'gig_id';
  end if;
  return g;
end $$;

/*
 * private.lock_application(p_application_id uuid, p_as text, p_action text) returns public.applications
 * Locks the application for update. `p_as` is who may act: 'owner' (of the gig) or 'applicant'.
 * SC404 unless the caller can see the application at all, SC403 unless they are `p_as`.
 */
create or replace function private.lock_application(p_application_id uuid, p_as text, p_action text)
returns public.applications
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := private.require_uid();
  a public.applications;
  is_owner boolean;
begin
  select * into a from public.applications where id = p_application_id for update;
  is_owner := a.id is not null and private.is_gig_owner(a.gig_id);
  if a.id is null or not (is_owner or a.musician_id = uid) then
    raise exception using errcode = 'SC404', message = 'Application not found', detail = 'application_id';
  end if;
  if p_as = 'owner' and not is_owner then
    raise exception using errcode = 'SC403',
      message = format('Only the gig''s owner can %s applications', p_action), detail = 'application_id';
  elsif p_as = 'applicant' and a.musician_id <> uid then
    raise exception using errcode = 'SC403',
      message = format('Only the applicant can %s an application', p_action), detail = 'application_id';
  end if;
  return a;
end $$;

/*
 * private.lock_booking(p_booking_id uuid) returns public.bookings
 * Locks the booking for update; SC404 unless the caller is one of its two parties.
 */
create or replace function private.lock_booking(p_booking_id uuid) returns public.bookings
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := private.require_uid();
  b public.bookings;
begin
  select * into b from public.bookings where id = p_booking_id for update;
  if not found or uid not in (b.client_id, b.musician_id) then
    raise exception using errcode = 'SC404', message = 'Booking not found', detail = 'booking_id';
  end if;
  return b;
end $$;

/*
 * private.sync_review_visibility(p_booking_id uuid) returns void
 * Sets visible_at of the booking's reviews: the time of the second review, or 14 days after
 * completion, whichever comes first. A review that becomes hidden again (completion moved) is no
 * longer counted as released.
 */
create or replace function private.sync_review_visibility(p_booking_id uuid) returns void
language sql security definer set search_path = '' as $$
  with v as (
    select least(b.completed_at + interval '14 days',
                 (select max(r.created_at) from public.reviews r
                   where r.booking_id = b.id having count(*) >= 2)) as at
      from public.bookings b
     where b.id = p_booking_id and b.completed_at is not null)
  update public.reviews r
     set visible_at = v.at, released_at = case when v.at > now() then null else r.released_at end
    from v
   where r.booking_id = p_booking_id and r.visible_at is distinct from v.at
$$;

/*
 * private.refresh_ratings(p_user_id uuid) returns void
 * Recomputes rating_avg/rating_count of the user's musician and client profiles from the reviews
 * visible now (as the musician, resp. the client, of the booking).
 */
create or replace function private.refresh_ratings(p_user_id uuid) returns void
language sql security definer set search_path = '' as $$
  update public.musician_profiles m set rating_avg = s.avg, rating_count = s.n
    from (select round(avg(r.rating), 2) as avg, count(*)::integer as n
            from public.reviews r join public.bookings b on b.id = r.booking_id
           where r.subject_id = p_user_id and b.musician_id = p_user_id and r.visible_at <= now()) s
   where m.id = p_user_id and (m.rating_avg, m.rating_count) is distinct from (s.avg, s.n);
  update public.client_profiles c set rating_avg = s.avg, rating_count = s.n
    from (select round(avg(r.rating), 2) as avg, count(*)::integer as n
            from public.reviews r join public.bookings b on b.id = r.booking_id
           where r.subject_id = p_user_id and b.client_id = p_user_id and r.visible_at <= now()) s
   where c.id = p_user_id and (c.rating_avg, c.rating_count) is distinct from (s.avg, s.n);
$$;

/*
 * private.release_due_reviews() returns integer
 * Releases every review whose visible_at has come: counts it in its subject's rating and notifies
 * the subject (kind 'review'). Returns how many it released. Runs after each review and booking
 * completion, every 15 minutes from pg_cron where available, and from the server's worker
 * (lib/gigs/reviews.ts releaseDueReviews) as service_role.
 */
create or replace function private.release_due_reviews() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  n integer := 0;
  subjects uuid[] := '{}';
begin
  for r in
    update public.reviews v set released_at = now()
     where v.released_at is null and v.visible_at <= now()
    returning v.subject_id, v.author_id, v.rating, v.booking_id
  loop
    n := n + 1;
    subjects := subjects || r.subject_id;
    perform private.notify(r.subject_id, 'review', 'You have a new review',
      coalesce((select p.display_name from public.profiles p where p.id = r.author_id), 'Someone')
        || ' gave you ' || r.rating || case when r.rating = 1 then ' star.' else ' stars.' end,
      '/bookings/' || r.booking_id);
  end loop;
  perform private.refresh_ratings(s.id) from (select distinct unnest(subjects) as id) s;
  return n;
end $$;

-- Moving completed_at (completion, or an admin correcting it) moves the reviews' visibility.
create or replace function private.bookings_completed_at_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.sync_review_visibility(new.id);
  perform private.refresh_ratings(new.client_id);
  perform private.refresh_ratings(new.musician_id);
  perform private.release_due_reviews();
  return null;
end $$;

drop trigger if exists bookings_completed_at_changed on public.bookings;
create trigger bookings_completed_at_changed after update of completed_at on public.bookings
  for each row when (old.completed_at is distinct from new.completed_at)
  execute function private.bookings_completed_at_changed();

revoke execute on function private.require_uid(),
  private.decline_active_applications(uuid, text, text), private.lock_gig_as_owner(uuid, text),
  private.lock_application(uuid, text, text), private.lock_booking(uuid),
  private.sync_review_visibility(uuid), private.refresh_ratings(uuid), private.release_due_reviews(),
  private.bookings_completed_at_changed() from public, anon, authenticated;
grant execute on function private.release_due_reviews() to service_role;

-- On Supabase (pg_cron installed by 20261122000300), release reviews whose 14 days have passed.
do $$
begin
  if exists (select from pg_extension where extname = 'pg_cron') then
    perform cron.unschedule(jobid) from cron.job where jobname = 'soundcheck-release-reviews';
    perform cron.schedule('soundcheck-release-reviews', '*/15 * * * *',
      'select private.release_due_reviews()');
  end if;
end $$;

-- functions: gigs -------------------------------------------------------------------------------------

/*
 * public.publish_gig(p_gig_id uuid) returns public.gigs
 * draft → published (owner only). Needs a description of 20+ characters, a start in the future, a
 * city unless remote, a budget, a genre or instrument, and an apply_by in the future (it defaults
 * to the start). Tells invited musicians.
 */
create or replace function private.publish_gig(p_gig_id uuid) returns public.gigs
language plpgsql security definer set search_path = '' as $$
declare
  g public.gigs := private.lock_gig_as_owner(p_gig_id, 'publish');
  v_apply_by timestamptz := coalesce(g.apply_by, g.starts_at);
begin
  if g.status <> 'draft' then
    raise exception using errcode = 'SC409', message = 'Only a draft gig can be published', detail = 'status';
  elsif char_length(btrim(g.description)) < 20 then
    raise exception using errcode = 'SC400',
      message = 'Describe the gig in at least 20 characters before publishing it', detail = 'description';
  elsif g.starts_at <= now() then
    raise exception using errcode = 'SC400', message = 'The gig must start in the future', detail = 'starts_at';
  elsif not g.remote and g.city is null then
    raise exception using errcode = 'SC400', message = 'Give the city, or mark the gig as remote', detail = 'city';
  elsif g.budget_max_minor is null then
    raise exception using errcode = 'SC400', message = 'Give a budget before publishing', detail = 'budget_max_minor';
  elsif cardinality(g.genres) + cardinality(g.instruments) = 0 then
    raise exception using errcode = 'SC400', message = 'Name at least one genre or instrument', detail = 'genres';
  elsif v_apply_by <= now() then
    raise exception using errcode = 'SC400', message = 'The deadline to apply must be in the future',
      detail = 'apply_by';
  end if;
  update public.gigs set status = 'published', published_at = now(), apply_by = v_apply_by
   where id = g.id returning * into g;
  perform private.notify(i.musician_id, 'invite', 'You are invited to apply: ' || g.title,
      'Applications close ' || to_char(g.apply_by at time zone g.timezone, 'DD Mon YYYY HH24:MI'),
      '/gigs/' || g.id)
     from public.gig_invites i where i.gig_id = g.id;
  return g;
end $$;

create or replace function public.publish_gig(p_gig_id uuid) returns public.gigs
language sql security invoker set search_path = '' as $$
  select * from private.publish_gig(p_gig_id)
$$;

/*
 * public.close_gig(p_gig_id uuid) returns public.gigs
 * published → closed (owner only): no more applications; active ones are declined and told.
 */
create or replace function private.close_gig(p_gig_id uuid) returns public.gigs
language plpgsql security definer set search_path = '' as $$
declare
  g public.gigs := private.lock_gig_as_owner(p_gig_id, 'close');
begin
  if g.status <> 'published' then
    raise exception using errcode = 'SC409', message = 'Only a published gig can be closed', detail = 'status';
  end if;
  update public.gigs set status = 'closed' where id = g.id returning * into g;
  perform private.decline_active_applications(g.id, 'Gig closed: ' || g.title,
    'The client closed this gig without booking anyone.');
  return g;
end $$;

create or replace function public.close_gig(p_gig_id uuid) returns public.gigs
language sql security invoker set search_path = '' as $$
  select * from private.close_gig(p_gig_id)
$$;

/*
 * public.cancel_gig(p_gig_id uuid) returns public.gigs
 * published → cancelled (owner only); active applications are declined and told. A draft is
 * deleted instead; a filled gig is cancelled through its booking (cancel_booking).
 */
create or replace function private.cancel_gig(p_gig_id uuid) returns public.gigs
language plpgsql security definer set search_path = '' as $$
declare
  g public.gigs := private.lock_gig_as_owner(p_gig_id, 'cancel');
begin
  if g.status = 'draft' then
    raise exception using errcode = 'SC409', message = 'A draft is not published: delete it instead',
      detail = 'status';
  elsif g.status = 'filled' then
    raise exception using errcode = 'SC409', message = 'This gig is booked: cancel the booking instead',
      detail = 'status';
  elsif g.status <> 'published' then
    raise exception using errcode = 'SC409', message = 'Only a published gig can be cancelled',
      detail = 'status';
  end if;
  update public.gigs set status = 'cancelled' where id = g.id returning * into g;
  perform private.decline_active_applications(g.id, 'Gig cancelled: ' || g.title,
    'The client cancelled this gig.');
  return g;
end $$;

create or replace function public.cancel_gig(p_gig_id uuid) returns public.gigs
language sql security invoker set search_path = '' as $$
  select * from private.cancel_gig(p_gig_id)
$$;

-- functions: applications -----------------------------------------------------------------------------

/*
 * public.apply_to_gig(p_gig_id uuid, p_proposal text, p_quoted_fee_minor integer,
 *                     p_setlist jsonb default null, p_media_ids uuid[] default '{}')
 *   returns public.applications
 * The caller (a musician with a musician profile) applies to a published gig they can see, before
 * apply_by, not their own, once while an application is active. The quote is in the gig's
 * currency. Tells the client (kind 'application').
 */
create or replace function private.apply_to_gig(
  p_gig_id uuid, p_proposal text, p_quoted_fee_minor integer, p_setlist jsonb, p_media_ids uuid[]
) returns public.applications
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := private.require_uid();
  g public.gigs;
  a public.applications;
  v_stage_name text;
  v_media uuid[] := array(select distinct m from unnest(coalesce(p_media_ids, '{}')) m where m is not null);
begin
  select m.stage_name into v_stage_name
    from public.musician_profiles m join public.profiles p on p.id = m.id
   where m.id = uid and p.is_musician;
  if v_stage_name is null then
    raise exception using errcode = 'SC403', message = 'Create your musician profile before applying',
      detail = 'musician_profile';
  end if;
  -- A share lock: an accept in flight on this gig finishes first, so nobody applies to a filled gig.
  select * into g from public.gigs where id = p_gig_id for share;
  if not found or not private.can_see_gig(g) then
    raise exception using errcode = 'SC404', message = 'Gig not found', detail = 'gig_id';
  elsif g.client_id = uid then
    raise exception using errcode = 'SC403', message = 'You cannot apply to your own gig', detail = 'gig_id';
  elsif g.status <> 'published' then
    raise exception using errcode = 'SC409', message = 'This gig is no longer taking applications',
      detail = 'gig_id';
  elsif g.apply_by <= now() then
    raise exception using errcode = 'SC409', message = 'The deadline to apply has passed', detail = 'apply_by';
  elsif p_proposal is null or char_length(btrim(p_proposal)) not between 20 and 5000 then
    raise exception using errcode = 'SC400', message = 'Write a proposal of 20 to 5000 characters',
      detail = 'proposal';
  elsif p_quoted_fee_minor is null or p_quoted_fee_minor < 0 then
    raise exception using errcode = 'SC400', message = 'Quote a fee of zero or more', detail = 'quoted_fee_minor';
  elsif p_setlist is not null and jsonb_typeof(p_setlist) not in ('array', 'object') then
    raise exception using errcode = 'SC400', message = 'A setlist is a list of songs', detail = 'setlist';
  elsif cardinality(v_media) > 10 then
    raise exception using errcode = 'SC400', message = 'Attach at most 10 media files', detail = 'media_ids';
  elsif exists (select 1 from unnest(v_media) m(id)
                 where not exists (select 1 from public.media x where x.id = m.id and x.owner_id = uid)) then
    raise exception using errcode = 'SC400', message = 'Attach only your own media', detail = 'media_ids';
  end if;
  begin
    insert into public.applications (gig_id, musician_id, proposal, quoted_fee_minor, currency, setlist,
                                     media_ids)
    values (g.id, uid, btrim(p_proposal), p_quoted_fee_minor, g.currency, p_setlist, v_media)
    returning * into a;
  exception when unique_violation then
    raise exception using errcode = 'SC409', message = 'You have already applied to this gig',
      detail = 'gig_id';
  end;
  perform private.notify(g.client_id, 'application', 'New application: ' || g.title,
    v_stage_name || ' applied with a quote of ' || private.format_money(a.quoted_fee_minor, a.currency) || '.',
    '/gigs/' || g.id || '/applications');
  return a;
end $$;

create or replace function public.apply_to_gig(
  p_gig_id uuid, p_proposal text, p_quoted_fee_minor integer, p_setlist jsonb default null,
  p_media_ids uuid[] default '{}'
) returns public.applications
language sql security invoker set search_path = '' as $$
  select * from private.apply_to_gig(p_gig_id, p_proposal, p_quoted_fee_minor, p_setlist, p_media_ids)
$$;

/*
 * public.shortlist_application(p_application_id uuid) returns public.applications
 * submitted → shortlisted (the gig's owner, while the gig is published). Tells the musician.
 */
create or replace function private.shortlist_application(p_application_id uuid) returns public.applications
language plpgsql security definer set search_path = '' as $$
declare
  a public.applications := private.lock_application(p_application_id, 'owner', 'shortlist');
  g public.gigs;
begin
  select * into g from public.gigs where id = a.gig_id;
  if a.status <> 'submitted' then
    raise exception using errcode = 'SC409', message = 'Only a submitted application can be shortlisted',
      detail = 'status';
  elsif g.status <> 'published' then
    raise exception using errcode = 'SC409', message = 'This gig is no longer open', detail = 'gig_id';
  end if;
  update public.applications set status = 'shortlisted' where id = a.id returning * into a;
  perform private.notify(a.musician_id, 'shortlisted', 'You are on the shortlist: ' || g.title,
    'The client shortlisted your application.', '/gigs/' || g.id);
  return a;
end $$;

create or replace function public.shortlist_application(p_application_id uuid) returns public.applications
language sql security invoker set search_path = '' as $$
  select * from private.shortlist_application(p_application_id)
$$;

/*
 * public.decline_application(p_application_id uuid) returns public.applications
 * submitted/shortlisted → declined (the gig's owner). Tells the musician.
 */
create or replace function private.decline_application(p_application_id uuid) returns public.applications
language plpgsql security definer set search_path = '' as $$
declare
  a public.applications := private.lock_application(p_application_id, 'owner', 'decline');
  v_title text;
begin
  if a.status not in ('submitted', 'shortlisted') then
    raise exception using errcode = 'SC409',
      message = 'Only a submitted or shortlisted application can be declined', detail = 'status';
  end if;
  update public.applications set status = 'declined', decided_at = now() where id = a.id returning * into a;
  select g.title into v_title from public.gigs g where g.id = a.gig_id;
  perform private.notify(a.musician_id, 'declined', 'Application declined: ' || v_title,
    'The client went another way this time.', '/gigs/' || a.gig_id);
  return a;
end $$;

create or replace function public.decline_application(p_application_id uuid) returns public.applications
language sql security invoker set search_path = '' as $$
  select * from private.decline_application(p_application_id)
$$;

/*
 * public.withdraw_application(p_application_id uuid) returns public.applications
 * submitted/shortlisted → withdrawn (the applicant). Tells the client (kind 'withdrawn'). The
 * musician may apply again afterwards.
 */
create or replace function private.withdraw_application(p_application_id uuid) returns public.applications
language plpgsql security definer set search_path = '' as $$
declare
  a public.applications := private.lock_application(p_application_id, 'applicant', 'withdraw');
  g public.gigs;
begin
  if a.status = 'accepted' then
    raise exception using errcode = 'SC409',
      message = 'An accepted application cannot be withdrawn: cancel the booking instead', detail = 'status';
  elsif a.status not in ('submitted', 'shortlisted') then
    raise exception using errcode = 'SC409',
      message = 'Only a submitted or shortlisted application can be withdrawn', detail = 'status';
  end if;
  update public.applications set status = 'withdrawn', decided_at = now() where id = a.id returning * into a;
  select * into g from public.gigs where id = a.gig_id;
  perform private.notify(g.client_id, 'withdrawn', 'Application withdrawn: ' || g.title,
    coalesce((select m.stage_name from public.musician_profiles m where m.id = a.musician_id), 'A musician')
      || ' withdrew their application.',
    '/gigs/' || g.id || '/applications');
  return a;
end $$;

create or replace function public.withdraw_application(p_application_id uuid) returns public.applications
language sql security invoker set search_path = '' as $$
  select * from private.withdraw_application(p_application_id)
$$;

/*
 * public.accept_application(p_application_id uuid) returns public.bookings
 * One atomic step (the gig's owner): lock the gig, check it is published and the application
 * submitted or shortlisted, insert the booking with a snapshot of the terms (fee and currency of
 * the application; time, zone and place of the gig; default cancellation terms), mark the gig
 * filled and the application accepted, decline every other active application, and notify
 * everyone. Of two accepts at once, the second waits for the gig lock and then gets SC409 'This gig
 * is already filled'. A musician booked elsewhere at an overlapping time: SC409 on starts_at.
 */
create or replace function private.accept_application(p_application_id uuid) returns public.bookings
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := private.require_uid();
  g public.gigs;
  a public.applications;
  b public.bookings;
  v_ends_at timestamptz;
begin
  -- The gig first (the lock order of every function here: gig, then applications).
  select * into g from public.gigs
   where id = (select x.gig_id from public.applications x where x.id = p_application_id) for update;
  select * into a from public.applications where id = p_application_id for update;
  if a.id is null or not (a.musician_id = uid or g.client_id = uid) then
    raise exception using errcode = 'SC404', message = 'Application not found', detail = 'application_id';
  elsif g.client_id <> uid then
    raise exception using errcode = 'SC403', message = 'Only the gig''s owner can accept applications',
      detail = 'application_id';
  elsif g.status = 'filled' then
    raise exception using errcode = 'SC409', message = 'This gig is already filled', detail = 'gig_id';
  elsif g.status <> 'published' then
    raise exception using errcode = 'SC409', message = 'This gig is no longer open', detail = 'gig_id';
  elsif a.status not in ('submitted', 'shortlisted') then
    raise exception using errcode = 'SC409',
      message = 'Only a submitted or shortlisted application can be accepted', detail = 'status';
  end if;
  v_ends_at := g.starts_at + make_interval(mins => g.duration_minutes);
  if exists (select 1 from public.bookings x
              where x.musician_id = a.musician_id and x.status <> 'cancelled'
                and tstzrange(x.starts_at, x.ends_at) && tstzrange(g.starts_at, v_ends_at)) then
    raise exception using errcode = 'SC409', message = 'This musician is already booked at that time',
      detail = 'starts_at';
  end if;
  begin
    insert into public.bookings (gig_id, application_id, client_id, musician_id, fee_minor, currency,
                                 starts_at, ends_at, timezone, place, remote, cancellation_terms)
    values (g.id, a.id, g.client_id, a.musician_id, a.quoted_fee_minor, a.currency, g.starts_at, v_ends_at,
            g.timezone,
            case when g.remote then 'Remote'
                 else coalesce(nullif(concat_ws(', ', g.venue_name, g.city, g.country), ''), 'To be confirmed') end,
            g.remote,
            'Either party may cancel free of charge until 7 days before the start. After that, a client '
            'who cancels owes 50% of the fee, and a musician who cancels receives nothing and should help '
            'find a replacement. Illness and force majeure, shown in writing, cancel without charge.')
    returning * into b;
  exception when exclusion_violation then
    -- Another accept for this musician committed between the check above and this insert.
    raise exception using errcode = 'SC409', message = 'This musician is already booked at that time',
      detail = 'starts_at';
  end;
  update public.gigs set status = 'filled' where id = g.id;
  update public.applications set status = 'accepted', decided_at = now() where id = a.id;
  perform private.decline_active_applications(g.id, 'Application declined: ' || g.title,
    'The client booked another musician for this gig.');
  perform private.notify(a.musician_id, 'accepted', 'You are booked: ' || g.title,
    'Your application was accepted for ' || private.format_money(b.fee_minor, b.currency) || '.',
    '/bookings/' || b.id);
  return b;
end $$;

create or replace function public.accept_application(p_application_id uuid) returns public.bookings
language sql security invoker set search_path = '' as $$
  select * from private.accept_application(p_application_id)
$$;

-- functions: bookings ---------------------------------------------------------------------------------

/*
 * public.complete_booking(p_booking_id uuid) returns public.bookings
 * confirmed → completed (either party, once the booking has ended). Tells the other party; both may
 * then review.
 */
create or replace function private.complete_booking(p_booking_id uuid) returns public.bookings
language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings := private.lock_booking(p_booking_id);
  uid uuid := (select auth.uid());
begin
  if b.status <> 'confirmed' then
    raise exception using errcode = 'SC409', message = 'Only a confirmed booking can be completed',
      detail = 'status';
  elsif b.ends_at > now() then
    raise exception using errcode = 'SC409', message = 'A booking can be completed only after it ends',
      detail = 'ends_at';
  end if;
  update public.bookings set status = 'completed', completed_at = now() where id = b.id returning * into b;
  perform private.notify(case when uid = b.client_id then b.musician_id else b.client_id end,
    'booking_completed', 'Booking completed',
    'The booking was marked complete. Leave a review: it stays hidden until you have both reviewed, '
    || 'or for 14 days.', '/bookings/' || b.id);
  return b;
end $$;

create or replace function public.complete_booking(p_booking_id uuid) returns public.bookings
language sql security invoker set search_path = '' as $$
  select * from private.complete_booking(p_booking_id)
$$;

/*
 * public.cancel_booking(p_booking_id uuid, p_reason text) returns public.bookings
 * confirmed → cancelled (either party, with a reason of 1 to 1000 characters). The gig, which cannot
 * be booked twice, is closed. Tells the other party.
 */
create or replace function private.cancel_booking(p_booking_id uuid, p_reason text) returns public.bookings
language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings := private.lock_booking(p_booking_id);
  uid uuid := (select auth.uid());
  v_title text;
begin
  if b.status <> 'confirmed' then
    raise exception using errcode = 'SC409', message = 'Only a confirmed booking can be cancelled',
      detail = 'status';
  elsif p_reason is null or char_length(btrim(p_reason)) not between 1 and 1000 then
    raise exception using errcode = 'SC400', message = 'Give a reason of up to 1000 characters',
      detail = 'reason';
  end if;
  update public.bookings
     set status = 'cancelled', cancelled_at = now(), cancel_reason = btrim(p_reason)
   where id = b.id returning * into b;
  update public.gigs set status = 'closed' where id = b.gig_id and status = 'filled'
  returning title into v_title;
  perform private.notify(case when uid = b.client_id then b.musician_id else b.client_id end,
    'booking_cancelled', 'Booking cancelled: ' || coalesce(v_title, 'a gig'), b.cancel_reason,
    '/bookings/' || b.id);
  return b;
end $$;

create or replace function public.cancel_booking(p_booking_id uuid, p_reason text) returns public.bookings
language sql security invoker set search_path = '' as $$
  select * from private.cancel_booking(p_booking_id, p_reason)
$$;

-- functions: reviews ----------------------------------------------------------------------------------

/*
 * public.submit_review(p_booking_id uuid, p_rating integer, p_body text) returns public.reviews
 * One review per party of a completed booking, 1 to 5 stars and up to 2000 characters, about the
 * other party. Hidden from all but its author until both have reviewed or 14 days have passed since
 * completion; the subject is notified (kind 'review') and the ratings updated when it shows.
 */
create or replace function private.submit_review(p_booking_id uuid, p_rating integer, p_body text)
returns public.reviews
language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings := private.lock_booking(p_booking_id);
  uid uuid := (select auth.uid());
  r public.reviews;
begin
  if b.status <> 'completed' then
    raise exception using errcode = 'SC409', message = 'Only a completed booking can be reviewed',
      detail = 'booking_id';
  elsif p_rating is null or p_rating not between 1 and 5 then
    raise exception using errcode = 'SC400', message = 'Give a rating from 1 to 5 stars', detail = 'rating';
  elsif char_length(coalesce(p_body, '')) > 2000 then
    raise exception using errcode = 'SC400', message = 'Keep the review to 2000 characters', detail = 'body';
  elsif exists (select 1 from public.reviews x where x.booking_id = b.id and x.author_id = uid) then
    raise exception using errcode = 'SC409', message = 'You have already reviewed this booking',
      detail = 'booking_id';
  end if;
  insert into public.reviews (booking_id, author_id, subject_id, rating, body, visible_at)
  values (b.id, uid, case when uid = b.client_id then b.musician_id else b.client_id end, p_rating,
          btrim(coalesce(p_body, '')), b.completed_at + interval '14 days')
  returning id into r.id;
  perform private.sync_review_visibility(b.id);
  perform private.release_due_reviews();
  select * into r from public.reviews where id = r.id;
  return r;
end $$;

create or replace function public.submit_review(p_booking_id uuid, p_rating integer, p_body text)
returns public.reviews
language sql security invoker set search_path = '' as $$
  select * from private.submit_review(p_booking_id, p_rating, p_body)
$$;

-- functions: search -----------------------------------------------------------------------------------

/*
 * public.distance_km(lat1 float8, lng1 float8, lat2 float8, lng2 float8) returns float8
 * Great-circle distance in kilometres (haversine, mean Earth radius); null if any input is null.
 */
create or replace function public.distance_km(
  lat1 double precision, lng1 double precision, lat2 double precision, lng2 double precision
) returns double precision
language sql immutable strict parallel safe set search_path = '' as $$
  select 2 * 6371.0088 * asin(least(1, sqrt(
    power(sin(radians(lat2 - lat1) / 2), 2)
    + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lng2 - lng1) / 2), 2))))
$$;

/*
 * public.search_gigs(p_query text default null, p_genres text[] default null,
 *   p_instruments text[] default null, p_from timestamptz default null,
 *   p_to timestamptz default null, p_budget_min integer default null,
 *   p_budget_max integer default null, p_near_lat float8 default null,
 *   p_near_lng float8 default null, p_radius_km integer default null,
 *   p_remote boolean default null, p_sort text default 'starts_at', p_after jsonb default null,
 *   p_limit integer default 20)
 *   returns table (<gig columns but search_tsv>, distance_km float8, rank real, cursor jsonb)
 *
 * Published gigs starting from p_from (default now) before p_to, as the caller may see them (RLS).
 * Filters: text (p_query: full text; if its words match nothing, titles with a similar word, for
 * typos), any of the genres / instruments, budget overlapping [p_budget_min,
 * p_budget_max] (minor units, currency ignored), within p_radius_km of the point (remote gigs are
 * reachable from anywhere and pass it; p_remote = false drops them), remote or not.
 * Sorts (each a stable keyset, ties broken by id): 'starts_at' (soonest first), 'budget' (highest
 * budget_max first), 'relevance' (needs p_query, else 'starts_at'), 'newest' (published last first).
 * Paging: pass the `cursor` of the last row as p_after; it names its sort and is refused for another.
 * p_limit is clamped to 1..200. distance_km is set when a point is given; rank when a query is.
 * Runs as the caller: RLS decides which gigs exist. Check plans with EXPLAIN as anon/authenticated
 * (see the leakproof note at the top of this migration).
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
  -- fallback: titles with a word similar to the query (pg_trgm, far dearer than full text). The
  -- cursor remembers which of the two a search uses, so its later pages use the same.
  v_typo := v_query is not null and coalesce(v_typo, false);
  for attempt in 1..2 loop
    if v_query is not null and not v_typo then
      v_text := ' and g.search_tsv @@ websearch_to_tsquery(''simple'', $1)';
      v_rank := 'ts_rank(g.search_tsv, websearch_to_tsquery(''simple'', $1))';
    elsif v_query is not null then
      v_text := ' and g.title operator(extensions.%>) $1';
      v_rank := 'extensions.word_similarity($1, g.title)';
    end if;
    return query execute format(
      'select s.*, jsonb_build_object(''sort'', %L, ''k'', %s, ''id'', s.id)%s
         from (select g.id, g.client_id, g.title, g.description, g.kind, g.genres, g.instruments,
                      g.starts_at, g.timezone, g.duration_minutes, g.remote, g.venue_name, g.city,
                      g.country, g.lat, g.lng, g.budget_min_minor, g.budget_max_minor, g.currency,
                      g.apply_by, g.visibility, g.status, g.created_at, g.updated_at, g.published_at,
                      %s as distance_km, %s as rank
                 from public.gigs g where %s%s) s
        %s order by %s limit $14',
      v_sort, v_key, case when v_typo then ' || ''{"typo": true}''::jsonb' else '' end,
      v_distance, v_rank, v_where, v_text,
      case when p_after is null then '' else 'where ' || v_seek end, v_order)
    using v_query, v_genres, v_instruments, v_from, p_to, p_budget_min, p_budget_max, p_near_lat,
          p_near_lng, p_radius_km, p_remote, v_after_key, v_after_id, v_limit, v_dlat, v_dlng;
    get diagnostics v_found = row_count;
    exit when v_found > 0 or v_query is null or v_typo or p_after is not null;
    v_typo := true;
  end loop;
end $$;

-- grants: functions -----------------------------------------------------------------------------------
-- Bodies in private run as definer and are reached through the public wrappers, which run as the
-- caller: both need execute for authenticated.
revoke execute on function
  private.publish_gig(uuid), private.close_gig(uuid), private.cancel_gig(uuid),
  private.apply_to_gig(uuid, text, integer, jsonb, uuid[]), private.shortlist_application(uuid),
  private.decline_application(uuid), private.withdraw_application(uuid),
  private.accept_application(uuid), private.complete_booking(uuid), private.cancel_booking(uuid, text),
  private.submit_review(uuid, integer, text),
  public.publish_gig(uuid), public.close_gig(uuid), public.cancel_gig(uuid),
  public.apply_to_gig(uuid, text, integer, jsonb, uuid[]), public.shortlist_application(uuid),
  public.decline_application(uuid), public.withdraw_application(uuid),
  public.accept_application(uuid), public.complete_booking(uuid), public.cancel_booking(uuid, text),
  public.submit_review(uuid, integer, text),
  public.distance_km(double precision, double precision, double precision, double precision),
  public.search_gigs(text, text[], text[], timestamptz, timestamptz, integer, integer,
                     double precision, double precision, integer, boolean, text, jsonb, integer)
  from public, anon, authenticated;

grant execute on function
  private.publish_gig(uuid), private.close_gig(uuid), private.cancel_gig(uuid),
  private.apply_to_gig(uuid, text, integer, jsonb, uuid[]), private.shortlist_application(uuid),
  private.decline_application(uuid), private.withdraw_application(uuid),
  private.accept_application(uuid), private.complete_booking(uuid), private.cancel_booking(uuid, text),
  private.submit_review(uuid, integer, text),
  public.publish_gig(uuid), public.close_gig(uuid), public.cancel_gig(uuid),
  public.apply_to_gig(uuid, text, integer, jsonb, uuid[]), public.shortlist_application(uuid),
  public.decline_application(uuid), public.withdraw_application(uuid),
  public.accept_application(uuid), public.complete_booking(uuid), public.cancel_booking(uuid, text),
  public.submit_review(uuid, integer, text)
  to authenticated;

grant execute on function
  public.distance_km(double precision, double precision, double precision, double precision),
  public.search_gigs(text, text[], text[], timestamptz, timestamptz, integer, integer,
                     double precision, double precision, integer, boolean, text, jsonb, integer)
  to anon, authenticated, service_role;
