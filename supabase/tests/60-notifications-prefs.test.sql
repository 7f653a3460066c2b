-- Notification preferences and the outbox: users see and change only their own preferences and
-- notifications; nobody but the server touches the outbox; private.notify honours preferences.
begin;
select plan(38);

select tests.create_supabase_user('alice', 'alice@example.test');
select tests.create_supabase_user('bob', 'bob@example.test');

-- shape ------------------------------------------------------------------------------------------------
select tests.rls_enabled('public', 'notification_kinds');
select tests.rls_enabled('public', 'notification_preferences');
select tests.rls_enabled('public', 'notification_settings');
select tests.rls_enabled('private', 'message_digest_marks');

-- defaults -----------------------------------------------------------------------------------------------
select tests.authenticate_as('bob');
select results_eq(
  $$ select kind, in_app, email, sms, customised from public.my_notification_preferences()
      where kind in ('application', 'match', 'message') order by kind $$,
  $$ values ('application', true, true, false, false), ('match', true, false, false, false),
            ('message', true, true, false, false) $$,
  'Without choices: in-app on, e-mail on for important kinds, SMS off');

-- saving ------------------------------------------------------------------------------------------------
select tests.authenticate_as('alice');
select lives_ok(
  $$ select public.save_notification_preferences(
       '[{"kind": "review", "in_app": false, "email": true},
         {"kind": "accepted", "sms": true}]'::jsonb, '+351912345678', true) $$,
  'A user saves preferences and a phone number');
select results_eq(
  $$ select kind, in_app, email, sms, customised from public.my_notification_preferences()
      where kind in ('accepted', 'review') order by kind $$,
  $$ values ('accepted', true, true, true, true), ('review', false, true, false, true) $$,
  'Channels left out keep their value; the rest change');
select is((select phone from public.notification_settings), '+351912345678',
  'The phone number is stored');

select throws_ok(
  $$ select public.save_notification_preferences('[]'::jsonb, '0912 345', true) $$,
  'SC400', 'Enter the number in international format, e.g. +351912345678',
  'A phone number that is not E.164 is refused');
select throws_ok(
  $$ select public.save_notification_preferences('[{"kind": "nope", "email": true}]'::jsonb) $$,
  'SC400', 'Unknown notification type', 'An unknown notification type is refused');
select throws_ok(
  $$ select public.save_notification_preferences('[{"kind": "message", "sms": true}]'::jsonb) $$,
  'SC400', 'Messages are not sent by SMS', 'Chat messages cannot go by SMS');
select throws_ok(
  $$ select public.save_notification_preferences('[]'::jsonb, null, true) $$,
  'SC400', 'Add a phone number to get SMS', 'Removing the phone while SMS is on is refused');
select is((select phone from public.notification_settings), '+351912345678',
  'A refused save changes nothing');

select tests.authenticate_as('bob');
select lives_ok(
  $$ select public.save_notification_preferences('[{"kind": "match", "email": true}]'::jsonb) $$,
  'Bob saves his own preferences');

-- isolation ---------------------------------------------------------------------------------------------
select is_empty(
  $$ select 1 from public.notification_preferences where user_id = tests.get_supabase_uid('alice') $$,
  'A user cannot see another user''s preferences');
select is_empty($$ select phone from public.notification_settings $$,
  'A user cannot see another user''s phone number');
select throws_ok(
  $$ insert into public.notification_preferences (user_id, kind, in_app, email, sms)
     values (tests.get_supabase_uid('alice'), 'welcome', true, true, false) $$,
  '42501', 'new row violates row-level security policy for table "notification_preferences"',
  'A user cannot write preferences for someone else');
select is_empty(
  $$ update public.notification_preferences set email = false
      where user_id = tests.get_supabase_uid('alice') returning 1 $$,
  'A user cannot change another user''s preferences');
select is_empty(
  $$ update public.notification_settings set phone = '+15555550100'
      where user_id = tests.get_supabase_uid('alice') returning 1 $$,
  'A user cannot change another user''s phone number');
select is_empty(
  $$ delete from public.notification_preferences
      where user_id = tests.get_supabase_uid('alice') returning 1 $$,
  'A user cannot reset another user''s preferences');
select throws_ok(
  $$ update public.notification_kinds set default_email = false $$,
  '42501', 'permission denied for table notification_kinds', 'Users cannot change the defaults');

select tests.clear_authentication();
select throws_ok($$ select 1 from public.notification_preferences $$, '42501',
  'permission denied for table notification_preferences', 'Visitors cannot read preferences');
select throws_ok($$ select public.my_notification_preferences() $$, '42501',
  'permission denied for function my_notification_preferences', 'Visitors cannot call the reader');

-- outbox ------------------------------------------------------------------------------------------------
select tests.authenticate_as('alice');
select throws_ok($$ select 1 from public.outbox $$, '42501',
  'permission denied for table outbox', 'A user cannot read the outbox');
select throws_ok(
  $$ insert into public.outbox (channel, recipient, body) values ('email', 'x@example.test', 'hi') $$,
  '42501', 'permission denied for table outbox', 'A user cannot write to the outbox');
select throws_ok($$ select private.notify_message(1) $$, '42501',
  'permission denied for function notify_message', 'A user cannot fake message notifications');
select throws_ok($$ select private.queue_message_digests() $$, '42501',
  'permission denied for function queue_message_digests', 'A user cannot trigger digests');
select tests.clear_authentication();
select throws_ok($$ select 1 from public.outbox $$, '42501',
  'permission denied for table outbox', 'A visitor cannot read the outbox');

-- routing: private.notify honours the preferences (called as the owner, as the SQL functions do) -----
reset role;
select private.notify(tests.get_supabase_uid('alice'), 'review', 'You have a new review', 'Five stars',
  '/bookings/1');
select is_empty(
  $$ select 1 from public.notifications where user_id = tests.get_supabase_uid('alice') and kind = 'review' $$,
  'In-app off: no notification');
select results_eq(
  $$ select channel, recipient, subject, kind from public.outbox where kind = 'review' $$,
  $$ values ('email', 'alice@example.test', 'You have a new review', 'review') $$,
  'E-mail on: one mail to the user''s address');
select ok(
  (select body like '%Five stars%{{site}}/bookings/1%' from public.outbox where kind = 'review'),
  'The mail carries the body and the link (site URL filled in at delivery)');

select private.notify(tests.get_supabase_uid('alice'), 'accepted', 'You are booked: Jazz night', '',
  '/bookings/2');
select results_eq(
  $$ select channel, recipient from public.outbox where kind = 'accepted' order by channel $$,
  $$ values ('email', 'alice@example.test'), ('sms', '+351912345678') $$,
  'SMS on with a phone: an e-mail and an SMS');
select is(
  (select count(*)::int from public.notifications
    where user_id = tests.get_supabase_uid('alice') and kind = 'accepted'),
  1, 'In-app on: one notification');

select private.notify(tests.get_supabase_uid('alice'), 'message', 'New message from Bob', 'Hi', '/messages/x');
select is_empty($$ select 1 from public.outbox where kind = 'message' $$,
  'Chat messages never e-mail one by one (the digest does)');

select private.notify(tests.get_supabase_uid('bob'), 'welcome', 'Welcome', '', '/profile');
select is_empty($$ select 1 from public.outbox where user_id = tests.get_supabase_uid('bob') $$,
  'Kinds with e-mail off by default send no mail');

select is(
  (select count(*)::int from pgmq.q_notify q
    where q.message ->> 'kind' = 'deliver'
      and (q.message ->> 'outbox_id')::uuid in (select id from public.outbox)),
  3, 'Every outbox row has a deliver job on the notify queue');

-- marking read ---------------------------------------------------------------------------------------------
select tests.authenticate_as('alice');
select is(
  (select count(*)::int from public.notifications where read_at is null), 2,
  'Alice has two unread notifications');
update public.notifications set read_at = now() where read_at is null;
select is((select count(*)::int from public.notifications where read_at is null), 0,
  'Alice marks all read');

select * from finish();
rollback;
