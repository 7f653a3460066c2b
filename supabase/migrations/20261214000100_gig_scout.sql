-- The gig scout's sources and what they found (issue 17): sources an admin or a musician owns (an
-- admin's are public, a musician's are theirs only), each with a schedule and health; one run row
-- per read; the external gigs found, one per (source, source_uid), with `duplicate_of` naming the
-- canonical copy when another source has the same event. The worker (service role) writes runs
-- and gigs; people change sources only through the functions below. Errors follow
-- lib/ports/db/errors.ts (SC400/403/404/409 with the field in DETAIL).

-- tables -------------------------------------------------------------------------------------------------
create table if not exists public.scout_sources (
  id uuid not null default gen_random_uuid(),
  owner_id uuid not null,
  is_public boolean not null default false,     -- the owner was an admin: everyone sees its gigs
  kind text not null,                           -- SourceKind (lib/domains/scout/types.ts)
  name text not null,
  url text,                                     -- null for csv and eventbrite
  org_id text,                                  -- eventbrite: the organisation's id
  every_hours integer not null default 24,
  timezone text not null default 'UTC',        -- IANA zone of times the source gives without one
  enabled boolean not null default true,
  health text not null default 'new',
  last_error text,
  consecutive_failures integer not null default 0,
  next_run_at timestamptz,                      -- null: not scheduled (csv, paused)
  last_run_at timestamptz,
  queued_at timestamptz,                        -- a read is queued: not queued again meanwhile
  etag text,
  last_modified text,
  items_found integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint scout_sources_pkey primary key (id),
  constraint scout_sources_owner_id_fkey foreign key (owner_id) references public.profiles (id)
    on delete cascade,
  constraint scout_sources_kind_check check (
    kind in ('ical', 'jsonld', 'rss', 'atom', 'csv', 'eventbrite')),
  constraint scout_sources_name_length check (char_length(btrim(name)) between 1 and 120),
  constraint scout_sources_url_check check (
    url is null or (url ~ '^https?://[^\s]+$' and char_length(url) <= 2000)),
  constraint scout_sources_url_kind_check check (
    case kind when 'csv' then url is null and org_id is null
              when 'eventbrite' then url is null and org_id is not null
              else url is not null and org_id is null end),
  constraint scout_sources_org_id_check check (org_id is null or org_id ~ '^[A-Za-z0-9_-]{1,64}$'),
  constraint scout_sources_every_hours_range check (every_hours between 1 and 168),
  constraint scout_sources_timezone_length check (char_length(timezone) between 1 and 64),
  constraint scout_sources_health_check check (health in ('new', 'ok', 'failing', 'paused')),
  constraint scout_sources_last_error_length check (last_error is null or char_length(last_error) <= 500),
  constraint scout_sources_cache_length check (
    coalesce(char_length(etag), 0) <= 500 and coalesce(char_length(last_modified), 0) <= 100),
  constraint scout_sources_counts_check check (consecutive_failures >= 0 and items_found >= 0)
);
create index if not exists scout_sources_owner_id_created_at_idx
  on public.scout_sources (owner_id, created_at desc);
create index if not exists scout_sources_due_idx on public.scout_sources (next_run_at)
  where enabled and kind <> 'csv';

create table if not exists public.scout_runs (
  id uuid not null default gen_random_uuid(),
  source_id uuid not null,
  started_at timestamptz not null,
  finished_at timestamptz not null default now(),
  status text not null,                         -- ok | unchanged | failed
  http_status integer,
  items integer not null default 0,             -- events read from the source
  new_items integer not null default 0,
  updated_items integer not null default 0,
  duplicates integer not null default 0,        -- of them, the same event as another source's
  error text,
  item_errors jsonb not null default '[]',      -- [{ item, message }]: items that could not be read
  constraint scout_runs_pkey primary key (id),
  constraint scout_runs_source_id_fkey foreign key (source_id) references public.scout_sources (id)
    on delete cascade,
  constraint scout_runs_status_check check (status in ('ok', 'unchanged', 'failed')),
  constraint scout_runs_counts_check check (
    items >= 0 and new_items >= 0 and updated_items >= 0 and duplicates >= 0),
  constraint scout_runs_error_length check (error is null or char_length(error) <= 500),
  constraint scout_runs_item_errors_check check (
    jsonb_typeof(item_errors) = 'array' and pg_column_size(item_errors) <= 65536)
);
create index if not exists scout_runs_source_id_started_at_idx
  on public.scout_runs (source_id, started_at desc);

create table if not exists public.external_gigs (
  id uuid not null default gen_random_uuid(),
  source_id uuid not null,
  source_uid text not null,
  title text not null,
  description text not null default '',
  starts_at timestamptz not null,
  ends_at timestamptz,
  timezone text not null default 'UTC',
  venue_name text,
  city text,
  country text,
  lat double precision,
  lng double precision,
  genres text[] not null default '{}',
  fee_minor bigint,
  currency text,
  url text,
  duplicate_of uuid,                            -- null: the canonical copy
  first_seen_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint external_gigs_pkey primary key (id),
  constraint external_gigs_source_id_fkey foreign key (source_id)
    references public.scout_sources (id) on delete cascade,
  constraint external_gigs_duplicate_of_fkey foreign key (duplicate_of)
    references public.external_gigs (id) on delete set null,
  constraint external_gigs_source_id_source_uid_key unique (source_id, source_uid),
  constraint external_gigs_source_uid_length check (char_length(source_uid) between 1 and 500),
  constraint external_gigs_title_length check (char_length(title) between 1 and 200),
  constraint external_gigs_description_length check (char_length(description) <= 4000),
  constraint external_gigs_ends_at_check check (ends_at is null or ends_at >= starts_at),
  constraint external_gigs_timezone_length check (char_length(timezone) between 1 and 64),
  constraint external_gigs_place_length check (
    coalesce(char_length(venue_name), 0) <= 200 and coalesce(char_length(city), 0) <= 120),
  constraint external_gigs_country_check check (country is null or country ~ '^[A-Z]{2}$'),
  constraint external_gigs_lat_range check (lat is null or lat between -90 and 90),
  constraint external_gigs_lng_range check (lng is null or lng between -180 and 180),
  constraint external_gigs_genres_check check (cardinality(genres) <= 12),
  constraint external_gigs_fee_minor_check check (
    (fee_minor is null or fee_minor >= 0) and (fee_minor is null or currency is not null)),
  constraint external_gigs_currency_check check (currency is null or currency ~ '^[A-Z]{3}$'),
  constraint external_gigs_url_check check (
    url is null or (url ~ '^https?://' and char_length(url) <= 2000)),
  constraint external_gigs_duplicate_of_check check (duplicate_of is distinct from id)
);
-- Search: canonical upcoming gigs by start (keyset); a source's gigs; who points at a gig.
create index if not exists external_gigs_starts_at_id_idx on public.external_gigs (starts_at, id)
  where duplicate_of is null;
create index if not exists external_gigs_source_id_starts_at_idx
  on public.external_gigs (source_id, starts_at);
create index if not exists external_gigs_duplicate_of_idx on public.external_gigs (duplicate_of)
  where duplicate_of is not null;

-- One request per second per host across processes (the web server's worker, pg_cron's calls to
-- functions/worker): each host's next free slot. The worker's business only.
create table if not exists private.scout_host_slots (
  host text not null,
  next_at timestamptz not null,
  constraint scout_host_slots_pkey primary key (host),
  constraint scout_host_slots_host_length check (char_length(host) between 1 and 300)
);
alter table private.scout_host_slots enable row level security;
revoke all on private.scout_host_slots from public, anon, authenticated;
grant all on private.scout_host_slots to service_role;

-- access -------------------------------------------------------------------------------------------------
/*
 * private.can_own_scout_sources() returns boolean
 * Admins and musicians keep sources; a client only is refused.
 */
create or replace function private.can_own_scout_sources() returns boolean
language sql stable security definer set search_path = '' as $$
  select (select private.is_admin())
      or exists (select 1 from public.profiles p
                  where p.id = (select auth.uid()) and p.is_musician)
$$;

/*
 * private.scout_source_readable(p_source uuid) returns boolean
 * The source's gigs are the caller's to see: it is public (an admin's) or the caller's own.
 */
create or replace function private.scout_source_readable(p_source uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.scout_sources s
                  where s.id = p_source
                    and (s.is_public or s.owner_id = (select auth.uid())))
$$;

/*
 * private.can_manage_scout_source(p_source uuid) returns boolean
 * The caller owns the source, or it is public and the caller is an admin.
 */
create or replace function private.can_manage_scout_source(p_source uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.scout_sources s
                  where s.id = p_source
                    and (s.owner_id = (select auth.uid())
                         or (s.is_public and (select private.is_admin()))))
$$;

/*
 * private.scout_source_for_update(p_source uuid) returns public.scout_sources
 * The source, locked, when the caller may manage it: SC404 `id` otherwise (a public source an
 * ordinary user can read answers SC403).
 */
create or replace function private.scout_source_for_update(p_source uuid)
returns public.scout_sources
language plpgsql security definer set search_path = '' as $$
declare
  s public.scout_sources;
begin
  select * into s from public.scout_sources where id = p_source for update;
  if not found or not (s.is_public or s.owner_id = (select auth.uid())) then
    raise exception using errcode = 'SC404', message = 'Source not found', detail = 'id';
  end if;
  if not private.can_manage_scout_source(p_source) then
    raise exception using errcode = 'SC403', message = 'Only the source''s owner can change it',
      detail = 'id';
  end if;
  return s;
end $$;

/*
 * private.send_scout_source(p_source uuid) returns bigint
 * Queues one read of the source on `scouting` (a fresh key: each read is its own piece of work).
 */
create or replace function private.send_scout_source(p_source uuid) returns bigint
language plpgsql security definer set search_path = '' as $$
begin
  update public.scout_sources set queued_at = now() where id = p_source;
  return pgmq.send('scouting'::text, jsonb_build_object('kind', 'scout_source',
    'source_id', p_source,
    'idempotency_key', 'scout_source:' || p_source || ':' || gen_random_uuid()));
end $$;

/*
 * private.check_scout_source_input(p_kind, p_name, p_url, p_org_id, p_every_hours, p_timezone)
 *   returns void
 * SC400 naming the field a person got wrong (the table's checks would say less).
 */
create or replace function private.check_scout_source_input(
  p_kind text, p_name text, p_url text, p_org_id text, p_every_hours integer, p_timezone text
) returns void
language plpgsql stable set search_path = '' as $$
begin
  if p_kind is null or p_kind not in ('ical', 'jsonld', 'rss', 'atom', 'csv', 'eventbrite') then
    raise exception using errcode = 'SC400', message = 'Pick a kind of source', detail = 'kind';
  end if;
  if p_name is null or char_length(btrim(p_name)) not between 1 and 120 then
    raise exception using errcode = 'SC400', message = 'Give the source a name (up to 120 characters)',
      detail = 'name';
  end if;
  if p_kind in ('ical', 'jsonld', 'rss', 'atom')
     and (p_url is null or p_url !~ '^https?://[^\s]+$' or char_length(p_url) > 2000) then
    raise exception using errcode = 'SC400', message = 'Give the feed''s address (http or https)',
      detail = 'url';
  end if;
  if p_kind in ('csv', 'eventbrite') and p_url is not null then
    raise exception using errcode = 'SC400',
      message = 'This kind of source has no address: leave it empty', detail = 'url';
  end if;
  if p_kind = 'eventbrite' and (p_org_id is null or p_org_id !~ '^[A-Za-z0-9_-]{1,64}$') then
    raise exception using errcode = 'SC400', message = 'Give the Eventbrite organisation''s id',
      detail = 'org_id';
  end if;
  if p_kind <> 'eventbrite' and p_org_id is not null then
    raise exception using errcode = 'SC400',
      message = 'Only Eventbrite sources have an organisation id', detail = 'org_id';
  end if;
  if p_every_hours is null or p_every_hours not between 1 and 168 then
    raise exception using errcode = 'SC400', message = 'Check every 1 to 168 hours',
      detail = 'every_hours';
  end if;
  -- The gigs' rule (marketplace migration): a zone name, known to the server.
  if p_timezone is null or p_timezone !~ '^([A-Z][A-Za-z_-]+(/[A-Za-z0-9_+-]+)+|UTC|GMT)$' then
    raise exception using errcode = 'SC400',
      message = 'Use a time zone name such as Europe/Berlin', detail = 'timezone';
  end if;
  begin
    perform now() at time zone p_timezone;
  exception when invalid_parameter_value then
    raise exception using errcode = 'SC400', message = 'Unknown time zone', detail = 'timezone';
  end;
end $$;

-- people's functions: public `security invoker` wrappers over `private` `security definer` bodies ----
/*
 * public.create_scout_source(p_kind text, p_name text, p_url text, p_org_id text,
 *   p_every_hours integer, p_timezone text default 'UTC') returns uuid
 * A source of the caller's (an admin's is public), due at once (a csv source waits for uploads).
 */
create or replace function private.create_scout_source(
  p_kind text, p_name text, p_url text, p_org_id text, p_every_hours integer, p_timezone text
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  if (select auth.uid()) is null then
    raise exception using errcode = 'SC403', message = 'Sign in first', detail = 'id';
  end if;
  if not private.can_own_scout_sources() then
    raise exception using errcode = 'SC403', message = 'Only musicians and admins keep gig sources',
      detail = 'kind';
  end if;
  perform private.check_scout_source_input(p_kind, p_name, p_url, p_org_id, p_every_hours,
    p_timezone);
  if (select count(*) from public.scout_sources where owner_id = (select auth.uid())) >= 50 then
    raise exception using errcode = 'SC409', message = 'You have 50 sources already: remove one first',
      detail = 'kind';
  end if;
  insert into public.scout_sources (owner_id, is_public, kind, name, url, org_id, every_hours,
                                    timezone, next_run_at)
  values ((select auth.uid()), (select private.is_admin()), p_kind, btrim(p_name), p_url, p_org_id,
          p_every_hours, p_timezone, case when p_kind <> 'csv' then now() end)
  returning id into v_id;
  return v_id;
end $$;

create or replace function public.create_scout_source(
  p_kind text, p_name text, p_url text, p_org_id text, p_every_hours integer,
  p_timezone text default 'UTC'
)
returns uuid
language sql security invoker set search_path = '' as $$
  select private.create_scout_source(p_kind, p_name, p_url, p_org_id, p_every_hours, p_timezone)
$$;

/*
 * public.update_scout_source(p_id uuid, p_name text, p_url text, p_org_id text,
 *   p_every_hours integer, p_enabled boolean, p_timezone text default null) returns void
 * Changes what is given (null: unchanged). Pausing stops the schedule; resuming makes it due now;
 * a new address forgets the cached ETag and Last-Modified.
 */
create or replace function private.update_scout_source(
  p_id uuid, p_name text, p_url text, p_org_id text, p_every_hours integer, p_enabled boolean,
  p_timezone text
) returns void
language plpgsql security definer set search_path = '' as $$
declare
  s public.scout_sources := private.scout_source_for_update(p_id);
  v_url text := coalesce(p_url, s.url);
  v_enabled boolean := coalesce(p_enabled, s.enabled);
begin
  perform private.check_scout_source_input(s.kind, coalesce(p_name, s.name), v_url,
    coalesce(p_org_id, s.org_id), coalesce(p_every_hours, s.every_hours),
    coalesce(p_timezone, s.timezone));
  update public.scout_sources
     set name = btrim(coalesce(p_name, s.name)),
         url = v_url,
         org_id = coalesce(p_org_id, s.org_id),
         every_hours = coalesce(p_every_hours, s.every_hours),
         timezone = coalesce(p_timezone, s.timezone),
         enabled = v_enabled,
         etag = case when v_url is distinct from s.url then null else s.etag end,
         last_modified = case when v_url is distinct from s.url then null else s.last_modified end,
         health = case when not v_enabled then 'paused'
                       when s.health <> 'paused' then s.health
                       when s.last_run_at is null then 'new'
                       when s.consecutive_failures > 0 then 'failing'
                       else 'ok' end,
         next_run_at = case when not v_enabled or s.kind = 'csv' then null
                            when not s.enabled or v_url is distinct from s.url then now()
                            when p_every_hours is not null and s.last_run_at is not null
                              then s.last_run_at + make_interval(hours => p_every_hours)
                            else s.next_run_at end
   where id = s.id;
end $$;

create or replace function public.update_scout_source(
  p_id uuid, p_name text, p_url text, p_org_id text, p_every_hours integer, p_enabled boolean,
  p_timezone text default null
)
returns void
language sql security invoker set search_path = '' as $$
  select private.update_scout_source(p_id, p_name, p_url, p_org_id, p_every_hours, p_enabled,
    p_timezone)
$$;

/*
 * public.queue_scout_source(p_id uuid) returns boolean
 * "Check now": queues a read (true), or false when one is queued already (in the last 10
 * minutes). SC409 `id` for a paused or a csv source.
 */
create or replace function private.queue_scout_source(p_id uuid) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
  s public.scout_sources := private.scout_source_for_update(p_id);
begin
  if s.kind = 'csv' then
    raise exception using errcode = 'SC409', message = 'A CSV source is read when you upload a file',
      detail = 'id';
  end if;
  if not s.enabled then
    raise exception using errcode = 'SC409', message = 'The source is paused: resume it first',
      detail = 'id';
  end if;
  if s.queued_at is not null and s.queued_at > now() - interval '10 minutes' then
    return false;
  end if;
  perform private.send_scout_source(s.id);
  return true;
end $$;

create or replace function public.queue_scout_source(p_id uuid)
returns boolean
language sql security invoker set search_path = '' as $$
  select private.queue_scout_source(p_id)
$$;

-- the schedule -----------------------------------------------------------------------------------------------
/*
 * private.take_scout_host_slot(p_host text, p_interval_ms integer) returns integer
 * Books the host's next free slot and answers how many milliseconds to wait for it (0: now).
 */
create or replace function private.take_scout_host_slot(p_host text, p_interval_ms integer)
returns integer
language plpgsql security definer set search_path = '' as $$
declare
  v_gap interval := make_interval(secs => greatest(p_interval_ms, 0) / 1000.0);
  v_slot timestamptz;
begin
  insert into private.scout_host_slots as h (host, next_at)
  values (lower(p_host), clock_timestamp() + v_gap)
  on conflict (host) do update set next_at = greatest(h.next_at, clock_timestamp()) + v_gap
  returning h.next_at - v_gap into v_slot;
  return greatest(0, ceil(extract(epoch from (v_slot - clock_timestamp())) * 1000))::integer;
end $$;

/*
 * private.enqueue_due_scout_sources() returns integer
 * Queues a read of every enabled source whose time has come and that is not queued already; the
 * job sets the next time (a lost message is queued again after 30 minutes). The embedded worker
 * calls it every minute, pg_cron every five on Supabase.
 */
create or replace function private.enqueue_due_scout_sources() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  n integer := 0;
begin
  for r in
    select s.id from public.scout_sources s
     where s.enabled and s.kind <> 'csv' and s.next_run_at <= now()
       and (s.queued_at is null or s.queued_at < now() - interval '30 minutes')
     order by s.next_run_at
     limit 500
     for update skip locked
  loop
    perform private.send_scout_source(r.id);
    n := n + 1;
  end loop;
  delete from private.scout_host_slots where next_at < now() - interval '1 day';
  return n;
end $$;

-- grants, RLS ------------------------------------------------------------------------------------------------
revoke all on public.scout_sources, public.scout_runs, public.external_gigs from anon, authenticated;
-- The cache validators are the worker's business.
grant select (id, owner_id, is_public, kind, name, url, org_id, every_hours, timezone, enabled,
  health, last_error, consecutive_failures, next_run_at, last_run_at, queued_at, items_found,
  created_at, updated_at) on public.scout_sources to authenticated;
grant select (id, is_public, kind, name) on public.scout_sources to anon;
grant delete on public.scout_sources to authenticated;
grant select on public.scout_runs to authenticated;
grant select on public.external_gigs to anon, authenticated;
grant all on public.scout_sources, public.scout_runs, public.external_gigs to service_role;

alter table public.scout_sources enable row level security;
alter table public.scout_runs enable row level security;
alter table public.external_gigs enable row level security;

drop policy if exists "Owners, admins and everyone for public sources read sources"
  on public.scout_sources;
create policy "Owners, admins and everyone for public sources read sources" on public.scout_sources
  for select to authenticated
  using (owner_id = (select auth.uid()) or is_public or (select private.is_admin()));
drop policy if exists "Visitors read public sources" on public.scout_sources;
create policy "Visitors read public sources" on public.scout_sources
  for select to anon using (is_public);
drop policy if exists "Owners and admins delete sources" on public.scout_sources;
create policy "Owners and admins delete sources" on public.scout_sources
  for delete to authenticated
  using (owner_id = (select auth.uid()) or (is_public and (select private.is_admin())));

drop policy if exists "Those who manage a source read its runs" on public.scout_runs;
create policy "Those who manage a source read its runs" on public.scout_runs
  for select to authenticated using (private.can_manage_scout_source(source_id));

drop policy if exists "Everyone reads public sources' gigs, owners their own" on public.external_gigs;
create policy "Everyone reads public sources' gigs, owners their own" on public.external_gigs
  for select to anon, authenticated using (private.scout_source_readable(source_id));

drop trigger if exists scout_sources_touch on public.scout_sources;
create trigger scout_sources_touch before update on public.scout_sources
  for each row execute function private.dj_touch();

-- schedule: due sources every five minutes (pg_cron's worker job then reads them) ----------------------------
do $$
begin
  if not exists (select from pg_available_extensions where name = 'pg_cron') then
    raise notice 'pg_cron not available: the worker queues due scout sources';
    return;
  end if;
  create extension if not exists pg_cron with schema pg_catalog;
  if not exists (select from cron.job where jobname = 'soundcheck-scout-sources') then
    perform cron.schedule('soundcheck-scout-sources', '*/5 * * * *',
      'select private.enqueue_due_scout_sources()');
  end if;
end $$;

-- grants: functions -------------------------------------------------------------------------------------------
revoke execute on function
  private.can_own_scout_sources(), private.scout_source_readable(uuid),
  private.can_manage_scout_source(uuid), private.scout_source_for_update(uuid),
  private.send_scout_source(uuid),
  private.check_scout_source_input(text, text, text, text, integer, text),
  public.create_scout_source(text, text, text, text, integer, text),
  public.update_scout_source(uuid, text, text, text, integer, boolean, text),
  public.queue_scout_source(uuid), private.enqueue_due_scout_sources(),
  private.take_scout_host_slot(text, integer),
  private.create_scout_source(text, text, text, text, integer, text),
  private.update_scout_source(uuid, text, text, text, integer, boolean, text),
  private.queue_scout_source(uuid)
  from public, anon, authenticated;
grant execute on function
  public.create_scout_source(text, text, text, text, integer, text),
  public.update_scout_source(uuid, text, text, text, integer, boolean, text),
  public.queue_scout_source(uuid),
  private.create_scout_source(text, text, text, text, integer, text),
  private.update_scout_source(uuid, text, text, text, integer, boolean, text),
  private.queue_scout_source(uuid),
  -- Policies run as the reader.
  private.can_manage_scout_source(uuid)
  to authenticated;
grant execute on function private.scout_source_readable(uuid) to anon, authenticated;
grant execute on function private.enqueue_due_scout_sources(), private.send_scout_source(uuid),
  private.take_scout_host_slot(text, integer),
  private.scout_source_readable(uuid), private.can_manage_scout_source(uuid) to service_role;
