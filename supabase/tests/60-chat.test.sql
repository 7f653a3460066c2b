-- Chat: one conversation per application; only its two participants read or write it (tables,
-- functions, attachments in storage, realtime topics); the edit window; soft delete; read markers.
begin;
select plan(54);

select tests.create_supabase_user('client', null,
  '{"display_name": "The Blue Door", "is_client": true, "is_musician": false}');
select tests.create_supabase_user('maya', null, '{"display_name": "Maya"}');
select tests.create_supabase_user('eve', null, '{"display_name": "Eve"}');   -- shares nothing

insert into public.musician_profiles (id, stage_name, genres, instruments, published)
values (tests.get_supabase_uid('maya'), 'Maya Ortiz Trio', '{jazz}', '{piano}', true);
insert into public.gigs (id, client_id, title, description, genres, starts_at, city, country,
                         budget_max_minor, currency)
values ('00000000-0000-4000-8000-00000000c001', tests.get_supabase_uid('client'), 'Friday jazz trio',
        'Three sets of standards for a dinner crowd, 8 to 11pm.', '{jazz}', now() + interval '10 days',
        'Berlin', 'DE', 50000, 'EUR');

select tests.authenticate_as('client');
select public.publish_gig('00000000-0000-4000-8000-00000000c001');
select tests.authenticate_as('maya');
create temporary table app on commit drop as
  select id from public.apply_to_gig('00000000-0000-4000-8000-00000000c001',
                                     'I would love to play your Friday night with my trio.', 40000);
grant select on app to authenticated, anon, service_role;

-- one conversation per application ------------------------------------------------------------------
select tests.authenticate_as_service_role();
select is((select count(*)::int from public.conversations where application_id = (select id from app)), 1,
  'Applying opens exactly one conversation');
create temporary table conv on commit drop as
  select id from public.conversations where application_id = (select id from app);
grant select on conv to authenticated, anon, service_role;
select results_eq(
  $$ select user_id from public.conversation_participants where conversation_id = (select id from conv)
      order by user_id $$,
  $$ select unnest(array[tests.get_supabase_uid('client'), tests.get_supabase_uid('maya')]) order by 1 $$,
  'Its participants are the gig''s client and the applicant');
select throws_ok(
  $$ insert into public.conversations (application_id, gig_id, client_id, musician_id)
     select c.application_id, c.gig_id, c.client_id, c.musician_id from public.conversations c $$,
  '23505', null, 'A second conversation for the same application is refused');

-- participants read and write ------------------------------------------------------------------------
select tests.authenticate_as('client');
select isnt_empty($$ select 1 from public.conversations where id = (select id from conv) $$,
  'The client reads the conversation');
select lives_ok(
  $$ select public.send_message((select id from conv), 'Hello Maya! https://example.com/rider') $$,
  'The client sends a message');
select tests.authenticate_as('maya');
select is((select count(*)::int from public.messages where conversation_id = (select id from conv)), 1,
  'The musician reads it');
select is(public.unread_message_count(), 1, 'It counts as unread for the musician');
select is((select last_read_message_id from public.mark_conversation_read((select id from conv))),
  (select max(id) from public.messages), 'Marking read moves the marker to the newest message');
select is(public.unread_message_count(), 0, 'Nothing is unread after that');
select ok((select active_until > now() from public.conversation_participants
            where user_id = tests.get_supabase_uid('maya')), 'Reading marks the conversation open');
select is((select last_read_message_id from public.mark_conversation_read((select id from conv), 0)),
  (select max(id) from public.messages), 'A read marker never moves back');
select is((select active_until from public.mark_conversation_read((select id from conv), null, false)),
  null, 'Leaving the conversation clears active_until');
select lives_ok($$ select public.send_message((select id from conv), 'Hi! Happy to play.') $$,
  'The musician replies');
select is((select last_read_message_id from public.conversation_participants
            where user_id = tests.get_supabase_uid('maya')), (select max(id) from public.messages),
  'Sending moves the sender''s own read marker');
select throws_ok($$ select public.send_message((select id from conv), '   ') $$,
  'SC400', 'Write a message or attach a file', 'An empty message is refused');
select throws_ok($$ select public.send_message((select id from conv), repeat('x', 4001)) $$,
  'SC400', 'Write at most 4000 characters', 'A message over 4000 characters is refused');
select throws_ok($$ select public.send_message((select id from conv), 'see file', 'elsewhere/x.png') $$,
  'SC400', 'Upload the attachment to this conversation first',
  'An attachment that is not in the conversation''s folder is refused');

-- nobody else reads or writes --------------------------------------------------------------------------
select tests.authenticate_as('eve');
select is_empty($$ select 1 from public.conversations $$, 'A stranger sees no conversation');
select is_empty($$ select 1 from public.conversation_participants $$, 'A stranger sees no participants');
select is_empty($$ select 1 from public.messages $$, 'A stranger sees no messages');
select throws_ok($$ select public.send_message((select id from conv), 'let me in') $$,
  'SC404', 'Conversation not found', 'A stranger cannot send into the conversation');
select throws_ok($$ select public.mark_conversation_read((select id from conv)) $$,
  'SC404', 'Conversation not found', 'A stranger cannot mark it read');
select throws_ok($$ select public.edit_message((select max(id) from public.messages), 'x') $$,
  'SC404', 'Message not found', 'A stranger cannot edit a message');
select throws_ok(
  $$ insert into public.messages (conversation_id, sender_id, body)
     values ((select id from conv), (select auth.uid()), 'direct') $$,
  '42501', null, 'Nobody inserts messages directly');
select is(public.unread_message_count(), 0, 'A stranger has nothing unread');

select tests.authenticate_as('client');
select throws_ok(
  $$ update public.messages set body = 'rewritten' $$,
  '42501', null, 'Participants cannot update messages directly either');
select throws_ok(
  $$ update public.conversation_participants set last_read_message_id = 0 $$,
  '42501', null, 'Participants cannot move read markers directly');

select tests.clear_authentication();
select throws_ok($$ select 1 from public.messages $$, '42501', null, 'Anonymous visitors read no messages');
select throws_ok($$ select public.send_message((select id from conv), 'hi') $$,
  '42501', null, 'Anonymous visitors cannot send');

-- edit window and soft delete -----------------------------------------------------------------------
select tests.authenticate_as('client');
create temporary table mine on commit drop as
  select id from public.send_message((select id from conv), 'See you at 8pm');
grant select on mine to authenticated, anon, service_role;
select is((select body from public.edit_message((select id from mine), 'See you at 7pm')),
  'See you at 7pm', 'The sender edits within five minutes');
select tests.authenticate_as('maya');
select throws_ok($$ select public.edit_message((select id from mine), 'hijacked') $$,
  'SC403', 'Only the sender can edit a message', 'The other participant cannot edit it');
select throws_ok($$ select public.delete_message((select id from mine)) $$,
  'SC403', 'Only the sender can delete a message', 'The other participant cannot delete it');
select tests.authenticate_as_service_role();
update public.messages set created_at = now() - interval '6 minutes' where id = (select id from mine);
select tests.authenticate_as('client');
select throws_ok($$ select public.edit_message((select id from mine), 'See you at 9pm') $$,
  'SC409', 'Messages can be edited for 5 minutes only', 'Editing after five minutes is refused');
select results_eq(
  $$ select body, deleted_at is not null from public.delete_message((select id from mine)) $$,
  $$ values ('', true) $$, 'The sender deletes it at any time: the text is gone for readers');
select tests.authenticate_as('maya');
select results_eq($$ select body, deleted_at is not null from public.messages where id = (select id from mine) $$,
  $$ values ('', true) $$, 'The other participant sees only that it was deleted');
select tests.authenticate_as('client');
select throws_ok($$ select public.edit_message((select id from mine), 'back') $$,
  'SC409', 'This message was deleted', 'A deleted message cannot be edited');
select tests.authenticate_as_service_role();
select is((select body from private.deleted_messages where message_id = (select id from mine)),
  'See you at 7pm', 'The deleted text is kept for moderation, out of readers'' reach');

-- unread counts follow sends, deletes and reads ---------------------------------------------------------
select tests.authenticate_as('maya');
select is(public.unread_message_count(), 0, 'A deleted unread message no longer counts');
select tests.authenticate_as('client');
select public.send_message((select id from conv), 'first of two');
create temporary table two on commit drop as
  select id from public.send_message((select id from conv), 'second of two');
grant select on two to authenticated, anon, service_role;
select tests.authenticate_as('maya');
select is(public.unread_message_count(), 2, 'Two new messages are two unread');
select tests.authenticate_as('client');
select public.delete_message((select id from two));
select tests.authenticate_as('maya');
select is(public.unread_message_count(), 1, 'Deleting one of them leaves one unread');
select is((select unread_count from public.mark_conversation_read((select id from conv))), 0,
  'Reading leaves none');

-- attachments in storage --------------------------------------------------------------------------------
-- Rows as the Storage API writes them, as the uploader.
select tests.authenticate_as('client');
select lives_ok(
  $$ insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
     values ('attachments', (select id from conv) || '/' || gen_random_uuid() || '-poster.png',
             (select auth.uid()), (select auth.uid())::text,
             '{"mimetype": "image/png", "size": 68}') $$,
  'A participant uploads into the conversation''s folder');
select tests.authenticate_as('eve');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
     values ('attachments', (select id from conv) || '/' || gen_random_uuid() || '-x.png',
             (select auth.uid()), (select auth.uid())::text, '{}') $$,
  '42501', null, 'A stranger cannot upload into it');
select is_empty($$ select 1 from storage.objects where bucket_id = 'attachments' $$,
  'A stranger cannot read its attachments');
select tests.authenticate_as('client');
select lives_ok(
  $$ select public.send_message((select id from conv), '',
       (select name from storage.objects where bucket_id = 'attachments' limit 1), 'poster.png') $$,
  'The uploader sends the file as a message');
select tests.authenticate_as('maya');
select results_eq(
  $$ select attachment_name, attachment_type, attachment_size from public.messages
      where attachment_path is not null $$,
  $$ values ('poster.png'::text, 'image/png'::text, 68) $$,
  'The other participant sees the attachment with its type and size from storage');
select isnt_empty($$ select 1 from storage.objects where bucket_id = 'attachments' $$,
  'The other participant can read the file');

-- realtime topics -----------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
insert into realtime.messages (topic, extension, event, payload, private)
select t || (select id from conv), 'broadcast', 'probe', '{}', true
  from unnest(array['conversation:', 'typing:']) t;

select tests.authenticate_as('maya');
select set_config('realtime.topic', 'conversation:' || (select id from conv), true);
select isnt_empty($$ select 1 from realtime.messages $$, 'A participant may join the conversation topic');
select tests.authenticate_as('eve');
select set_config('realtime.topic', 'conversation:' || (select id from conv), true);
select is_empty($$ select 1 from realtime.messages $$, 'A stranger may not join the conversation topic');
select set_config('realtime.topic', 'typing:' || (select id from conv), true);
select is_empty($$ select 1 from realtime.messages $$, 'A stranger may not join the typing topic');
select throws_ok(
  $$ insert into realtime.messages (topic, extension, event, payload, private)
     values (realtime.topic(), 'broadcast', 'typing', '{}', true) $$,
  '42501', null, 'A stranger may not broadcast typing');
select tests.authenticate_as('client');
select lives_ok(
  $$ insert into realtime.messages (topic, extension, event, payload, private)
     values (realtime.topic(), 'broadcast', 'typing', '{}', true) $$,
  'A participant may broadcast on the typing topic');
select set_config('realtime.topic', 'conversation:' || (select id from conv), true);
select throws_ok(
  $$ insert into realtime.messages (topic, extension, event, payload, private)
     values (realtime.topic(), 'broadcast', 'message', '{}', true) $$,
  '42501', null, 'Not even a participant may broadcast fake messages on the conversation topic');
select tests.clear_authentication();
select set_config('realtime.topic', 'conversation:' || (select id from conv), true);
select is_empty($$ select 1 from realtime.messages $$, 'An anonymous visitor may not join it');

select * from finish();
rollback;
