-- Profiles: created at sign-up, writable only by their owner and only in the columns meant for it.
-- Who reads whose profile is tried in 15-profiles-visibility.test.sql.
begin;
select plan(21);

select tests.create_supabase_user('alice', 'alice@example.test',
  '{"display_name": "  Alice Keys ", "is_client": true}');
select tests.create_supabase_user('bob', 'bob.bass@example.test');

-- sign-up trigger --------------------------------------------------------------------------------------
select is((select display_name from public.profiles where id = tests.get_supabase_uid('alice')),
  'Alice Keys', 'Sign-up names the profile from the trimmed display_name metadata');
select results_eq(
  $$ select is_musician, is_client from public.profiles where id = tests.get_supabase_uid('alice') $$,
  $$ values (true, true) $$,
  'Sign-up takes is_client from the metadata and keeps the user a musician too');
select is((select display_name from public.profiles where id = tests.get_supabase_uid('bob')),
  'bob.bass', 'Without a display_name, sign-up uses the e-mail''s local part');
select is(
  (select count(*)::int from pgmq.q_notify
    where message ->> 'kind' = 'welcome'
      and message ->> 'user_id' = tests.get_supabase_uid('alice')::text
      and message ->> 'idempotency_key' = 'welcome:' || tests.get_supabase_uid('alice')),
  1, 'Sign-up enqueues one welcome message with an idempotency key on the notify queue');

-- another user's profile -------------------------------------------------------------------------------
select tests.authenticate_as('alice');
select is_empty(
  $$ select display_name from public.profiles where id = tests.get_supabase_uid('bob') $$,
  'A signed-in user cannot read the profile of a stranger who published nothing');
select is_empty(
  $$ update public.profiles set display_name = 'Hacked'
      where id = tests.get_supabase_uid('bob') returning id $$,
  'A user cannot update another user''s profile');
select throws_ok(
  $$ delete from public.profiles where id = tests.get_supabase_uid('bob') $$,
  '42501', 'permission denied for table profiles', 'A user cannot delete a profile');
select throws_ok(
  $$ insert into public.profiles (id, display_name) values (gen_random_uuid(), 'Sock puppet') $$,
  '42501', 'permission denied for table profiles', 'A user cannot create profiles');

-- own profile ------------------------------------------------------------------------------------------
select results_eq(
  $$ update public.profiles set display_name = 'Alice K.'
      where id = tests.get_supabase_uid('alice') returning display_name $$,
  $$ values ('Alice K.') $$,
  'A user can change their own display_name');
select throws_ok(
  $$ update public.profiles set id = gen_random_uuid() where id = tests.get_supabase_uid('alice') $$,
  '42501', 'permission denied for table profiles', 'A user cannot change their profile id');
select throws_ok(
  $$ update public.profiles set created_at = now() - interval '10 years'
      where id = tests.get_supabase_uid('alice') $$,
  '42501', 'permission denied for table profiles', 'A user cannot backdate their profile');
select throws_ok(
  $$ update public.profiles set display_name = '' where id = tests.get_supabase_uid('alice') $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_display_name_length"',
  'An empty display_name is refused');
select throws_ok(
  $$ update public.profiles set display_name = '   ' where id = tests.get_supabase_uid('alice') $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_display_name_length"',
  'A blank display_name is refused');
select throws_ok(
  $$ update public.profiles set display_name = repeat('x', 81)
      where id = tests.get_supabase_uid('alice') $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_display_name_length"',
  'A display_name over 80 characters is refused');
select throws_ok(
  $$ update public.profiles set is_musician = false, is_client = false
      where id = tests.get_supabase_uid('alice') $$,
  '23514', 'new row for relation "profiles" violates check constraint "profiles_role_check"',
  'A profile stays a musician, a client or both');
select throws_ok(
  format($$ update public.profiles set avatar_path = %L where id = tests.get_supabase_uid('alice') $$,
         tests.get_supabase_uid('bob') || '/avatar.png'),
  '23514', 'new row for relation "profiles" violates check constraint "profiles_avatar_path_check"',
  'A user cannot point their avatar at another user''s file');

-- anonymous visitor ------------------------------------------------------------------------------------
select tests.clear_authentication();
select is_empty($$ select id, display_name from public.profiles $$,
  'An anonymous visitor reads no profile of members who published nothing');
select throws_ok($$ update public.profiles set display_name = 'Anon' $$,
  '42501', 'permission denied for table profiles', 'An anonymous visitor cannot update profiles');
select throws_ok($$ delete from public.profiles $$,
  '42501', 'permission denied for table profiles', 'An anonymous visitor cannot delete profiles');

-- what stuck -------------------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
select is((select display_name from public.profiles where id = tests.get_supabase_uid('bob')),
  'bob.bass', 'Bob''s profile is untouched');
select is((select display_name from public.profiles where id = tests.get_supabase_uid('alice')),
  'Alice K.', 'Alice''s own change stuck and nothing else did');

select * from finish();
rollback;
