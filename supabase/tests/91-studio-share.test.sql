-- Sharing a studio song and the AI DJ's catalogue (20261211000200_studio_share.sql): two separate
-- choices of the owner, each a function checked as the owner; a visitor reads a shared song only
-- through its token, and only its public fields; a new or revoked link kills the old one.
begin;
select plan(26);

select tests.create_supabase_user('sam', null, '{"display_name": "Sam"}');
select tests.create_supabase_user('eve', null, '{"display_name": "Eve"}');

create table tests.share_ids (k text primary key, id uuid not null, token text);
grant select, insert, update on tests.share_ids to anon, authenticated, service_role;

-- Sam's songs: a and b finished, c a draft ----------------------------------------------------------------
select tests.authenticate_as('sam');
insert into tests.share_ids (k, id) select 'a', public.studio_create_song('warm lo-fi beats', 'en');
insert into tests.share_ids (k, id) select 'b', public.studio_create_song('punk anthem', 'en');
insert into tests.share_ids (k, id) select 'c', public.studio_create_song('jazz waltz', 'en');
select tests.authenticate_as_service_role();
select private.studio_save_plan(id, jsonb_build_object('title', 'Song ' || k, 'genre', 'Lo-fi',
         'subgenre', null, 'mood', 'calm', 'tempo_bpm', 80, 'key', 'A', 'mode', 'minor'), 'offline', 'en')
  from tests.share_ids;
update public.songs set status = 'draft', stage = null;
select private.studio_finish_song(id, jsonb_build_object(
         'wav', tests.get_supabase_uid('sam') || '/' || id || '/song.wav',
         'mp3', tests.get_supabase_uid('sam') || '/' || id || '/song.mp3',
         'peaks', '[[-0.5, 0.5]]'::jsonb, 'duration_ms', 30000))
  from tests.share_ids where k in ('a', 'b');
update public.songs set status = 'done', lyrics = '{"sections": [{"name": "verse", "lines": ["la"]}]}'
 where id in (select id from tests.share_ids where k in ('a', 'b'));

select has_index('public', 'songs', 'songs_share_token_key', 'Share tokens have a named unique index');

-- the owner shares -----------------------------------------------------------------------------------------
select tests.authenticate_as('sam');
select throws_ok($$ select public.studio_share((select id from tests.share_ids where k = 'c')) $$,
  'SC409', 'Only a finished song can be shared', 'A draft cannot be shared');
update tests.share_ids set token = public.studio_share(id) where k in ('a', 'b');
select matches((select token from tests.share_ids where k = 'a'), '^[A-Za-z0-9_-]{32}$',
  'A share token is 32 URL-safe characters (192 bits)');
select isnt((select token from tests.share_ids where k = 'a'), (select token from tests.share_ids where k = 'b'),
  'Each song has its own token');
select is((select published from public.tracks where id = (select track_id from public.songs
            where id = (select id from tests.share_ids where k = 'a'))), false,
  'Sharing does not put the song in the DJ''s catalogue');
select throws_ok($$ update public.songs set share_token = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' $$,
  '42501', null, 'Nobody sets a token of their choosing');

-- another user ------------------------------------------------------------------------------------------------
select tests.authenticate_as('eve');
select throws_ok($$ select public.studio_share((select id from tests.share_ids where k = 'a')) $$,
  'SC404', 'Song not found', 'Another user cannot share Sam''s song');
select throws_ok($$ select public.studio_unshare((select id from tests.share_ids where k = 'a')) $$,
  'SC404', 'Song not found', 'Nor stop sharing it');
select throws_ok($$ select public.studio_set_catalogue((select id from tests.share_ids where k = 'a'), true) $$,
  'SC404', 'Song not found', 'Nor add it to the DJ''s catalogue');
select is_empty($$ select * from public.songs $$, 'Eve reads none of Sam''s songs, shared or not');

-- a visitor -------------------------------------------------------------------------------------------------------
select tests.clear_authentication();
select throws_ok($$ select * from public.songs $$, '42501', null, 'An anonymous visitor reads no song');
select throws_ok($$ select public.studio_share((select id from tests.share_ids where k = 'a')) $$,
  '42501', null, 'A visitor cannot share');
select is((select array_agg(k order by k) from jsonb_object_keys(
            public.studio_shared_song((select token from tests.share_ids where k = 'a'))) k),
  array['artist', 'duration_ms', 'finished_at', 'genre', 'key', 'lyrics', 'mood', 'peaks', 'subgenre',
        'tempo_bpm', 'title'],
  'A token reads only the public fields (no ids, paths or prompt)');
select is(public.studio_shared_song((select token from tests.share_ids where k = 'a')) ->> 'title', 'Song a',
  'A token reads its own song');
select is(public.studio_shared_song((select token from tests.share_ids where k = 'b')) ->> 'title', 'Song b',
  'And another token its own');
select is(public.studio_shared_song((select token from tests.share_ids where k = 'a')) ->> 'artist', 'Sam',
  'The owner''s display name');
select is(public.studio_shared_song((select token from tests.share_ids where k = 'a')) ->> 'key', 'A minor',
  'The key');
select is(public.studio_shared_song('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), null, 'An unknown token reads nothing');
select is(public.studio_shared_song((select id::text from tests.share_ids where k = 'a')), null,
  'A song id is not a token');
select is(public.studio_shared_song('%'), null, 'A malformed token reads nothing');

-- a new link, then none -------------------------------------------------------------------------------------
select tests.authenticate_as('sam');
select isnt(public.studio_share((select id from tests.share_ids where k = 'a')),
  (select token from tests.share_ids where k = 'a'), 'Sharing again makes a new token');
select tests.clear_authentication();
select is(public.studio_shared_song((select token from tests.share_ids where k = 'a')), null,
  'The old link reads nothing');
select tests.authenticate_as('sam');
select public.studio_unshare((select id from tests.share_ids where k = 'b'));
select tests.clear_authentication();
select is(public.studio_shared_song((select token from tests.share_ids where k = 'b')), null,
  'A revoked token reads nothing');

-- the DJ's catalogue, on its own ---------------------------------------------------------------------------------
select tests.authenticate_as('sam');
select throws_ok($$ select public.studio_set_catalogue((select id from tests.share_ids where k = 'c'), true) $$,
  'SC409', null, 'A draft cannot join the catalogue');
select public.studio_set_catalogue((select id from tests.share_ids where k = 'b'), true);
select tests.clear_authentication();
select is((select count(*)::int from public.tracks where source = 'studio'), 1,
  'In the catalogue, the unshared song''s track is public; the other is not');
select tests.authenticate_as('sam');
select public.studio_set_catalogue((select id from tests.share_ids where k = 'b'), false);
select tests.clear_authentication();
select is((select count(*)::int from public.tracks where source = 'studio'), 0, 'Taken out again');

select * from finish();
rollback;
