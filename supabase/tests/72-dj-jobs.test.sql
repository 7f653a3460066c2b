-- AI DJ runs as staged jobs (20261205000200_dj_jobs.sql): only the server creates a queued run and
-- stores what its stages found; a run's live topic `dj_run:<id>` is its owner's alone; the job
-- columns keep a run's status, stage and results consistent. Tried from every side: the owner,
-- another user, an anonymous visitor, and the server.
begin;
select plan(24);

select tests.create_supabase_user('alice', null, '{"display_name": "Alice"}');
select tests.create_supabase_user('bob', null, '{"display_name": "Bob"}');

-- Ids made as the server, for the users to try.
create table tests.dj_job_ids (k text primary key, id uuid not null);
grant select on tests.dj_job_ids to anon, authenticated;
insert into tests.dj_job_ids (k, id) values
  ('alice_run', private.dj_queue_run(tests.get_supabase_uid('alice'), 'calm music for studying', 10, false, null)),
  ('bob_run', private.dj_queue_run(tests.get_supabase_uid('bob'), 'loud music for running', 10, false, null));
-- A song of Bob's, unpublished: no one else's playlist may hold it.
insert into public.tracks (source, title, artist, owner_id)
values ('studio', 'Bob''s secret demo', 'Bob', tests.get_supabase_uid('bob'));
insert into tests.dj_job_ids (k, id) select 'bob_song', id from public.tracks where title = 'Bob''s secret demo';
-- A probe message per run's topic, written as Realtime's authoriser does.
insert into realtime.messages (topic, extension, event, payload, private)
select 'dj_run:' || id, 'broadcast', 'probe', '{}', true from tests.dj_job_ids where k like '%_run';

-- the server ------------------------------------------------------------------------------------------
select results_eq(
  $$ select status, stage, plan is null, source is null, tracks from public.dj_runs
      where id = (select id from tests.dj_job_ids where k = 'alice_run') $$,
  $$ values ('queued', 'interpret', true, true, '[]'::jsonb) $$,
  'A new run is queued at its first stage, with no plan and no tracks yet');
select throws_ok(
  $$ select private.dj_queue_run(tests.get_supabase_uid('alice'), 'more of that', 10, false,
       (select id from tests.dj_job_ids where k = 'bob_run')) $$,
  'SC404', 'No such playlist to refine', 'A run cannot refine another user''s playlist');
select throws_ok(
  $$ select private.dj_store_tracks((select id from tests.dj_job_ids where k = 'alice_run'),
       'catalogue', null, '{}', '[]') $$,
  'SC409', 'This playlist is not being made', 'Tracks are stored only while a run is running');

update public.dj_runs set status = 'running', stage = 'search',
       plan = '{"playlist_name": "Calm study"}', plan_source = 'offline'
 where id in (select id from tests.dj_job_ids where k like '%_run');
select throws_ok(
  $$ select private.dj_store_tracks((select id from tests.dj_job_ids where k = 'alice_run'),
       'catalogue', null, '{}',
       jsonb_build_array(jsonb_build_object('track_id', (select id from tests.dj_job_ids where k = 'bob_song'),
                                            'reason', 'Found by “calm”.', 'score', 1))) $$,
  'SC404', 'A track of this playlist does not exist',
  'A run cannot hold another user''s unpublished song');
select throws_ok(
  $$ select private.dj_store_tracks((select id from tests.dj_job_ids where k = 'alice_run'),
       'catalogue', null, '{}',
       (select jsonb_agg(jsonb_build_object('track_id', id, 'reason', 'r', 'score', 1))
          from (select id from public.tracks where source = 'catalogue' limit 11) x)) $$,
  'SC400', 'More tracks than the playlist''s length', 'A run holds at most its length');
select is(
  private.dj_store_tracks((select id from tests.dj_job_ids where k = 'bob_run'), 'catalogue',
    'Only 2 matching tracks were found.', '{"search_ms": 3}',
    jsonb_build_array(
      jsonb_build_object('track_id', (select id from tests.dj_job_ids where k = 'bob_song'),
                         'reason', 'Your own song.', 'score', 2),
      jsonb_build_object('track_id', (select id from public.tracks where source = 'catalogue'
                                       order by external_id limit 1),
                         'reason', 'Found by “loud”.', 'score', 1))),
  2, 'The owner''s own song and a catalogue track are stored');
select results_eq(
  $$ select source, notice, timings ->> 'search_ms', tracks -> 0 ->> 'title', tracks -> 0 ->> 'position'
       from public.dj_runs where id = (select id from tests.dj_job_ids where k = 'bob_run') $$,
  $$ values ('catalogue', 'Only 2 matching tracks were found.', '3', 'Bob''s secret demo', '1') $$,
  'The run keeps a snapshot of its tracks in order, with where they came from');

-- consistency of the job columns -------------------------------------------------------------------------
select throws_ok(
  $$ update public.dj_runs set status = 'draft'
      where id = (select id from tests.dj_job_ids where k = 'bob_run') $$,
  '23514', null, 'A finished run has no stage left');
select throws_ok(
  $$ update public.dj_runs set status = 'draft', stage = null, source = null
      where id = (select id from tests.dj_job_ids where k = 'bob_run') $$,
  '23514', null, 'A draft says where its tracks came from');
select throws_ok(
  $$ update public.dj_runs set status = 'exported', stage = null
      where id = (select id from tests.dj_job_ids where k = 'bob_run') $$,
  '23514', null, 'An exported run has its playlist');
select throws_ok(
  $$ update public.dj_runs set stage = 'dance'
      where id = (select id from tests.dj_job_ids where k = 'bob_run') $$,
  '23514', null, 'A stage is one the DJ has');
select lives_ok(
  $$ update public.dj_runs set playlist_id = 'abc123', playlist_url = 'https://open.spotify.com/playlist/abc123'
      where id = (select id from tests.dj_job_ids where k = 'bob_run') $$,
  'The build stage may store its playlist before the run is marked exported');
select lives_ok(
  $$ update public.dj_runs set status = 'exported', stage = null, progress = '{}'
      where id = (select id from tests.dj_job_ids where k = 'bob_run') $$,
  'Then the run is exported');

-- users -------------------------------------------------------------------------------------------------
select tests.authenticate_as('alice');
select throws_ok(
  $$ select private.dj_queue_run(tests.get_supabase_uid('alice'), 'free runs for me', 10, false, null) $$,
  '42501', 'permission denied for function dj_queue_run', 'A user cannot queue a run past the server');
select throws_ok(
  $$ select private.dj_store_tracks((select id from tests.dj_job_ids where k = 'alice_run'),
       'catalogue', null, '{}', '[]') $$,
  '42501', 'permission denied for function dj_store_tracks', 'A user cannot store a run''s tracks');
select throws_ok(
  $$ update public.dj_runs set status = 'draft', stage = null
      where id = (select id from tests.dj_job_ids where k = 'alice_run') $$,
  '42501', 'permission denied for table dj_runs', 'A user cannot move their run on');
select results_eq(
  $$ select status, stage from public.dj_runs $$,
  $$ values ('running', 'search') $$,
  'A user reads their own run while it is being made, and only theirs');

select set_config('realtime.topic', 'dj_run:' || (select id from tests.dj_job_ids where k = 'alice_run'), true);
select isnt_empty($$ select id from realtime.messages $$, 'The owner follows their run live');
select throws_ok(
  $$ insert into realtime.messages (topic, extension, event, payload, private)
     values (realtime.topic(), 'broadcast', 'progress', '{"status": "exported"}', true) $$,
  '42501', 'new row violates row-level security policy for table "messages"',
  'The owner cannot broadcast progress of their own');
select set_config('realtime.topic', 'dj_run:' || (select id from tests.dj_job_ids where k = 'bob_run'), true);
select is_empty($$ select id from realtime.messages $$, 'A user cannot follow another user''s run');
select set_config('realtime.topic', 'dj_run:' || upper((select id::text from tests.dj_job_ids where k = 'alice_run')), true);
select is_empty($$ select id from realtime.messages $$, 'A topic not spelled as the server spells it is refused');
select set_config('realtime.topic', 'dj_run:not-a-uuid', true);
select is_empty($$ select id from realtime.messages $$, 'A malformed run topic is refused');

select tests.clear_authentication();
select set_config('realtime.topic', 'dj_run:' || (select id from tests.dj_job_ids where k = 'alice_run'), true);
select is_empty($$ select id from realtime.messages $$, 'An anonymous visitor cannot follow a run');
select throws_ok($$ select id from public.dj_runs $$, '42501',
  'permission denied for table dj_runs', 'An anonymous visitor reads no run');

select * from finish();
rollback;
