-- Uploads (20261211000100_studio_uploads.sql): an uploaded track is a song of source 'upload',
-- queued at `encoding` with no prompt, plan or quota; only its owner writes its WAV, and only
-- while it waits to be encoded; a prompt's song keeps its prompt.
begin;
select plan(22);

select tests.create_supabase_user('una', null, '{"display_name": "Una"}');
select tests.create_supabase_user('eve', null, '{"display_name": "Eve"}');

create table tests.upload_ids (k text primary key, id uuid not null);
grant select, insert on tests.upload_ids to authenticated, service_role;

-- inserting ------------------------------------------------------------------------------------------------
select tests.authenticate_as('una');
insert into tests.upload_ids
select 'a', public.studio_upload_song('  Demo take  ', 'demo take.flac', 61000, '[[-0.5, 0.5]]');
select results_eq(
  $$ select source, title, original_name, prompt, plan, status, stage, duration_ms, quota_month,
            wav_path = (select auth.uid())::text || '/' || id || '/song.wav'
       from public.songs where id = (select id from tests.upload_ids where k = 'a') $$,
  $$ values ('upload'::text, 'Demo take'::text, 'demo take.flac'::text, null::text, null::jsonb,
             'queued'::text, 'encoding'::text, 61000, null::date, true) $$,
  'An upload is queued at encoding: its title, file name, length and WAV path; no prompt, plan or quota');
select is((select peaks from public.songs where id = (select id from tests.upload_ids where k = 'a')),
  '[[-0.5, 0.5]]'::jsonb, 'Its peaks are stored for the player');
select is((select used from public.studio_quota()), 0, 'An upload spends no song quota');
select throws_ok($$ select public.studio_upload_song('', 'x.wav', 1000, '[]') $$,
  'SC400', null, 'A blank title is refused');
select throws_ok($$ select public.studio_upload_song('T', 'x.wav', 600001, '[]') $$,
  'SC400', null, 'More than 10 minutes is refused');
select throws_ok($$ select public.studio_upload_song('T', repeat('x', 256), 1000, '[]') $$,
  'SC400', null, 'A file name over 255 characters is refused');
select throws_ok($$ select public.studio_upload_song('T', 'x.wav', 1000, '{}') $$,
  'SC400', null, 'Peaks are an array');
select throws_ok($$ select public.studio_generate((select id from tests.upload_ids where k = 'a')) $$,
  'SC409', null, 'An upload cannot be generated');
select throws_ok($$ select public.studio_set_plan((select id from tests.upload_ids where k = 'a'), '{"title": "x"}') $$,
  'SC409', null, 'Nor given a plan');
select tests.clear_authentication();
set local role anon;
select throws_ok($$ select public.studio_upload_song('T', 'x.wav', 1000, '[]') $$,
  '42501', null, 'An anonymous visitor cannot upload');

-- the constraints keep the two kinds apart -------------------------------------------------------------
select tests.authenticate_as_service_role();
select throws_ok($$ update public.songs set plan = '{"title": "x"}' where id = (select id from tests.upload_ids where k = 'a') $$,
  '23514', null, 'An upload has no plan');
select throws_ok($$ update public.songs set prompt = 'hi' where id = (select id from tests.upload_ids where k = 'a') $$,
  '23514', null, 'Nor a prompt');
select throws_ok($$ update public.songs set quota_month = date '2026-12-01' where id = (select id from tests.upload_ids where k = 'a') $$,
  '23514', null, 'Nor a quota month');
select throws_ok($$ insert into public.songs (owner_id, prompt, source) values (tests.get_supabase_uid('una'), null, 'prompt') $$,
  '23514', null, 'A prompt''s song has its prompt');
select throws_ok($$ insert into public.songs (owner_id, prompt, source) values (tests.get_supabase_uid('una'), 'x', 'mixtape') $$,
  '23514', null, 'The source is prompt or upload');

-- its WAV ---------------------------------------------------------------------------------------------------
select tests.authenticate_as('una');
insert into storage.objects (bucket_id, name, owner_id)
select 'tracks', (select auth.uid())::text || '/' || id || '/song.wav', (select auth.uid())::text
  from tests.upload_ids where k = 'a';
select is((select count(*)::int from storage.objects where bucket_id = 'tracks'), 1,
  'The owner stores the WAV of an upload waiting to be encoded');
select throws_ok($$ insert into storage.objects (bucket_id, name, owner_id)
                    select 'tracks', (select auth.uid())::text || '/' || id || '/other.mp3', (select auth.uid())::text
                      from tests.upload_ids where k = 'a' $$,
  '42501', null, 'Only its song.wav, nothing else, before the uploading stage');
select tests.authenticate_as('eve');
select throws_ok($$ insert into storage.objects (bucket_id, name, owner_id)
                    select 'tracks', tests.get_supabase_uid('una')::text || '/' || id || '/song.wav', (select auth.uid())::text
                      from tests.upload_ids where k = 'a' $$,
  '42501', null, 'Another user cannot write into the upload');
select is_empty($$ select * from public.songs $$, 'Another user reads none of Una''s songs');
select is((select count(*)::int from storage.objects where bucket_id = 'tracks'), 0, 'Nor her files');

select tests.authenticate_as_service_role();
-- (While its encoding stage runs the WAV may still arrive: 93-studio-mastering.)
update public.songs set status = 'failed', stage = null
 where id = (select id from tests.upload_ids where k = 'a');
select tests.authenticate_as('una');
select throws_ok($$ insert into storage.objects (bucket_id, name, owner_id)
                    select 'tracks', (select auth.uid())::text || '/' || id || '/song.wav', (select auth.uid())::text
                      from tests.upload_ids where k = 'a' $$,
  '42501', null, 'Once the upload has moved on, the request''s write is closed');

-- deleting ---------------------------------------------------------------------------------------------------
select is(public.studio_delete_song((select id from tests.upload_ids where k = 'a')),
  array[(select auth.uid())::text || '/' || (select id from tests.upload_ids where k = 'a') || '/song.wav'],
  'Deleting an upload before it is done names its WAV for removal');

select * from finish();
rollback;
