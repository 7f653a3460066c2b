-- Mastering and the hit meter (20261212000100_studio_mastering.sql): a song's audio version goes
-- up when its files are written; only a finished song of the caller is mastered or scored; the
-- reference must be another of the caller's finished songs; the monthly masters allowance is
-- spent and given back on cancel; a meter report is reused per audio version; only the owner
-- reads masters and reports, receives their progress and writes a master's files while it uploads.
begin;
select plan(30);

select tests.create_supabase_user('mia', null, '{"display_name": "Mia"}');
select tests.create_supabase_user('eve', null, '{"display_name": "Eve"}');

create table tests.m_ids (k text primary key, id uuid not null);
grant select, insert on tests.m_ids to authenticated, service_role;

-- songs: Mia's draft, finished through the server's function (the audio version goes up) -----------------
select tests.authenticate_as('mia');
insert into tests.m_ids select 'a', public.studio_create_song('a song to master', null);
insert into tests.m_ids select 'b', public.studio_create_song('a reference', null);
select tests.authenticate_as('eve');
insert into tests.m_ids select 'e', public.studio_create_song('eve''s song', null);

select tests.authenticate_as_service_role();
select is((select audio_version from public.songs where id = (select id from tests.m_ids where k = 'a')),
  0, 'A song without audio is at version 0');
update public.songs set status = 'running', stage = 'uploading', plan = '{"title": "A"}'
 where id in (select id from tests.m_ids);
select private.studio_finish_song(id, jsonb_build_object(
         'wav', owner_id::text || '/' || id || '/song.wav', 'mp3', owner_id::text || '/' || id || '/song.mp3',
         'duration_ms', 1000))
  from public.songs where id in (select id from tests.m_ids);
update public.songs set status = 'done', stage = null where id in (select id from tests.m_ids);
select is((select audio_version from public.songs where id = (select id from tests.m_ids where k = 'a')),
  1, 'Finishing the song writes version 1 of its audio');
update public.songs set status = 'running', stage = 'uploading'
 where id = (select id from tests.m_ids where k = 'b');
select private.studio_finish_song((select id from tests.m_ids where k = 'b'),
  '{"wav": "x/song.wav", "mp3": "x/song.mp3", "duration_ms": 1000}');
update public.songs set status = 'done', stage = null where id = (select id from tests.m_ids where k = 'b');
select is((select audio_version from public.songs where id = (select id from tests.m_ids where k = 'b')),
  2, 'Writing its files again makes a new version');
update public.songs set title = 'Renamed' where id = (select id from tests.m_ids where k = 'b');
select is((select audio_version from public.songs where id = (select id from tests.m_ids where k = 'b')),
  2, 'Other changes keep the version');

-- mastering -------------------------------------------------------------------------------------------------
select tests.authenticate_as('mia');
insert into tests.m_ids
select 'm1', public.studio_master_song((select id from tests.m_ids where k = 'a'),
  '{"target_lufs": -14}', (select id from tests.m_ids where k = 'b'));
select results_eq(
  $$ select status, stage, audio_version, reference_song_id = (select id from tests.m_ids where k = 'b'),
            quota_month is not null
       from public.song_masters where id = (select id from tests.m_ids where k = 'm1') $$,
  $$ values ('queued'::text, 'analysing'::text, 1, true, true) $$,
  'A master is queued at analysing, from the song''s current audio, with its reference');
select tests.authenticate_as_service_role();
select is((select used from private.master_usage), 1, 'It spends one of the month''s masters');
select tests.authenticate_as('mia');
select throws_ok($$ select public.studio_master_song((select id from tests.m_ids where k = 'a'), '{}',
                          (select id from tests.m_ids where k = 'e')) $$,
  'SC404', 'Song not found', 'Another user''s song is no reference');
select throws_ok($$ select public.studio_master_song((select id from tests.m_ids where k = 'a'), '{}',
                          (select id from tests.m_ids where k = 'a')) $$,
  'SC400', 'Choose another song as the reference', 'Nor is the song itself');
select throws_ok($$ select public.studio_master_song((select id from tests.m_ids where k = 'e'), '{}', null) $$,
  'SC404', 'Song not found', 'Another user''s song cannot be mastered');
select throws_ok($$ select public.studio_master_song((select id from tests.m_ids where k = 'a'), '[]', null) $$,
  'SC400', 'The settings must be an object', 'Settings are an object');
select public.studio_create_song('a draft', null);
select throws_ok($$ select public.studio_master_song((select id from public.songs where prompt = 'a draft'), '{}', null) $$,
  'SC409', null, 'A song still being made cannot be mastered');
select lives_ok($$ select public.studio_cancel_master((select id from tests.m_ids where k = 'm1')) $$,
  'The owner cancels a master being made');
select is((select status from public.song_masters where id = (select id from tests.m_ids where k = 'm1')),
  'cancelled', 'It is cancelled');
select throws_ok($$ select public.studio_cancel_master((select id from tests.m_ids where k = 'm1')) $$,
  'SC409', null, 'Only once');
select tests.authenticate_as_service_role();
select is((select used from private.master_usage), 0, 'Its allowance is given back');

-- the monthly allowance runs out ---------------------------------------------------------------------------
update private.master_usage set used = 5;
select tests.authenticate_as('mia');
select throws_ok($$ select public.studio_master_song((select id from tests.m_ids where k = 'a'), '{}', null) $$,
  'SC429', null, 'A free plan makes 5 masters a month');
select tests.authenticate_as_service_role();
update private.master_usage set used = 0;

-- files: only while uploading, only the master's own names ---------------------------------------------------
select tests.authenticate_as('mia');
insert into tests.m_ids
select 'm2', public.studio_master_song((select id from tests.m_ids where k = 'a'), '{}', null);
select throws_ok($$ insert into storage.objects (bucket_id, name, owner_id)
                    select 'tracks', owner_id::text || '/' || song_id || '/master-' || id || '.wav', owner_id::text
                      from public.song_masters where id = (select id from tests.m_ids where k = 'm2') $$,
  '42501', null, 'No master file before its uploading stage');
select tests.authenticate_as_service_role();
update public.song_masters set status = 'running', stage = 'uploading'
 where id = (select id from tests.m_ids where k = 'm2');
select tests.authenticate_as('mia');
select lives_ok($$ insert into storage.objects (bucket_id, name, owner_id)
                   select 'tracks', owner_id::text || '/' || song_id || '/master-' || id || '.wav', owner_id::text
                     from public.song_masters where id = (select id from tests.m_ids where k = 'm2') $$,
  'The owner writes the master''s WAV while it uploads');
select throws_ok($$ insert into storage.objects (bucket_id, name, owner_id)
                    select 'tracks', owner_id::text || '/' || song_id || '/song.wav', owner_id::text
                      from public.song_masters where id = (select id from tests.m_ids where k = 'm2') $$,
  '42501', null, 'But not the song''s own files');
select tests.authenticate_as('eve');
select throws_ok($$ insert into storage.objects (bucket_id, name, owner_id)
                    select 'tracks', tests.get_supabase_uid('mia')::text || '/' || (select id from tests.m_ids where k = 'a')
                           || '/master-' || (select id from tests.m_ids where k = 'm2') || '.mp3', (select auth.uid())::text $$,
  '42501', null, 'Another user writes no master file');
select is_empty($$ select * from public.song_masters $$, 'Another user reads none of Mia''s masters');
select is(private.owns_studio_job_topic('master:' || (select id from tests.m_ids where k = 'm2')), false,
  'Nor receives their progress');
select tests.authenticate_as('mia');
select is(private.owns_studio_job_topic('master:' || (select id from tests.m_ids where k = 'm2')), true,
  'The owner receives their progress');
select is(private.owns_studio_job_topic('master:nope'), false, 'A malformed topic is refused');

-- the hit meter ----------------------------------------------------------------------------------------------
select results_eq(
  $$ select queued from public.studio_meter_song((select id from tests.m_ids where k = 'a'), 10) $$,
  $$ values (true) $$, 'The first report of a version is queued');
select results_eq(
  $$ select queued from public.studio_meter_song((select id from tests.m_ids where k = 'a'), 10) $$,
  $$ values (false) $$, 'Asking again for the same audio reuses it');
select is((select use_ai from public.song_meters), true, 'Live insights took one of today''s AI requests');
select tests.authenticate_as_service_role();
update public.songs set status = 'running', stage = 'uploading' where id = (select id from tests.m_ids where k = 'a');
select private.studio_finish_song((select id from tests.m_ids where k = 'a'),
  '{"wav": "x/song.wav", "mp3": "x/song.mp3", "duration_ms": 1000}');
update public.songs set status = 'done', stage = null where id = (select id from tests.m_ids where k = 'a');
select tests.authenticate_as('mia');
select results_eq(
  $$ select queued from public.studio_meter_song((select id from tests.m_ids where k = 'a'), 0) $$,
  $$ values (true) $$, 'New audio: measured again');
select results_eq(
  $$ select audio_version, use_ai from public.song_meters order by audio_version $$,
  $$ values (1, true), (2, false) $$,
  'One report per version; with no AI allowance the offline writer writes the insights');

-- An upload's WAV is stored after its encoding stage is queued: a worker that took the stage first
-- must not lock the owner out of writing it.
select tests.authenticate_as('mia');
create temp table upload_song on commit drop as
  select public.studio_upload_song('Take', 'take.wav', 1000, '[]') as id;
grant select on upload_song to authenticated, service_role;
select tests.authenticate_as_service_role();
update public.songs set status = 'running' where id = (select id from upload_song);
select tests.authenticate_as('mia');
select lives_ok($$ insert into storage.objects (bucket_id, name, owner_id)
                    select 'tracks', (select auth.uid())::text || '/' || id || '/song.wav',
                           (select auth.uid())::text from upload_song $$,
  'The owner still stores the WAV of an upload whose encoding stage is running');

select * from finish();
rollback;
