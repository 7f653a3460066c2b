-- AI DJ from the attacker's side: a signed-in user calls dj_save_run and dj_record_export
-- directly (PostgREST exposes them to `authenticated`) with values the server would never send.
-- Each call fails with a clear error naming the field, and no row changes: no track that other
-- users' playlists and share pages show, no run, no export.
begin;
select plan(34);

select tests.create_supabase_user('mallory', null, '{"display_name": "Mallory"}');
select tests.create_supabase_user('victim', null, '{"display_name": "Victor"}');

-- What the server sends (lib/domains/dj/store.ts SaveRunInput after its zod checks), built as the owner.
create table tests.dj_forge (k text primary key, p jsonb not null);
grant select on tests.dj_forge to authenticated;
insert into tests.dj_forge (k, p) values ('base', jsonb_build_object(
  'prompt', 'calm music for studying', 'length', 10, 'no_explicit', false,
  'plan', jsonb_build_object(
    'search_terms', jsonb_build_array('calm piano', 'study focus'), 'genres', jsonb_build_array('piano'),
    'mood', 'calm focus', 'energy', 0.2, 'danceability', 0.3, 'valence', 0.4,
    'tempo', jsonb_build_object('min', 60, 'max', 100), 'playlist_name', 'Calm study',
    'description', 'Quiet music to study with.', 'language', 'en'),
  'plan_source', 'offline', 'source', 'catalogue', 'status', 'draft', 'playlist_id', null,
  'playlist_url', null, 'error', null, 'notice', null,
  'timings', jsonb_build_object('interpret_ms', 1.5, 'search_ms', 2, 'build_ms', 1, 'export_ms', 0,
                                'total_ms', 5, 'requests', 3),
  'tracks', (select jsonb_agg(jsonb_build_object('track_id', id, 'reason', 'Found by “calm”.', 'score', 1))
               from (select id from public.tracks where source = 'catalogue'
                      order by external_id limit 10) x)));
-- A Spotify track as a forger would send it: a real-looking id, a made-up title and artist.
insert into tests.dj_forge (k, p)
select 'spotify', b.p || jsonb_build_object('source', 'spotify', 'tracks', jsonb_build_array(
  jsonb_build_object('spotify', jsonb_build_object(
    'external_id', '4uLU6hMCjMI75M1A2tKUQC', 'uri', 'spotify:track:4uLU6hMCjMI75M1A2tKUQC',
    'title', 'FREE FOLLOWERS at scam.example', 'artist', 'Visit scam.example', 'album', null,
    'explicit', false, 'duration_ms', 200000), 'reason', 'Found by “calm”.', 'score', 1)))
  from tests.dj_forge b where b.k = 'base';

-- A counter of everything a forged call could have changed.
create function tests.dj_state() returns text language sql security definer set search_path = '' as $$
  select (select count(*) from public.tracks)::text || '/' || (select count(*) from public.dj_runs)::text
      || '/' || coalesce((select string_agg(t.title || '|' || t.artist, ',' order by t.id)
                            from public.tracks t where t.source = 'spotify'), '')
      || '/' || coalesce((select string_agg(r.status || '|' || coalesce(r.playlist_url, '') || '|'
                                            || r.tracks::text, ',' order by r.id)
                            from public.dj_runs r), '')
$$;
create table tests.dj_before (s text);
grant select, insert, delete on tests.dj_before to authenticated;

-- Spotify tracks: only the server adds them ----------------------------------------------------------
select tests.authenticate_as('mallory');
insert into tests.dj_before select tests.dj_state();
select throws_ok(
  $$ select public.dj_save_run((select p from tests.dj_forge where k = 'spotify')) $$,
  'SC404', 'A track of this playlist does not exist',
  'A user cannot create a Spotify track by saving a run that names it');
select is((select count(*)::int from public.tracks where source = 'spotify'), 0,
  'No track row appeared');
select throws_ok(
  $$ select private.dj_add_spotify_tracks(jsonb_build_array(jsonb_build_object(
       'external_id', 'abc123', 'uri', 'spotify:track:abc123', 'title', 'Forged', 'artist', 'Forger'))) $$,
  '42501', null, 'nor through the server''s own function');
select throws_ok(
  $$ insert into public.tracks (source, external_id, title, artist, published)
     values ('spotify', 'abc123', 'Forged', 'Forger', true) $$,
  '42501', null, 'nor by writing the table');
select is_empty(
  $$ update public.tracks set title = 'Forged' where source = 'catalogue' returning id $$,
  'nor by editing a catalogue track');
select is(tests.dj_state(), (select s from tests.dj_before), 'Nothing changed');

-- The server adds the real track; a user's forged title for it is never stored.
select tests.authenticate_as_service_role();
select is(private.dj_add_spotify_tracks(jsonb_build_array(jsonb_build_object(
  'external_id', '4uLU6hMCjMI75M1A2tKUQC', 'uri', 'spotify:track:4uLU6hMCjMI75M1A2tKUQC',
  'title', 'Clair de Lune', 'artist', 'Claude Debussy', 'album', 'Suite bergamasque',
  'explicit', false, 'duration_ms', 300000))), 1, 'The server adds a Spotify track it found');
select throws_ok(
  $$ select private.dj_add_spotify_tracks(jsonb_build_array(jsonb_build_object(
       'external_id', 'abc123', 'uri', 'spotify:track:OTHER', 'title', 'x', 'artist', 'y'))) $$,
  'SC400', 'Not a list of Spotify tracks', 'and even the server''s function checks the shape');
select tests.authenticate_as('mallory');
select lives_ok($$ select public.dj_save_run((select p from tests.dj_forge where k = 'spotify')) $$,
  'A user''s run may use a Spotify track the server added');
select results_eq(
  $$ select t.title, t.artist, r.tracks -> 0 ->> 'title', r.tracks -> 0 ->> 'artist'
       from public.tracks t, public.dj_runs r where t.source = 'spotify' $$,
  $$ values ('Clair de Lune'::text, 'Claude Debussy'::text, 'Clair de Lune'::text, 'Claude Debussy'::text) $$,
  'but the title and artist are Spotify''s, in the table and the run: the forged ones are ignored');
select tests.authenticate_as('victim');
select is((select title from public.tracks where source = 'spotify'), 'Clair de Lune',
  'Another user sees the real title');

-- dj_save_run: everything the server checks ------------------------------------------------------
select tests.authenticate_as('mallory');
delete from tests.dj_before;
insert into tests.dj_before select tests.dj_state();
select throws_ok(
  $$ select public.dj_save_run((select p || '{"status": "exported", "playlist_id": "abc123",
       "playlist_url": "https://evil.example/phish"}' from tests.dj_forge where k = 'base')) $$,
  'SC400', 'Not the Spotify link of this playlist', 'A playlist link elsewhere than Spotify is refused');
select throws_ok(
  $$ select public.dj_save_run((select p || '{"status": "exported", "playlist_id": "abc123",
       "playlist_url": "https://open.spotify.com/playlist/other"}' from tests.dj_forge where k = 'base')) $$,
  'SC400', 'Not the Spotify link of this playlist', 'and so is the link of another playlist');
select throws_ok(
  $$ select public.dj_save_run((select p || '{"status": "exported", "playlist_id": "../../x",
       "playlist_url": "https://open.spotify.com/playlist/../../x"}' from tests.dj_forge where k = 'base')) $$,
  'SC400', 'Not a Spotify playlist id', 'A playlist id is a Spotify id');
select throws_ok(
  $$ select public.dj_save_run((select p || '{"playlist_url": "https://open.spotify.com/playlist/abc"}'
                                  from tests.dj_forge where k = 'base')) $$,
  'SC400', 'Only an exported run has a playlist', 'A draft has no playlist link');
select throws_ok(
  $$ select public.dj_save_run((select jsonb_set(p, '{plan,playlist_name}', to_jsonb(repeat('x', 101)))
                                  from tests.dj_forge where k = 'base')) $$,
  'SC400', 'The playlist name has 1 to 100 characters', 'A playlist name over 100 characters is refused');
select throws_ok(
  $$ select public.dj_save_run((select jsonb_set(p, '{plan,description}', to_jsonb(repeat('x', 301)))
                                  from tests.dj_forge where k = 'base')) $$,
  'SC400', 'The description has at most 300 characters', 'so is a description over 300');
select throws_ok(
  $$ select public.dj_save_run((select jsonb_set(p, '{plan,payload}', to_jsonb(repeat('x', 100000)))
                                  from tests.dj_forge where k = 'base')) $$,
  'SC400', 'The plan has an unknown field: payload', 'and any field the plan does not have');
select throws_ok(
  $$ select public.dj_save_run((select jsonb_set(p, '{plan,language}', '"<script>"')
                                  from tests.dj_forge where k = 'base')) $$,
  'SC400', 'The language is an ISO 639-1 code', 'The plan''s language is a two-letter code');
select throws_ok(
  $$ select public.dj_save_run((select jsonb_set(p, '{tracks,0,reason}', to_jsonb(repeat('x', 301)))
                                  from tests.dj_forge where k = 'base')) $$,
  'SC400', 'Each track has a reason of 1 to 300 characters', 'A reason over 300 characters is refused');
select throws_ok(
  $$ select public.dj_save_run((select jsonb_set(p, '{tracks,0,spotify_uri}', '"javascript:alert(1)"')
                                  from tests.dj_forge where k = 'base')) $$,
  'SC400', 'Not a Spotify track URI', 'A track''s Spotify URI has the Spotify shape');
select throws_ok(
  $$ select public.dj_save_run((select p || jsonb_build_object('length', 10, 'tracks',
       (select jsonb_agg(jsonb_build_object('track_id', id, 'reason', 'r', 'score', 1))
          from (select id from public.tracks where source = 'catalogue' limit 11) x))
       from tests.dj_forge where k = 'base')) $$,
  'SC400', 'More tracks than the playlist''s length', 'No more tracks than the length asked for');
select throws_ok(
  $$ select public.dj_save_run((select p || '{"length": 500}' from tests.dj_forge where k = 'base')) $$,
  'SC400', 'Choose a length from 10 to 50 tracks', 'A length is 10 to 50');
select throws_ok(
  $$ select public.dj_save_run((select jsonb_set(p, '{timings,requests}', '"lots"')
                                  from tests.dj_forge where k = 'base')) $$,
  'SC400', 'Not a set of timings', 'Timings are numbers');
select throws_ok(
  $$ select public.dj_save_run((select p || '{"source": "spotify"}' from tests.dj_forge where k = 'base')) $$,
  'SC400', 'A Spotify playlist holds Spotify tracks', 'A Spotify run holds only Spotify tracks');
select throws_ok(
  $$ select public.dj_save_run((select jsonb_set(p, '{tracks,0}', jsonb_build_object(
       'track_id', (select id from public.tracks where source = 'spotify'), 'reason', 'r'))
       from tests.dj_forge where k = 'base')) $$,
  'SC404', 'A track of this playlist does not exist', 'and a catalogue run no Spotify track');
select throws_ok(
  $$ select public.dj_save_run((select p || '{"admin": true}' from tests.dj_forge where k = 'base')) $$,
  'SC400', 'Unknown field', 'A run has only the fields the server sends');
select is(tests.dj_state(), (select s from tests.dj_before), 'None of these changed anything');

-- dj_record_export: the playlist link, the matches, the state ------------------------------------
select lives_ok($$ select public.dj_save_run((select p from tests.dj_forge where k = 'base')) $$,
  'The server''s own payload is saved');
delete from tests.dj_before;
insert into tests.dj_before select tests.dj_state();
select throws_ok(
  format('select public.dj_record_export(%L, %L, %L, %L, null, 5)',
         (select id from public.dj_runs where source = 'catalogue'), 'abc123',
         'https://evil.example/abc123', '[{"position": 1, "uri": "spotify:track:abc123"}]'),
  'SC400', 'Not the Spotify link of this playlist', 'An export cannot point the share page anywhere');
select throws_ok(
  format('select public.dj_record_export(%L, %L, %L, %L, null, 5)',
         (select id from public.dj_runs where source = 'catalogue'), 'abc123',
         'https://open.spotify.com/playlist/abc123', '[{"position": 99, "uri": "spotify:track:abc123"}]'),
  'SC400', 'Not a list of Spotify tracks', 'Matches are positions of the run''s tracks');
select is(tests.dj_state(), (select s from tests.dj_before), 'and nothing changed');
select lives_ok(
  format('select public.dj_record_export(%L, %L, %L, %L, null, 5)',
         (select id from public.dj_runs where source = 'catalogue'), 'abc123',
         'https://open.spotify.com/playlist/abc123', '[{"position": 1, "uri": "spotify:track:abc123"}]'),
  'The export the server records is stored');
select throws_ok(
  format('select public.dj_record_export(%L, %L, %L, %L, null, 5)',
         (select id from public.dj_runs where source = 'catalogue'), 'zzz999',
         'https://open.spotify.com/playlist/zzz999', '[]'),
  'SC409', 'This playlist is already in your Spotify account', 'once: an exported run is not re-pointed');

select * from finish();
rollback;
