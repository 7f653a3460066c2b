-- Uploads of a user's own tracks (issue 14, item 7): an uploaded file is a song of source
-- 'upload' in the same library (player, download, rename, delete, share). The server decodes and
-- checks the file before anything is written, then studio_upload_song inserts the song `queued` at
-- stage `encoding` with its length and peaks, the server stores its WAV (as the user; the policy
-- below), and the staged job (lib/domains/studio/stages.ts) makes the MP3 and finishes it. An
-- upload has no prompt, plan or lyrics and never spends the monthly song quota.

-- songs: where a song came from -------------------------------------------------------------------------
alter table public.songs add column if not exists source text not null default 'prompt';
alter table public.songs add column if not exists original_name text;
alter table public.songs alter column prompt drop not null;

alter table public.songs drop constraint if exists songs_source_check;
alter table public.songs add constraint songs_source_check check (source in ('prompt', 'upload'));
alter table public.songs drop constraint if exists songs_original_name_length;
alter table public.songs add constraint songs_original_name_length check (
  original_name is null or char_length(original_name) between 1 and 255);
-- A prompt's song has its prompt; an upload has its file's name and none of a prompt's parts.
alter table public.songs drop constraint if exists songs_source_shape_check;
alter table public.songs add constraint songs_source_shape_check check (
  case source
    when 'prompt' then prompt is not null and original_name is null
    else prompt is null and original_name is not null and plan is null and lyrics is null
         and plan_source is null and quota_month is null
  end);

/*
 * private.studio_upload_song(p_title text, p_name text, p_duration_ms integer, p_peaks jsonb)
 *   returns uuid
 * A new song of the caller from a file the server has decoded: `queued` at stage `encoding`, with
 * its length, peaks and the path of its WAV (`<uid>/<song>/song.wav`), which the server stores
 * next; the stage's message is queued in the same transaction.
 * No quota is spent. SC403 `authorization` signed out, SC400 naming `title`, `file` otherwise.
 */
create or replace function private.studio_upload_song(
  p_title text, p_name text, p_duration_ms integer, p_peaks jsonb
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := (select auth.uid());
  v_id uuid := gen_random_uuid();
begin
  if uid is null then
    raise exception using errcode = 'SC403', message = 'Sign in to upload tracks', detail = 'authorization';
  end if;
  if p_title is null or char_length(btrim(p_title)) not between 1 and 120 then
    raise exception using errcode = 'SC400', message = 'A title of 1 to 120 characters', detail = 'title';
  end if;
  if p_name is null or char_length(p_name) not between 1 and 255
     or p_duration_ms is null or p_duration_ms not between 1 and 600000
     or jsonb_typeof(p_peaks) is distinct from 'array' then
    raise exception using errcode = 'SC400', message = 'The file''s name, length or peaks are not valid',
      detail = 'file';
  end if;
  -- The WAV's path is the song's from the start, so deleting the song removes the file too.
  insert into public.songs (id, owner_id, source, title, original_name, prompt, status, stage,
                            duration_ms, peaks, wav_path, priority)
  values (v_id, uid, 'upload', btrim(p_title), p_name, null, 'queued', 'encoding', p_duration_ms,
          p_peaks, uid::text || '/' || v_id::text || '/song.wav',
          case when (select p.id from private.current_plan(uid) p) = 'free' then 0 else 1 end);
  return v_id;
end $$;

create or replace function public.studio_upload_song(
  p_title text, p_name text, p_duration_ms integer, p_peaks jsonb
) returns uuid
language sql security invoker set search_path = '' as $$
  select private.studio_upload_song(p_title, p_name, p_duration_ms, p_peaks)
$$;

-- storage: the upload's WAV -------------------------------------------------------------------------------
-- A 10-minute upload at 48 kHz is a 115 MB WAV: the bucket takes up to 128 MB a file.
update storage.buckets set file_size_limit = 128 * 1024 * 1024 where id = 'tracks';

/*
 * private.can_write_track_file(p_name text) returns boolean
 * '<uid>/<song>/<file>' where the song is the caller's and at its uploading stage, or is the
 * caller's upload waiting to be encoded and the file its 'song.wav'.
 */
create or replace function private.can_write_track_file(p_name text) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.owns_track_file(p_name) and cardinality(storage.foldername(p_name)) = 2
     and exists (select 1 from public.songs s
                  where s.id::text = (storage.foldername(p_name))[2]
                    and s.owner_id = (select auth.uid())
                    and (s.stage = 'uploading'
                         or (s.source = 'upload' and s.status = 'queued' and s.stage = 'encoding'
                             and storage.filename(p_name) = 'song.wav')))
$$;

-- grants --------------------------------------------------------------------------------------------------
revoke execute on function
  private.studio_upload_song(text, text, integer, jsonb), public.studio_upload_song(text, text, integer, jsonb)
  from public, anon, authenticated;
grant execute on function
  private.studio_upload_song(text, text, integer, jsonb), public.studio_upload_song(text, text, integer, jsonb)
  to authenticated;
