-- Spotify exports (20261216000100_spotify_export.sql): one export row per run, written only by
-- the server through functions that hold a lease per attempt (two attempts at once: the second
-- is refused), set the playlist once, and check what each track became; read by the owner only.
-- Connections that stopped working say why.
begin;
select plan(23);

select tests.create_supabase_user('alice', null, '{"display_name": "Alice"}');
select tests.create_supabase_user('bob', null, '{"display_name": "Bob"}');

create table tests.dj_export_ids (k text primary key, id uuid not null);
grant select on tests.dj_export_ids to anon, authenticated, service_role;
insert into tests.dj_export_ids (k, id) values
  ('alice_run', private.dj_queue_run(tests.get_supabase_uid('alice'), 'calm music for studying', 10, false, null)),
  ('alice_other', private.dj_queue_run(tests.get_supabase_uid('alice'), 'loud music for running', 10, false, null));
-- Two drafts of three tracks (only their number matters here).
update public.dj_runs
   set status = 'draft', stage = null, plan = '{"playlist_name": "Calm study"}',
       plan_source = 'offline', source = 'catalogue',
       tracks = (select jsonb_agg(jsonb_build_object('position', n)) from generate_series(1, 3) n)
 where id in (select id from tests.dj_export_ids);

create function tests.items(p_added boolean) returns jsonb language sql as $$
  select jsonb_build_array(
    jsonb_build_object('p', 1, 'uri', 'spotify:track:aaa', 's', 'found', 'a', p_added),
    jsonb_build_object('p', 2, 'uri', null, 's', 'absent', 'a', false),
    jsonb_build_object('p', 3, 'uri', null, 's', 'unknown', 'a', false))
$$;
grant execute on function tests.items(boolean) to service_role;

select tests.rls_enabled('public', 'dj_exports');

-- the server -------------------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
select throws_ok(
  $$ select private.dj_export_begin((select id from tests.dj_export_ids where k = 'alice_run'),
       tests.get_supabase_uid('bob'), 60) $$,
  'SC404', 'No such playlist', 'An export is only ever of the user''s own run');
select is(
  (select attempts from private.dj_export_begin(
     (select id from tests.dj_export_ids where k = 'alice_run'), tests.get_supabase_uid('alice'), 60)),
  1, 'The first attempt starts the export');
select throws_ok(
  $$ select private.dj_export_begin((select id from tests.dj_export_ids where k = 'alice_run'),
       tests.get_supabase_uid('alice'), 60) $$,
  'SC409', 'This playlist is being exported right now: wait a moment, then reload.',
  'A second attempt while the first holds the run is refused (no second playlist)');
select lives_ok(
  $$ select private.dj_export_save((select id from tests.dj_export_ids where k = 'alice_run'),
       tests.get_supabase_uid('alice'), 'pl1', tests.items(true), 'snap-1') $$,
  'The attempt records its playlist and what each track became');
select throws_ok(
  $$ select private.dj_export_save((select id from tests.dj_export_ids where k = 'alice_run'),
       tests.get_supabase_uid('alice'), 'pl2', tests.items(true), null) $$,
  'SC409', 'This export already has its playlist', 'The playlist is set once');
select lives_ok(
  $$ select private.dj_export_save((select id from tests.dj_export_ids where k = 'alice_run'),
       tests.get_supabase_uid('alice'), 'pl2', tests.items(false), null, true) $$,
  'Another one only when the first is gone (replace)');
select throws_ok(
  $$ select private.dj_export_save((select id from tests.dj_export_ids where k = 'alice_run'),
       tests.get_supabase_uid('alice'), 'pl2', tests.items(true) - 2, null) $$,
  'SC400', 'Not the export''s tracks: one entry per track', 'One entry per run track');
select throws_ok(
  $$ select private.dj_export_save((select id from tests.dj_export_ids where k = 'alice_run'),
       tests.get_supabase_uid('alice'), 'pl2',
       jsonb_set(tests.items(true), '{1,a}', 'true'), null) $$,
  'SC400', 'Not the export''s tracks: entries are {p, uri, s, a} in run order',
  'A track not on Spotify cannot be in the playlist');
select throws_ok(
  $$ select private.dj_export_save((select id from tests.dj_export_ids where k = 'alice_run'),
       tests.get_supabase_uid('alice'), null, tests.items(true), null, true) $$,
  'SC400', 'Tracks added to no playlist', 'Added tracks need a playlist');
select lives_ok(
  $$ select private.dj_export_end((select id from tests.dj_export_ids where k = 'alice_run'),
       tests.get_supabase_uid('alice'), 'partial', 'Spotify is busy') $$,
  'An attempt ends partial, with what stopped it');
select results_eq(
  $$ select attempts, state, lease_until is null, playlist_id, last_error from public.dj_exports $$,
  $$ values (1, 'partial', true, 'pl2', 'Spotify is busy') $$,
  'The lease is released and the state kept');
select is(
  (select attempts from private.dj_export_begin(
     (select id from tests.dj_export_ids where k = 'alice_run'), tests.get_supabase_uid('alice'), 60)),
  2, 'The next attempt resumes the same export');
select lives_ok(
  $$ select private.dj_export_begin((select id from tests.dj_export_ids where k = 'alice_other'),
       tests.get_supabase_uid('alice'), 60) $$,
  'Another run has its own export');
select throws_ok(
  $$ select private.dj_export_save((select id from tests.dj_export_ids where k = 'alice_other'),
       tests.get_supabase_uid('alice'), 'pl2', tests.items(true), null) $$,
  '23505', null, 'A playlist belongs to one export');
update public.dj_runs set status = 'exported', playlist_id = 'pl9',
       playlist_url = 'https://open.spotify.com/playlist/pl9'
 where id = (select id from tests.dj_export_ids where k = 'alice_other');
select throws_ok(
  $$ select private.dj_export_end((select id from tests.dj_export_ids where k = 'alice_other'),
       tests.get_supabase_uid('alice'), 'done', null) $$,
  '23514', null, 'An export without a playlist is not done');
select throws_ok(
  $$ select private.dj_export_begin((select id from tests.dj_export_ids where k = 'alice_other'),
       tests.get_supabase_uid('alice'), 60) $$,
  'SC409', 'This playlist is already in your Spotify account', 'An exported run is not exported again');

-- the users --------------------------------------------------------------------------------------------
select tests.authenticate_as('alice');
select is((select count(*)::int from public.dj_exports), 2, 'Alice reads her exports');
select throws_ok(
  $$ select private.dj_export_begin((select id from tests.dj_export_ids where k = 'alice_run'),
       (select auth.uid()), 60) $$,
  '42501', null, 'Only the server runs an export');
select throws_ok(
  $$ update public.dj_exports set playlist_id = 'mine' $$,
  '42501', null, 'Nor may the owner write the export row');
select tests.authenticate_as('bob');
select is((select count(*)::int from public.dj_exports), 0, 'Bob sees no one else''s exports');
select tests.clear_authentication();
select throws_ok($$ select count(*) from public.dj_exports $$, '42501', null,
  'An anonymous visitor reads nothing');

-- connections --------------------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
select throws_ok(
  $$ insert into public.spotify_connections (user_id, spotify_user_id, status, access_token_enc,
       refresh_token_enc, expires_at)
     values (tests.get_supabase_uid('bob'), 'bob', 'broken', 'v1.a', 'v1.r', now()) $$,
  '23514', null, 'A broken connection says why');

select * from finish();
rollback;
