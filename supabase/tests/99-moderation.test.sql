-- Moderation (20261217000300_moderation.sql): reports are filed only on what the reporter can see
-- and does not own, once per target while open; only admins read the queue, decide and restore;
-- hidden gigs, profiles, messages and artists disappear for everyone but their owner and admins;
-- every decision is audited and each reporter told.
begin;
select plan(74);

select tests.create_booking_cast();
select tests.authenticate_as('venue');
create temp table ids (k text primary key, v text not null);
grant select, insert on ids to authenticated, service_role, anon;
insert into ids values ('booking', tests.create_booking('Booked night', 30)::text);

select tests.authenticate_as_service_role();
insert into public.client_profiles (id, organisation, published)
values (tests.get_supabase_uid('venue'), 'The Venue', true);
insert into public.gigs (id, client_id, title, description, genres, starts_at, duration_minutes, city,
                         budget_max_minor, status, published_at, apply_by)
select gen_random_uuid(), tests.get_supabase_uid('venue'), t.title,
       'Two sets of jazz standards in a listening room.', '{jazz}', now() + interval '20 days', 120,
       'Lisbon', 60000, t.status, case when t.status = 'published' then now() end,
       now() + interval '19 days'
  from (values ('Spam night', 'published'), ('Secret draft', 'draft')) t(title, status);
insert into ids select 'gig', id::text from public.gigs where title = 'Spam night';
insert into ids select 'draft', id::text from public.gigs where title = 'Secret draft';
insert into ids select 'conv', id::text from public.conversations limit 1;

select tests.authenticate_as('maya');
insert into ids select 'msg', id::text
  from public.send_message((select v::uuid from ids where k = 'conv'), 'Pay me outside the site.');
select tests.authenticate_as('venue');
insert into ids select 'artist', public.create_artist(
  '{"genre": "synth-pop", "market": "GB", "audience": "runners", "tone": "warm"}',
  '{"name": "Luna Vale", "tempo_range": {"min": 90, "max": 110}}', '[]')::text;
select tests.authenticate_as_service_role();
insert into public.artist_members (artist_id, user_id)
select v::uuid, tests.get_supabase_uid('maya') from ids where k = 'artist';

-- schema ------------------------------------------------------------------------------------------------
select has_table('public', 'reports', 'Reports have a table');
select tests.rls_enabled('public', 'reports');
select has_index('public', 'reports', 'reports_open_once_idx', 'One open report per reporter and target');
select col_is_null('public', 'gigs', 'hidden_at', 'Gigs can be hidden');
select col_is_null('public', 'messages', 'hidden_reason', 'Messages carry why they were hidden');

-- filing ---------------------------------------------------------------------------------------------------
select tests.authenticate_as('mallory');
insert into ids select 'r_gig', (public.report_content('gig', (select v from ids where k = 'gig'),
  'spam', 'Same gig posted ten times.')).id::text;
select is((select status from public.reports), 'open', 'A report starts open');
select is((public.report_content('gig', (select v from ids where k = 'gig'), 'scam', '')).id::text,
  (select v from ids where k = 'r_gig'), 'Reporting the same gig again returns the open report');
select is((select count(*)::int from public.reports), 1, 'and files no second one');
select is(public.report_target_label('gig', (select v from ids where k = 'gig')), 'Spam night',
  'The form names what is reported');
select throws_ok($$ select public.report_content('gig', (select v from ids where k = 'gig'), 'rude', '') $$,
  'SC400', 'Choose a reason', 'An unknown reason is refused');
select throws_ok($$ select public.report_content('song', (select v from ids where k = 'gig'), 'spam', '') $$,
  'SC400', 'Report a profile, a gig, a message or an artist', 'An unknown type is refused');
select throws_ok($$ select public.report_content('gig', 'not-an-id', 'spam', '') $$,
  'SC400', 'This link does not name a gig', 'A malformed id is refused');
select throws_ok($$ select public.report_content('message', 'abc', 'spam', '') $$,
  'SC400', 'This link does not name a message', 'A message id is a number');
select throws_ok($$ select public.report_content('profile', tests.get_supabase_uid('maya')::text, 'other', ' ') $$,
  'SC400', 'Tell us what is wrong', '"Something else" needs details');
select throws_ok($$ select public.report_content('profile', tests.get_supabase_uid('maya')::text, 'spam', repeat('x', 1001)) $$,
  'SC400', 'Keep the details under 1000 characters', 'Details are bounded');
select throws_ok($$ select public.report_content('gig', (select v from ids where k = 'draft'), 'spam', '') $$,
  'SC404', 'Gig not found', 'A draft gig the reporter cannot see cannot be reported');
select throws_ok($$ select public.report_content('message', (select v from ids where k = 'msg'), 'spam', '') $$,
  'SC404', 'Message not found', 'Nor a message of someone else''s conversation');
select throws_ok($$ select public.report_content('artist', (select v from ids where k = 'artist'), 'spam', '') $$,
  'SC404', 'Artist not found', 'Nor an artist the reporter is no member of');
select throws_ok($$ select public.report_content('gig', gen_random_uuid()::text, 'spam', '') $$,
  'SC404', 'Gig not found', 'A gig that does not exist reads the same');
select throws_ok($$ select public.report_content('profile', tests.get_supabase_uid('mallory')::text, 'spam', '') $$,
  'SC403', 'You cannot report yourself', 'Nobody reports themselves');
select throws_ok($$ insert into public.reports (reporter_id, target_type, target_id, target_label, reason)
                    values ((select auth.uid()), 'gig', (select v from ids where k = 'gig'), 'x', 'spam') $$,
  '42501', null, 'Nobody writes reports directly');
select throws_ok($$ update public.reports set status = 'dismissed' $$, '42501', null,
  'Nobody decides their own report');
insert into ids select 'r_profile', (public.report_content('profile', tests.get_supabase_uid('maya')::text,
  'impersonation', 'Uses a famous name.')).id::text;
insert into ids select 'r_booked', (public.report_content('gig', g.id::text, 'scam', '')).id::text
  from public.gigs g where g.title = 'Booked night';
insert into ids select 'r_client', (public.report_content('profile', tests.get_supabase_uid('venue')::text,
  'other', 'Odd name.')).id::text;

select tests.authenticate_as('venue');
select throws_ok($$ select public.report_content('gig', (select v from ids where k = 'gig'), 'spam', '') $$,
  'SC403', 'You cannot report your own gig', 'Nobody reports their own gig');
insert into ids select 'r_msg', (public.report_content('message', (select v from ids where k = 'msg'),
  'scam', 'Asks to be paid outside Soundcheck.')).id::text;
select is((select count(*)::int from public.reports), 1, 'A reporter reads only their own reports');

select tests.authenticate_as('maya');
insert into ids select 'r_artist', (public.report_content('artist', (select v from ids where k = 'artist'),
  'inappropriate', '')).id::text;

-- only admins decide ----------------------------------------------------------------------------------------
select tests.authenticate_as('mallory');
select throws_ok($$ select public.admin_resolve_report((select v::uuid from ids where k = 'r_gig'), 'hide', '') $$,
  'SC403', 'Only admins decide reports', 'A non-admin cannot hide');
select throws_ok($$ select * from public.admin_reports() $$, 'SC403', 'Only admins see the reports',
  'A non-admin cannot read the queue');
select throws_ok($$ select public.admin_unhide('gig', (select v from ids where k = 'gig'), '') $$,
  'SC403', 'Only admins restore content', 'A non-admin cannot restore');
select tests.clear_authentication();
select throws_ok($$ select public.report_content('gig', (select v from ids where k = 'gig'), 'spam', '') $$,
  '42501', null, 'A visitor cannot report');

select tests.authenticate_as('judge');
select is((select count(*)::int from public.admin_reports('open')), 6, 'The admin sees six reported targets');
select is((select count(*)::int from public.reports), 6, 'and reads every report');
select is((select label || ' / ' || report_count from public.admin_reports('open') where label = 'Spam night'),
  'Spam night / 1', 'The queue shows the target and how often it was reported');
select throws_ok($$ select public.admin_resolve_report((select v::uuid from ids where k = 'r_gig'), 'ban', '') $$,
  'SC400', 'Choose hide or dismiss', 'An unknown action is refused');
select throws_ok($$ select public.admin_resolve_report(gen_random_uuid(), 'hide', '') $$,
  'SC404', 'Report not found', 'An unknown report is a 404');

-- hide a gig --------------------------------------------------------------------------------------------------
select is((public.admin_resolve_report((select v::uuid from ids where k = 'r_gig'), 'hide',
  'Duplicate listings')).status, 'hidden', 'The admin hides the gig');
select throws_ok($$ select public.admin_resolve_report((select v::uuid from ids where k = 'r_gig'), 'dismiss', '') $$,
  'SC409', 'This report was already decided', 'A decided report is not decided twice');
select is((select (before -> 'hidden_at') = 'null'::jsonb from public.admin_audit_log
            where action = 'moderation.hide' and target_type = 'gig'),
  true, 'The audit row has the state before (not hidden)');
select is((select after ->> 'hidden_reason' from public.admin_audit_log
            where action = 'moderation.hide' and target_type = 'gig'),
  'Duplicate listings', 'and after (hidden, with the note)');
select is((select actor_id from public.admin_audit_log where action = 'moderation.hide'),
  tests.get_supabase_uid('judge'), 'The audit row names the admin');
select ok(exists (select 1 from public.gigs where id = (select v::uuid from ids where k = 'gig')),
  'The admin still sees the hidden gig');

select tests.authenticate_as('mallory');
select is_empty($$ select 1 from public.gigs where id = (select v::uuid from ids where k = 'gig') $$,
  'A third user no longer sees the hidden gig');
select is_empty($$ select 1 from public.search_gigs(p_limit => 200) where title = 'Spam night' $$,
  'nor finds it in the gig search');
select is((select kind || ' ' || link from public.notifications where user_id = (select auth.uid())),
  'report_resolved /reports', 'The reporter is told, with a link to their reports');
select is((select status from public.reports where id = (select v::uuid from ids where k = 'r_gig')),
  'hidden', 'and their report says hidden');
select tests.clear_authentication();
select is_empty($$ select 1 from public.gigs where id = (select v::uuid from ids where k = 'gig') $$,
  'A visitor no longer sees the hidden gig');
select tests.authenticate_as('venue');
select is((select hidden_reason from public.gigs where id = (select v::uuid from ids where k = 'gig')),
  'Duplicate listings', 'The owner still sees it, and why it is hidden');
select is((select hidden_reason from public.own_hidden('gig', array[(select v from ids where k = 'gig')])),
  'Duplicate listings', 'own_hidden gives the owner the notice');
select throws_ok($$ update public.gigs set hidden_at = null, hidden_reason = null
                     where id = (select v::uuid from ids where k = 'gig') $$,
  '42501', null, 'The owner cannot unhide it');

-- hide a message, a profile, an artist; dismiss a report ---------------------------------------------------
select tests.authenticate_as('judge');
select is((public.admin_resolve_report((select v::uuid from ids where k = 'r_msg'), 'hide', null)).status,
  'hidden', 'The admin hides the message');
select ok(exists (select 1 from public.messages where id = (select v::bigint from ids where k = 'msg')),
  'The admin reads the hidden message');
select is((public.admin_resolve_report((select v::uuid from ids where k = 'r_profile'), 'hide', null)).status,
  'hidden', 'The admin hides the musician profile');
select is((public.admin_resolve_report((select v::uuid from ids where k = 'r_artist'), 'hide', null)).status,
  'hidden', 'The admin hides the artist');
select is((public.admin_resolve_report((select v::uuid from ids where k = 'r_booked'), 'hide', null)).status,
  'hidden', 'The admin hides a filled gig too');
select is((public.admin_resolve_report((select v::uuid from ids where k = 'r_client'), 'dismiss', 'Fine')).status,
  'dismissed', 'The admin dismisses the report on the client profile');
select ok(exists (select 1 from public.musician_profiles where id = tests.get_supabase_uid('maya')),
  'The admin reads the hidden profile');
select ok(exists (select 1 from public.artists where id = (select v::uuid from ids where k = 'artist')),
  'The admin reads the hidden artist');
select is((select count(*)::int from public.admin_audit_log where action like 'moderation.%'), 6,
  'Every decision is audited');
select is((select count(*)::int from public.admin_reports('resolved')), 6, 'All six are resolved');

select tests.authenticate_as('venue');
select is_empty($$ select 1 from public.messages where id = (select v::bigint from ids where k = 'msg') $$,
  'The other participant no longer sees the hidden message');
select ok(exists (select 1 from public.artists where id = (select v::uuid from ids where k = 'artist')),
  'The artist''s owner still sees it');
select ok(exists (select 1 from public.client_profiles where id = (select auth.uid()) and hidden_at is null),
  'A dismissed report hides nothing');

select tests.authenticate_as('maya');
select is((select hidden_reason from public.messages where id = (select v::bigint from ids where k = 'msg')),
  'Scam or fraud', 'The sender still sees the message, hidden for the report''s reason');
select ok(exists (select 1 from public.musician_profiles where id = (select auth.uid())),
  'The musician still sees her own hidden profile');
select throws_ok($$ update public.musician_profiles set hidden_at = null, hidden_reason = null
                     where id = (select auth.uid()) $$,
  '42501', null, 'and cannot unhide it herself');
select is_empty($$ select 1 from public.artists where id = (select v::uuid from ids where k = 'artist') $$,
  'A member no longer sees the hidden artist');
select ok(exists (select 1 from public.gigs g join public.bookings b on b.gig_id = g.id
                   where b.id = (select v::uuid from ids where k = 'booking')),
  'The booked musician still reads her gig, hidden or not');

select tests.authenticate_as('mallory');
select is_empty($$ select 1 from public.musician_profiles where id = tests.get_supabase_uid('maya') $$,
  'A third user no longer sees the hidden profile');
select is_empty($$ select 1 from public.gigs where title = 'Booked night' $$,
  'nor the hidden filled gig');
select is_empty($$ select 1 from public.search_musicians(p_limit => 200) where id = tests.get_supabase_uid('maya') $$,
  'nor finds her in the directory');
select tests.clear_authentication();
select is_empty($$ select 1 from public.musician_profiles where id = tests.get_supabase_uid('maya') $$,
  'A visitor no longer sees the hidden profile');
reset role;
select is((select published from private.musician_match where musician_id = tests.get_supabase_uid('maya')),
  false, 'Matching no longer offers the hidden musician');

-- restore ------------------------------------------------------------------------------------------------------
select tests.authenticate_as('judge');
select ok(public.admin_unhide('gig', (select v from ids where k = 'gig'), 'Owner fixed it'), 'The admin restores the gig');
select throws_ok($$ select public.admin_unhide('gig', (select v from ids where k = 'gig'), '') $$,
  'SC409', 'This gig is not hidden', 'Restoring what is not hidden is refused');
select is((select before ->> 'hidden_reason' from public.admin_audit_log where action = 'moderation.unhide'),
  'Duplicate listings', 'The restore is audited with the state before');
select tests.authenticate_as('mallory');
select ok(exists (select 1 from public.gigs where id = (select v::uuid from ids where k = 'gig')),
  'The restored gig is visible again');

select * from finish();
rollback;
