-- Mastering and the hit meter (issue 15, Build 2–5): any finished library song (generated or
-- uploaded) can be mastered to a loudness target against a genre preset or another of the
-- caller's finished songs (`mastering` queue: analysing → mastering → encoding → uploading →
-- `done`, the WAV and MP3 beside the song at `<owner>/<song>/master-<id>.wav|mp3`), and scored
-- by the hit meter (`scoring` queue: measuring → writing → `done`). Both are staged jobs
-- (lib/ports/queue/jobs.ts) whose rows their owner reads; every write goes through the functions
-- below. Analyses belong to one version of the song's audio: `songs.audio_version` goes up each
-- time the song's files are (re)written, a meter report is kept per version (asking again for
-- the same version reuses it), a master records the version it was made from. Masters keep
-- their history, the newest shown first.
-- Limits: masters spend a monthly allowance of the caller's plan (plans.masters_per_month: free 5,
-- pro 100), given back when the master fails or is cancelled; a meter report's AI insights
-- spend the daily AI allowance (task `studio_insights`) when some is left, else the offline
-- writer writes them (the report is never refused for it).
-- Errors follow lib/ports/db/errors.ts (SC400/404/409/429 with the field in DETAIL).

-- plans: the mastering allowance ------------------------------------------------------------------------
alter table public.plans add column if not exists masters_per_month integer not null default 5;
alter table public.plans drop constraint if exists plans_masters_per_month_check;
alter table public.plans add constraint plans_masters_per_month_check check (masters_per_month >= 0);
update public.plans
   set masters_per_month = 5,
       features = array['3 songs a month in the song studio',
                        'Mastering (5 masters a month) and the hit meter']
 where id = 'free';
update public.plans
   set masters_per_month = 100,
       features = array['100 songs a month in the song studio',
                        'Mastering (100 masters a month) and the hit meter',
                        'Cancel any time: pro stays until the end of the paid month']
 where id = 'pro';

-- songs: the version of their audio ----------------------------------------------------------------------
alter table public.songs add column if not exists audio_version integer not null default 0;
alter table public.songs drop constraint if exists songs_audio_version_check;
alter table public.songs add constraint songs_audio_version_check check (audio_version >= 0);
update public.songs set audio_version = 1 where audio_version = 0 and wav_path is not null
   and status = 'done';

/*
 * private.songs_audio_version() trigger
 * A song's files are (re)written by its uploading stage (studio_finish_song sets finished_at while
 * the song still runs; nothing else does): its audio version goes up, so earlier analyses no
 * longer count as current. The trigger fires on the column being set, not on a changed value.
 */
create or replace function private.songs_audio_version() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.wav_path is not null and new.finished_at is not null
     and new.status in ('queued', 'running') then
    new.audio_version := old.audio_version + 1;
  end if;
  return new;
end $$;

drop trigger if exists songs_audio_version on public.songs;
create trigger songs_audio_version before update of finished_at on public.songs
  for each row execute function private.songs_audio_version();

-- tables -------------------------------------------------------------------------------------------------
create table if not exists public.song_masters (
  id uuid not null default gen_random_uuid(),
  song_id uuid not null,
  owner_id uuid not null,
  audio_version integer not null,              -- the song's audio it was made from
  settings jsonb not null,                     -- MasterSettings (lib/domains/studio/master/schemas.ts)
  reference_song_id uuid,                      -- settings.reference of kind 'song', while it exists
  status text not null default 'queued',
  stage text default 'analysing',
  progress jsonb not null default '{}',
  error text,
  quota_month date,                            -- the month whose allowance it holds; null: none
  wav_path text,
  mp3_path text,
  report jsonb,                                -- MasterReport
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  constraint song_masters_pkey primary key (id),
  constraint song_masters_song_id_fkey foreign key (song_id) references public.songs (id)
    on delete cascade,
  constraint song_masters_owner_id_fkey foreign key (owner_id) references public.profiles (id)
    on delete cascade,
  constraint song_masters_reference_song_id_fkey foreign key (reference_song_id)
    references public.songs (id) on delete set null,
  constraint song_masters_audio_version_check check (audio_version >= 1),
  constraint song_masters_settings_check check (
    jsonb_typeof(settings) = 'object' and pg_column_size(settings) <= 2048),
  constraint song_masters_status_check check (
    status in ('queued', 'running', 'done', 'failed', 'cancelled')),
  constraint song_masters_stage_check check (
    (stage is null) = (status not in ('queued', 'running'))
    and (stage is null or stage in ('analysing', 'mastering', 'encoding', 'uploading'))),
  constraint song_masters_progress_check check (
    jsonb_typeof(progress) = 'object' and pg_column_size(progress) <= 4096),
  constraint song_masters_error_length check (error is null or char_length(error) <= 500),
  constraint song_masters_paths_length check (
    coalesce(char_length(wav_path), 0) <= 500 and coalesce(char_length(mp3_path), 0) <= 500),
  constraint song_masters_report_check check (
    report is null or (jsonb_typeof(report) = 'object' and pg_column_size(report) <= 65536)),
  constraint song_masters_done_check check (
    status <> 'done' or (wav_path is not null and mp3_path is not null and report is not null))
);
-- A song's masters, newest first.
create index if not exists song_masters_song_id_created_at_idx
  on public.song_masters (song_id, created_at desc, id desc);
create index if not exists song_masters_owner_id_idx on public.song_masters (owner_id);
create index if not exists song_masters_reference_song_id_idx on public.song_masters (reference_song_id)
  where reference_song_id is not null;

create table if not exists public.song_meters (
  id uuid not null default gen_random_uuid(),
  song_id uuid not null,
  owner_id uuid not null,
  audio_version integer not null,
  use_ai boolean not null default false,       -- the daily AI allowance paid for live insights
  status text not null default 'queued',
  stage text default 'measuring',
  progress jsonb not null default '{}',
  error text,
  features jsonb,                              -- Features, from the measuring stage
  score jsonb,                                 -- HitScore, from the measuring stage
  report jsonb,                                -- MeterReport
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  constraint song_meters_pkey primary key (id),
  constraint song_meters_song_id_fkey foreign key (song_id) references public.songs (id)
    on delete cascade,
  constraint song_meters_owner_id_fkey foreign key (owner_id) references public.profiles (id)
    on delete cascade,
  -- One report per version of the song's audio.
  constraint song_meters_song_id_audio_version_key unique (song_id, audio_version),
  constraint song_meters_audio_version_check check (audio_version >= 1),
  constraint song_meters_status_check check (
    status in ('queued', 'running', 'done', 'failed', 'cancelled')),
  constraint song_meters_stage_check check (
    (stage is null) = (status not in ('queued', 'running'))
    and (stage is null or stage in ('measuring', 'writing'))),
  constraint song_meters_progress_check check (
    jsonb_typeof(progress) = 'object' and pg_column_size(progress) <= 4096),
  constraint song_meters_error_length check (error is null or char_length(error) <= 500),
  constraint song_meters_features_check check (
    features is null or (jsonb_typeof(features) = 'object' and pg_column_size(features) <= 8192)),
  constraint song_meters_score_check check (
    score is null or (jsonb_typeof(score) = 'object' and pg_column_size(score) <= 16384)),
  constraint song_meters_report_check check (
    report is null or (jsonb_typeof(report) = 'object' and pg_column_size(report) <= 32768)),
  constraint song_meters_done_check check (status <> 'done' or report is not null)
);
create index if not exists song_meters_owner_id_idx on public.song_meters (owner_id);

-- Masters made per user and calendar month (UTC); written only by the functions below.
create table if not exists private.master_usage (
  user_id uuid not null,
  month date not null,
  used integer not null default 0,
  updated_at timestamptz not null default now(),
  constraint master_usage_pkey primary key (user_id, month),
  constraint master_usage_user_id_fkey foreign key (user_id) references auth.users (id)
    on delete cascade,
  constraint master_usage_used_check check (used >= 0)
);
alter table private.master_usage enable row level security;

-- grants and RLS -----------------------------------------------------------------------------------------
revoke all on public.song_masters, public.song_meters from anon, authenticated;
grant select on public.song_masters, public.song_meters to authenticated;
grant all on public.song_masters, public.song_meters to service_role;
revoke all on private.master_usage from public, anon, authenticated;
grant select, insert, update, delete on private.master_usage to service_role;

alter table public.song_masters enable row level security;
alter table public.song_meters enable row level security;

drop policy if exists "Owners read their masters" on public.song_masters;
create policy "Owners read their masters" on public.song_masters
  for select to authenticated using (owner_id = (select auth.uid()));
drop policy if exists "Owners read their meter reports" on public.song_meters;
create policy "Owners read their meter reports" on public.song_meters
  for select to authenticated using (owner_id = (select auth.uid()));

drop trigger if exists song_masters_touch on public.song_masters;
create trigger song_masters_touch before update on public.song_masters
  for each row execute function private.dj_touch();
drop trigger if exists song_meters_touch on public.song_meters;
create trigger song_meters_touch before update on public.song_meters
  for each row execute function private.dj_touch();

/*
 * private.masters_give_back() trigger
 * A master that failed or was cancelled gives its month's allowance back, once.
 */
create or replace function private.masters_give_back() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.quota_month is null or new.status not in ('failed', 'cancelled')
     or old.status = new.status then
    return new;
  end if;
  update private.master_usage set used = greatest(used - 1, 0), updated_at = now()
   where user_id = new.owner_id and month = new.quota_month;
  new.quota_month := null;
  return new;
end $$;

drop trigger if exists song_masters_give_back on public.song_masters;
create trigger song_masters_give_back before update of status on public.song_masters
  for each row execute function private.masters_give_back();

-- a user's requests --------------------------------------------------------------------------------------
/*
 * private.studio_finished_song(p_song uuid, p_field text) returns public.songs
 * The caller's finished song with its audio; SC404 p_field for anyone else's or none, SC409
 * `status` while it is not done.
 */
create or replace function private.studio_finished_song(p_song uuid, p_field text)
returns public.songs
language plpgsql stable security definer set search_path = '' as $$
declare
  s public.songs;
begin
  select * into s from public.songs where id = p_song;
  if not found or s.owner_id is distinct from (select auth.uid()) then
    raise exception using errcode = 'SC404', message = 'Song not found', detail = p_field;
  end if;
  if s.status <> 'done' or s.wav_path is null or s.audio_version < 1 then
    raise exception using errcode = 'SC409',
      message = case when p_field = 'id' then 'Only a finished song can be mastered or scored'
                     else 'The reference song is not finished' end,
      detail = case when p_field = 'id' then 'status' else p_field end;
  end if;
  return s;
end $$;

/*
 * private.studio_master_song(p_song uuid, p_settings jsonb, p_reference uuid) returns uuid
 * A new master of the caller's finished song, `queued` at `analysing` (the server checked the
 * settings' shape and queues the stage's message in the same transaction). p_reference: another
 * of the caller's finished songs (SC404 `reference` for anyone else's or none, SC400 `reference`
 * for the song itself), or null for a genre preset. Spends one of the month's masters (SC429
 * `quota`, its HINT the reset time). Returns the master's id.
 */
create or replace function private.studio_master_song(
  p_song uuid, p_settings jsonb, p_reference uuid
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  s public.songs := private.studio_finished_song(p_song, 'id');
  v_limit integer := (select p.masters_per_month from private.current_plan(s.owner_id) p);
  v_month date := private.song_month();
  v_used integer;
  v_id uuid;
begin
  if jsonb_typeof(p_settings) is distinct from 'object' or pg_column_size(p_settings) > 2048 then
    raise exception using errcode = 'SC400', message = 'The settings must be an object',
      detail = 'settings';
  end if;
  if p_reference is not null then
    if p_reference = p_song then
      raise exception using errcode = 'SC400', message = 'Choose another song as the reference',
        detail = 'reference';
    end if;
    perform private.studio_finished_song(p_reference, 'reference');
  end if;
  if coalesce(v_limit, 0) > 0 then
    insert into private.master_usage as u (user_id, month, used) values (s.owner_id, v_month, 1)
    on conflict (user_id, month) do update set used = u.used + 1, updated_at = now()
      where u.used < v_limit
    returning u.used into v_used;
  end if;
  if v_used is null then
    raise exception using errcode = 'SC429',
      message = format('No masters left this month: your plan makes %s a month', coalesce(v_limit, 0)),
      detail = 'quota',
      hint = to_char(v_month + interval '1 month', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
  end if;
  insert into public.song_masters (song_id, owner_id, audio_version, settings, reference_song_id,
                                   status, stage, quota_month)
  values (s.id, s.owner_id, s.audio_version, p_settings, p_reference, 'queued', 'analysing',
          v_month)
  returning id into v_id;
  return v_id;
end $$;

/*
 * private.studio_cancel_master(p_master uuid) returns void
 * Stops the caller's master while it is queued or running (the stage running commits nothing);
 * its allowance is given back. SC404 `mid` for anyone else's, SC409 `status` once finished.
 */
create or replace function private.studio_cancel_master(p_master uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  m public.song_masters;
begin
  select * into m from public.song_masters where id = p_master for update;
  if not found or m.owner_id is distinct from (select auth.uid()) then
    raise exception using errcode = 'SC404', message = 'Master not found', detail = 'mid';
  end if;
  if m.status not in ('queued', 'running') then
    raise exception using errcode = 'SC409', message = 'Only a master being made can be cancelled',
      detail = 'status';
  end if;
  update public.song_masters set status = 'cancelled', stage = null, progress = '{}',
                                 finished_at = now()
   where id = p_master;
  perform realtime.send(
    jsonb_build_object('id', p_master, 'status', 'cancelled', 'stage', null,
                       'progress', '{}'::jsonb, 'error', m.error),
    'progress', 'master:' || p_master::text, true);
end $$;

/*
 * private.studio_meter_song(p_song uuid, p_ai_limit integer)
 *   returns table (id uuid, queued boolean)
 * The hit meter's report of the caller's finished song for its current audio: the one there is
 * when it is done or being made (queued false: nothing to do), else a new (or failed, retried)
 * one `queued` at `measuring` (queued true: the server queues the stage's message in the same
 * transaction). A queued report takes one of today's AI requests (task `studio_insights`, up to
 * p_ai_limit) for live insights when some are left; otherwise the offline writer writes them.
 */
create or replace function private.studio_meter_song(p_song uuid, p_ai_limit integer)
returns table (id uuid, queued boolean)
language plpgsql security definer set search_path = '' as $$
declare
  s public.songs := private.studio_finished_song(p_song, 'id');
  m public.song_meters;
  v_ai integer;
  v_id uuid;
begin
  select * into m from public.song_meters x
   where x.song_id = s.id and x.audio_version = s.audio_version for update;
  if found and m.status in ('queued', 'running', 'done') then
    return query select m.id, false;
    return;
  end if;
  if coalesce(p_ai_limit, 0) > 0 then
    insert into public.ai_usage as u (user_id, day, task, count)
    values (s.owner_id, (now() at time zone 'utc')::date, 'studio_insights', 1)
    on conflict (user_id, day, task) do update set count = u.count + 1, updated_at = now()
      where u.count < p_ai_limit
    returning u.count into v_ai;
  end if;
  v_id := m.id;
  if v_id is null then
    insert into public.song_meters as x (song_id, owner_id, audio_version, use_ai, status, stage)
    values (s.id, s.owner_id, s.audio_version, v_ai is not null, 'queued', 'measuring')
    returning x.id into v_id;
  else
    update public.song_meters x
       set use_ai = v_ai is not null, status = 'queued', stage = 'measuring', progress = '{}',
           error = null, features = null, score = null, report = null, finished_at = null
     where x.id = v_id;
  end if;
  return query select v_id, true;
end $$;

create or replace function public.studio_master_song(
  p_song uuid, p_settings jsonb, p_reference uuid
) returns uuid
language sql security invoker set search_path = '' as $$
  select private.studio_master_song(p_song, p_settings, p_reference)
$$;
create or replace function public.studio_cancel_master(p_master uuid) returns void
language sql security invoker set search_path = '' as $$
  select private.studio_cancel_master(p_master)
$$;
create or replace function public.studio_meter_song(p_song uuid, p_ai_limit integer)
returns table (id uuid, queued boolean)
language sql security invoker set search_path = '' as $$
  select * from private.studio_meter_song(p_song, p_ai_limit)
$$;

/*
 * private.studio_delete_song(p_song uuid) returns text[]
 * As before (20261210000100_studio_songs.sql), and its masters' files too: the rows go with the
 * song (cascade), the server removes every path returned from the `tracks` bucket.
 */
create or replace function private.studio_delete_song(p_song uuid) returns text[]
language plpgsql security definer set search_path = '' as $$
declare
  s public.songs := private.studio_song_for_update(p_song);
  v_masters text[] := coalesce((select array_agg(p) from public.song_masters m,
                                  unnest(array[m.wav_path, m.mp3_path]) p
                                 where m.song_id = p_song and p is not null), '{}');
begin
  delete from public.songs where id = p_song;
  delete from public.tracks where id = s.track_id;
  return array_remove(array[s.wav_path, s.mp3_path, s.midi_path]
    || coalesce((select array_agg(v) from jsonb_each_text(s.stems) e(k, v)), '{}'), null)
    || v_masters;
end $$;

-- the server's writes (service_role) ---------------------------------------------------------------------
/*
 * private.studio_finish_master(p_master uuid, p_wav text, p_mp3 text, p_report jsonb) returns void
 * The uploading stage's result: the files' paths and the before/after report.
 */
create or replace function private.studio_finish_master(
  p_master uuid, p_wav text, p_mp3 text, p_report jsonb
) returns void
language sql security definer set search_path = '' as $$
  update public.song_masters set wav_path = p_wav, mp3_path = p_mp3, report = p_report,
                                 finished_at = now()
   where id = p_master
$$;

/*
 * private.studio_save_meter(p_meter uuid, p_features jsonb, p_score jsonb, p_report jsonb)
 *   returns void
 * The measuring stage's features and score; the writing stage's whole report (then finished).
 */
create or replace function private.studio_save_meter(
  p_meter uuid, p_features jsonb, p_score jsonb, p_report jsonb
) returns void
language sql security definer set search_path = '' as $$
  update public.song_meters
     set features = coalesce(p_features, features), score = coalesce(p_score, score),
         report = p_report, finished_at = case when p_report is null then null else now() end
   where id = p_meter
$$;

-- realtime: masters' and meter reports' progress go to their owner only ----------------------------------
/*
 * private.owns_studio_job_topic(p_topic text) returns boolean
 * Whether the caller owns the master of a `master:<uuid>` topic or the report of a
 * `meter:<uuid>` topic (false for any other topic; never raises).
 */
create or replace function private.owns_studio_job_topic(p_topic text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_topic is null
     or p_topic !~ '^(master|meter):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return false;
  end if;
  if split_part(p_topic, ':', 1) = 'master' then
    return exists (select 1 from public.song_masters m
                    where m.id = split_part(p_topic, ':', 2)::uuid
                      and m.owner_id = (select auth.uid()));
  end if;
  return exists (select 1 from public.song_meters m
                  where m.id = split_part(p_topic, ':', 2)::uuid
                    and m.owner_id = (select auth.uid()));
end $$;

drop policy if exists "Owners receive their masters' and reports' progress" on realtime.messages;
create policy "Owners receive their masters' and reports' progress" on realtime.messages
  for select to authenticated
  using (private.owns_studio_job_topic((select realtime.topic())));

-- storage: a master's files -------------------------------------------------------------------------------
/*
 * private.can_write_track_file(p_name text) returns boolean
 * '<uid>/<song>/<file>' where the song is the caller's and at its uploading stage, or is the
 * caller's upload at its encoding stage and the file its 'song.wav' (queued or already running:
 * the request stores the WAV after queueing the stage, and a worker may start first; it then
 * retries until the WAV is there), or the file is
 * 'master-<id>.wav|mp3' of the caller's master of that song at its uploading stage.
 */
create or replace function private.can_write_track_file(p_name text) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.owns_track_file(p_name) and cardinality(storage.foldername(p_name)) = 2
     and (exists (select 1 from public.songs s
                   where s.id::text = (storage.foldername(p_name))[2]
                     and s.owner_id = (select auth.uid())
                     and (s.stage = 'uploading'
                          or (s.source = 'upload' and s.stage = 'encoding'
                              and storage.filename(p_name) = 'song.wav')))
          or exists (select 1 from public.song_masters m
                      where m.song_id::text = (storage.foldername(p_name))[2]
                        and m.owner_id = (select auth.uid()) and m.stage = 'uploading'
                        and storage.filename(p_name) in ('master-' || m.id::text || '.wav',
                                                         'master-' || m.id::text || '.mp3')))
$$;

-- grants: functions ---------------------------------------------------------------------------------------
revoke execute on function
  private.songs_audio_version(), private.masters_give_back(),
  private.studio_finished_song(uuid, text),
  private.studio_master_song(uuid, jsonb, uuid), public.studio_master_song(uuid, jsonb, uuid),
  private.studio_cancel_master(uuid), public.studio_cancel_master(uuid),
  private.studio_meter_song(uuid, integer), public.studio_meter_song(uuid, integer),
  private.studio_delete_song(uuid),
  private.studio_finish_master(uuid, text, text, jsonb),
  private.studio_save_meter(uuid, jsonb, jsonb, jsonb),
  private.owns_studio_job_topic(text), private.can_write_track_file(text)
  from public, anon, authenticated;
grant execute on function
  private.studio_finished_song(uuid, text),
  private.studio_master_song(uuid, jsonb, uuid), public.studio_master_song(uuid, jsonb, uuid),
  private.studio_cancel_master(uuid), public.studio_cancel_master(uuid),
  private.studio_meter_song(uuid, integer), public.studio_meter_song(uuid, integer),
  private.studio_delete_song(uuid),
  -- Policies run as the reader.
  private.owns_studio_job_topic(text), private.can_write_track_file(text)
  to authenticated;
grant execute on function
  private.studio_finish_master(uuid, text, text, jsonb),
  private.studio_save_meter(uuid, jsonb, jsonb, jsonb)
  to service_role;
