-- AI DJ: the tracks table (catalogue, Spotify, platform songs), DJ runs saved only through
-- dj_save_run, share links, exports, and Spotify connections whose token columns no API role can
-- read. Every table is tried from the attacker's side: another user, an anonymous visitor.
begin;
select plan(52);

select tests.create_supabase_user('alice', null, '{"display_name": "Alice"}');
select tests.create_supabase_user('bob', null, '{"display_name": "Bob"}');

-- Payloads for dj_save_run, built once as the table owner.
create table tests.dj_payloads (k text primary key, p jsonb not null);
grant select on tests.dj_payloads to anon, authenticated, service_role;
-- Ids noted as their owner, for the other user to try.
create table tests.dj_ids (k text primary key, id uuid not null);
grant select, insert on tests.dj_ids to authenticated;
insert into tests.dj_payloads (k, p)
select k, jsonb_build_object(
  'prompt', 'calm music for studying', 'length', 10, 'no_explicit', false,
  'plan', jsonb_build_object('playlist_name', 'Calm music for studying', 'description', 'Calm.',
                             'mood', 'calm focus', 'search_terms', jsonb_build_array('calm study'),
                             'genres', jsonb_build_array('piano'), 'energy', 0.2,
                             'danceability', 0.3, 'valence', 0.4,
                             'tempo', jsonb_build_object('min', 60, 'max', 100), 'language', 'en'),
  'plan_source', 'offline', 'source', 'catalogue', 'status', 'draft', 'timings', '{}'::jsonb,
  'tracks', t)
  from (values
    ('ok', (select jsonb_agg(jsonb_build_object('track_id', id, 'reason', 'Found by “calm study”.', 'score', 1))
              from (select id from public.tracks where source = 'catalogue' order by external_id limit 10) x)),
    ('too_many', (select jsonb_agg(jsonb_build_object('track_id', id, 'reason', 'r', 'score', 1))
                    from (select id from public.tracks where source = 'catalogue' limit 51) x)),
    ('empty', '[]'::jsonb),
    ('unknown', jsonb_build_array(jsonb_build_object('track_id', gen_random_uuid(), 'reason', 'r'))),
    ('spotify', jsonb_build_array(
       jsonb_build_object('spotify', jsonb_build_object('external_id', 'abcDEF123', 'uri', 'spotify:track:abcDEF123',
         'title', 'Clair de Lune', 'artist', 'Claude Debussy', 'album', null, 'explicit', false,
         'duration_ms', 300000), 'reason', 'Found by genre “classical”.', 'score', 2),
       jsonb_build_object('spotify', jsonb_build_object('external_id', 'abcDEF123', 'uri', 'spotify:track:abcDEF123',
         'title', 'Clair de Lune', 'artist', 'Claude Debussy', 'album', null, 'explicit', false,
         'duration_ms', 300000), 'reason', 'Twice in one playlist', 'score', 1)))
  ) v(k, t);

-- schema ------------------------------------------------------------------------------------------------
select tests.rls_enabled('public', 'tracks');
select tests.rls_enabled('public', 'dj_runs');
select tests.rls_enabled('public', 'spotify_connections');
select is((select count(*)::int from public.tracks where source = 'catalogue'), 375,
  'The offline catalogue is in place after migrating');
select ok((select array_agg(distinct language) from public.tracks where source = 'catalogue')
          @> '{en,es,pt,fr,de,it,ja,ko}',
  'It spans many languages (instrumental tracks have none)');

-- tracks ------------------------------------------------------------------------------------------------
select tests.clear_authentication();
select is((select count(*)::int from public.tracks where source = 'catalogue'), 375,
  'An anonymous visitor reads the catalogue');
select throws_ok($$ insert into public.tracks (source, title, artist, owner_id)
                    values ('studio', 'x', 'y', null) $$,
  '42501', 'permission denied for table tracks', 'An anonymous visitor cannot add tracks');

select tests.authenticate_as('bob');
insert into public.tracks (source, title, artist, owner_id, genres, moods, energy)
values ('studio', 'Bob''s demo', 'Bob', tests.get_supabase_uid('bob'), '{lo-fi}', '{calm}', 0.2);
select is((select count(*)::int from public.tracks where source = 'studio'), 1,
  'A user adds a song of their own (private until published)');
insert into tests.dj_ids (k, id) select 'studio', id from public.tracks where source = 'studio';
select throws_ok($$ insert into public.tracks (source, title, artist, published)
                    values ('catalogue', 'x', 'y', true) $$,
  '42501', 'new row violates row-level security policy for table "tracks"',
  'Users cannot add catalogue tracks');
select throws_ok($$ insert into public.tracks (source, title, artist, owner_id)
                    values ('studio', 'x', 'y', tests.get_supabase_uid('alice')) $$,
  '42501', 'new row violates row-level security policy for table "tracks"',
  'Users cannot add songs in someone else''s name');

select tests.authenticate_as('alice');
select is_empty($$ select id from public.tracks where source = 'studio' $$,
  'An unpublished song is invisible to other users');
select is_empty($$ update public.tracks set title = 'mine now' where source = 'studio' returning id $$,
  'Another user cannot edit it');
select is_empty($$ delete from public.tracks where source = 'catalogue' returning id $$,
  'Nobody deletes catalogue tracks');
select throws_ok(
  $$ select public.dj_save_run(jsonb_set((select p from tests.dj_payloads where k = 'unknown'), '{tracks}',
       jsonb_build_array(jsonb_build_object('track_id',
         (select id from tests.dj_ids where k = 'studio'), 'reason', 'r')))) $$,
  'SC404', 'A track of this playlist does not exist', 'A run cannot use an unpublished song of another user');

-- dj_save_run -------------------------------------------------------------------------------------------
select lives_ok($$ select public.dj_save_run((select p from tests.dj_payloads where k = 'ok')) $$,
  'A user saves a run through dj_save_run');
select results_eq(
  $$ select status, source, jsonb_array_length(tracks), tracks -> 0 ->> 'reason',
            (tracks -> 0 ->> 'position')::int, tracks -> 0 ->> 'title' is not null
       from public.dj_runs $$,
  $$ values ('draft'::text, 'catalogue'::text, 10, 'Found by “calm study”.'::text, 1, true) $$,
  'The run keeps its tracks in order, with titles and reasons');
select throws_ok($$ select public.dj_save_run((select p from tests.dj_payloads where k = 'too_many')) $$,
  'SC400', 'A playlist holds at most 50 tracks', 'At most 50 tracks');
select throws_ok($$ select public.dj_save_run((select p from tests.dj_payloads where k = 'empty')) $$,
  '23514', null, 'A draft without tracks is refused');
select lives_ok(
  $$ select public.dj_save_run((select p || '{"status": "failed", "error": "Nothing matched"}'
                                  from tests.dj_payloads where k = 'empty')) $$,
  'A failed run without tracks is kept in the history');
select throws_ok($$ select public.dj_save_run((select p from tests.dj_payloads where k = 'unknown')) $$,
  'SC404', 'A track of this playlist does not exist', 'Unknown tracks are refused');
select throws_ok(
  $$ select public.dj_save_run((select p || '{"length": 60}' from tests.dj_payloads where k = 'ok')) $$,
  'SC400', 'Choose a length from 10 to 50 tracks', 'A length over 50 is refused');
select throws_ok(
  $$ select public.dj_save_run((select p || '{"parent_id": "not-a-uuid"}' from tests.dj_payloads where k = 'ok')) $$,
  'SC400', 'Not a playlist id', 'A malformed parent is refused');

-- Spotify tracks are added by the server (service_role), then named in runs by their Spotify id.
select tests.authenticate_as_service_role();
select is(private.dj_add_spotify_tracks(
            (select jsonb_agg(t -> 'spotify') from tests.dj_payloads, jsonb_array_elements(p -> 'tracks') t
              where k = 'spotify')), 1,
  'The server adds the Spotify tracks it found, once per Spotify id');
select tests.authenticate_as('alice');
select lives_ok(
  $$ select public.dj_save_run((select p || '{"source": "spotify"}' from tests.dj_payloads where k = 'spotify')) $$,
  'A run of Spotify tracks is saved');
select lives_ok(
  $$ select public.dj_save_run((select p || '{"source": "spotify"}' from tests.dj_payloads where k = 'spotify')) $$,
  'and again');
select is((select count(*)::int from public.tracks where source = 'spotify'), 1,
  'Spotify tracks are stored once, by their Spotify id');
select throws_ok($$ insert into public.dj_runs (user_id, prompt, length, plan, plan_source, source, status)
                    values (auth.uid(), 'sneaky', 10, '{}', 'offline', 'catalogue', 'failed') $$,
  '42501', 'permission denied for table dj_runs', 'Runs are written only by dj_save_run');
select throws_ok($$ update public.dj_runs set status = 'exported' $$,
  '42501', 'permission denied for table dj_runs', 'nor updated directly');

insert into tests.dj_ids (k, id)
select 'draft', id from public.dj_runs where source = 'catalogue' and status = 'draft';

-- another user ------------------------------------------------------------------------------------------
select tests.authenticate_as('bob');
select is_empty($$ select id from public.dj_runs $$, 'Another user sees none of Alice''s runs');
select is_empty($$ delete from public.dj_runs returning id $$, 'nor deletes them');
select throws_ok(
  format('select public.dj_set_share(%L, %L)',
         (select id from tests.dj_ids where k = 'draft'), 'abcdefghijklmnopqrstuvwxyz'),
  'SC404', 'No such playlist', 'nor shares them');
select throws_ok(
  format('select public.dj_record_export(%L, %L, %L, %L, null, 5)',
         (select id from tests.dj_ids where k = 'draft'),
         'playlist123', 'https://open.spotify.com/playlist/playlist123', '[]'),
  'SC404', 'No such playlist', 'nor exports them');
select throws_ok(
  format('select public.dj_save_run(%L::jsonb)',
         (select p || jsonb_build_object('parent_id', (select id from tests.dj_ids where k = 'draft'))
            from tests.dj_payloads where k = 'ok')),
  'SC404', 'No such playlist to refine', 'nor refines them');

-- share, export -----------------------------------------------------------------------------------------
select tests.authenticate_as('alice');
select is(public.dj_set_share((select id from public.dj_runs where source = 'catalogue' and status = 'draft'),
                              'shared-token-0123456789ab'),
  'shared-token-0123456789ab', 'The owner shares a run');
select throws_ok(
  format('select public.dj_set_share(%L, %L)',
         (select id from public.dj_runs where source = 'catalogue' and status = 'draft'), 'short'),
  'SC400', 'Not a share token', 'A share token must be long and random');
select tests.clear_authentication();
select throws_ok($$ select id from public.dj_runs $$,
  '42501', 'permission denied for table dj_runs', 'An anonymous visitor reads no run directly');
select is(jsonb_array_length(public.dj_shared_run('shared-token-0123456789ab') -> 'tracks'), 10,
  'but reads a shared one through its link');
select is(public.dj_shared_run('shared-token-0123456789ab') ->> 'shared_by', 'Alice',
  'with the sharer''s name');
select ok(public.dj_shared_run('shared-token-0123456789ab')::text
            !~ tests.get_supabase_uid('alice')::text,
  'and no user id');
select is(public.dj_shared_run('no-such-token-0123456789'), null, 'An unknown link shows nothing');

select tests.authenticate_as('alice');
select lives_ok(
  format('select public.dj_record_export(%L, %L, %L, %L, null, 42)',
         (select id from public.dj_runs where source = 'catalogue' and status = 'draft'),
         'playlist123', 'https://open.spotify.com/playlist/playlist123',
         '[{"position": 1, "uri": "spotify:track:abc123"}]'),
  'The owner records an export');
select results_eq(
  $$ select status, playlist_id, tracks -> 0 ->> 'spotify_uri', tracks -> 1 ->> 'spotify_uri',
            (timings ->> 'export_ms')::int
       from public.dj_runs where playlist_id is not null and source = 'catalogue' $$,
  $$ values ('exported'::text, 'playlist123'::text, 'spotify:track:abc123'::text, null::text, 42) $$,
  'The run is exported and remembers each matched Spotify track');
select throws_ok(
  format('select public.dj_record_export(%L, %L, %L, %L, null, 1)',
         (select id from public.dj_runs where source = 'catalogue' and status = 'exported'),
         'playlist123', 'https://open.spotify.com/playlist/playlist123',
         '[{"position": 1, "uri": "javascript:alert(1)"}]'),
  'SC400', 'Not a list of Spotify tracks', 'Only Spotify track URIs are stored');
select tests.authenticate_as('alice');
select lives_ok($$ select public.dj_set_share((select id from public.dj_runs where playlist_id = 'playlist123'), null) $$,
  'The owner revokes the link');
select is(public.dj_shared_run('shared-token-0123456789ab'), null, 'which then shows nothing');

-- Spotify connections -----------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
insert into public.spotify_connections (user_id, spotify_user_id, display_name, access_token_enc,
                                        refresh_token_enc, expires_at)
values (tests.get_supabase_uid('alice'), 'alice-spotify', 'Alice S', 'v1.aaa.bbb', 'v1.ccc.ddd',
        now() + interval '1 hour');
select tests.authenticate_as('alice');
select is((select display_name from public.spotify_connections), 'Alice S',
  'A user reads their own connection');
select throws_ok($$ select access_token_enc from public.spotify_connections $$,
  '42501', 'permission denied for table spotify_connections', 'but never its access token');
select throws_ok($$ select refresh_token_enc from public.spotify_connections $$,
  '42501', 'permission denied for table spotify_connections', 'nor its refresh token');
select throws_ok($$ update public.spotify_connections set status = 'active' $$,
  '42501', 'permission denied for table spotify_connections', 'nor changes it');
select tests.authenticate_as('bob');
select is_empty($$ select user_id from public.spotify_connections $$, 'Another user sees no connection');
select is_empty($$ delete from public.spotify_connections returning user_id $$, 'nor removes it');
select tests.authenticate_as('alice');
select isnt_empty($$ delete from public.spotify_connections returning user_id $$,
  'The user disconnects: the row and its tokens are gone');

select * from finish();
rollback;
