-- Gig scout (20261214000100_gig_scout.sql): musicians and admins keep sources (a client only is
-- refused); an admin's source is public and its gigs everyone's to see, a musician's are theirs
-- only; people change sources only through the functions; the schedule queues a due source once.
begin;
select plan(34);

select tests.create_supabase_user('ana', null, '{"display_name": "Ana", "is_musician": true}');
select tests.create_supabase_user('eve', null, '{"display_name": "Eve", "is_musician": true}');
select tests.create_supabase_user('cli', null,
  '{"display_name": "Cli", "is_musician": false, "is_client": true}');
select tests.create_supabase_user('adm', null, '{"display_name": "Adm", "is_client": true}');
update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role": "admin"}'
 where id = tests.get_supabase_uid('adm');

create table tests.scout_ids (k text primary key, id uuid not null);
grant select, insert on tests.scout_ids to authenticated, service_role;

select tests.rls_enabled('public', 'scout_sources');
select has_index('public', 'external_gigs', 'external_gigs_starts_at_id_idx',
  'Canonical gigs have a named index by start');

-- creating sources ----------------------------------------------------------------------------------------
select tests.authenticate_as('ana');
insert into tests.scout_ids select 'ana', public.create_scout_source('ical', 'Lisbon jazz',
  'https://example.org/jazz.ics', null, 12);
select is((select is_public from public.scout_sources), false, 'A musician''s source is private');
select is((select health from public.scout_sources), 'new', 'A new source says so');
select ok((select next_run_at <= now() from public.scout_sources), 'A new source is due at once');
select throws_ok($$ select public.create_scout_source('ical', 'x', 'ftp://example.org/a', null, 12) $$,
  'SC400', 'Give the feed''s address (http or https)', 'A feed needs an http address');
select throws_ok($$ select public.create_scout_source('eventbrite', 'EB', null, null, 12) $$,
  'SC400', null, 'Eventbrite needs an organisation');
select throws_ok($$ select public.create_scout_source('rss', 'x', 'https://a.b/', null, 500) $$,
  'SC400', 'Check every 1 to 168 hours', 'The schedule is bounded');
insert into tests.scout_ids select 'csv', public.create_scout_source('csv', 'My list', null, null, 24);
select is((select next_run_at from public.scout_sources s join tests.scout_ids i on i.id = s.id
            where i.k = 'csv'), null, 'A CSV source is not scheduled');
select throws_ok($$ insert into public.scout_sources (owner_id, kind, name, url)
                    values ((select auth.uid()), 'rss', 'x', 'https://a.b/') $$,
  '42501', null, 'Nobody inserts sources directly');
select throws_ok($$ update public.scout_sources set is_public = true $$, '42501', null,
  'Nor makes theirs public');
select throws_ok($$ select etag from public.scout_sources $$, '42501', null,
  'The cache validators are the worker''s');

select tests.authenticate_as('cli');
select throws_ok($$ select public.create_scout_source('rss', 'x', 'https://a.b/', null, 24) $$,
  'SC403', 'Only musicians and admins keep gig sources', 'A client only keeps no sources');

select tests.authenticate_as('adm');
insert into tests.scout_ids select 'adm', public.create_scout_source('rss', 'City listings',
  'https://example.org/rss', null, 24);
select is((select is_public from public.scout_sources s join tests.scout_ids i on i.id = s.id
            where i.k = 'adm'), true, 'An admin''s source is public');

-- the worker writes gigs ------------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
insert into public.external_gigs (source_id, source_uid, title, starts_at)
select id, 'a-1', 'Ana''s private find', now() + interval '3 days' from tests.scout_ids where k = 'ana';
insert into public.external_gigs (source_id, source_uid, title, starts_at)
select id, 'p-1', 'Public find', now() + interval '4 days' from tests.scout_ids where k = 'adm';
select throws_ok($$ insert into public.external_gigs (source_id, source_uid, title, starts_at)
                    select id, 'p-1', 'Again', now() from tests.scout_ids where k = 'adm' $$,
  '23505', null, 'One gig per source and uid');

select tests.authenticate_as('eve');
select is((select count(*)::int from public.scout_sources), 1, 'Eve sees only the public source');
select is((select title from public.external_gigs), 'Public find', 'Eve sees only public gigs');
select is_empty($$ select 1 from public.scout_runs $$, 'Eve reads no runs');
select throws_ok($$ select public.queue_scout_source((select id from tests.scout_ids where k = 'ana')) $$,
  'SC404', 'Source not found', 'Eve cannot queue Ana''s source');
select throws_ok($$ select public.update_scout_source((select id from tests.scout_ids where k = 'adm'),
  'Mine now', null, null, null, null) $$, 'SC403', null, 'Nor change the public one');
delete from public.scout_sources;
select tests.authenticate_as('ana');
select is((select count(*)::int from public.scout_sources), 3, 'Eve deleted nothing');
select throws_ok($$ insert into public.external_gigs (source_id, source_uid, title, starts_at)
                    select id, 'x', 'Mine', now() from tests.scout_ids where k = 'ana' $$,
  '42501', null, 'An owner writes no gigs directly');

select tests.clear_authentication();
select is((select count(*)::int from public.external_gigs), 1, 'A visitor sees public gigs');
select is((select name from public.scout_sources), 'City listings', 'And public sources'' names');

-- schedule and check now ----------------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
select is(private.enqueue_due_scout_sources(), 2, 'The two due feeds are queued');
select is(private.enqueue_due_scout_sources(), 0, 'Not again while queued');
select is((select count(*)::int from pgmq.q_scouting
            where message ->> 'kind' = 'scout_source'), 2, 'Two messages on scouting');

select is(private.take_scout_host_slot('Feeds.example', 1000), 0, 'A host''s first request goes now');
select ok((select w between 900 and 1000 from private.take_scout_host_slot('feeds.example', 1000) w),
  'The next one waits about a second');
select tests.authenticate_as('ana');
select throws_ok($$ select private.take_scout_host_slot('feeds.example', 0) $$, '42501', null,
  'People do not book host slots');
select is(public.queue_scout_source((select id from tests.scout_ids where k = 'ana')), false,
  'Check now while queued does not queue twice');
select throws_ok($$ select public.queue_scout_source((select id from tests.scout_ids where k = 'csv')) $$,
  'SC409', null, 'A CSV source is not fetched');
select lives_ok($$ select public.update_scout_source((select id from tests.scout_ids where k = 'ana'),
  null, null, null, null, false) $$, 'Ana pauses her source');
select is((select health from public.scout_sources s join tests.scout_ids i on i.id = s.id
            where i.k = 'ana'), 'paused', 'It says paused');

select * from finish();
rollback;
