-- Moderation (issue 20): people report profiles, gigs, messages and virtual artists with a reason;
-- admins hide the content or dismiss the reports; each reporter is told the outcome.
--
-- * public.reports: one row per report. Reporters read their own, admins all; nobody writes it
--   directly: public.report_content files one (idempotent per reporter and target while open),
--   public.admin_resolve_report decides every open report on a target at once.
-- * Hidden content: `hidden_at` / `hidden_reason` on musician_profiles and client_profiles (where
--   a profile's public visibility lives: `published`), gigs, messages and artists. Hidden rows
--   disappear for everyone but their owner and admins: the SELECT policies below replace the
--   earlier ones with the same logic plus the hidden condition, and so do the security definer
--   helpers that decide visibility (can_see_gig, can_see_profile, can_read_artist) and what
--   matching reads (match_gigs; musician_match.published for match_musicians). Two exceptions
--   keep money and contracts workable: the musician booked on a hidden gig still reads it (their
--   booking, payment and dispute pages join it), and counterparts of an application still read
--   the hidden user's name (public.profiles), not their profile.
-- * Only admin functions change the hidden columns (a trigger refuses API roles).
-- Errors follow lib/ports/db/errors.ts (SC400/403/404/409/429 with the field in DETAIL).

-- notification kind ----------------------------------------------------------------------------------
insert into public.notification_kinds
  (kind, label, description, position, default_email, sms_available, email_digest) values
  ('report_resolved', 'Your reports', 'What our moderators decided about something you reported',
   125, true, false, false)
on conflict (kind) do update set label = excluded.label, description = excluded.description,
  position = excluded.position, default_email = excluded.default_email,
  sms_available = excluded.sms_available, email_digest = excluded.email_digest;

-- hidden columns -------------------------------------------------------------------------------------
alter table public.musician_profiles
  add column if not exists hidden_at timestamptz,
  add column if not exists hidden_reason text;
alter table public.client_profiles
  add column if not exists hidden_at timestamptz,
  add column if not exists hidden_reason text;
alter table public.gigs
  add column if not exists hidden_at timestamptz,
  add column if not exists hidden_reason text;
alter table public.messages
  add column if not exists hidden_at timestamptz,
  add column if not exists hidden_reason text;
alter table public.artists
  add column if not exists hidden_at timestamptz,
  add column if not exists hidden_reason text;

do $$
declare
  t text;
begin
  foreach t in array array['musician_profiles', 'client_profiles', 'gigs', 'messages', 'artists'] loop
    if not exists (select 1 from pg_constraint where conname = t || '_hidden_check') then
      execute format('alter table public.%I add constraint %I check (
        (hidden_at is null and hidden_reason is null)
        or (hidden_at is not null and char_length(hidden_reason) between 1 and 1000))',
        t, t || '_hidden_check');
    end if;
  end loop;
end $$;

-- Hidden rows are few: the admin's and owners' lookups read these partial indexes.
create index if not exists musician_profiles_hidden_idx on public.musician_profiles (hidden_at)
  where hidden_at is not null;
create index if not exists client_profiles_hidden_idx on public.client_profiles (hidden_at)
  where hidden_at is not null;
create index if not exists gigs_hidden_idx on public.gigs (hidden_at) where hidden_at is not null;
create index if not exists messages_hidden_idx on public.messages (hidden_at)
  where hidden_at is not null;
create index if not exists artists_hidden_idx on public.artists (hidden_at)
  where hidden_at is not null;

/*
 * private.moderation_guard() trigger: the hidden columns change only through the admin functions
 * (security definer, so they run as the owner); an API role writing them directly is refused,
 * owners included (they may edit their rows, not unhide them).
 */
create or replace function private.moderation_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if current_user in ('anon', 'authenticated')
     and (case when tg_op = 'INSERT' then new.hidden_at is not null or new.hidden_reason is not null
               else (new.hidden_at, new.hidden_reason) is distinct from (old.hidden_at, old.hidden_reason)
          end) then
    raise exception using errcode = 'SC403', message = 'Only moderators hide or restore content',
      detail = 'hidden_at';
  end if;
  return new;
end $$;

do $$
declare
  t text;
begin
  foreach t in array array['musician_profiles', 'client_profiles', 'gigs', 'messages', 'artists'] loop
    execute format('drop trigger if exists %I on public.%I', t || '_moderation_guard', t);
    execute format('create trigger %I before insert or update on public.%I
      for each row execute function private.moderation_guard()', t || '_moderation_guard', t);
  end loop;
end $$;

-- The state rules of gigs (20261122001000_marketplace.sql) as before, except that moderation may
-- hide a gig in any state: filled, closed and cancelled gigs are otherwise frozen.
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
       and n.key not in ('status', 'published_at', 'updated_at', 'search_tsv', 'hidden_at',
                         'hidden_reason')
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

-- visibility helpers -----------------------------------------------------------------------------------
/*
 * private.booked_on_gig(p_gig_id uuid) returns boolean
 * Whether the caller is the musician of a booking on the gig: they keep reading a hidden gig.
 */
create or replace function private.booked_on_gig(p_gig_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.bookings b
                  where b.gig_id = p_gig_id and b.musician_id = (select auth.uid()))
$$;

-- As in 20261122001000_marketplace.sql, plus: a hidden gig only for its owner (apply_to_gig and
-- lock_gig_as_owner read it: nobody applies to a hidden gig).
create or replace function private.can_see_gig(g public.gigs) returns boolean
language sql stable security definer set search_path = '' as $$
  select g.client_id = (select auth.uid())
      or (g.hidden_at is null and g.status <> 'draft'
          and (g.visibility = 'public' or private.is_invited(g.id)))
$$;

-- As in 20261205000100_edge_hardening.sql, plus: a hidden profile is not a published one; admins
-- read the people whose profile they hid.
create or replace function private.can_see_profile(p_id uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select from public.musician_profiles m where m.id = p_id and m.published and m.hidden_at is null
    union all
    select from public.client_profiles c where c.id = p_id and c.published and c.hidden_at is null
    union all
    select from public.applications a join public.gigs g on g.id = a.gig_id
     where a.musician_id = p_id and g.client_id = (select auth.uid())
    union all
    select from public.applications a join public.gigs g on g.id = a.gig_id
     where a.musician_id = (select auth.uid()) and g.client_id = p_id
    union all
    select from public.musician_profiles m
     where m.id = p_id and m.hidden_at is not null and private.is_admin()
    union all
    select from public.client_profiles c
     where c.id = p_id and c.hidden_at is not null and private.is_admin());
end $$;

-- As in 20261213000100_virtual_artists.sql, plus: members no longer read a hidden artist (nor its
-- versions, tracks, plans and the rest, whose policies call this).
create or replace function private.can_read_artist(p_artist uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.artists a
                  where a.id = p_artist and a.owner_id = (select auth.uid()))
      or exists (select 1 from public.artist_members m join public.artists a on a.id = m.artist_id
                  where m.artist_id = p_artist and m.user_id = (select auth.uid())
                    and a.hidden_at is null)
$$;

revoke execute on function private.booked_on_gig(uuid), private.moderation_guard() from public, anon;
grant execute on function private.booked_on_gig(uuid) to authenticated;

-- policies ---------------------------------------------------------------------------------------------
-- Each replaces the policy of the same name with its logic unchanged, plus the hidden condition.

drop policy if exists "Published musician profiles are public" on public.musician_profiles;
create policy "Published musician profiles are public" on public.musician_profiles
  for select to anon using (published and hidden_at is null);

drop policy if exists "Musicians read published, own and applicant profiles" on public.musician_profiles;
create policy "Musicians read published, own and applicant profiles" on public.musician_profiles
  for select to authenticated
  using (id = (select auth.uid())
         or (hidden_at is null and (published or private.applied_to_my_gig(id)))
         or (hidden_at is not null and (select private.is_admin())));

drop policy if exists "Published client profiles are public" on public.client_profiles;
create policy "Published client profiles are public" on public.client_profiles
  for select to anon using (published and hidden_at is null);

drop policy if exists "Clients read published and own profiles" on public.client_profiles;
create policy "Clients read published and own profiles" on public.client_profiles
  for select to authenticated
  using (id = (select auth.uid()) or (published and hidden_at is null)
         or (hidden_at is not null and (select private.is_admin())));

drop policy if exists "Profiles of published members are public" on public.profiles;
create policy "Profiles of published members are public" on public.profiles
  for select to anon
  using (exists (select 1 from public.musician_profiles m
                  where m.id = profiles.id and m.published and m.hidden_at is null)
         or exists (select 1 from public.client_profiles c
                     where c.id = profiles.id and c.published and c.hidden_at is null));
-- "Users read their own, published and counterparts' profiles" calls can_see_profile (above).

drop policy if exists "Published public gigs are public" on public.gigs;
create policy "Published public gigs are public" on public.gigs
  for select to anon using (status <> 'draft' and visibility = 'public' and hidden_at is null);

drop policy if exists "Users read public, invited and own gigs" on public.gigs;
create policy "Users read public, invited and own gigs" on public.gigs
  for select to authenticated
  using (client_id = (select auth.uid())
         or (hidden_at is null and status <> 'draft'
             and (visibility = 'public' or id = any ((select private.my_invited_gig_ids())::uuid[])))
         or (hidden_at is not null
             and ((select private.is_admin()) or private.booked_on_gig(id))));

drop policy if exists "Participants read the messages" on public.messages;
create policy "Participants read the messages" on public.messages
  for select to authenticated
  using ((conversation_id = any ((select private.my_conversation_ids())::uuid[])
          and (hidden_at is null or sender_id = (select auth.uid())))
         or (hidden_at is not null and (select private.is_admin())));

drop policy if exists "Owners and members read artists" on public.artists;
create policy "Owners and members read artists" on public.artists
  for select to authenticated
  using (owner_id = (select auth.uid()) or private.can_read_artist(id)
         or (hidden_at is not null and (select private.is_admin())));

-- matching -------------------------------------------------------------------------------------------
-- match_musicians reads private.musician_match.published: a hidden profile is not published there.
-- As in 20261215000200_matching_quality.sql but for that one fact.
create or replace function private.refresh_musician_match(p_ids uuid[]) returns void
language sql security definer set search_path = '' as $$
  insert into private.musician_match as x (musician_id, published, genres, instruments, lat, lng,
    travel_radius_km, fee_min_minor, fee_max_minor, currency, blocked_dates, busy, updated_at)
  select m.id, m.published and m.hidden_at is null, m.genres, m.instruments, p.lat, p.lng,
         m.travel_radius_km, m.fee_min_minor, m.fee_max_minor, m.currency, m.blocked_dates,
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

drop trigger if exists musician_profiles_sync_match on public.musician_profiles;
create trigger musician_profiles_sync_match
  after insert or update of published, genres, instruments, lat, lng, city, travel_radius_km,
    fee_min_minor, fee_max_minor, currency, blocked_dates, hidden_at
  on public.musician_profiles
  for each row execute function private.musician_profiles_sync_match();

-- As in 20261215000200_matching_quality.sql, plus: no hidden gig is a candidate.
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
         and g.hidden_at is null
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
         and g.hidden_at is null
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

-- reports ----------------------------------------------------------------------------------------------
create table if not exists public.reports (
  id uuid not null default gen_random_uuid(),
  reporter_id uuid not null,
  target_type text not null,
  -- A uuid, or a message's id (messages are numbered): text holds both, checked by type.
  target_id text not null,
  -- What the reporter saw when they reported it (title, name, the message's start): their list
  -- still says what it was once the content is hidden from them.
  target_label text not null,
  reason text not null,
  details text not null default '',
  status text not null default 'open',
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid,
  resolution_note text,
  constraint reports_pkey primary key (id),
  constraint reports_reporter_id_fkey foreign key (reporter_id)
    references public.profiles (id) on delete cascade,
  constraint reports_resolved_by_fkey foreign key (resolved_by)
    references auth.users (id) on delete set null,
  constraint reports_target_type_check check (target_type in ('profile', 'gig', 'message', 'artist')),
  constraint reports_target_id_check check (
    case when target_type = 'message' then target_id ~ '^[1-9][0-9]{0,17}$'
         else target_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' end),
  constraint reports_target_label_length check (char_length(target_label) <= 200),
  constraint reports_reason_check check (
    reason in ('spam', 'scam', 'harassment', 'inappropriate', 'impersonation', 'other')),
  constraint reports_details_length check (char_length(details) <= 1000),
  constraint reports_status_check check (status in ('open', 'hidden', 'dismissed')),
  constraint reports_resolution_check check (
    (status = 'open') = (resolved_at is null)),
  constraint reports_resolution_note_length check (char_length(resolution_note) <= 1000)
);

-- One open report per reporter and target: reporting again returns the first.
create unique index if not exists reports_open_once_idx
  on public.reports (reporter_id, target_type, target_id) where status = 'open';
-- The queue: open reports by target; the resolved list by date.
create index if not exists reports_open_target_idx
  on public.reports (target_type, target_id, created_at) where status = 'open';
create index if not exists reports_resolved_idx
  on public.reports (resolved_at desc) where status <> 'open';
create index if not exists reports_reporter_idx on public.reports (reporter_id, created_at desc);
create index if not exists reports_resolved_by_idx on public.reports (resolved_by)
  where resolved_by is not null;

alter table public.reports enable row level security;
revoke all on public.reports from anon, authenticated, service_role;
-- No writes for API roles (the functions below write); resolved_by (an admin's id) stays out of
-- reporters' reach: the admin queue reads it through public.admin_reports.
grant select (id, reporter_id, target_type, target_id, target_label, reason, details, status,
              created_at, resolved_at, resolution_note) on public.reports to authenticated;
grant select on public.reports to service_role;

drop policy if exists "Reporters read their reports, admins all" on public.reports;
create policy "Reporters read their reports, admins all" on public.reports
  for select to authenticated
  using (reporter_id = (select auth.uid()) or (select private.is_admin()));
drop policy if exists "The server reads reports" on public.reports;
create policy "The server reads reports" on public.reports
  for select to service_role using (true);

-- functions ----------------------------------------------------------------------------------------------
/* private.report_reason_label(p_reason text) returns text: the words a reason code stands for. */
create or replace function private.report_reason_label(p_reason text) returns text
language sql immutable set search_path = '' as $$
  select case p_reason
    when 'spam' then 'Spam'
    when 'scam' then 'Scam or fraud'
    when 'harassment' then 'Harassment or hate'
    when 'inappropriate' then 'Inappropriate content'
    when 'impersonation' then 'Impersonation'
    else 'Something else' end
$$;

/*
 * private.report_target(p_type text, p_id text) returns table (owner_id, label, excerpt, link,
 *   hidden_at, hidden_reason, visible)
 * The target as moderation needs it, whoever may see it (a definer body): its owner, a label
 * and an excerpt, the page that shows it, its hidden state, and `visible`: whether the caller
 * may read it, by the same rules as the SELECT policies above. No row when it does not exist.
 * p_id must be well formed for p_type (the callers check).
 */
create or replace function private.report_target(p_type text, p_id text)
returns table (owner_id uuid, label text, excerpt text, link text, hidden_at timestamptz,
               hidden_reason text, visible boolean)
language plpgsql stable security definer set search_path = '' as $$
declare
  uid uuid := (select auth.uid());
begin
  if p_type = 'gig' then
    return query
      select g.client_id, left(g.title, 200), left(g.description, 400), '/gigs/' || g.id,
             g.hidden_at, g.hidden_reason, private.can_see_gig(g)
        from public.gigs g where g.id = p_id::uuid;
  elsif p_type = 'profile' then
    return query
      select p.id, left(coalesce(m.stage_name, c.organisation, p.display_name), 200),
             left(coalesce(nullif(m.bio, ''), c.venue_type, ''), 400),
             case when m.id is not null then '/musicians/' || p.id end,
             coalesce(m.hidden_at, c.hidden_at), coalesce(m.hidden_reason, c.hidden_reason),
             p.id = uid or private.can_see_profile(p.id)
        from public.profiles p
        left join public.musician_profiles m on m.id = p.id
        left join public.client_profiles c on c.id = p.id
       where p.id = p_id::uuid;
  elsif p_type = 'message' then
    return query
      select m.sender_id,
             left(coalesce(nullif(m.body, ''), '[' || m.attachment_name || ']', '[deleted]'), 200),
             left(coalesce(nullif(m.body, ''), '[attachment: ' || m.attachment_name || ']', ''), 400),
             null::text, m.hidden_at, m.hidden_reason,
             m.deleted_at is null
               and m.conversation_id = any (private.my_conversation_ids())
               and (m.hidden_at is null or m.sender_id = uid)
        from public.messages m where m.id = p_id::bigint;
  elsif p_type = 'artist' then
    return query
      select a.owner_id, left(a.name, 200),
             left(coalesce(a.persona ->> 'backstory', ''), 400), null::text,
             a.hidden_at, a.hidden_reason, a.owner_id = uid or private.can_read_artist(a.id)
        from public.artists a where a.id = p_id::uuid;
  end if;
end $$;

/*
 * private.check_report_target(p_type text, p_id text) returns record (owner_id, label)
 * The checks a report starts with: well-formed type and id (SC400 target_type / target_id), a
 * target the caller can see (SC404 target_id: unseen and missing read alike), and not their own
 * (SC403 target_id).
 */
create or replace function private.check_report_target(
  p_type text, p_id text, out owner_id uuid, out label text
)
language plpgsql stable security definer set search_path = '' as $$
declare
  uid uuid := private.require_uid();
  t record;
  v_word text := coalesce(p_type, 'content');
begin
  if p_type is null or p_type not in ('profile', 'gig', 'message', 'artist') then
    raise exception using errcode = 'SC400', message = 'Report a profile, a gig, a message or an artist',
      detail = 'target_type';
  elsif p_id is null or (case when p_type = 'message' then p_id !~ '^[1-9][0-9]{0,17}$'
        else p_id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' end) then
    raise exception using errcode = 'SC400', message = 'This link does not name a ' || v_word,
      detail = 'target_id';
  end if;
  select * into t from private.report_target(p_type, p_id);
  if not found or not t.visible then
    raise exception using errcode = 'SC404', message = initcap(v_word) || ' not found',
      detail = 'target_id';
  elsif t.owner_id = uid then
    raise exception using errcode = 'SC403',
      message = case when p_type = 'profile' then 'You cannot report yourself'
                     else 'You cannot report your own ' || v_word end,
      detail = 'target_id';
  end if;
  owner_id := t.owner_id;
  label := coalesce(nullif(btrim(t.label), ''), initcap(v_word));
end $$;

/*
 * public.report_target_label(p_target_type text, p_target_id text) returns text
 * What the report form names ("the gig Friday jazz"): the same checks as report_content.
 */
create or replace function public.report_target_label(p_target_type text, p_target_id text)
returns text
language sql stable security definer set search_path = '' as $$
  select c.label from private.check_report_target(lower(btrim(p_target_type)),
                                                  lower(btrim(p_target_id))) c
$$;

/*
 * public.report_content(p_target_type text, p_target_id text, p_reason text, p_details text)
 *   returns public.reports
 * Files the caller's report on something they can see and do not own. A second report on the
 * same target while the first is open returns the first (unchanged). SC400 names the field
 * (target_type, target_id, reason, details: up to 1000 characters, needed for 'other'); SC404
 * for what the caller cannot see; SC403 for their own; SC429 beyond 30 reports a day.
 */
create or replace function public.report_content(
  p_target_type text, p_target_id text, p_reason text, p_details text default ''
) returns public.reports
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := private.require_uid();
  v_type text := lower(btrim(p_target_type));
  v_id text := lower(btrim(p_target_id));
  v_details text := btrim(coalesce(p_details, ''));
  t record;
  r public.reports;
begin
  select * into t from private.check_report_target(v_type, v_id);
  if p_reason is null
     or p_reason not in ('spam', 'scam', 'harassment', 'inappropriate', 'impersonation', 'other') then
    raise exception using errcode = 'SC400', message = 'Choose a reason', detail = 'reason';
  elsif char_length(v_details) > 1000 then
    raise exception using errcode = 'SC400', message = 'Keep the details under 1000 characters',
      detail = 'details';
  elsif p_reason = 'other' and v_details = '' then
    raise exception using errcode = 'SC400', message = 'Tell us what is wrong', detail = 'details';
  end if;
  select * into r from public.reports x
   where x.reporter_id = uid and x.target_type = v_type and x.target_id = v_id and x.status = 'open';
  if found then
    return r;
  end if;
  if (select count(*) from public.reports x
       where x.reporter_id = uid and x.created_at > now() - interval '1 day') >= 30 then
    raise exception using errcode = 'SC429',
      message = 'You have sent many reports today: our moderators are on them. Try again tomorrow',
      detail = 'report';
  end if;
  begin
    insert into public.reports (reporter_id, target_type, target_id, target_label, reason, details)
    values (uid, v_type, v_id, t.label, p_reason, v_details)
    returning * into r;
  exception when unique_violation then
    -- The same report, sent twice at once: the first one stands.
    select * into r from public.reports x
     where x.reporter_id = uid and x.target_type = v_type and x.target_id = v_id
       and x.status = 'open';
  end;
  return r;
end $$;

/*
 * private.set_hidden(p_type text, p_id text, p_reason text) returns boolean
 * Hides the target (p_reason not null: keeps an earlier hidden_at) or shows it again (null);
 * false when it does not exist. A hidden profile is the user's musician and client profiles.
 */
create or replace function private.set_hidden(p_type text, p_id text, p_reason text)
returns boolean
language plpgsql security definer set search_path = '' as $$
declare
  n integer := 0;
  k integer := 0;
begin
  if p_type = 'gig' then
    update public.gigs set hidden_reason = p_reason,
           hidden_at = case when p_reason is not null then coalesce(hidden_at, now()) end
     where id = p_id::uuid;
    get diagnostics n = row_count;
  elsif p_type = 'message' then
    update public.messages set hidden_reason = p_reason,
           hidden_at = case when p_reason is not null then coalesce(hidden_at, now()) end
     where id = p_id::bigint;
    get diagnostics n = row_count;
  elsif p_type = 'artist' then
    update public.artists set hidden_reason = p_reason,
           hidden_at = case when p_reason is not null then coalesce(hidden_at, now()) end
     where id = p_id::uuid;
    get diagnostics n = row_count;
  elsif p_type = 'profile' then
    update public.musician_profiles set hidden_reason = p_reason,
           hidden_at = case when p_reason is not null then coalesce(hidden_at, now()) end
     where id = p_id::uuid;
    get diagnostics n = row_count;
    update public.client_profiles set hidden_reason = p_reason,
           hidden_at = case when p_reason is not null then coalesce(hidden_at, now()) end
     where id = p_id::uuid;
    get diagnostics k = row_count;
  end if;
  return n + k > 0;
end $$;

/*
 * public.admin_resolve_report(p_report uuid, p_action text, p_note text) returns public.reports
 * An admin decides the report, and with it every open report on the same target: 'hide' hides
 * the target (its hidden_reason: the note, else the report's reason) and marks them hidden;
 * 'dismiss' leaves it up. Each reporter is told (kind 'report_resolved', link /reports); the
 * decision is audited with the target's hidden state and the reports before and after.
 * SC403 unless admin; SC400 action / note (up to 1000 characters); SC404 report; SC409 when the
 * report was already decided.
 */
create or replace function public.admin_resolve_report(
  p_report uuid, p_action text, p_note text default null
) returns public.reports
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := (select auth.uid());
  v_note text := nullif(btrim(coalesce(p_note, '')), '');
  v_status text;
  v_word text;
  v_ids uuid[] := '{}';
  r public.reports;
  x public.reports;
  t record;
  t2 record;
begin
  if not private.is_admin() then
    raise exception using errcode = 'SC403', message = 'Only admins decide reports', detail = 'report';
  elsif p_action is null or p_action not in ('hide', 'dismiss') then
    raise exception using errcode = 'SC400', message = 'Choose hide or dismiss', detail = 'action';
  elsif char_length(v_note) > 1000 then
    raise exception using errcode = 'SC400', message = 'Keep the note under 1000 characters',
      detail = 'note';
  end if;
  select * into r from public.reports where id = p_report for update;
  if not found then
    raise exception using errcode = 'SC404', message = 'Report not found', detail = 'report';
  elsif r.status <> 'open' then
    raise exception using errcode = 'SC409', message = 'This report was already decided',
      detail = 'report';
  end if;
  -- Every open report on the target, in one order, so two admins deciding at once queue up.
  perform 1 from public.reports o
    where o.target_type = r.target_type and o.target_id = r.target_id and o.status = 'open'
    order by o.id for update;
  select * into t from private.report_target(r.target_type, r.target_id);
  v_status := case p_action when 'hide' then 'hidden' else 'dismissed' end;
  if p_action = 'hide' then
    perform private.set_hidden(r.target_type, r.target_id,
                               coalesce(v_note, private.report_reason_label(r.reason)));
  end if;
  v_word := r.target_type;
  for x in
    update public.reports o
       set status = v_status, resolved_at = now(), resolved_by = uid, resolution_note = v_note
     where o.target_type = r.target_type and o.target_id = r.target_id and o.status = 'open'
    returning o.*
  loop
    v_ids := v_ids || x.id;
    perform private.notify(x.reporter_id, 'report_resolved',
      case when p_action = 'hide' then 'We removed the ' || v_word || ' you reported'
           else 'We looked at the ' || v_word || ' you reported' end,
      case when p_action = 'hide'
           then '“' || x.target_label || '” broke our rules and is hidden now. Thank you for telling us.'
           else '“' || x.target_label || '”: we found no breach of our rules, so it stays up.' end
        || coalesce(' Moderator''s note: ' || v_note, ''),
      '/reports');
  end loop;
  select * into t2 from private.report_target(r.target_type, r.target_id);
  perform private.admin_audit('moderation.' || p_action, r.target_type, r.target_id,
    jsonb_build_object('hidden_at', t.hidden_at, 'hidden_reason', t.hidden_reason,
                       'open_reports', to_jsonb(v_ids)),
    jsonb_build_object('hidden_at', t2.hidden_at, 'hidden_reason', t2.hidden_reason,
                       'reports', to_jsonb(v_ids), 'status', v_status),
    v_note);
  select * into r from public.reports where id = p_report;
  return r;
end $$;

/*
 * public.admin_unhide(p_target_type text, p_target_id text, p_note text) returns boolean
 * An admin shows hidden content again (the reports keep their outcome); audited. SC403 unless
 * admin; SC400 target_type / target_id / note; SC404 target_id; SC409 when it is not hidden.
 */
create or replace function public.admin_unhide(
  p_target_type text, p_target_id text, p_note text default null
) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
  v_type text := lower(btrim(p_target_type));
  v_id text := lower(btrim(p_target_id));
  v_note text := nullif(btrim(coalesce(p_note, '')), '');
  t record;
begin
  if not private.is_admin() then
    raise exception using errcode = 'SC403', message = 'Only admins restore content', detail = 'target_id';
  elsif v_type is null or v_type not in ('profile', 'gig', 'message', 'artist') then
    raise exception using errcode = 'SC400', message = 'Restore a profile, a gig, a message or an artist',
      detail = 'target_type';
  elsif v_id is null or (case when v_type = 'message' then v_id !~ '^[1-9][0-9]{0,17}$'
        else v_id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' end) then
    raise exception using errcode = 'SC400', message = 'This does not name a ' || v_type,
      detail = 'target_id';
  elsif char_length(v_note) > 1000 then
    raise exception using errcode = 'SC400', message = 'Keep the note under 1000 characters',
      detail = 'note';
  end if;
  select * into t from private.report_target(v_type, v_id);
  if not found then
    raise exception using errcode = 'SC404', message = initcap(v_type) || ' not found',
      detail = 'target_id';
  elsif t.hidden_at is null then
    raise exception using errcode = 'SC409', message = 'This ' || v_type || ' is not hidden',
      detail = 'target_id';
  end if;
  perform private.set_hidden(v_type, v_id, null);
  perform private.admin_audit('moderation.unhide', v_type, v_id,
    jsonb_build_object('hidden_at', t.hidden_at, 'hidden_reason', t.hidden_reason),
    jsonb_build_object('hidden_at', null, 'hidden_reason', null), v_note);
  return true;
end $$;

/*
 * public.admin_reports(p_state text default 'open', p_limit integer default 100)
 *   returns table (target_type, target_id, label, excerpt, link, owner_id, owner_name, hidden_at,
 *                  hidden_reason, report_count, first_at, last_at, reports)
 * The admins' queue, one row per target: 'open' (most reported first, then oldest), or
 * 'resolved' (latest decision first), with each report (reason, details, reporter, outcome) in
 * `reports`, oldest first. SC403 unless admin; SC400 state.
 */
create or replace function public.admin_reports(p_state text default 'open', p_limit integer default 100)
returns table (
  target_type text, target_id text, label text, excerpt text, link text, owner_id uuid,
  owner_name text, hidden_at timestamptz, hidden_reason text, report_count integer,
  first_at timestamptz, last_at timestamptz, reports jsonb
)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_admin() then
    raise exception using errcode = 'SC403', message = 'Only admins see the reports', detail = 'report';
  elsif p_state is null or p_state not in ('open', 'resolved') then
    raise exception using errcode = 'SC400', message = 'Show open or resolved reports', detail = 'show';
  end if;
  return query
    with grouped as (
      select r.target_type as tt, r.target_id as tid, count(*)::integer as n,
             min(r.created_at) as first_at, max(coalesce(r.resolved_at, r.created_at)) as last_at,
             jsonb_agg(jsonb_build_object(
               'id', r.id, 'reason', r.reason, 'details', r.details, 'status', r.status,
               'label', r.target_label, 'created_at', r.created_at, 'resolved_at', r.resolved_at,
               'resolution_note', r.resolution_note,
               'reporter_name', coalesce(rp.display_name, 'Someone'),
               'resolved_by_name', rb.display_name) order by r.created_at, r.id) as items
        from public.reports r
        left join public.profiles rp on rp.id = r.reporter_id
        left join public.profiles rb on rb.id = r.resolved_by
       where (p_state = 'open') = (r.status = 'open')
       group by r.target_type, r.target_id
    )
    select g.tt, g.tid, coalesce(t.label, g.items -> -1 ->> 'label'), coalesce(t.excerpt, ''),
           t.link, t.owner_id, op.display_name, t.hidden_at, t.hidden_reason, g.n, g.first_at,
           g.last_at, g.items
      from grouped g
      left join lateral private.report_target(g.tt, g.tid) t on true
      left join public.profiles op on op.id = t.owner_id
     order by case when p_state = 'open' then g.n end desc nulls last,
              case when p_state = 'open' then g.first_at end,
              g.last_at desc, g.tt, g.tid
     limit least(greatest(coalesce(p_limit, 100), 1), 500);
end $$;

/*
 * public.own_hidden(p_target_type text, p_ids text[]) returns table (target_id text, hidden_reason text)
 * The caller's own content among p_ids that moderators hid, with the reason: pages tell owners
 * "Hidden by moderators: <reason>" (a message's sender among a conversation's messages).
 */
create or replace function public.own_hidden(p_target_type text, p_ids text[])
returns table (target_id text, hidden_reason text)
language sql stable security invoker set search_path = '' as $$
  select g.id::text, g.hidden_reason from public.gigs g
   where p_target_type = 'gig' and g.id::text = any (p_ids)
     and g.client_id = (select auth.uid()) and g.hidden_at is not null
  union all
  select m.id::text, m.hidden_reason from public.musician_profiles m
   where p_target_type = 'profile' and m.id::text = any (p_ids)
     and m.id = (select auth.uid()) and m.hidden_at is not null
  union all
  select c.id::text, c.hidden_reason from public.client_profiles c
   where p_target_type = 'profile' and c.id::text = any (p_ids)
     and c.id = (select auth.uid()) and c.hidden_at is not null
     and not exists (select 1 from public.musician_profiles m
                      where m.id = c.id and m.hidden_at is not null)
  union all
  select m.id::text, m.hidden_reason from public.messages m
   where p_target_type = 'message' and m.id::text = any (p_ids)
     and m.sender_id = (select auth.uid()) and m.hidden_at is not null
  union all
  select a.id::text, a.hidden_reason from public.artists a
   where p_target_type = 'artist' and a.id::text = any (p_ids)
     and a.owner_id = (select auth.uid()) and a.hidden_at is not null
$$;

-- grants: functions ---------------------------------------------------------------------------------
revoke execute on function
  private.report_reason_label(text), private.report_target(text, text),
  private.check_report_target(text, text), private.set_hidden(text, text, text),
  public.report_target_label(text, text), public.report_content(text, text, text, text),
  public.admin_resolve_report(uuid, text, text), public.admin_unhide(text, text, text),
  public.admin_reports(text, integer), public.own_hidden(text, text[])
  from public, anon, authenticated;
grant execute on function
  public.report_target_label(text, text), public.report_content(text, text, text, text),
  public.admin_resolve_report(uuid, text, text), public.admin_unhide(text, text, text),
  public.admin_reports(text, integer), public.own_hidden(text, text[])
  to authenticated;
