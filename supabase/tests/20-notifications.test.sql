-- Notifications: each user reads and marks only their own; nobody but the server writes them.
begin;
select plan(15);

select tests.create_supabase_user('alice');
select tests.create_supabase_user('bob');

-- The server (here: the owner) writes notifications; ids are fixed so the tests can aim at them.
insert into public.notifications (id, user_id, kind, title) values
  ('00000000-0000-4000-8000-0000000000a1', tests.get_supabase_uid('alice'), 'welcome', 'Welcome, Alice'),
  ('00000000-0000-4000-8000-0000000000a2', tests.get_supabase_uid('alice'), 'message', 'New message'),
  ('00000000-0000-4000-8000-0000000000b1', tests.get_supabase_uid('bob'), 'welcome', 'Welcome, Bob');

-- reading ----------------------------------------------------------------------------------------------
select tests.authenticate_as('alice');
select results_eq(
  $$ select id from public.notifications order by id $$,
  $$ values ('00000000-0000-4000-8000-0000000000a1'::uuid), ('00000000-0000-4000-8000-0000000000a2') $$,
  'A user sees exactly their own notifications');

select tests.authenticate_as('bob');
select is_empty(
  $$ select id from public.notifications where user_id = tests.get_supabase_uid('alice') $$,
  'Another user sees none of Alice''s notifications');
select is_empty(
  $$ select id from public.notifications where id = '00000000-0000-4000-8000-0000000000a1' $$,
  'Another user cannot fetch Alice''s notification by id');

select tests.clear_authentication();
select throws_ok($$ select id from public.notifications $$, '42501',
  'permission denied for table notifications', 'An anonymous visitor cannot read notifications');
select throws_ok($$ update public.notifications set read_at = now() $$, '42501',
  'permission denied for table notifications', 'An anonymous visitor cannot mark notifications');

-- writing ----------------------------------------------------------------------------------------------
select tests.authenticate_as('alice');
select throws_ok(
  $$ insert into public.notifications (user_id, kind, title)
     values (tests.get_supabase_uid('alice'), 'welcome', 'I am the server now') $$,
  '42501', 'permission denied for table notifications', 'A user cannot create notifications');
select throws_ok(
  $$ insert into public.notifications (user_id, kind, title)
     values (tests.get_supabase_uid('bob'), 'message', 'Click this link') $$,
  '42501', 'permission denied for table notifications',
  'A user cannot send a notification to someone else');
select results_eq(
  $$ update public.notifications set read_at = now()
      where id = '00000000-0000-4000-8000-0000000000a1' returning id $$,
  $$ values ('00000000-0000-4000-8000-0000000000a1'::uuid) $$,
  'A user can mark their own notification read');
select is_empty(
  $$ update public.notifications set read_at = now()
      where id = '00000000-0000-4000-8000-0000000000b1' returning id $$,
  'A user cannot mark another user''s notification read');
select throws_ok(
  $$ update public.notifications set title = 'Edited'
      where id = '00000000-0000-4000-8000-0000000000a2' $$,
  '42501', 'permission denied for table notifications',
  'A user cannot rewrite a notification, only mark it read');
select throws_ok(
  $$ update public.notifications set user_id = tests.get_supabase_uid('bob')
      where id = '00000000-0000-4000-8000-0000000000a2' $$,
  '42501', 'permission denied for table notifications',
  'A user cannot hand a notification to someone else');
select throws_ok(
  $$ delete from public.notifications where id = '00000000-0000-4000-8000-0000000000a2' $$,
  '42501', 'permission denied for table notifications', 'A user cannot delete notifications');

-- what stuck -------------------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
select isnt(
  (select read_at from public.notifications where id = '00000000-0000-4000-8000-0000000000a1'),
  null, 'Alice''s notification is marked read');
select is(
  (select read_at from public.notifications where id = '00000000-0000-4000-8000-0000000000b1'),
  null, 'Bob''s notification is still unread');
select is((select count(*)::int from public.notifications), 3,
  'The server sees every notification and no user added any');

select * from finish();
rollback;
