-- The song studio's core (issue 14): songs as staged jobs on the `generation` queue (the job shape
-- is lib/ports/queue/jobs.ts), their files in the private `tracks` bucket, and the monthly song
-- quota of the caller's plan, spent atomically when a song is queued for generation and given back
-- once if it fails or is cancelled. A song: created from a prompt `queued` at stage `enhancing`
-- → `draft` (the plan waits for the user) → generate: `queued` at `composing` → rendering →
-- encoding → uploading → `done` (a public.tracks row), or `failed` / `cancelled`.
-- Users read their own songs; every write goes through the functions below. Errors follow
-- lib/ports/db/errors.ts (SC400/403/404/409/429 with the field in DETAIL).

-- plans: pro makes 100 songs a month (the issue's figure) ------------------------------------------------
update public.plans
   set songs_per_month = 100,
       features = array['100 songs a month in the song studio', 'Mastering and the hit meter',
                        'Cancel any time: pro stays until the end of the paid month']
 where id = 'pro';

-- tables -------------------------------------------------------------------------------------------------
create table if not exists public.songs (
  id uuid not null default gen_random_uuid(),
  owner_id uuid not null,
  title text,                                  -- the user's name for it; null: the plan's title
  prompt text not null,
  language text,                               -- ISO 639 of the lyrics; null: detect from the prompt
  plan jsonb,                                  -- SongPlan (lib/domains/studio/plan.ts), checked in TS
  plan_source text,                            -- 'live' | 'offline': who wrote the plan
  lyrics jsonb,                                -- null: instrumental, or not written yet
  seed integer not null default (floor(random() * 2147483647))::integer,
  status text not null default 'queued',
  stage text default 'enhancing',
  progress jsonb not null default '{}',
  error text,
  priority smallint not null default 0,        -- 1: the owner was on pro when it was queued
  quota_month date,                            -- the month whose quota it holds; null: none held
  wav_path text,
  mp3_path text,
  midi_path text,
  stems jsonb,                                 -- { drums: path, bass: path, … }
  peaks jsonb,                                 -- [[min, max], …] for the player
  duration_ms integer,
  track_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  generated_at timestamptz,                    -- when generation was queued
  finished_at timestamptz,
  constraint songs_pkey primary key (id),
  constraint songs_owner_id_fkey foreign key (owner_id) references public.profiles (id)
    on delete cascade,
  constraint songs_track_id_fkey foreign key (track_id) references public.tracks (id)
    on delete set null,
  constraint songs_title_length check (title is null or char_length(btrim(title)) between 1 and 120),
  constraint songs_prompt_length check (char_length(btrim(prompt)) between 1 and 1000),
  constraint songs_language_check check (language is null or language ~ '^[a-z]{2,3}$'),
  constraint songs_plan_check check (
    plan is null or (jsonb_typeof(plan) = 'object' and pg_column_size(plan) <= 16384)),
  constraint songs_plan_source_check check (plan_source is null or plan_source in ('live', 'offline')),
  constraint songs_lyrics_check check (
    lyrics is null or (jsonb_typeof(lyrics) = 'object' and pg_column_size(lyrics) <= 32768)),
  constraint songs_status_check check (
    status in ('queued', 'running', 'draft', 'done', 'failed', 'cancelled')),
  constraint songs_stage_check check (
    (stage is null) = (status not in ('queued', 'running'))
    and (stage is null or stage in ('enhancing', 'composing', 'rendering', 'encoding', 'uploading'))),
  constraint songs_progress_check check (
    jsonb_typeof(progress) = 'object' and pg_column_size(progress) <= 4096),
  constraint songs_error_length check (error is null or char_length(error) <= 500),
  constraint songs_priority_check check (priority in (0, 1)),
  constraint songs_draft_check check (status <> 'draft' or plan is not null),
  constraint songs_done_check check (
    status <> 'done' or (wav_path is not null and mp3_path is not null and duration_ms is not null)),
  constraint songs_paths_length check (
    coalesce(char_length(wav_path), 0) <= 500 and coalesce(char_length(mp3_path), 0) <= 500
    and coalesce(char_length(midi_path), 0) <= 500),
  constraint songs_stems_check check (
    stems is null or (jsonb_typeof(stems) = 'object' and pg_column_size(stems) <= 4096)),
  constraint songs_peaks_check check (
    peaks is null or (jsonb_typeof(peaks) = 'array' and pg_column_size(peaks) <= 65536)),
  constraint songs_duration_ms_check check (duration_ms is null or duration_ms between 0 and 7200000)
);
-- The library: a user's songs newest first.
create index if not exists songs_owner_id_created_at_idx on public.songs (owner_id, created_at desc, id desc);
create index if not exists songs_track_id_idx on public.songs (track_id) where track_id is not null;

-- Songs generated per user and calendar month (UTC); written only by the quota functions below.
create table if not exists private.song_usage (
  user_id uuid not null,
  month date not null,
  used integer not null default 0,
  updated_at timestamptz not null default now(),
  constraint song_usage_pkey primary key (user_id, month),
  constraint song_usage_user_id_fkey foreign key (user_id) references auth.users (id) on delete cascade,
  constraint song_usage_used_check check (used >= 0)
);
alter table private.song_usage enable row level security;

-- grants and RLS -----------------------------------------------------------------------------------------
revoke all on public.songs from anon, authenticated;
grant select on public.songs to authenticated;
grant all on public.songs to service_role;
revoke all on private.song_usage from public, anon, authenticated;
grant select, insert, update, delete on private.song_usage to service_role;

alter table public.songs enable row level security;

drop policy if exists "Owners read their songs" on public.songs;
create policy "Owners read their songs" on public.songs
  for select to authenticated using (owner_id = (select auth.uid()));

drop trigger if exists songs_touch on public.songs;
create trigger songs_touch before update on public.songs
  for each row execute function private.dj_touch();

-- quota ----------------------------------------------------------------------------------------------------
/*
 * private.song_month() returns date
 * The current quota month (UTC): its first day.
 */
create or replace function private.song_month() returns date
language sql stable set search_path = '' as $$
  select date_trunc('month', now() at time zone 'utc')::date
$$;

/*
 * private.spend_song_quota(p_user uuid) returns integer
 * Counts one song against the user's plan for this month, atomically (the counter row is locked by
 * the upsert, so concurrent spends queue behind each other); returns how many remain. SC429
 * `quota`, its HINT the reset time (ISO 8601, the first of next month UTC), when none is left.
 */
create or replace function private.spend_song_quota(p_user uuid) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  v_limit integer := (select p.songs_per_month from private.current_plan(p_user) p);
  v_month date := private.song_month();
  v_used integer;
begin
  if v_limit > 0 then
    insert into private.song_usage as u (user_id, month, used) values (p_user, v_month, 1)
    on conflict (user_id, month) do update set used = u.used + 1, updated_at = now()
      where u.used < v_limit
    returning u.used into v_used;
  end if;
  if v_used is null then
    raise exception using errcode = 'SC429',
      message = format('No songs left this month: your plan makes %s a month', v_limit),
      detail = 'quota',
      hint = to_char(v_month + interval '1 month', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
  end if;
  return v_limit - v_used;
end $$;

/*
 * private.songs_give_back() trigger
 * A song that failed, was cancelled or deleted before it was done gives its month's song back,
 * once: the song's quota_month is cleared as the count goes down.
 */
create or replace function private.songs_give_back() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  r public.songs := case when tg_op = 'DELETE' then old else new end;
begin
  if r.quota_month is null
     or (tg_op = 'UPDATE' and (new.status not in ('failed', 'cancelled') or old.status = new.status))
     or (tg_op = 'DELETE' and old.status not in ('queued', 'running')) then
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  update private.song_usage set used = greatest(used - 1, 0), updated_at = now()
   where user_id = r.owner_id and month = r.quota_month;
  if tg_op = 'DELETE' then
    return old;
  end if;
  new.quota_month := null;
  return new;
end $$;

drop trigger if exists songs_give_back on public.songs;
create trigger songs_give_back before update of status or delete on public.songs
  for each row execute function private.songs_give_back();

/*
 * private.studio_quota() returns table (used integer, "limit" integer, remaining integer,
 *   resets_at timestamptz)
 * The caller's songs this month, their plan's limit, what remains and when it resets.
 */
create or replace function private.studio_quota()
returns table (used integer, "limit" integer, remaining integer, resets_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select coalesce(u.used, 0), p.songs_per_month, greatest(p.songs_per_month - coalesce(u.used, 0), 0),
         (private.song_month() + interval '1 month') at time zone 'utc'
    from private.current_plan((select auth.uid())) p
    left join private.song_usage u
      on u.user_id = (select auth.uid()) and u.month = private.song_month()
   where (select auth.uid()) is not null
$$;

create or replace function public.studio_quota()
returns table (used integer, "limit" integer, remaining integer, resets_at timestamptz)
language sql stable security invoker set search_path = '' as $$
  select * from private.studio_quota()
$$;

-- a user's transitions -------------------------------------------------------------------------------------
/*
 * private.studio_song_for_update(p_song uuid) returns public.songs
 * The caller's song, locked; SC404 `id` for anyone else's or none.
 */
create or replace function private.studio_song_for_update(p_song uuid) returns public.songs
language plpgsql security definer set search_path = '' as $$
declare
  s public.songs;
begin
  select * into s from public.songs where id = p_song for update;
  if not found or s.owner_id is distinct from (select auth.uid()) then
    raise exception using errcode = 'SC404', message = 'Song not found', detail = 'id';
  end if;
  return s;
end $$;

/*
 * private.studio_create_song(p_prompt text, p_language text) returns uuid
 * A new song of the caller from a prompt, `queued` at its first stage (enhancing); the server
 * queues that stage's message in the same transaction.
 */
create or replace function private.studio_create_song(p_prompt text, p_language text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := (select auth.uid());
  v_id uuid;
begin
  if uid is null then
    raise exception using errcode = 'SC403', message = 'Sign in to make songs', detail = 'authorization';
  end if;
  insert into public.songs (owner_id, prompt, language, status, stage, priority)
  values (uid, btrim(p_prompt), p_language, 'queued', 'enhancing',
          case when (select p.id from private.current_plan(uid) p) = 'free' then 0 else 1 end)
  returning id into v_id;
  return v_id;
end $$;

/*
 * private.studio_set_plan(p_song uuid, p_plan jsonb) returns void
 * The user's edited plan (its shape checked by the server) for a draft; SC409 `status` otherwise,
 * SC400 `plan` when it is not an object or too large.
 */
create or replace function private.studio_set_plan(p_song uuid, p_plan jsonb) returns void
language plpgsql security definer set search_path = '' as $$
declare
  s public.songs := private.studio_song_for_update(p_song);
begin
  if s.status not in ('draft', 'failed', 'cancelled') or s.plan is null then
    raise exception using errcode = 'SC409', message = 'Only a draft''s plan can change', detail = 'status';
  end if;
  if jsonb_typeof(p_plan) is distinct from 'object' or pg_column_size(p_plan) > 16384 then
    raise exception using errcode = 'SC400', message = 'The plan must be an object of at most 16 kB',
      detail = 'plan';
  end if;
  update public.songs set plan = p_plan, status = 'draft', error = null where id = p_song;
end $$;

/*
 * private.studio_generate(p_song uuid) returns integer
 * Spends one song of the caller's monthly quota and queues the draft for generation (composing
 * first); returns the songs left. SC409 `status` unless it is a draft (or failed with a plan: a
 * retry), SC429 `quota` when none is left (nothing changes).
 */
create or replace function private.studio_generate(p_song uuid) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  s public.songs := private.studio_song_for_update(p_song);
  v_left integer;
begin
  if s.status not in ('draft', 'failed', 'cancelled') or s.plan is null then
    raise exception using errcode = 'SC409', message = 'Only a draft can be generated', detail = 'status';
  end if;
  v_left := private.spend_song_quota(s.owner_id);
  update public.songs
     set status = 'queued', stage = 'composing', progress = '{}', error = null,
         quota_month = private.song_month(), generated_at = now(), finished_at = null,
         priority = case when (select p.id from private.current_plan(s.owner_id) p) = 'free'
                         then 0 else 1 end
   where id = p_song;
  return v_left;
end $$;

/*
 * private.studio_cancel(p_song uuid) returns void
 * Stops a queued or running song: the stage running now finishes but commits nothing, and the
 * song's quota (if spent) is given back. Broadcast on the song's topic. SC409 `status` otherwise.
 */
create or replace function private.studio_cancel(p_song uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  s public.songs := private.studio_song_for_update(p_song);
begin
  if s.status not in ('queued', 'running') then
    raise exception using errcode = 'SC409', message = 'Only a song being made can be cancelled',
      detail = 'status';
  end if;
  update public.songs set status = 'cancelled', stage = null, progress = '{}', finished_at = now()
   where id = p_song;
  perform realtime.send(
    jsonb_build_object('id', p_song, 'status', 'cancelled', 'stage', null, 'progress', '{}'::jsonb,
                       'error', s.error),
    'progress', 'song:' || p_song::text, true);
end $$;

/*
 * private.studio_rename(p_song uuid, p_title text) returns void
 * Renames the caller's song (and its track, once made).
 */
create or replace function private.studio_rename(p_song uuid, p_title text) returns void
language plpgsql security definer set search_path = '' as $$
declare
  s public.songs := private.studio_song_for_update(p_song);
begin
  update public.songs set title = btrim(p_title) where id = p_song;
  update public.tracks set title = btrim(p_title) where id = s.track_id;
end $$;

/*
 * private.studio_delete_song(p_song uuid) returns text[]
 * Deletes the caller's song and its track; returns the song's file paths for the server to remove
 * from the `tracks` bucket (as the user). A song deleted while being made gives its quota back.
 */
create or replace function private.studio_delete_song(p_song uuid) returns text[]
language plpgsql security definer set search_path = '' as $$
declare
  s public.songs := private.studio_song_for_update(p_song);
begin
  delete from public.songs where id = p_song;
  delete from public.tracks where id = s.track_id;
  return array_remove(array[s.wav_path, s.mp3_path, s.midi_path]
    || coalesce((select array_agg(v) from jsonb_each_text(s.stems) e(k, v)), '{}'), null);
end $$;

create or replace function public.studio_create_song(p_prompt text, p_language text) returns uuid
language sql security invoker set search_path = '' as $$
  select private.studio_create_song(p_prompt, p_language)
$$;
create or replace function public.studio_set_plan(p_song uuid, p_plan jsonb) returns void
language sql security invoker set search_path = '' as $$
  select private.studio_set_plan(p_song, p_plan)
$$;
create or replace function public.studio_generate(p_song uuid) returns integer
language sql security invoker set search_path = '' as $$
  select private.studio_generate(p_song)
$$;
create or replace function public.studio_cancel(p_song uuid) returns void
language sql security invoker set search_path = '' as $$
  select private.studio_cancel(p_song)
$$;
create or replace function public.studio_rename(p_song uuid, p_title text) returns void
language sql security invoker set search_path = '' as $$
  select private.studio_rename(p_song, p_title)
$$;
create or replace function public.studio_delete_song(p_song uuid) returns text[]
language sql security invoker set search_path = '' as $$
  select private.studio_delete_song(p_song)
$$;

-- the server's writes (service_role) ---------------------------------------------------------------------
/*
 * private.studio_save_plan(p_song uuid, p_plan jsonb, p_source text, p_language text) returns void
 * The enhancing stage's result: the plan, who wrote it and the language it settled on.
 */
create or replace function private.studio_save_plan(
  p_song uuid, p_plan jsonb, p_source text, p_language text
) returns void
language sql security definer set search_path = '' as $$
  update public.songs set plan = p_plan, plan_source = p_source,
                          language = coalesce(p_language, language)
   where id = p_song
$$;

/*
 * private.studio_save_lyrics(p_song uuid, p_lyrics jsonb) returns void
 * The composing stage's result (null: instrumental).
 */
create or replace function private.studio_save_lyrics(p_song uuid, p_lyrics jsonb) returns void
language sql security definer set search_path = '' as $$
  update public.songs set lyrics = p_lyrics where id = p_song
$$;

/*
 * private.studio_finish_song(p_song uuid, p_files jsonb) returns uuid
 * The uploading stage's result: the files' paths, peaks and length on the song, and its track in
 * public.tracks (source 'studio', unpublished); returns the track's id. p_files: { wav, mp3, midi,
 * stems: {name: path}, peaks: [[min, max]…], duration_ms }.
 */
create or replace function private.studio_finish_song(p_song uuid, p_files jsonb) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  s public.songs;
  v_track uuid;
begin
  select * into s from public.songs where id = p_song for update;
  if not found then
    raise exception using errcode = 'SC404', message = 'Song not found', detail = 'id';
  end if;
  insert into public.tracks (source, title, artist, genres, moods, tempo, duration_ms, language,
                             owner_id, audio_path, published)
  values ('studio', left(coalesce(s.title, s.plan ->> 'title', 'Untitled'), 300),
          left(coalesce((select nullif(btrim(p.display_name), '') from public.profiles p
                          where p.id = s.owner_id), 'Soundcheck studio'), 300),
          array_remove(array[lower(s.plan ->> 'genre'), lower(s.plan ->> 'subgenre')], null),
          array_remove(array[lower(s.plan ->> 'mood')], null),
          (s.plan ->> 'tempo_bpm')::real, (p_files ->> 'duration_ms')::integer,
          case when (s.plan ->> 'vocals')::boolean then s.language end,
          s.owner_id, p_files ->> 'mp3', false)
  returning id into v_track;
  update public.songs
     set wav_path = p_files ->> 'wav', mp3_path = p_files ->> 'mp3', midi_path = p_files ->> 'midi',
         stems = p_files -> 'stems', peaks = p_files -> 'peaks',
         duration_ms = (p_files ->> 'duration_ms')::integer, track_id = v_track, finished_at = now()
   where id = p_song;
  return v_track;
end $$;

/*
 * private.owns_song_topic(p_topic text) returns boolean
 * Whether the caller owns the song of a `song:<uuid>` topic (false for any other topic; never
 * raises, so a malformed topic is simply refused).
 */
create or replace function private.owns_song_topic(p_topic text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_topic is null or p_topic !~ '^song:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return false;
  end if;
  return exists (select 1 from public.songs s
                  where s.id = split_part(p_topic, ':', 2)::uuid and s.owner_id = (select auth.uid()));
end $$;

-- storage: tracks ------------------------------------------------------------------------------------------
-- '<owner>/<song>/<file>': only the owner reads them (share links are signed URLs the server makes);
-- only the song's uploading stage writes them, as its owner.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('tracks', 'tracks', false, 100 * 1024 * 1024, array[
  'audio/wav', 'audio/x-wav', 'audio/mpeg', 'audio/midi', 'audio/x-midi'])
on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

/*
 * private.owns_track_file(p_name text) returns boolean
 * The object sits in the caller's own folder '<uid>/…'.
 */
create or replace function private.owns_track_file(p_name text) returns boolean
language sql stable set search_path = '' as $$
  select (select auth.uid()) is not null
         and (storage.foldername(p_name))[1] = (select auth.uid())::text
$$;

/*
 * private.can_write_track_file(p_name text) returns boolean
 * '<uid>/<song>/<file>' where the song is the caller's and at its uploading stage.
 */
create or replace function private.can_write_track_file(p_name text) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.owns_track_file(p_name) and cardinality(storage.foldername(p_name)) = 2
     and exists (select 1 from public.songs s
                  where s.id::text = (storage.foldername(p_name))[2]
                    and s.owner_id = (select auth.uid()) and s.stage = 'uploading')
$$;

drop policy if exists "Owners read their song files" on storage.objects;
create policy "Owners read their song files" on storage.objects
  for select to authenticated
  using (bucket_id = 'tracks' and private.owns_track_file(name));

drop policy if exists "Song uploads write their files" on storage.objects;
create policy "Song uploads write their files" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'tracks' and owner_id = (select auth.uid())::text
              and private.can_write_track_file(name));

drop policy if exists "Song uploads replace their files" on storage.objects;
create policy "Song uploads replace their files" on storage.objects
  for update to authenticated
  using (bucket_id = 'tracks' and private.can_write_track_file(name))
  with check (bucket_id = 'tracks' and owner_id = (select auth.uid())::text
              and private.can_write_track_file(name));

drop policy if exists "Owners delete their song files" on storage.objects;
create policy "Owners delete their song files" on storage.objects
  for delete to authenticated
  using (bucket_id = 'tracks' and private.owns_track_file(name));

-- realtime: a song's progress goes to its owner only --------------------------------------------------------
drop policy if exists "Owners receive their songs' progress" on realtime.messages;
create policy "Owners receive their songs' progress" on realtime.messages
  for select to authenticated
  using (private.owns_song_topic((select realtime.topic())));

-- grants: functions ---------------------------------------------------------------------------------------
revoke execute on function
  private.song_month(), private.spend_song_quota(uuid), private.songs_give_back(),
  private.studio_quota(), public.studio_quota(), private.studio_song_for_update(uuid),
  private.studio_create_song(text, text), public.studio_create_song(text, text),
  private.studio_set_plan(uuid, jsonb), public.studio_set_plan(uuid, jsonb),
  private.studio_generate(uuid), public.studio_generate(uuid),
  private.studio_cancel(uuid), public.studio_cancel(uuid),
  private.studio_rename(uuid, text), public.studio_rename(uuid, text),
  private.studio_delete_song(uuid), public.studio_delete_song(uuid),
  private.studio_save_plan(uuid, jsonb, text, text), private.studio_save_lyrics(uuid, jsonb),
  private.studio_finish_song(uuid, jsonb), private.owns_song_topic(text),
  private.owns_track_file(text), private.can_write_track_file(text)
  from public, anon, authenticated;
grant execute on function
  private.song_month(), private.studio_quota(), public.studio_quota(),
  private.studio_song_for_update(uuid),
  private.studio_create_song(text, text), public.studio_create_song(text, text),
  private.studio_set_plan(uuid, jsonb), public.studio_set_plan(uuid, jsonb),
  private.studio_generate(uuid), public.studio_generate(uuid),
  private.studio_cancel(uuid), public.studio_cancel(uuid),
  private.studio_rename(uuid, text), public.studio_rename(uuid, text),
  private.studio_delete_song(uuid), public.studio_delete_song(uuid),
  -- Policies run as the reader.
  private.owns_song_topic(text), private.owns_track_file(text), private.can_write_track_file(text)
  to authenticated;
grant execute on function
  private.song_month(), private.spend_song_quota(uuid), private.studio_quota(),
  private.studio_save_plan(uuid, jsonb, text, text), private.studio_save_lyrics(uuid, jsonb),
  private.studio_finish_song(uuid, jsonb)
  to service_role;
