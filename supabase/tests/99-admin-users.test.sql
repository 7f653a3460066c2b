-- Admin users (20261217000200_admin_users.sql): non-admins are refused by every function, search
-- finds by e-mail, name and id, a suspension ends every session and is audited with before/after,
-- admins cannot be suspended, verification is audited and not writable by musicians.
begin;
select plan(44);

select tests.create_booking_cast(); -- venue (client), maya (musician), mallory, judge (admin)
select tests.create_supabase_user('boss', 'boss@example.test');
update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role": "admin"}'
 where email = 'boss@example.test';
update public.profiles set display_name = 'Theodora Quill' where id = tests.get_supabase_uid('maya');
-- Two live sessions for maya, as the auth service would have them.
insert into auth.refresh_tokens (token, user_id, session_id)
values ('maya-1', tests.get_supabase_uid('maya')::text, gen_random_uuid()),
       ('maya-2', tests.get_supabase_uid('maya')::text, gen_random_uuid());
create temp table ids as
  select tests.get_supabase_uid('maya') as maya, tests.get_supabase_uid('venue') as venue,
         tests.get_supabase_uid('judge') as judge, tests.get_supabase_uid('boss') as boss;
grant select on ids to anon, authenticated, service_role;

-- refused for non-admins ---------------------------------------------------------------------------
select tests.authenticate_as('mallory');
select throws_ok($$ select * from public.admin_search_users('maya') $$,
  'SC403', 'Only admins manage users', 'A non-admin cannot search users');
select throws_ok($$ select * from public.admin_user((select maya from ids)) $$,
  'SC403', 'Only admins manage users', 'A non-admin cannot read a user');
select throws_ok($$ select public.admin_suspend_user((select maya from ids), 'spam', null) $$,
  'SC403', 'Only admins manage users', 'A non-admin cannot suspend');
select throws_ok($$ select public.admin_lift_suspension((select maya from ids), 'ok') $$,
  'SC403', 'Only admins manage users', 'A non-admin cannot lift a suspension');
select throws_ok($$ select public.admin_verify_musician((select maya from ids), true) $$,
  'SC403', 'Only admins manage users', 'A non-admin cannot verify a musician');
select throws_ok($$ select count(*) from private.user_suspensions $$,
  '42501', null, 'A user cannot read suspension reasons');
select throws_ok($$ select count(*) from private.admin_user_index $$,
  '42501', null, 'A user cannot read the search mirror');
select throws_ok($$ select private.end_user_sessions((select maya from ids)) $$,
  '42501', null, 'A user cannot end sessions directly');
select tests.authenticate_as('maya');
select throws_ok(
  $$ update public.musician_profiles set verified_at = now() where id = (select auth.uid()) $$,
  '42501', null, 'A musician cannot verify themselves');
select tests.clear_authentication();
select throws_ok($$ select * from public.admin_search_users('maya') $$,
  '42501', null, 'A visitor cannot call the search');

-- search -------------------------------------------------------------------------------------------
select tests.authenticate_as('boss');
select is((select array_agg(id) from public.admin_search_users('maya@')),
  array[(select maya from ids)], 'An e-mail prefix finds the user');
select is((select array_agg(id) from public.admin_search_users('MAYA@EXAMPLE.TEST')),
  array[(select maya from ids)], 'The whole e-mail finds them, whatever the case');
select is((select array_agg(id) from public.admin_search_users('dora qu')),
  array[(select maya from ids)], 'Part of the display name finds them');
select is((select array_agg(id) from public.admin_search_users((select maya::text from ids))),
  array[(select maya from ids)], 'The id finds them');
select is((select count(*)::int from public.admin_search_users('nobody-like-this')), 0,
  'A miss finds nobody');
select is((select count(*)::int from public.admin_search_users('%')), 0,
  'LIKE wildcards are searched for literally');
select is((select count(*)::int from public.admin_search_users('', 2, 0)), 2,
  'An empty query lists the newest users, a page at a time');
select results_eq(
  $$ select is_musician, is_client, is_admin, verified, deleted, banned_until
       from public.admin_search_users('maya@') $$,
  $$ values (true, false, false, false, false, null::timestamptz) $$,
  'Search rows carry roles and flags');
select is((select array_agg(is_admin) from public.admin_search_users('judge@')), array[true],
  'Admins are marked');
select throws_ok($$ select * from public.admin_search_users(repeat('a', 201)) $$,
  'SC400', 'Search for at most 200 characters', 'An overlong query is refused');
select tests.authenticate_as('maya');
update public.profiles set display_name = 'Maya Renamed' where id = (select auth.uid());
select tests.authenticate_as('boss');
select is((select array_agg(id) from public.admin_search_users('renamed')),
  array[(select maya from ids)], 'The search follows a name change');

-- one user -----------------------------------------------------------------------------------------
select results_eq(
  $$ select display_name, stage_name, is_musician, gigs_posted, applications, active_sessions,
            reports_against is null or reports_against = 0
       from public.admin_user((select maya from ids)) $$,
  $$ values ('Maya Renamed', 'Maya Ortiz', true, 0, 0, 2, true) $$,
  'The user page reads profile, roles, counts and sessions');
select throws_ok($$ select * from public.admin_user(gen_random_uuid()) $$,
  'SC404', 'User not found', 'An unknown user is 404');

-- suspend ------------------------------------------------------------------------------------------
select throws_ok($$ select public.admin_suspend_user((select maya from ids), '  ', null) $$,
  'SC400', 'Give a reason', 'A suspension needs a reason');
select throws_ok(
  $$ select public.admin_suspend_user((select maya from ids), 'spam', now() - interval '1 day') $$,
  'SC400', 'Choose an end in the future', 'The end must be in the future');
select throws_ok($$ select public.admin_suspend_user((select boss from ids), 'oops', null) $$,
  'SC403', 'You cannot suspend your own account', 'An admin cannot suspend themselves');
select throws_ok($$ select public.admin_suspend_user((select judge from ids), 'coup', null) $$,
  'SC403', 'Admins cannot be suspended: remove the admin role first',
  'An admin cannot suspend another admin');
select ok(public.admin_suspend_user((select maya from ids), 'Spam in chat',
  now() + interval '7 days') > now() + interval '6 days', 'The admin suspends maya for a week');
select results_eq(
  $$ select ban_reason, banned_until > now() from public.admin_user((select maya from ids)) $$,
  $$ values ('Spam in chat', true) $$, 'The user page shows the reason and the end');
select is((select ban_reason from public.admin_search_users('maya@')), 'Spam in chat',
  'Search rows show the suspension');
select results_eq(
  $$ select action, target_type, actor_id, before ->> 'banned_until', after ->> 'reason',
            (after ->> 'refresh_tokens_revoked')::int, reason
       from public.admin_audit_log where target_id = (select maya::text from ids) $$,
  $$ values ('user.suspend', 'user', (select boss from ids), null::text, 'Spam in chat', 2,
             'Spam in chat') $$,
  'The suspension is audited with before and after');
reset role;
select is((select count(*)::int from auth.refresh_tokens
            where user_id = (select maya::text from ids) and not revoked), 0,
  'Every session of the suspended user has ended');
select ok((select banned_until > now() from auth.users where id = (select maya from ids)),
  'auth.users.banned_until is set, as Supabase Auth reads it');

select tests.authenticate_as('boss');
select ok(public.admin_suspend_user((select maya from ids), 'Repeat spam', null)
  > now() + interval '99 years', 'A permanent ban lasts 100 years');
select results_eq(
  $$ select ban_permanent, ban_reason from public.admin_user((select maya from ids)) $$,
  $$ values (true, 'Repeat spam') $$, 'It replaces the week and is marked permanent');
select is((select before ->> 'reason' from public.admin_audit_log
            where target_id = (select maya::text from ids) order by id desc limit 1),
  'Spam in chat', 'Its audit row keeps the suspension it replaced');

-- lift ---------------------------------------------------------------------------------------------
select throws_ok($$ select public.admin_lift_suspension((select maya from ids), '') $$,
  'SC400', 'Give a reason', 'Lifting needs a reason');
select lives_ok($$ select public.admin_lift_suspension((select maya from ids), 'Appeal accepted') $$,
  'The admin lifts the suspension');
select results_eq(
  $$ select action, before ->> 'reason', after ->> 'banned_until', reason
       from public.admin_audit_log where target_id = (select maya::text from ids)
      order by id desc limit 1 $$,
  $$ values ('user.unsuspend', 'Repeat spam', null::text, 'Appeal accepted') $$,
  'The lift is audited');
select throws_ok($$ select public.admin_lift_suspension((select maya from ids), 'again') $$,
  'SC409', 'This account is not suspended', 'Nothing to lift twice');

-- verify -------------------------------------------------------------------------------------------
select ok(public.admin_verify_musician((select maya from ids), true) is not null,
  'The admin verifies maya');
select is((select after ->> 'verified_at' is not null from public.admin_audit_log
            where action = 'musician.verify' and target_id = (select maya::text from ids)), true,
  'Verification is audited');
select ok(public.admin_verify_musician((select maya from ids), false) is null,
  'And can take it back');
select throws_ok($$ select public.admin_verify_musician((select venue from ids), true) $$,
  'SC404', 'This user has no musician profile', 'Only musicians are verified');

select * from finish();
rollback;
