-- The scout acting for people who opted in (issue 17, items 3, 4 and 6): auto-apply for
-- musicians (an approved proposal template and rules), auto-shortlist for clients (rules), an
-- append-only audit trail of everything it did or chose not to do, and the daily digest of new
-- gigs (platform and external). The `scouting` queue (lib/domains/scout/queue.ts) does the work:
-- triggers here queue `auto_apply_gig` when a gig is published and `auto_shortlist` when an
-- application arrives for a client who opted in; `digest` messages are queued once a day.
--
-- Acting for someone is one security-definer function each (private.auto_apply,
-- private.auto_shortlist): it locks the person's settings row, re-checks the rules and the daily
-- cap under that lock (two workers never exceed the cap), then runs the existing
-- private.apply_to_gig / private.shortlist_application with the person's identity set for that
-- call only, so every check and notification of those functions still applies. Daily caps count
-- in UTC days (profiles carry no time zone).
-- Errors follow lib/ports/db/errors.ts (SC400/403/404/409 with the field in DETAIL).

-- notification kinds ----------------------------------------------------------------------------------
insert into public.notification_kinds
  (kind, label, description, position, default_email, sms_available, email_digest) values
  ('auto_applied', 'Auto-apply', 'The scout applied to a gig for you', 250, true, true, false),
  ('auto_shortlisted', 'Auto-shortlist', 'The scout shortlisted an applicant for you', 260, false,
   false, false),
  ('gig_digest', 'Daily gig digest', 'Once a day: new gigs that fit you, here and elsewhere', 270,
   true, false, false)
on conflict (kind) do update set label = excluded.label, description = excluded.description,
  position = excluded.position, default_email = excluded.default_email,
  sms_available = excluded.sms_available, email_digest = excluded.email_digest;

-- tables -------------------------------------------------------------------------------------------------
create table if not exists public.auto_apply_settings (
  musician_id uuid not null,
  enabled boolean not null default false,
  template text not null default '',
  template_approved_at timestamptz,             -- null until approved; an edit clears it
  min_fee_minor integer,                        -- in `currency`; null: any fee
  currency text not null default 'EUR',
  max_distance_km integer,                      -- from the profile's location; null: any
  genres text[] not null default '{}',          -- any of; empty: any genre
  weekdays smallint[] not null default '{1,2,3,4,5,6,7}', -- ISO: 1 Monday … 7 Sunday
  daily_cap integer not null default 5,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint auto_apply_settings_pkey primary key (musician_id),
  constraint auto_apply_settings_musician_id_fkey foreign key (musician_id)
    references public.musician_profiles (id) on delete cascade,
  constraint auto_apply_settings_template_length check (char_length(template) <= 5000),
  constraint auto_apply_settings_enabled_check check (not enabled or template_approved_at is not null),
  constraint auto_apply_settings_min_fee_check check (min_fee_minor is null or min_fee_minor >= 0),
  constraint auto_apply_settings_currency_check check (currency ~ '^[A-Z]{3}$'),
  constraint auto_apply_settings_distance_check check (
    max_distance_km is null or max_distance_km between 1 and 20000),
  constraint auto_apply_settings_genres_check check (cardinality(genres) <= 20),
  constraint auto_apply_settings_weekdays_check check (
    cardinality(weekdays) between 1 and 7 and weekdays <@ '{1,2,3,4,5,6,7}'::smallint[]),
  constraint auto_apply_settings_daily_cap_check check (daily_cap between 1 and 20)
);
create index if not exists auto_apply_settings_enabled_idx on public.auto_apply_settings (musician_id)
  where enabled;

create table if not exists public.auto_shortlist_settings (
  client_id uuid not null,
  enabled boolean not null default false,
  within_budget boolean not null default true,  -- the quote at most the gig's top budget
  max_distance_km integer,                      -- the musician's location from the gig's
  genres text[] not null default '{}',          -- the musician plays any of; empty: any
  instruments text[] not null default '{}',
  min_rating numeric(3, 2),                     -- null: any (unrated musicians too)
  daily_cap integer not null default 5,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint auto_shortlist_settings_pkey primary key (client_id),
  constraint auto_shortlist_settings_client_id_fkey foreign key (client_id)
    references public.profiles (id) on delete cascade,
  constraint auto_shortlist_settings_distance_check check (
    max_distance_km is null or max_distance_km between 1 and 20000),
  constraint auto_shortlist_settings_tags_check check (
    cardinality(genres) <= 20 and cardinality(instruments) <= 20),
  constraint auto_shortlist_settings_min_rating_check check (
    min_rating is null or min_rating between 1 and 5),
  constraint auto_shortlist_settings_daily_cap_check check (daily_cap between 1 and 20)
);
create index if not exists auto_shortlist_settings_enabled_idx
  on public.auto_shortlist_settings (client_id) where enabled;

-- What the scout did, for whom. Append-only: no grant, policy or trigger lets anyone change or
-- remove a row (only deleting the person's account takes theirs, through the foreign key). Gig
-- and application ids are plain values so that a deleted gig does not rewrite the history.
create table if not exists public.scout_audit (
  id bigint generated always as identity,
  user_id uuid not null,                        -- whom it acted for
  action text not null,
  gig_id uuid,
  application_id uuid,
  details jsonb not null default '{}',
  at timestamptz not null default now(),
  constraint scout_audit_pkey primary key (id),
  constraint scout_audit_user_id_fkey foreign key (user_id) references public.profiles (id)
    on delete cascade,
  constraint scout_audit_action_check check (action in ('applied', 'skipped', 'shortlisted',
    'withdrawn', 'settings_changed', 'template_approved', 'enabled', 'disabled')),
  constraint scout_audit_details_check check (
    jsonb_typeof(details) = 'object' and pg_column_size(details) <= 4096)
);
create index if not exists scout_audit_user_id_at_idx on public.scout_audit (user_id, at desc, id desc);
-- Never twice to one gig, whatever happens to the first application.
create unique index if not exists scout_audit_applied_once_idx on public.scout_audit (user_id, gig_id)
  where action = 'applied';
create index if not exists scout_audit_application_id_idx on public.scout_audit (application_id)
  where application_id is not null;

-- The digest's memory: when each musician's last went out (or was queued), and every item sent.
create table if not exists private.scout_digests (
  musician_id uuid not null,
  queued_on date,                               -- UTC day of the last queued digest
  sent_at timestamptz,
  constraint scout_digests_pkey primary key (musician_id),
  constraint scout_digests_musician_id_fkey foreign key (musician_id)
    references public.musician_profiles (id) on delete cascade
);
create table if not exists private.scout_digest_items (
  musician_id uuid not null,
  item_kind text not null,                      -- 'gig' | 'external'
  item_id uuid not null,
  sent_at timestamptz not null default now(),
  constraint scout_digest_items_pkey primary key (musician_id, item_kind, item_id),
  constraint scout_digest_items_musician_id_fkey foreign key (musician_id)
    references public.musician_profiles (id) on delete cascade,
  constraint scout_digest_items_item_kind_check check (item_kind in ('gig', 'external'))
);

-- grants and RLS ------------------------------------------------------------------------------------------
revoke all on public.auto_apply_settings, public.auto_shortlist_settings, public.scout_audit
  from anon, authenticated, service_role;
grant select on public.auto_apply_settings, public.auto_shortlist_settings, public.scout_audit
  to authenticated;
grant select on public.auto_apply_settings, public.auto_shortlist_settings to service_role;
grant select, insert on public.scout_audit to service_role;
grant select, insert, update on private.scout_digests, private.scout_digest_items to service_role;

alter table public.auto_apply_settings enable row level security;
alter table public.auto_shortlist_settings enable row level security;
alter table public.scout_audit enable row level security;
alter table private.scout_digests enable row level security;
alter table private.scout_digest_items enable row level security;

drop policy if exists "Musicians read their auto-apply settings" on public.auto_apply_settings;
create policy "Musicians read their auto-apply settings" on public.auto_apply_settings
  for select to authenticated using (musician_id = (select auth.uid()));
drop policy if exists "Clients read their auto-shortlist settings" on public.auto_shortlist_settings;
create policy "Clients read their auto-shortlist settings" on public.auto_shortlist_settings
  for select to authenticated using (client_id = (select auth.uid()));
drop policy if exists "People read what the scout did for them" on public.scout_audit;
create policy "People read what the scout did for them" on public.scout_audit
  for select to authenticated using (user_id = (select auth.uid()));
-- service_role bypasses RLS (as on Supabase): the grants above are what limit it.

-- Append-only even for the table's owner and superusers' sessions: an update or a delete fails,
-- except the cascade from deleting the person's account (a foreign-key action runs inside the RI
-- trigger, so the depth is above 1).
create or replace function private.scout_audit_append_only() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'DELETE' and pg_catalog.pg_trigger_depth() > 1 then
    return old;
  end if;
  raise exception using errcode = 'SC403', message = 'The scout''s audit trail cannot be changed',
    detail = 'scout_audit';
end $$;
drop trigger if exists scout_audit_append_only on public.scout_audit;
create trigger scout_audit_append_only before update or delete on public.scout_audit
  for each row execute function private.scout_audit_append_only();
drop trigger if exists scout_audit_no_truncate on public.scout_audit;
create trigger scout_audit_no_truncate before truncate on public.scout_audit
  for each statement execute function private.scout_audit_append_only();

-- helpers ------------------------------------------------------------------------------------------------
create or replace function private.scout_log(
  p_user_id uuid, p_action text, p_gig_id uuid, p_application_id uuid, p_details jsonb
) returns void
language sql security definer set search_path = '' as $$
  insert into public.scout_audit (user_id, action, gig_id, application_id, details)
  values (p_user_id, p_action, p_gig_id, p_application_id, coalesce(p_details, '{}'))
$$;

/*
 * private.as_user(p_user_id uuid) returns text
 * Makes the rest of the transaction's auth.uid() p_user_id and returns the claims it replaced, for
 * private.restore_claims. Only the acting functions below call it, around one call each.
 */
create or replace function private.as_user(p_user_id uuid) returns text
language plpgsql set search_path = '' as $$
declare
  v_old text := coalesce(current_setting('request.jwt.claims', true), '');
begin
  perform set_config('request.jwt.claims',
    jsonb_build_object('sub', p_user_id, 'role', 'authenticated')::text, true);
  perform set_config('request.jwt.claim.sub', p_user_id::text, true);
  return v_old;
end $$;

create or replace function private.restore_claims(p_old text) returns void
language plpgsql set search_path = '' as $$
begin
  perform set_config('request.jwt.claims', p_old, true);
  perform set_config('request.jwt.claim.sub', '', true);
end $$;

-- The start of today, UTC: where the daily caps count from.
create or replace function private.scout_day_start() returns timestamptz
language sql stable set search_path = '' as $$
  select date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'
$$;

/*
 * private.scout_km(m_lat, m_lng, m_city, g_lat, g_lng, g_city) returns float8
 * Kilometres between a musician and a gig. Gigs posted from the form carry a city but no
 * coordinates: the same city counts as 0 km, and a side without coordinates is placed where its
 * city is (public.city_coordinates, the directory's). Null when still unknown.
 */
create or replace function private.scout_km(
  m_lat double precision, m_lng double precision, m_city text,
  g_lat double precision, g_lng double precision, g_city text
) returns double precision
language plpgsql stable security definer set search_path = '' as $$
declare
  v_m text := lower(regexp_replace(btrim(coalesce(m_city, '')), '\s+', ' ', 'g'));
  v_g text := lower(regexp_replace(btrim(coalesce(g_city, '')), '\s+', ' ', 'g'));
begin
  if m_lat is not null and g_lat is not null then
    return public.distance_km(m_lat, m_lng, g_lat, g_lng);
  elsif v_m <> '' and v_m = v_g then
    return 0;
  end if;
  if m_lat is null and v_m <> '' then
    select c.lat, c.lng into m_lat, m_lng from public.city_coordinates(m_city) c;
  end if;
  if g_lat is null and v_g <> '' then
    select c.lat, c.lng into g_lat, g_lng from public.city_coordinates(g_city) c;
  end if;
  return public.distance_km(m_lat, m_lng, g_lat, g_lng);
end $$;

-- settings: auto-apply ---------------------------------------------------------------------------------------
/*
 * public.save_auto_apply_settings(p jsonb) returns public.auto_apply_settings
 * p: {template, min_fee_minor, max_distance_km, genres, weekdays, daily_cap}. A changed template
 * needs approving again, and auto-apply is off until it is. The currency is the profile's.
 */
create or replace function private.save_auto_apply_settings(p jsonb) returns public.auto_apply_settings
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := private.require_uid();
  v_currency text;
  cur public.auto_apply_settings;
  s public.auto_apply_settings;
  v_template text := btrim(coalesce(p ->> 'template', ''));
  v_changed boolean;
begin
  select m.currency into v_currency from public.musician_profiles m where m.id = uid;
  if v_currency is null then
    raise exception using errcode = 'SC403', message = 'Create your musician profile first',
      detail = 'musician_profile';
  elsif jsonb_typeof(p) is distinct from 'object' then
    raise exception using errcode = 'SC400', message = 'Send the settings as an object', detail = 'settings';
  elsif char_length(v_template) > 5000 then
    raise exception using errcode = 'SC400', message = 'Keep the template under 5000 characters',
      detail = 'template';
  end if;
  select * into cur from public.auto_apply_settings where musician_id = uid for update;
  v_changed := cur.musician_id is null or cur.template <> v_template;
  begin
    insert into public.auto_apply_settings as x (musician_id, template, currency, min_fee_minor,
      max_distance_km, genres, weekdays, daily_cap)
    values (uid, v_template, v_currency, (p ->> 'min_fee_minor')::integer,
      (p ->> 'max_distance_km')::integer,
      private.normalise_tags(array(select jsonb_array_elements_text(coalesce(p -> 'genres', '[]')))),
      case when p -> 'weekdays' is null then '{1,2,3,4,5,6,7}'::smallint[]
           else array(select distinct d::smallint from jsonb_array_elements_text(p -> 'weekdays') d
                       order by 1) end,
      coalesce((p ->> 'daily_cap')::integer, 5))
    on conflict (musician_id) do update set template = excluded.template,
      currency = excluded.currency, min_fee_minor = excluded.min_fee_minor,
      max_distance_km = excluded.max_distance_km, genres = excluded.genres,
      weekdays = excluded.weekdays, daily_cap = excluded.daily_cap,
      template_approved_at = case when v_changed then null else x.template_approved_at end,
      enabled = x.enabled and not v_changed, updated_at = now()
    returning * into s;
  exception
    when check_violation then
      raise exception using errcode = 'SC400', message = 'Check the rules: ' || sqlerrm,
        detail = case
          when sqlerrm like '%daily_cap%' then 'daily_cap'
          when sqlerrm like '%weekdays%' then 'weekdays'
          when sqlerrm like '%distance%' then 'max_distance_km'
          when sqlerrm like '%min_fee%' then 'min_fee_minor'
          when sqlerrm like '%genres%' then 'genres'
          else 'settings' end;
    when invalid_text_representation or numeric_value_out_of_range or invalid_parameter_value then
      raise exception using errcode = 'SC400', message = 'Numbers only in the rules', detail = 'settings';
  end;
  perform private.scout_log(uid, 'settings_changed', null, null, jsonb_build_object(
    'scope', 'auto_apply', 'template_changed', v_changed, 'min_fee_minor', s.min_fee_minor,
    'currency', s.currency, 'max_distance_km', s.max_distance_km, 'genres', s.genres,
    'weekdays', s.weekdays, 'daily_cap', s.daily_cap));
  if cur.enabled and not s.enabled then
    perform private.scout_log(uid, 'disabled', null, null,
      jsonb_build_object('scope', 'auto_apply', 'why', 'The template changed: approve it again'));
  end if;
  return s;
end $$;

create or replace function public.save_auto_apply_settings(p jsonb) returns public.auto_apply_settings
language sql security invoker set search_path = '' as $$
  select * from private.save_auto_apply_settings(p)
$$;

/*
 * public.approve_auto_apply_template(p_template text) returns public.auto_apply_settings
 * Approves the saved template; p_template is the text the musician read, and must still be it.
 */
create or replace function private.approve_auto_apply_template(p_template text)
returns public.auto_apply_settings
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := private.require_uid();
  s public.auto_apply_settings;
begin
  select * into s from public.auto_apply_settings where musician_id = uid for update;
  if not found then
    raise exception using errcode = 'SC404', message = 'Save a template first', detail = 'template';
  elsif s.template <> btrim(coalesce(p_template, '')) then
    raise exception using errcode = 'SC409', message = 'The template changed since you read it: review it again',
      detail = 'template';
  elsif char_length(s.template) < 20 then
    raise exception using errcode = 'SC400', message = 'Write a template of at least 20 characters',
      detail = 'template';
  elsif s.template not like '%{gig_title}%' then
    raise exception using errcode = 'SC400',
      message = 'Mention the gig: put {gig_title} in the template', detail = 'template';
  end if;
  update public.auto_apply_settings set template_approved_at = now(), updated_at = now()
   where musician_id = uid returning * into s;
  perform private.scout_log(uid, 'template_approved', null, null,
    jsonb_build_object('scope', 'auto_apply', 'template', left(s.template, 1000)));
  return s;
end $$;

create or replace function public.approve_auto_apply_template(p_template text)
returns public.auto_apply_settings
language sql security invoker set search_path = '' as $$
  select * from private.approve_auto_apply_template(p_template)
$$;

/*
 * public.set_auto_apply(p_enabled boolean) returns public.auto_apply_settings
 * On only with an approved template (SC409 otherwise).
 */
create or replace function private.set_auto_apply(p_enabled boolean) returns public.auto_apply_settings
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := private.require_uid();
  s public.auto_apply_settings;
begin
  select * into s from public.auto_apply_settings where musician_id = uid for update;
  if p_enabled and (not found or s.template_approved_at is null) then
    raise exception using errcode = 'SC409', message = 'Approve your proposal template first',
      detail = 'template';
  elsif not found then
    raise exception using errcode = 'SC404', message = 'Nothing to switch off yet', detail = 'enabled';
  end if;
  if s.enabled is distinct from p_enabled then
    update public.auto_apply_settings set enabled = p_enabled, updated_at = now()
     where musician_id = uid returning * into s;
    perform private.scout_log(uid, case when p_enabled then 'enabled' else 'disabled' end, null, null,
      jsonb_build_object('scope', 'auto_apply'));
  end if;
  return s;
end $$;

create or replace function public.set_auto_apply(p_enabled boolean) returns public.auto_apply_settings
language sql security invoker set search_path = '' as $$
  select * from private.set_auto_apply(p_enabled)
$$;

-- settings: auto-shortlist -------------------------------------------------------------------------------------
/*
 * public.save_auto_shortlist_settings(p jsonb) returns public.auto_shortlist_settings
 * p: {enabled, within_budget, max_distance_km, genres, instruments, min_rating, daily_cap}.
 * Clients only.
 */
create or replace function private.save_auto_shortlist_settings(p jsonb)
returns public.auto_shortlist_settings
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := private.require_uid();
  cur public.auto_shortlist_settings;
  s public.auto_shortlist_settings;
begin
  if not exists (select from public.profiles pr where pr.id = uid and pr.is_client) then
    raise exception using errcode = 'SC403', message = 'Auto-shortlist is for people who post gigs',
      detail = 'client_profile';
  elsif jsonb_typeof(p) is distinct from 'object' then
    raise exception using errcode = 'SC400', message = 'Send the settings as an object', detail = 'settings';
  end if;
  select * into cur from public.auto_shortlist_settings where client_id = uid for update;
  begin
    insert into public.auto_shortlist_settings as x (client_id, enabled, within_budget,
      max_distance_km, genres, instruments, min_rating, daily_cap)
    values (uid, coalesce((p ->> 'enabled')::boolean, false),
      coalesce((p ->> 'within_budget')::boolean, true), (p ->> 'max_distance_km')::integer,
      private.normalise_tags(array(select jsonb_array_elements_text(coalesce(p -> 'genres', '[]')))),
      private.normalise_tags(array(select jsonb_array_elements_text(coalesce(p -> 'instruments', '[]')))),
      (p ->> 'min_rating')::numeric, coalesce((p ->> 'daily_cap')::integer, 5))
    on conflict (client_id) do update set enabled = excluded.enabled,
      within_budget = excluded.within_budget, max_distance_km = excluded.max_distance_km,
      genres = excluded.genres, instruments = excluded.instruments,
      min_rating = excluded.min_rating, daily_cap = excluded.daily_cap, updated_at = now()
    returning * into s;
  exception
    when check_violation then
      raise exception using errcode = 'SC400', message = 'Check the rules: ' || sqlerrm,
        detail = case
          when sqlerrm like '%daily_cap%' then 'daily_cap'
          when sqlerrm like '%distance%' then 'max_distance_km'
          when sqlerrm like '%rating%' then 'min_rating'
          else 'settings' end;
    when invalid_text_representation or numeric_value_out_of_range or invalid_parameter_value then
      raise exception using errcode = 'SC400', message = 'Numbers only in the rules', detail = 'settings';
  end;
  perform private.scout_log(uid, 'settings_changed', null, null, jsonb_build_object(
    'scope', 'auto_shortlist', 'within_budget', s.within_budget, 'max_distance_km', s.max_distance_km,
    'genres', s.genres, 'instruments', s.instruments, 'min_rating', s.min_rating,
    'daily_cap', s.daily_cap));
  if s.enabled is distinct from coalesce(cur.enabled, false) then
    perform private.scout_log(uid, case when s.enabled then 'enabled' else 'disabled' end, null, null,
      jsonb_build_object('scope', 'auto_shortlist'));
  end if;
  return s;
end $$;

create or replace function public.save_auto_shortlist_settings(p jsonb)
returns public.auto_shortlist_settings
language sql security invoker set search_path = '' as $$
  select * from private.save_auto_shortlist_settings(p)
$$;

-- acting: auto-apply -----------------------------------------------------------------------------------------
/*
 * private.auto_apply(p_musician_id uuid, p_gig_id uuid, p_proposal text, p_fee_minor integer,
 *                    p_details jsonb) returns text   (service: the scouting queue's commit)
 * Applies for the musician when their settings are on with an approved template, the gig meets
 * their rules, they are free that day and under today's cap; audits 'applied' or 'skipped' with
 * the reason. Returns 'applied', 'skipped' or 'ignored' (off, own gig, closed gig, applied before:
 * nothing to tell). The settings row is locked first, so concurrent calls count the cap in turn.
 */
create or replace function private.auto_apply(
  p_musician_id uuid, p_gig_id uuid, p_proposal text, p_fee_minor integer, p_details jsonb
) returns text
language plpgsql security definer set search_path = '' as $$
declare
  s public.auto_apply_settings;
  g public.gigs;
  m public.musician_profiles;
  a public.applications;
  v_claims text;
  v_why text;
  v_km double precision;
  v_today integer;
  v_details jsonb := coalesce(p_details, '{}');
begin
  select * into s from public.auto_apply_settings where musician_id = p_musician_id for update;
  if not found or not s.enabled or s.template_approved_at is null then
    return 'ignored';
  end if;
  select * into g from public.gigs where id = p_gig_id;
  select * into m from public.musician_profiles where id = p_musician_id;
  if g.id is null or m.id is null or g.client_id = p_musician_id or g.status <> 'published'
     or (g.visibility <> 'public' and not exists (select from public.gig_invites i
           where i.gig_id = g.id and i.musician_id = p_musician_id))
     or exists (select from public.scout_audit x where x.user_id = p_musician_id
                  and x.gig_id = g.id and x.action = 'applied')
     or exists (select from public.applications x where x.gig_id = g.id
                  and x.musician_id = p_musician_id) then
    return 'ignored';
  end if;
  v_km := case when g.remote then null
               else private.scout_km(m.lat, m.lng, m.city, g.lat, g.lng, g.city) end;
  v_why := case
    when coalesce(g.apply_by, g.starts_at) <= now() then 'The deadline to apply has passed'
    when s.min_fee_minor is not null and g.currency <> s.currency then
      'The gig pays in ' || g.currency || ', your minimum is in ' || s.currency
    when s.min_fee_minor is not null and g.budget_max_minor is not null
         and g.budget_max_minor < s.min_fee_minor then 'The budget is below your minimum fee'
    when s.max_distance_km is not null and not g.remote and v_km is null then
      'The distance is unknown (no location on the gig or your profile)'
    when s.max_distance_km is not null and v_km > s.max_distance_km then
      'It is ' || round(v_km::numeric) || ' km away, beyond your ' || s.max_distance_km || ' km'
    when cardinality(s.genres) > 0 and not (g.genres && s.genres) then
      'None of your chosen genres'
    when not (extract(isodow from g.starts_at at time zone g.timezone)::smallint = any (s.weekdays)) then
      'Not on one of your days (' || trim(to_char(g.starts_at at time zone g.timezone, 'Day')) || ')'
    when (g.starts_at at time zone g.timezone)::date = any (m.blocked_dates) then
      'You marked that day as unavailable'
    when exists (select from public.bookings b where b.musician_id = p_musician_id
                   and b.status <> 'cancelled'
                   and tstzrange(b.starts_at, b.ends_at) && tstzrange(g.starts_at,
                     g.starts_at + make_interval(mins => g.duration_minutes))) then
      'You are already booked then'
    when p_fee_minor is null or p_fee_minor < 0
         or (g.budget_max_minor is not null and p_fee_minor > g.budget_max_minor) then
      'The quote does not fit the budget'
    end;
  if v_why is null then
    select count(*)::int into v_today from public.scout_audit x
     where x.user_id = p_musician_id and x.action = 'applied' and x.at >= private.scout_day_start();
    if v_today >= s.daily_cap then
      v_why := 'cap reached';
      v_details := v_details || jsonb_build_object('daily_cap', s.daily_cap);
    end if;
  end if;
  if v_why is not null then
    perform private.scout_log(p_musician_id, 'skipped', g.id, null,
      v_details || jsonb_build_object('scope', 'auto_apply', 'why', v_why, 'gig_title', g.title));
    return 'skipped';
  end if;
  -- A refusal of apply_to_gig (its own checks) is a skip for this musician, not a failed job for
  -- everyone: the subtransaction undoes it, the borrowed identity included.
  begin
    v_claims := private.as_user(p_musician_id);
    a := private.apply_to_gig(g.id, p_proposal, p_fee_minor, null, '{}');
    perform private.restore_claims(v_claims);
  exception when sqlstate 'SC400' or sqlstate 'SC403' or sqlstate 'SC404' or sqlstate 'SC409' then
    perform private.scout_log(p_musician_id, 'skipped', g.id, null,
      v_details || jsonb_build_object('scope', 'auto_apply', 'why', sqlerrm, 'gig_title', g.title));
    return 'skipped';
  end;
  perform private.scout_log(p_musician_id, 'applied', g.id, a.id, v_details || jsonb_build_object(
    'scope', 'auto_apply', 'gig_title', g.title, 'quoted_fee_minor', a.quoted_fee_minor,
    'currency', a.currency));
  perform private.notify(p_musician_id, 'auto_applied', 'We applied for you: ' || g.title,
    'Quoted ' || private.format_money(a.quoted_fee_minor, a.currency)
      || '. Not right? Withdraw with one click.',
    '/my/applications/' || a.id);
  return 'applied';
end $$;

/*
 * private.auto_apply_candidates(p_gig_id uuid) returns json   (service)
 * The musicians who might be applied for when the gig is published: auto-apply on with an
 * approved template, not the gig's owner, not applied yet; with the facts lib/domains/matching
 * scores (semantic similarity when both match vectors exist, else null) and the template.
 */
create or replace function private.auto_apply_candidates(p_gig_id uuid) returns json
language plpgsql stable security definer set search_path = '' as $$
declare
  g record;
  v_rows json;
begin
  select gg.*, gm.match_vector, gm.model into g
    from public.gigs gg left join private.gig_match gm on gm.gig_id = gg.id where gg.id = p_gig_id;
  if not found or g.status <> 'published' then
    return null;
  end if;
  select json_agg(c) into v_rows from (
    select s.musician_id as id, s.template, s.min_fee_minor, s.currency as rule_currency,
           m.stage_name, m.genres, m.instruments, m.lat, m.lng, m.travel_radius_km, m.fee_min_minor,
           m.fee_max_minor, m.currency,
           case when mm.match_vector is not null and g.match_vector is not null
                     and mm.model = g.model
                then -(extensions.subvector(mm.match_vector, 1, 384) operator(extensions.<#>)
                       extensions.subvector(g.match_vector, 1, 384)) end as semantic,
           (g.starts_at at time zone g.timezone)::date = any (m.blocked_dates) as blocked,
           exists (select from public.bookings b where b.musician_id = s.musician_id
                     and b.status <> 'cancelled'
                     and tstzrange(b.starts_at, b.ends_at) && tstzrange(g.starts_at,
                       g.starts_at + make_interval(mins => g.duration_minutes))) as busy
      from public.auto_apply_settings s
      join public.musician_profiles m on m.id = s.musician_id
      left join private.musician_match mm on mm.musician_id = s.musician_id
     where s.enabled and s.template_approved_at is not null and s.musician_id <> g.client_id
       and not exists (select from public.applications a where a.gig_id = g.id
                         and a.musician_id = s.musician_id)) c;
  return json_build_object('gig', json_build_object('id', g.id, 'title', g.title,
      'description', g.description, 'kind', g.kind, 'genres', g.genres, 'instruments', g.instruments,
      'starts_at', g.starts_at, 'timezone', g.timezone, 'duration_minutes', g.duration_minutes,
      'remote', g.remote, 'venue_name', g.venue_name, 'city', g.city, 'country', g.country,
      'lat', g.lat, 'lng', g.lng, 'budget_min_minor', g.budget_min_minor,
      'budget_max_minor', g.budget_max_minor, 'currency', g.currency,
      'evening', extract(hour from g.starts_at at time zone g.timezone) not between 4 and 16),
    'rows', coalesce(v_rows, '[]'));
end $$;

-- acting: auto-shortlist -----------------------------------------------------------------------------------------
/*
 * private.auto_shortlist(p_application_id uuid) returns text   (service: the queue's commit)
 * Shortlists a submitted application for the gig's client when their auto-shortlist is on, the
 * applicant meets the rules and today's cap allows; audits either way (the client's trail).
 * Returns 'shortlisted', 'skipped' or 'ignored'.
 */
create or replace function private.auto_shortlist(p_application_id uuid) returns text
language plpgsql security definer set search_path = '' as $$
declare
  a public.applications;
  g public.gigs;
  m public.musician_profiles;
  s public.auto_shortlist_settings;
  v_claims text;
  v_why text;
  v_km double precision;
  v_today integer;
begin
  select * into a from public.applications where id = p_application_id;
  if not found then
    return 'ignored';
  end if;
  select * into g from public.gigs where id = a.gig_id;
  select * into s from public.auto_shortlist_settings where client_id = g.client_id for update;
  if not found or not s.enabled or a.status <> 'submitted' or g.status <> 'published'
     or exists (select from public.scout_audit x where x.user_id = g.client_id
                  and x.application_id = a.id) then
    return 'ignored';
  end if;
  select * into m from public.musician_profiles where id = a.musician_id;
  v_km := case when g.remote then null
               else private.scout_km(m.lat, m.lng, m.city, g.lat, g.lng, g.city) end;
  v_why := case
    when s.within_budget and g.budget_max_minor is not null and a.quoted_fee_minor > g.budget_max_minor
      then 'The quote is above the budget'
    when s.max_distance_km is not null and not g.remote and v_km is null then
      'The distance is unknown (no location on the gig or the profile)'
    when s.max_distance_km is not null and v_km > s.max_distance_km then
      'The musician is ' || round(v_km::numeric) || ' km away, beyond ' || s.max_distance_km || ' km'
    when cardinality(s.genres) > 0 and not (m.genres && s.genres) then
      'None of the chosen genres'
    when cardinality(s.instruments) > 0 and not (m.instruments && s.instruments) then
      'None of the chosen instruments'
    when s.min_rating is not null and coalesce(m.rating_avg, 0) < s.min_rating then
      'Rated below ' || s.min_rating
    end;
  if v_why is null then
    select count(*)::int into v_today from public.scout_audit x
     where x.user_id = g.client_id and x.action = 'shortlisted' and x.at >= private.scout_day_start();
    if v_today >= s.daily_cap then
      v_why := 'cap reached';
    end if;
  end if;
  if v_why is not null then
    perform private.scout_log(g.client_id, 'skipped', g.id, a.id, jsonb_build_object(
      'scope', 'auto_shortlist', 'why', v_why, 'gig_title', g.title, 'stage_name', m.stage_name));
    return 'skipped';
  end if;
  begin
    v_claims := private.as_user(g.client_id);
    perform private.shortlist_application(a.id);
    perform private.restore_claims(v_claims);
  exception when sqlstate 'SC400' or sqlstate 'SC403' or sqlstate 'SC404' or sqlstate 'SC409' then
    perform private.scout_log(g.client_id, 'skipped', g.id, a.id, jsonb_build_object(
      'scope', 'auto_shortlist', 'why', sqlerrm, 'gig_title', g.title, 'stage_name', m.stage_name));
    return 'skipped';
  end;
  perform private.scout_log(g.client_id, 'shortlisted', g.id, a.id, jsonb_build_object(
    'scope', 'auto_shortlist', 'gig_title', g.title, 'stage_name', m.stage_name));
  perform private.notify(g.client_id, 'auto_shortlisted',
    'We shortlisted ' || coalesce(m.stage_name, 'an applicant') || ': ' || g.title,
    'They met your auto-shortlist rules.', '/gigs/' || g.id || '/applications');
  return 'shortlisted';
end $$;

-- triggers: queueing the work ----------------------------------------------------------------------------------
-- A gig just published: queued only when someone has auto-apply on (most publishes need nothing).
create or replace function private.gigs_queue_auto_apply() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status = 'published' and (tg_op = 'INSERT' or old.status is distinct from 'published')
     and exists (select from public.auto_apply_settings s where s.enabled) then
    perform pgmq.send('scouting', jsonb_build_object('kind', 'auto_apply_gig', 'gig_id', new.id,
      'idempotency_key', 'auto_apply_gig:' || new.id::text));
  end if;
  return null;
end $$;
drop trigger if exists gigs_queue_auto_apply on public.gigs;
create trigger gigs_queue_auto_apply after insert or update of status on public.gigs
  for each row execute function private.gigs_queue_auto_apply();

-- An application arrived for a client with auto-shortlist on.
create or replace function private.applications_queue_auto_shortlist() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if exists (select from public.auto_shortlist_settings s join public.gigs g on g.client_id = s.client_id
              where g.id = new.gig_id and s.enabled) then
    perform pgmq.send('scouting', jsonb_build_object('kind', 'auto_shortlist',
      'application_id', new.id, 'idempotency_key', 'auto_shortlist:' || new.id::text));
  end if;
  return null;
end $$;
drop trigger if exists applications_queue_auto_shortlist on public.applications;
create trigger applications_queue_auto_shortlist after insert on public.applications
  for each row execute function private.applications_queue_auto_shortlist();

-- An application the scout made, withdrawn (by the one-click button or any other way).
create or replace function private.applications_audit_withdrawn() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status = 'withdrawn' and old.status is distinct from 'withdrawn'
     and exists (select from public.scout_audit x where x.application_id = new.id
                   and x.user_id = new.musician_id and x.action = 'applied') then
    perform private.scout_log(new.musician_id, 'withdrawn', new.gig_id, new.id,
      jsonb_build_object('scope', 'auto_apply', 'by', 'you'));
  end if;
  return null;
end $$;
drop trigger if exists applications_audit_withdrawn on public.applications;
create trigger applications_audit_withdrawn after update of status on public.applications
  for each row execute function private.applications_audit_withdrawn();

-- "My applications" from the musician's notifications: "You are on the shortlist" leads to the
-- application itself (the e-mail too: this runs before private.route_notification, by name).
create or replace function private.notifications_link_application() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_app uuid;
begin
  if new.kind = 'shortlisted' and new.link ~ '^/gigs/[0-9a-f-]{36}$' then
    select a.id into v_app from public.applications a
     where a.gig_id = substr(new.link, 7)::uuid and a.musician_id = new.user_id
       and a.status = 'shortlisted'
     order by a.created_at desc limit 1;
    if v_app is not null then
      new.link := '/my/applications/' || v_app;
    end if;
  end if;
  return new;
end $$;
drop trigger if exists notifications_link_application on public.notifications;
create trigger notifications_link_application before insert on public.notifications
  for each row execute function private.notifications_link_application();

-- the daily digest ----------------------------------------------------------------------------------------------
/*
 * private.enqueue_scout_digests(p_now timestamptz default now()) returns integer
 *   (service: the worker hourly; pg_cron on Supabase)
 * Queues one `digest` per musician per UTC day (of p_now: tests move it), for those who get the
 * digest in the app or by e-mail (their notification preferences). Returns how many were queued.
 */
create or replace function private.enqueue_scout_digests(p_now timestamptz default now()) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  n integer := 0;
  v_day date := (p_now at time zone 'UTC')::date;
begin
  for r in
    insert into private.scout_digests as d (musician_id, queued_on)
    select m.id, v_day from public.musician_profiles m
     cross join lateral private.notification_channels(m.id, 'gig_digest') c
     where c.in_app or c.email
    on conflict (musician_id) do update set queued_on = excluded.queued_on
      where d.queued_on is distinct from excluded.queued_on
    returning d.musician_id
  loop
    perform pgmq.send('scouting', jsonb_build_object('kind', 'digest', 'musician_id', r.musician_id,
      'idempotency_key', 'digest:' || r.musician_id::text || ':' || v_day::text));
    n := n + 1;
  end loop;
  return n;
end $$;

/*
 * private.send_scout_digest(p_musician_id uuid, p_gig_ids uuid[], p_external_ids uuid[],
 *                           p_title text, p_body text) returns integer   (service)
 * Records the items and tells the musician once, linking to /matches. Items sent before are
 * dropped; when nothing new is left, nothing is sent. Returns the number of new items.
 */
create or replace function private.send_scout_digest(
  p_musician_id uuid, p_gig_ids uuid[], p_external_ids uuid[], p_title text, p_body text
) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  n integer;
begin
  with added as (
    insert into private.scout_digest_items (musician_id, item_kind, item_id)
    select p_musician_id, 'gig', x from unnest(coalesce(p_gig_ids, '{}')) x
    union all
    select p_musician_id, 'external', x from unnest(coalesce(p_external_ids, '{}')) x
    on conflict do nothing
    returning 1)
  select count(*)::int into n from added;
  if n = 0 then
    return 0;
  end if;
  update private.scout_digests set sent_at = now() where musician_id = p_musician_id;
  perform private.notify(p_musician_id, 'gig_digest', p_title, p_body, '/matches');
  return n;
end $$;

-- schedule: the digest ------------------------------------------------------------------------------------------
do $$
begin
  if not exists (select from pg_available_extensions where name = 'pg_cron') then
    raise notice 'pg_cron not available: the worker queues the daily digests';
    return;
  end if;
  create extension if not exists pg_cron with schema pg_catalog;
  if not exists (select from cron.job where jobname = 'soundcheck-scout-digests') then
    perform cron.schedule('soundcheck-scout-digests', '17 * * * *',
      'select private.enqueue_scout_digests()');
  end if;
end $$;

-- grants: functions ---------------------------------------------------------------------------------------------
revoke execute on function
  private.scout_audit_append_only(), private.scout_log(uuid, text, uuid, uuid, jsonb),
  private.as_user(uuid), private.restore_claims(text), private.scout_day_start(),
  private.scout_km(double precision, double precision, text, double precision, double precision, text),
  private.save_auto_apply_settings(jsonb), private.approve_auto_apply_template(text),
  private.set_auto_apply(boolean), private.save_auto_shortlist_settings(jsonb),
  public.save_auto_apply_settings(jsonb), public.approve_auto_apply_template(text),
  public.set_auto_apply(boolean), public.save_auto_shortlist_settings(jsonb),
  private.auto_apply(uuid, uuid, text, integer, jsonb), private.auto_apply_candidates(uuid),
  private.auto_shortlist(uuid), private.gigs_queue_auto_apply(),
  private.applications_queue_auto_shortlist(), private.applications_audit_withdrawn(),
  private.notifications_link_application(),
  private.enqueue_scout_digests(timestamptz), private.send_scout_digest(uuid, uuid[], uuid[], text, text)
  from public, anon, authenticated;
grant execute on function
  private.save_auto_apply_settings(jsonb), private.approve_auto_apply_template(text),
  private.set_auto_apply(boolean), private.save_auto_shortlist_settings(jsonb),
  public.save_auto_apply_settings(jsonb), public.approve_auto_apply_template(text),
  public.set_auto_apply(boolean), public.save_auto_shortlist_settings(jsonb)
  to authenticated;
grant execute on function
  private.auto_apply(uuid, uuid, text, integer, jsonb), private.auto_apply_candidates(uuid),
  private.auto_shortlist(uuid), private.enqueue_scout_digests(timestamptz),
  private.send_scout_digest(uuid, uuid[], uuid[], text, text)
  to service_role;
