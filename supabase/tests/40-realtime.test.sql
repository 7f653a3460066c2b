-- Realtime private channels: Supabase Realtime authorises a join by selecting from
-- realtime.messages with `realtime.topic` set to the channel; a user may join only 'user:<own id>'.
begin;
select plan(6);

select tests.create_supabase_user('alice');
select tests.create_supabase_user('bob');

-- A probe row per channel, written by the owner as Realtime's authoriser does.
insert into realtime.messages (topic, extension, event, payload, private)
select 'user:' || tests.get_supabase_uid(who), 'broadcast', 'probe', '{}', true
  from unnest(array['alice', 'bob']) as who;

select tests.authenticate_as('alice');
select set_config('realtime.topic', 'user:' || tests.get_supabase_uid('alice'), true);
select isnt_empty($$ select id from realtime.messages $$,
  'A user can join their own channel');
select throws_ok(
  $$ insert into realtime.messages (topic, extension, event, payload, private)
     values (realtime.topic(), 'broadcast', 'spoof', '{}', true) $$,
  '42501', 'new row violates row-level security policy for table "messages"',
  'A user cannot broadcast into a channel, not even their own');

select set_config('realtime.topic', 'user:' || tests.get_supabase_uid('bob'), true);
select is_empty($$ select id from realtime.messages $$,
  'A user cannot join another user''s channel');

select set_config('realtime.topic', null, true);
select is_empty($$ select id from realtime.messages $$,
  'A user sees nothing without a channel');

select tests.clear_authentication();
select set_config('realtime.topic', 'user:' || tests.get_supabase_uid('alice'), true);
select is_empty($$ select id from realtime.messages $$,
  'An anonymous visitor cannot join a user''s channel');
select throws_ok(
  $$ insert into realtime.messages (topic, extension, event, payload, private)
     values (realtime.topic(), 'broadcast', 'spoof', '{}', true) $$,
  '42501', 'new row violates row-level security policy for table "messages"',
  'An anonymous visitor cannot broadcast into a user''s channel');

select * from finish();
rollback;
