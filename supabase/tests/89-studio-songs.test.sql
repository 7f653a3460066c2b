-- The song studio (20261210000100_studio_songs.sql): songs are their owner's alone (rows, files in
-- the `tracks` bucket, the live topic `song:<id>`); every write is a function that refuses the
-- wrong state; the monthly quota stops at the plan's limit and is given back once.
begin;
select plan(29);

select tests.create_supabase_user('sam', null, '{"display_name": "Sam"}');
select tests.create_supabase_user('eve', null, '{"display_name": "Eve"}');

create table tests.song_ids (k text primary key, id uuid not null);
grant select, insert on tests.song_ids to authenticated, service_role;

-- a draft, as the enhancing stage leaves it ------------------------------------------------------------
select tests.authenticate_as('sam');
insert into tests.song_ids select 'a', public.studio_create_song('warm lo-fi beats', 'en');
insert into tests.song_ids select 'b', public.studio_create_song('punk anthem', null);
insert into tests.song_ids select 'c', public.studio_create_song('jazz waltz', null);
insert into tests.song_ids select 'd', public.studio_create_song('ambient piano', null);
select results_eq($$ select status, stage, priority::int from public.songs where id = (select id from tests.song_ids where k = 'a') $$,
  $$ values ('queued', 'enhancing', 0) $$, 'A new song is queued to be planned; free: priority 0');
select throws_ok($$ select public.studio_generate((select id from tests.song_ids where k = 'a')) $$,
  'SC409', null, 'A song without its plan cannot be generated');
select throws_ok($$ select public.studio_set_plan((select id from tests.song_ids where k = 'a'), '{"title": "x"}') $$,
  'SC409', null, 'Nor can its plan be set before it is a draft');
select throws_ok($$ update public.songs set status = 'done' $$, '42501', null, 'Users write no song directly');
select throws_ok($$ select private.studio_save_plan((select id from tests.song_ids where k = 'a'), '{}', 'offline', 'en') $$,
  '42501', null, 'Users cannot store a plan as the server');

select tests.authenticate_as_service_role();
select private.studio_save_plan(id, '{"title": "Draft"}', 'offline', 'en') from tests.song_ids;
update public.songs set status = 'draft', stage = null;
select throws_ok($$ update public.songs set plan = '[1, 2]' where id = (select id from tests.song_ids where k = 'a') $$,
  '23514', null, 'A plan is an object');

-- another user sees and changes nothing ------------------------------------------------------------------
select tests.authenticate_as('eve');
select is_empty($$ select * from public.songs $$, 'Another user reads none of Sam''s songs');
select throws_ok($$ select public.studio_generate((select id from tests.song_ids where k = 'a')) $$,
  'SC404', 'Song not found', 'Another user cannot generate Sam''s song');
select throws_ok($$ select public.studio_rename((select id from tests.song_ids where k = 'a'), 'Mine') $$,
  'SC404', 'Song not found', 'Nor rename it');
select throws_ok($$ select public.studio_delete_song((select id from tests.song_ids where k = 'a')) $$,
  'SC404', 'Song not found', 'Nor delete it');
select is((select used from public.studio_quota()), 0, 'Eve''s quota is her own');
select tests.clear_authentication();
set local role anon;
select throws_ok($$ select * from public.songs $$, '42501', null, 'An anonymous visitor reads no song');

-- the quota -----------------------------------------------------------------------------------------------
select tests.authenticate_as('sam');
select throws_ok($$ select public.studio_set_plan((select id from tests.song_ids where k = 'a'), '[1]') $$,
  'SC400', null, 'A plan that is not an object is refused');
select is(public.studio_generate((select id from tests.song_ids where k = 'a')), 2, 'Generating spends one of 3');
select throws_ok($$ select public.studio_generate((select id from tests.song_ids where k = 'a')) $$,
  'SC409', null, 'A queued song cannot be generated again');
select is(public.studio_generate((select id from tests.song_ids where k = 'b')), 1, 'Two spent');
select public.studio_cancel((select id from tests.song_ids where k = 'b'));
select is((select remaining from public.studio_quota()), 2, 'Cancelling gives the song back');
select throws_ok($$ select public.studio_cancel((select id from tests.song_ids where k = 'b')) $$,
  'SC409', null, 'A cancelled song cannot be cancelled again');
select is(public.studio_generate((select id from tests.song_ids where k = 'c')), 1, 'c spends one');
select is(public.studio_generate((select id from tests.song_ids where k = 'd')), 0, 'd spends the last');
select throws_ok($$ select public.studio_generate((select id from tests.song_ids where k = 'b')) $$,
  'SC429', null, 'None left: refused with SC429');
select is((select status from public.songs where id = (select id from tests.song_ids where k = 'b')), 'cancelled',
  'The refused song is unchanged');

select tests.authenticate_as_service_role();
update public.songs set status = 'failed', stage = null where id = (select id from tests.song_ids where k = 'c');
update public.songs set status = 'failed', error = 'again' where id = (select id from tests.song_ids where k = 'c');
select tests.authenticate_as('sam');
select is((select remaining from public.studio_quota()), 1, 'A failed song gives its song back, once');
select is((select resets_at from public.studio_quota()),
  (date_trunc('month', now() at time zone 'utc') + interval '1 month') at time zone 'utc',
  'The quota resets on the first of next month, UTC');

-- files and topics ---------------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
select 'tracks', tests.get_supabase_uid('sam') || '/' || id || '/song.wav', tests.get_supabase_uid('sam'),
       tests.get_supabase_uid('sam')::text, '{"mimetype": "audio/wav", "size": 44}'
  from tests.song_ids where k = 'a';
insert into realtime.messages (topic, extension, event, payload, private)
select 'song:' || id, 'broadcast', 'probe', '{}', true from tests.song_ids where k = 'a';
select tests.authenticate_as('sam');
select set_config('realtime.topic', 'song:' || (select id from tests.song_ids where k = 'a'), true);
select is((select count(*)::int from storage.objects where bucket_id = 'tracks'), 1, 'Sam reads his file');
select throws_ok($$ insert into storage.objects (bucket_id, name, owner_id)
                    values ('tracks', (select auth.uid())::text || '/' || (select id from tests.song_ids where k = 'd') || '/x.wav',
                            (select auth.uid())::text) $$,
  '42501', null, 'Not even the owner uploads outside the song''s uploading stage');
select is((select count(*)::int from realtime.messages), 1,
  'The owner receives the song''s topic');
select tests.authenticate_as('eve');
select set_config('realtime.topic', 'song:' || (select id from tests.song_ids where k = 'a'), true);
select is((select count(*)::int from storage.objects where bucket_id = 'tracks'), 0, 'Eve reads no file of Sam''s');
select is((select count(*)::int from realtime.messages), 0,
  'Nor receives the song''s topic');

select * from finish();
rollback;
