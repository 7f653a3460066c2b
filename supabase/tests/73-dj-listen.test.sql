-- The AI DJ you can listen to (20261216000200_dj_listen.sql): Spotify tracks keep their cover and
-- 30-second preview when Spotify gives https links, drop anything else, keep what they had when a
-- later search gives none; only the server writes them; the columns refuse what a page must not load.
begin;
select plan(12);

select tests.create_supabase_user('lia', null, '{"display_name": "Lia"}');

select has_column('public', 'tracks', 'image_url', 'Tracks have a cover');
select has_column('public', 'tracks', 'preview_url', 'Tracks have a preview');

-- the server adds Spotify tracks with their cover and preview ------------------------------------------
select tests.authenticate_as_service_role();
select is(private.dj_add_spotify_tracks(jsonb_build_array(
  jsonb_build_object('external_id', 'aaa111', 'uri', 'spotify:track:aaa111', 'title', 'One',
    'artist', 'A', 'album', 'X', 'explicit', false, 'duration_ms', 1000,
    'image_url', 'https://i.scdn.co/image/one', 'preview_url', 'https://p.scdn.co/mp3-preview/one'),
  jsonb_build_object('external_id', 'bbb222', 'uri', 'spotify:track:bbb222', 'title', 'Two',
    'artist', 'B', 'album', null, 'explicit', false, 'duration_ms', 1000,
    'image_url', 'javascript:alert(1)', 'preview_url', 'http://p.scdn.co/plain'),
  jsonb_build_object('external_id', 'ccc333', 'uri', 'spotify:track:ccc333', 'title', 'Three',
    'artist', 'C', 'explicit', false))), 3, 'Three Spotify tracks are added');
select results_eq(
  $$ select image_url, preview_url from public.tracks where source = 'spotify' order by title $$,
  $$ values ('https://i.scdn.co/image/one'::text, 'https://p.scdn.co/mp3-preview/one'::text),
            (null, null), (null, null) $$,
  'https links are kept; a script or plain http link is dropped; none stays none');

-- a later search without them keeps what the track had; a new cover replaces the old
select private.dj_add_spotify_tracks(jsonb_build_array(
  jsonb_build_object('external_id', 'aaa111', 'uri', 'spotify:track:aaa111', 'title', 'One',
    'artist', 'A', 'album', 'X', 'explicit', false, 'duration_ms', 1000)));
select is((select preview_url from public.tracks where external_id = 'aaa111'),
  'https://p.scdn.co/mp3-preview/one', 'A search without a preview keeps the one known');
select private.dj_add_spotify_tracks(jsonb_build_array(
  jsonb_build_object('external_id', 'aaa111', 'uri', 'spotify:track:aaa111', 'title', 'One',
    'artist', 'A', 'album', 'X', 'explicit', false, 'duration_ms', 1000,
    'image_url', 'https://i.scdn.co/image/new')));
select is((select image_url from public.tracks where external_id = 'aaa111'),
  'https://i.scdn.co/image/new', 'A new cover replaces the old one');

select throws_ok($$ select private.dj_add_spotify_tracks(jsonb_build_array(
  jsonb_build_object('external_id', 'ddd444', 'uri', 'spotify:track:ddd444', 'title', 'Four',
    'artist', 'D', 'lyrics', 'la la'))) $$,
  'SC400', 'Not a list of Spotify tracks', 'Unknown fields are still refused');

-- the columns refuse what a page must not load -------------------------------------------------------
select throws_ok($$ update public.tracks set image_url = 'data:image/png;base64,AAAA'
                     where external_id = 'aaa111' $$,
  '23514', null, 'A cover is an https link');
select throws_ok($$ update public.tracks set preview_url = 'https://x/"><script>'
                     where external_id = 'aaa111' $$,
  '23514', null, 'A preview link has no quotes or angle brackets');

-- only the server writes them -------------------------------------------------------------------------
select tests.authenticate_as('lia');
select throws_ok($$ select private.dj_add_spotify_tracks('[]'::jsonb) $$, '42501', null,
  'Users cannot add Spotify tracks');
select throws_ok($$ insert into public.tracks (source, title, artist, owner_id, image_url)
                    values ('studio', 'Mine', 'Lia', (select auth.uid()), 'https://x/y.png') $$,
  '42501', null, 'Users cannot set a cover on their songs');
select is((select image_url from public.tracks where external_id = 'aaa111'),
  'https://i.scdn.co/image/new', 'Everyone reads a published track''s cover');

select * from finish();
rollback;
