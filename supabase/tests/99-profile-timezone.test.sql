-- A profile's time zone (20261216000700_profile_timezone.sql): only real zone names or null, a
-- chosen zone is never empty, and only the owner changes theirs.
begin;
select plan(14);

select tests.create_supabase_user('ana', null, '{"is_musician": true}');
select tests.create_supabase_user('eve', null, '{"is_client": true, "is_musician": false}');

select ok(public.is_time_zone('Europe/Lisbon'), 'Europe/Lisbon is a zone');
select ok(public.is_time_zone('America/Argentina/Salta'), 'Three-part names are zones');
select ok(public.is_time_zone('UTC'), 'UTC is a zone');
select ok(not public.is_time_zone('Mars/Olympus_Mons'), 'An unknown name is not');
select ok(not public.is_time_zone('EST'), 'An abbreviation is not a place');
select ok(not public.is_time_zone('UTC+3'), 'A POSIX offset is not a place');
select ok(not public.is_time_zone(null), 'Null is not a zone (the column allows null by itself)');

select tests.authenticate_as('ana');
select lives_ok(
  $$ update public.profiles set timezone = 'America/New_York' where id = (select auth.uid()) $$,
  'The owner sets their zone');
select is((select timezone from public.profiles where id = tests.get_supabase_uid('ana')),
  'America/New_York', 'It is stored');
select throws_ok(
  $$ update public.profiles set timezone = 'Nowhere/Land' where id = (select auth.uid()) $$,
  '23514', null, 'An unknown zone is refused by profiles_timezone_check');
select throws_ok(
  $$ update public.profiles set timezone = null, timezone_chosen = true
      where id = (select auth.uid()) $$,
  '23514', null, 'A chosen zone cannot be empty (profiles_timezone_chosen_check)');
select lives_ok(
  $$ update public.profiles set timezone = null, timezone_chosen = false
      where id = (select auth.uid()) $$,
  'Going back to "not known" is allowed');

select tests.authenticate_as('eve');
select is_empty(
  format($$ update public.profiles set timezone = 'Asia/Tokyo' where id = %L returning 1 $$,
         tests.get_supabase_uid('ana')),
  'Another user cannot change it');

select tests.clear_authentication();
select throws_ok(
  $$ update public.profiles set timezone = 'Asia/Tokyo' $$,
  '42501', null, 'An anonymous visitor cannot write it');

select * from finish();
rollback;
