-- The admin audit log (20261217000100_admin_audit.sql): admin functions record what they did;
-- admins read the log, nobody else does, and nobody changes or removes a row, the owner included.
begin;
select plan(16);

select tests.create_supabase_user('boss');
select tests.create_supabase_user('ana');
update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role": "admin"}'
 where id = tests.get_supabase_uid('boss');

select tests.rls_enabled('public', 'admin_audit_log');

-- Stands for an admin function: owner-level code (security definer) that records its action.
create function tests.audited_action(p_action text, p_target text) returns bigint
language sql security definer set search_path = '' as $$
  select private.admin_audit(p_action, 'user', p_target, '{"banned_until": null}',
                             '{"banned_until": "2027-01-01"}', 'spam')
$$;
grant execute on function tests.audited_action(text, text) to authenticated;

-- Owner-level code records an admin's action with the admin as the actor.
select tests.authenticate_as('boss');
select isnt(
  (select tests.audited_action('user.suspend', tests.get_supabase_uid('ana')::text)),
  null, 'An admin action is recorded');
select results_eq(
  $$ select actor_id, action, target_type, after ->> 'banned_until', reason
       from public.admin_audit_log $$,
  format($$ values (%L::uuid, 'user.suspend', 'user', '2027-01-01', 'spam') $$,
         tests.get_supabase_uid('boss')),
  'An admin reads who did what to what, before and after');

-- A signed-in non-admin may not call it, nor reach it through an admin function that forgot
-- its own check.
select tests.authenticate_as('ana');
select throws_ok(
  $$ select private.admin_audit('user.suspend', 'user', 'x') $$,
  '42501', null, 'A signed-in user may not call it directly');
select throws_ok(
  $$ select tests.audited_action('user.suspend', 'x') $$,
  'SC403', 'Only admins may do this', 'A non-admin is refused even through owner-level code');
select is_empty($$ select 1 from public.admin_audit_log $$, 'A non-admin reads nothing');
select throws_ok($$ insert into public.admin_audit_log (action, target_type) values ('x.y', 'user') $$,
  '42501', null, 'A non-admin cannot write a row');

select tests.clear_authentication();
select throws_ok($$ select 1 from public.admin_audit_log $$, '42501', null,
  'An anonymous visitor cannot read it');

-- Admins read but never change it.
select tests.authenticate_as('boss');
select throws_ok($$ update public.admin_audit_log set reason = 'nothing' $$, '42501', null,
  'An admin cannot update it');
select throws_ok($$ delete from public.admin_audit_log $$, '42501', null,
  'An admin cannot delete from it');

select tests.authenticate_as_service_role();
select is((select count(*)::int from public.admin_audit_log), 1, 'The service role reads it');
select throws_ok($$ delete from public.admin_audit_log $$, '42501', null,
  'The service role cannot delete from it');

-- The owner (migrations, Studio as postgres) is stopped by the triggers.
select tests.clear_authentication();
reset role;
select throws_ok($$ update public.admin_audit_log set reason = 'rewritten' $$, 'SC403',
  'The audit log is append-only', 'Not even the owner can update a row');
select throws_ok($$ delete from public.admin_audit_log $$, 'SC403',
  'The audit log is append-only', 'Not even the owner can delete a row');
select throws_ok($$ truncate public.admin_audit_log $$, 'SC403',
  'The audit log is append-only', 'Not even the owner can truncate it');
select is((select count(*)::int from public.admin_audit_log where actor_id is not null), 1,
  'The row is still there, unchanged');

select * from finish();
rollback;
