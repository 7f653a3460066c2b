-- Style transfer (20261211000300_studio_restyle.sql): restyling makes a new draft of the owner's
-- alone, from a finished song or a draft, with the original's seed, prompt, language and lyrics
-- and a link back; it spends nothing until the draft is generated; anyone else gets a 404.
begin;
select plan(17);

select tests.create_supabase_user('sam', null, '{"display_name": "Sam"}');
select tests.create_supabase_user('eve', null, '{"display_name": "Eve"}');

create table tests.song_ids (k text primary key, id uuid not null);
grant select, insert on tests.song_ids to authenticated, service_role;

select tests.authenticate_as('sam');
insert into tests.song_ids select 'done', public.studio_create_song('a sunny pop song', 'pt');
insert into tests.song_ids select 'draft', public.studio_create_song('a jazz waltz', null);
insert into tests.song_ids select 'queued', public.studio_create_song('still planning', null);

-- 'done' finished with lyrics, 'draft' waits as a draft; 'queued' is still being planned.
select tests.authenticate_as_service_role();
update public.songs
   set plan = '{"title": "Sol", "genre": "pop"}', plan_source = 'offline', status = 'draft', stage = null,
       lyrics = '{"sections": [{"name": "verse", "lines": ["o sol"]}]}', seed = 4242
 where id = (select id from tests.song_ids where k = 'done');
update public.songs
   set status = 'done', wav_path = 'x/song.wav', mp3_path = 'x/song.mp3', duration_ms = 30000
 where id = (select id from tests.song_ids where k = 'done');
update public.songs set plan = '{"title": "Valsa"}', status = 'draft', stage = null
 where id = (select id from tests.song_ids where k = 'draft');

-- the owner restyles ------------------------------------------------------------------------------------
select tests.authenticate_as('sam');
insert into tests.song_ids
select 'bossa', public.studio_restyle_song((select id from tests.song_ids where k = 'done'),
  '{"title": "Sol", "genre": "pop"}', '{"title": "Sol (latin)", "genre": "latin"}');
select results_eq(
  $$ select status, stage, seed, prompt, language, plan ->> 'genre', lyrics is not null, title
       from public.songs where id = (select id from tests.song_ids where k = 'bossa') $$,
  $$ values ('draft'::text, null::text, 4242, 'a sunny pop song'::text, 'pt'::text, 'latin'::text, true,
             null::text) $$,
  'A new draft: the restyled plan, the same seed, prompt, language and lyrics');
select is((select restyled_from from public.songs where id = (select id from tests.song_ids where k = 'bossa')),
  (select id from tests.song_ids where k = 'done'), 'It links back to its original');
select is((select used from public.studio_quota()), 0, 'Restyling spends no song');
select is((select status from public.songs where id = (select id from tests.song_ids where k = 'done')), 'done',
  'The original is unchanged');
select lives_ok($$ select public.studio_restyle_song((select id from tests.song_ids where k = 'draft'),
  '{"title": "Valsa"}', '{"title": "Valsa (rock)"}') $$, 'A draft can be restyled too');
select is(public.studio_generate((select id from tests.song_ids where k = 'bossa')), 2,
  'The restyled draft spends a song when it is generated');

-- refusals ----------------------------------------------------------------------------------------------
select throws_ok($$ select public.studio_restyle_song((select id from tests.song_ids where k = 'queued'),
  null, '{"title": "x"}') $$, 'SC409', 'Only a finished song or a draft can be restyled',
  'A song still being planned cannot be restyled');
select throws_ok($$ select public.studio_restyle_song((select id from tests.song_ids where k = 'bossa'),
  '{"title": "Sol (latin)", "genre": "latin"}', '{"title": "x"}') $$, 'SC409', null,
  'Nor one being made');
select throws_ok($$ select public.studio_restyle_song((select id from tests.song_ids where k = 'done'),
  '{"title": "Old"}', '{"title": "x"}') $$, 'SC409',
  'The song''s plan changed meanwhile: restyle it again', 'A plan edited since it was read is refused');
select throws_ok($$ select public.studio_restyle_song((select id from tests.song_ids where k = 'done'),
  '{"title": "Sol", "genre": "pop"}', '[1]') $$, 'SC400', null, 'A plan that is not an object is refused');
select throws_ok($$ select public.studio_restyle_song(gen_random_uuid(), '{}', '{}') $$,
  'SC404', 'Song not found', 'No such song: 404');
select throws_ok($$ update public.songs set restyled_from = null $$, '42501', null,
  'Users write no link directly');

select tests.authenticate_as('eve');
select throws_ok($$ select public.studio_restyle_song((select id from tests.song_ids where k = 'done'),
  '{"title": "Sol", "genre": "pop"}', '{"title": "Mine"}') $$, 'SC404', 'Song not found',
  'Another user cannot restyle Sam''s song');
select is_empty($$ select * from public.songs $$, 'Nor has Eve any song from trying');
select tests.clear_authentication();
set local role anon;
select throws_ok($$ select public.studio_restyle_song(gen_random_uuid(), '{}', '{}') $$, '42501', null,
  'An anonymous visitor cannot call it');
reset role;

-- deleting the original keeps the restyle -----------------------------------------------------------------
select tests.authenticate_as('sam');
select public.studio_delete_song((select id from tests.song_ids where k = 'done'));
select is((select restyled_from from public.songs where id = (select id from tests.song_ids where k = 'bossa')),
  null, 'Deleting the original keeps its restyle, without the link');
select is((select count(*)::int from public.songs where restyled_from is not null), 1,
  'The draft''s restyle still links to its draft');

select * from finish();
rollback;
