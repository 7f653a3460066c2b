-- The home's preferences (20261216000500_home.sql): a user hides and brings back their own
-- onboarding checklist; nobody else reads or changes that row, anonymous visitors see nothing.
begin;
select plan(10);

select tests.create_supabase_user('ana', null, '{"is_musician": true}');
select tests.create_supabase_user('eve', null, '{"is_client": true, "is_musician": false}');

select tests.rls_enabled('public', 'home_preferences');

select tests.authenticate_as('ana');
select lives_ok(
  $$ insert into public.home_preferences (onboarding_dismissed_at) values (now()) $$,
  'A user hides their own checklist (user_id comes from the token)');
select is(
  (select user_id from public.home_preferences),
  tests.get_supabase_uid('ana'),
  'The row is theirs');
select throws_ok(
  format($$ insert into public.home_preferences (user_id, onboarding_dismissed_at)
            values (%L, now()) $$, tests.get_supabase_uid('eve')),
  '42501', null,
  'A user cannot write a row for someone else');
select lives_ok(
  $$ insert into public.home_preferences (onboarding_dismissed_at) values (null)
     on conflict (user_id) do update set onboarding_dismissed_at = excluded.onboarding_dismissed_at $$,
  'Bringing the checklist back is an upsert on their own row');
select is(
  (select onboarding_dismissed_at from public.home_preferences),
  null,
  'The checklist shows again');

select tests.authenticate_as('eve');
select is_empty($$ select 1 from public.home_preferences $$,
  'Another user reads nothing of it');
select is_empty(
  format($$ update public.home_preferences set onboarding_dismissed_at = now()
             where user_id = %L returning 1 $$, tests.get_supabase_uid('ana')),
  'Another user cannot change it');

select tests.clear_authentication();
set local role anon;
select throws_ok($$ select 1 from public.home_preferences $$, '42501', null,
  'Anonymous visitors cannot read preferences');
reset role;

delete from public.profiles where id = tests.get_supabase_uid('ana');
select is_empty(
  format($$ select 1 from public.home_preferences where user_id = %L $$,
         tests.get_supabase_uid('ana')),
  'The row goes with its profile');

select * from finish();
rollback;
