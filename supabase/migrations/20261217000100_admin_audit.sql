/*
 * The admin audit log: one row per admin action (who, what, on what, before and after), written by
 * private.admin_audit() in the same transaction as the change. Admins read it; nobody updates or
 * deletes it, the database owner included, while its triggers stand.
 */

create table if not exists public.admin_audit_log (
  id bigint generated always as identity constraint admin_audit_log_pkey primary key,
  at timestamptz not null default now(),
  -- No foreign key: the record outlives the admin's account.
  actor_id uuid,
  actor_email text,
  action text not null
    constraint admin_audit_log_action_check check (action ~ '^[a-z][a-z0-9_.]{2,63}$'),
  target_type text not null
    constraint admin_audit_log_target_type_check check (target_type ~ '^[a-z][a-z0-9_]{1,39}$'),
  target_id text constraint admin_audit_log_target_id_check check (char_length(target_id) <= 200),
  before jsonb,
  after jsonb,
  reason text constraint admin_audit_log_reason_check check (char_length(reason) <= 2000)
);

create index if not exists admin_audit_log_at_idx on public.admin_audit_log (at desc, id desc);
create index if not exists admin_audit_log_actor_idx on public.admin_audit_log (actor_id, at desc);
create index if not exists admin_audit_log_target_idx
  on public.admin_audit_log (target_type, target_id, at desc);
create index if not exists admin_audit_log_action_idx on public.admin_audit_log (action, at desc);

alter table public.admin_audit_log enable row level security;
revoke all on public.admin_audit_log from anon, authenticated, service_role;
grant select on public.admin_audit_log to authenticated, service_role;

drop policy if exists admin_audit_log_admin_read on public.admin_audit_log;
create policy admin_audit_log_admin_read on public.admin_audit_log
  for select to authenticated using ((select private.is_admin()));
drop policy if exists admin_audit_log_service_read on public.admin_audit_log;
create policy admin_audit_log_service_read on public.admin_audit_log
  for select to service_role using (true);

/* private.admin_require(what): SC403 "Only admins <what>" unless the caller's JWT is an admin's. */
create or replace function private.admin_require(p_what text) returns void
language plpgsql stable set search_path = '' as $$
begin
  if not private.is_admin() then
    raise exception using errcode = 'SC403', message = 'Only admins ' || p_what, detail = 'role';
  end if;
end $$;

/* Append-only: grants keep API roles out; the triggers stop everyone else, the owner included. */
create or replace function private.admin_audit_log_immutable() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = 'SC403', message = 'The audit log is append-only';
end $$;

drop trigger if exists admin_audit_log_no_change on public.admin_audit_log;
create trigger admin_audit_log_no_change before update or delete on public.admin_audit_log
  for each row execute function private.admin_audit_log_immutable();
drop trigger if exists admin_audit_log_no_truncate on public.admin_audit_log;
create trigger admin_audit_log_no_truncate before truncate on public.admin_audit_log
  for each statement execute function private.admin_audit_log_immutable();

/*
 * private.admin_audit(action, target_type, target_id, before, after, reason) returns bigint
 * Records one admin action by the caller. Only owner-level code reaches it (security definer admin
 * functions, server scripts); it refuses a signed-in caller who is not an admin, so an admin
 * function that forgot its own check still cannot act. Service role and owner calls are recorded
 * with no actor.
 */
create or replace function private.admin_audit(
  p_action text, p_target_type text, p_target_id text,
  p_before jsonb default null, p_after jsonb default null, p_reason text default null
) returns bigint
language plpgsql security definer set search_path = '' as $$
declare
  v_role text := (select auth.role());
  v_id bigint;
begin
  if v_role is not null and v_role <> 'service_role' and not private.is_admin() then
    raise exception using errcode = 'SC403', message = 'Only admins may do this';
  end if;
  insert into public.admin_audit_log (actor_id, actor_email, action, target_type, target_id,
                                      before, after, reason)
  values (case when private.is_admin() then (select auth.uid()) end,
          case when private.is_admin() then (select auth.jwt()) ->> 'email' end,
          p_action, p_target_type, p_target_id, p_before, p_after, nullif(btrim(p_reason), ''))
  returning id into v_id;
  return v_id;
end $$;

revoke all on function private.admin_audit(text, text, text, jsonb, jsonb, text)
  from public, anon, authenticated, service_role;
revoke all on function private.admin_audit_log_immutable() from public;
revoke all on function private.admin_require(text) from public, anon, authenticated, service_role;
