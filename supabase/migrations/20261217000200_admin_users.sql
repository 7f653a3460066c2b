/*
 * Admin users section (/admin/users): search, one user's details, suspensions that end sessions at
 * once, and verified musicians. Every function is an admin's: a thin `security invoker` wrapper in
 * public around a `security definer` body in private that checks private.is_admin() itself and
 * records the change with private.admin_audit() in the same transaction.
 *
 * Supabase: these bodies are owned by the migration role `postgres`, which Supabase's image grants
 * ALL on the auth tables (image migrations 10000000000000_demote-postgres and
 * 20211115181400_update-auth-permissions, with default privileges for the tables Supabase Auth
 * creates later, auth.sessions included). Since April 2025 hosted projects may not create indexes
 * on auth tables, so the search indexes live on a mirror in private, kept by triggers (triggers
 * on auth.users stay allowed).
 */

-- search mirror ----------------------------------------------------------------------------------
-- Lower-cased e-mail and display name per user: what the admin search matches, with trigram
-- indexes for "contains" and btree pattern indexes for prefixes (short queries, e-mail prefixes).
create table if not exists private.admin_user_index (
  user_id uuid not null,
  email text not null default '',
  name text not null default '',
  created_at timestamptz not null default now(),
  constraint admin_user_index_pkey primary key (user_id),
  constraint admin_user_index_user_id_fkey foreign key (user_id)
    references auth.users (id) on delete cascade
);
alter table private.admin_user_index enable row level security;
revoke all on private.admin_user_index from public, anon, authenticated;

-- GIN without a pending list: PGlite has no autovacuum to flush one.
create index if not exists admin_user_index_email_trgm_idx
  on private.admin_user_index using gin (email extensions.gin_trgm_ops) with (fastupdate = off);
create index if not exists admin_user_index_name_trgm_idx
  on private.admin_user_index using gin (name extensions.gin_trgm_ops) with (fastupdate = off);
create index if not exists admin_user_index_email_prefix_idx
  on private.admin_user_index (email text_pattern_ops);
create index if not exists admin_user_index_name_prefix_idx
  on private.admin_user_index (name text_pattern_ops);
create index if not exists admin_user_index_created_idx
  on private.admin_user_index (created_at desc, user_id);

/* private.admin_user_index_refresh(p_user uuid | null): rewrites one user's row (null: everyone). */
create or replace function private.admin_user_index_refresh(p_user uuid default null) returns void
language sql security definer set search_path = '' as $$
  insert into private.admin_user_index (user_id, email, name, created_at)
  select u.id, lower(coalesce(u.email, '')), lower(coalesce(p.display_name, '')),
         coalesce(u.created_at, now())
    from auth.users u left join public.profiles p on p.id = u.id
   where p_user is null or u.id = p_user
  on conflict (user_id) do update set email = excluded.email, name = excluded.name
   where (admin_user_index.email, admin_user_index.name) is distinct from (excluded.email, excluded.name)
$$;

create or replace function private.admin_user_index_sync() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.admin_user_index_refresh(new.id);
  return null;
end $$;

drop trigger if exists admin_user_index_sync on auth.users;
create trigger admin_user_index_sync after insert or update of email on auth.users
  for each row execute function private.admin_user_index_sync();
drop trigger if exists admin_user_index_sync on public.profiles;
create trigger admin_user_index_sync after insert or update of display_name on public.profiles
  for each row execute function private.admin_user_index_sync();

select private.admin_user_index_refresh(null);

revoke all on function private.admin_user_index_refresh(uuid), private.admin_user_index_sync()
  from public, anon, authenticated;

-- suspensions and verification -------------------------------------------------------------------
-- The current suspension's reason (auth.users.banned_until holds its end); past ones are in the
-- audit log. Never shown to the suspended user.
create table if not exists private.user_suspensions (
  user_id uuid not null,
  reason text not null,
  permanent boolean not null default false,
  suspended_by uuid,
  suspended_at timestamptz not null default now(),
  constraint user_suspensions_pkey primary key (user_id),
  constraint user_suspensions_user_id_fkey foreign key (user_id)
    references auth.users (id) on delete cascade,
  constraint user_suspensions_reason_length check (char_length(btrim(reason)) between 1 and 1000)
);
alter table private.user_suspensions enable row level security;
revoke all on private.user_suspensions from public, anon, authenticated;

-- Public, as the profile is: the badge. Who verified is in the audit log (admins only).
alter table public.musician_profiles add column if not exists verified_at timestamptz;

-- helpers ----------------------------------------------------------------------------------------

/* The reason an admin gives: required, trimmed, at most 1000 characters (SC400 naming `reason`). */
create or replace function private.admin_reason(p_reason text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v text := nullif(btrim(coalesce(p_reason, '')), '');
begin
  if v is null then
    raise exception using errcode = 'SC400', message = 'Give a reason', detail = 'reason';
  end if;
  if char_length(v) > 1000 then
    raise exception using errcode = 'SC400', message = 'Keep the reason under 1000 characters',
      detail = 'reason';
  end if;
  return v;
end $$;

-- search -----------------------------------------------------------------------------------------
/*
 * public.admin_search_users(p_query text, p_limit int = 50, p_offset int = 0) returns table(...)
 * Users whose e-mail or display name contains the query (case-insensitive), or whose id it is;
 * an exact e-mail first, then e-mail prefixes, then newest. Short queries (1-2 characters) and
 * e-mail prefixes ("ana@", "ana.m") match as prefixes; an empty query lists the newest users.
 * Admins only (SC403).
 */
create or replace function private.admin_search_users(p_query text, p_limit int, p_offset int)
returns table (
  id uuid, email text, display_name text, is_musician boolean, is_client boolean,
  is_admin boolean, created_at timestamptz, last_sign_in_at timestamptz,
  banned_until timestamptz, ban_reason text, verified boolean, deleted boolean
)
language plpgsql stable security definer set search_path = '' as $$
declare
  v_q text := lower(btrim(coalesce(p_query, '')));
  v_like text;
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 200);
  v_offset int := least(greatest(coalesce(p_offset, 0), 0), 100000);
  v_where text;
begin
  perform private.admin_require('manage users');
  if char_length(v_q) > 200 then
    raise exception using errcode = 'SC400', message = 'Search for at most 200 characters',
      detail = 'q';
  end if;
  v_like := replace(replace(replace(v_q, '\', '\\'), '%', '\%'), '_', '\_');
  -- Dynamic SQL: each query gets a plan for its own pattern (a generic plan cannot use the
  -- prefix indexes).
  v_where := case
    when v_q = '' then 'true'
    when v_q ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then 'i.user_id = $3::uuid'
    when v_q ~ '^[^@\s]+@' then 'i.email like $1 || ''%'''
    when char_length(v_q) < 3 then 'i.email like $1 || ''%'' or i.name like $1 || ''%'''
    else 'i.email like ''%'' || $1 || ''%'' or i.name like ''%'' || $1 || ''%'''
  end;
  return query execute format($q$
    with hits as (
      select i.user_id, i.email = $2 as exact, i.email like $1 || '%%' as prefix, i.created_at
        from private.admin_user_index i
       where %s
       order by exact desc, prefix desc, i.created_at desc, i.user_id
       limit $4 offset $5
    )
    select u.id, u.email::text, p.display_name, coalesce(p.is_musician, false),
           coalesce(p.is_client, false),
           coalesce(u.raw_app_meta_data ->> 'role', '') = 'admin', u.created_at, u.last_sign_in_at,
           case when u.banned_until > now() then u.banned_until end,
           case when u.banned_until > now() then s.reason end,
           m.verified_at is not null, u.deleted_at is not null
      from hits h
      join auth.users u on u.id = h.user_id
      left join public.profiles p on p.id = u.id
      left join public.musician_profiles m on m.id = u.id
      left join private.user_suspensions s on s.user_id = u.id
     order by h.exact desc, h.prefix desc, h.created_at desc, h.user_id
  $q$, v_where)
  using v_like, v_q, case when v_where like 'i.user_id%' then v_q end, v_limit, v_offset;
end $$;

create or replace function public.admin_search_users(
  p_query text, p_limit int default 50, p_offset int default 0
)
returns table (
  id uuid, email text, display_name text, is_musician boolean, is_client boolean,
  is_admin boolean, created_at timestamptz, last_sign_in_at timestamptz,
  banned_until timestamptz, ban_reason text, verified boolean, deleted boolean
)
language sql stable security invoker set search_path = '' as $$
  select * from private.admin_search_users(p_query, p_limit, p_offset)
$$;

-- one user ---------------------------------------------------------------------------------------
/*
 * public.admin_user(p_id uuid) returns table(...) (one row)
 * What the user page shows: account, profile, roles, suspension (with its reason), verification
 * and activity counts; `reports_against` when a reports table exists (null otherwise). SC404 for
 * an unknown id, SC403 for non-admins.
 */
create or replace function private.admin_user(p_id uuid)
returns table (
  id uuid, email text, display_name text, is_musician boolean, is_client boolean,
  is_admin boolean, created_at timestamptz, last_sign_in_at timestamptz,
  email_confirmed_at timestamptz, deleted_at timestamptz,
  banned_until timestamptz, ban_reason text, ban_permanent boolean, suspended_at timestamptz,
  suspended_by_email text,
  stage_name text, musician_published boolean, verified_at timestamptz, organisation text,
  gigs_posted int, applications int, bookings_as_musician int, bookings_as_client int,
  active_sessions int, reports_against int
)
language plpgsql stable security definer set search_path = '' as $$
declare
  v_reports int;
begin
  perform private.admin_require('manage users');
  if not exists (select 1 from auth.users u where u.id = p_id) then
    raise exception using errcode = 'SC404', message = 'User not found', detail = 'id';
  end if;
  -- Reports are another part's table: counted when it is there, whatever its exact shape.
  if to_regclass('public.reports') is not null then
    begin
      execute $r$select count(*)::int from public.reports r
                   where r.target_type in ('profile', 'user', 'musician', 'client')
                     and r.target_id::text = $1::text$r$
        into v_reports using p_id;
    exception when undefined_column or undefined_function or datatype_mismatch then
      v_reports := null;
    end;
  end if;
  return query
    select u.id, u.email::text, p.display_name, coalesce(p.is_musician, false),
           coalesce(p.is_client, false),
           coalesce(u.raw_app_meta_data ->> 'role', '') = 'admin', u.created_at, u.last_sign_in_at,
           u.email_confirmed_at, u.deleted_at,
           case when u.banned_until > now() then u.banned_until end,
           case when u.banned_until > now() then s.reason end,
           coalesce(u.banned_until > now() and s.permanent, false),
           case when u.banned_until > now() then s.suspended_at end,
           (select a.email::text from auth.users a where a.id = s.suspended_by),
           m.stage_name, m.published, m.verified_at, c.organisation,
           (select count(*)::int from public.gigs g where g.client_id = u.id),
           (select count(*)::int from public.applications a where a.musician_id = u.id),
           (select count(*)::int from public.bookings b where b.musician_id = u.id),
           (select count(*)::int from public.bookings b where b.client_id = u.id),
           (select count(distinct t.session_id)::int from auth.refresh_tokens t
             where t.user_id = u.id::text and t.revoked is not true),
           v_reports
      from auth.users u
      left join public.profiles p on p.id = u.id
      left join public.musician_profiles m on m.id = u.id
      left join public.client_profiles c on c.id = u.id
      left join private.user_suspensions s on s.user_id = u.id
     where u.id = p_id;
end $$;

create or replace function public.admin_user(p_id uuid)
returns table (
  id uuid, email text, display_name text, is_musician boolean, is_client boolean,
  is_admin boolean, created_at timestamptz, last_sign_in_at timestamptz,
  email_confirmed_at timestamptz, deleted_at timestamptz,
  banned_until timestamptz, ban_reason text, ban_permanent boolean, suspended_at timestamptz,
  suspended_by_email text,
  stage_name text, musician_published boolean, verified_at timestamptz, organisation text,
  gigs_posted int, applications int, bookings_as_musician int, bookings_as_client int,
  active_sessions int, reports_against int
)
language sql stable security invoker set search_path = '' as $$
  select * from private.admin_user(p_id)
$$;

-- suspend and lift -------------------------------------------------------------------------------
/* Ends every session of a user now: refresh tokens revoked, and Supabase Auth's sessions deleted
   (auth.sessions exists on Supabase, not on the embedded platform). Returns the tokens revoked. */
create or replace function private.end_user_sessions(p_user uuid) returns int
language plpgsql security definer set search_path = '' as $$
declare
  v_n int;
begin
  update auth.refresh_tokens set revoked = true, updated_at = now()
   where user_id = p_user::text and revoked is not true;
  get diagnostics v_n = row_count;
  if to_regclass('auth.sessions') is not null then
    execute 'delete from auth.sessions where user_id = $1' using p_user;
  end if;
  return v_n;
end $$;

/*
 * public.admin_suspend_user(p_user uuid, p_reason text, p_until timestamptz) returns timestamptz
 * Suspends an account until p_until (null: permanently, stored as now() + 100 years, Supabase
 * Auth's "876000h" ban) and ends all its sessions; a suspension in force is replaced. The reason
 * is required (SC400 `reason`); the end must be in the future (SC400 `until`). An admin cannot
 * suspend themselves or another admin (SC403), nor a deleted account (SC409). Returns the end.
 */
create or replace function private.admin_suspend_user(p_user uuid, p_reason text, p_until timestamptz)
returns timestamptz
language plpgsql security definer set search_path = '' as $$
declare
  v_reason text;
  v_until timestamptz;
  v_user auth.users%rowtype;
  v_before jsonb;
  v_ended int;
begin
  perform private.admin_require('manage users');
  v_reason := private.admin_reason(p_reason);
  select * into v_user from auth.users u where u.id = p_user for update;
  if not found then
    raise exception using errcode = 'SC404', message = 'User not found', detail = 'user';
  end if;
  if p_user = (select auth.uid()) then
    raise exception using errcode = 'SC403', message = 'You cannot suspend your own account',
      detail = 'user';
  end if;
  if coalesce(v_user.raw_app_meta_data ->> 'role', '') = 'admin' then
    raise exception using errcode = 'SC403', message = 'Admins cannot be suspended: remove the admin role first',
      detail = 'user';
  end if;
  if v_user.deleted_at is not null then
    raise exception using errcode = 'SC409', message = 'This account is deleted', detail = 'user';
  end if;
  if p_until is not null and p_until <= now() then
    raise exception using errcode = 'SC400', message = 'Choose an end in the future', detail = 'until';
  end if;
  if p_until is not null and p_until > now() + interval '100 years' then
    raise exception using errcode = 'SC400', message = 'Choose an end within 100 years, or a permanent ban',
      detail = 'until';
  end if;
  v_until := coalesce(p_until, now() + interval '876000 hours');
  v_before := jsonb_build_object(
    'banned_until', case when v_user.banned_until > now() then v_user.banned_until end,
    'reason', (select s.reason from private.user_suspensions s
                where s.user_id = p_user and v_user.banned_until > now()));

  update auth.users set banned_until = v_until, updated_at = now() where id = p_user;
  insert into private.user_suspensions (user_id, reason, permanent, suspended_by, suspended_at)
  values (p_user, v_reason, p_until is null, (select auth.uid()), now())
  on conflict (user_id) do update
    set reason = excluded.reason, permanent = excluded.permanent,
        suspended_by = excluded.suspended_by, suspended_at = excluded.suspended_at;
  v_ended := private.end_user_sessions(p_user);

  perform private.admin_audit('user.suspend', 'user', p_user::text, v_before,
    jsonb_build_object('banned_until', v_until, 'reason', v_reason, 'permanent', p_until is null,
                       'refresh_tokens_revoked', v_ended),
    v_reason);
  return v_until;
end $$;

create or replace function public.admin_suspend_user(
  p_user uuid, p_reason text, p_until timestamptz default null
) returns timestamptz
language sql security invoker set search_path = '' as $$
  select private.admin_suspend_user(p_user, p_reason, p_until)
$$;

/*
 * public.admin_lift_suspension(p_user uuid, p_reason text) returns void
 * Ends a suspension now: the user may sign in again. Reason required; SC409 when the account is
 * not suspended.
 */
create or replace function private.admin_lift_suspension(p_user uuid, p_reason text) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_reason text;
  v_until timestamptz;
  v_old text;
begin
  perform private.admin_require('manage users');
  v_reason := private.admin_reason(p_reason);
  select u.banned_until into v_until from auth.users u where u.id = p_user for update;
  if not found then
    raise exception using errcode = 'SC404', message = 'User not found', detail = 'user';
  end if;
  if v_until is null or v_until <= now() then
    raise exception using errcode = 'SC409', message = 'This account is not suspended', detail = 'user';
  end if;
  delete from private.user_suspensions s where s.user_id = p_user returning s.reason into v_old;
  update auth.users set banned_until = null, updated_at = now() where id = p_user;
  perform private.admin_audit('user.unsuspend', 'user', p_user::text,
    jsonb_build_object('banned_until', v_until, 'reason', v_old),
    jsonb_build_object('banned_until', null, 'reason', null),
    v_reason);
end $$;

create or replace function public.admin_lift_suspension(p_user uuid, p_reason text) returns void
language sql security invoker set search_path = '' as $$
  select private.admin_lift_suspension(p_user, p_reason)
$$;

-- verification -----------------------------------------------------------------------------------
/*
 * public.admin_verify_musician(p_user uuid, p_verified boolean) returns timestamptz
 * Marks a musician profile verified (keeping the first verification time) or not; returns
 * verified_at. SC404 without a musician profile.
 */
create or replace function private.admin_verify_musician(p_user uuid, p_verified boolean)
returns timestamptz
language plpgsql security definer set search_path = '' as $$
declare
  v_before timestamptz;
  v_after timestamptz;
begin
  perform private.admin_require('manage users');
  if p_verified is null then
    raise exception using errcode = 'SC400', message = 'Say whether the musician is verified',
      detail = 'verified';
  end if;
  select m.verified_at into v_before from public.musician_profiles m where m.id = p_user for update;
  if not found then
    raise exception using errcode = 'SC404', message = 'This user has no musician profile',
      detail = 'user';
  end if;
  v_after := case when p_verified then coalesce(v_before, now()) end;
  if v_after is distinct from v_before then
    update public.musician_profiles set verified_at = v_after where id = p_user;
    perform private.admin_audit(case when p_verified then 'musician.verify' else 'musician.unverify' end,
      'user', p_user::text, jsonb_build_object('verified_at', v_before),
      jsonb_build_object('verified_at', v_after));
  end if;
  return v_after;
end $$;

create or replace function public.admin_verify_musician(p_user uuid, p_verified boolean)
returns timestamptz
language sql security invoker set search_path = '' as $$
  select private.admin_verify_musician(p_user, p_verified)
$$;

-- grants -----------------------------------------------------------------------------------------
revoke all on function
  private.admin_reason(text), private.end_user_sessions(uuid),
  private.admin_search_users(text, int, int), public.admin_search_users(text, int, int),
  private.admin_user(uuid), public.admin_user(uuid),
  private.admin_suspend_user(uuid, text, timestamptz), public.admin_suspend_user(uuid, text, timestamptz),
  private.admin_lift_suspension(uuid, text), public.admin_lift_suspension(uuid, text),
  private.admin_verify_musician(uuid, boolean), public.admin_verify_musician(uuid, boolean)
  from public, anon, authenticated;
grant execute on function
  private.admin_search_users(text, int, int), public.admin_search_users(text, int, int),
  private.admin_user(uuid), public.admin_user(uuid),
  private.admin_suspend_user(uuid, text, timestamptz), public.admin_suspend_user(uuid, text, timestamptz),
  private.admin_lift_suspension(uuid, text), public.admin_lift_suspension(uuid, text),
  private.admin_verify_musician(uuid, boolean), public.admin_verify_musician(uuid, boolean)
  to authenticated;
