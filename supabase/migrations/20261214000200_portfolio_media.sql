-- Portfolio media (issue 17 item 5): a musician's photos, audio and video with captions and an
-- order, shown on the public profile, on applications and in the client's applicant list.
-- Files are checked by their bytes in TypeScript (lib/domains/media/sniff.ts) before
-- public.add_media records them; these columns keep what the pages and the player need.

-- columns ---------------------------------------------------------------------------------------------
alter table public.media
  add column if not exists caption text,
  add column if not exists position integer not null default 0,
  add column if not exists content_type text,
  add column if not exists size_bytes bigint,
  add column if not exists width integer,
  add column if not exists height integer,
  add column if not exists duration_ms integer,
  add column if not exists peaks jsonb;

-- Rows from before: the title becomes the caption, and the oldest comes first.
update public.media set caption = left(btrim(title), 500)
 where caption is null and nullif(btrim(title), '') is not null;
update public.media m set position = r.n
  from (select id, row_number() over (partition by owner_id order by created_at, id) as n
          from public.media) r
 where m.id = r.id and m.position < 1;

alter table public.media
  drop constraint if exists media_caption_length,
  drop constraint if exists media_position_check,
  drop constraint if exists media_owner_position_key,
  drop constraint if exists media_content_type_check,
  drop constraint if exists media_size_bytes_check,
  drop constraint if exists media_dimensions_check,
  drop constraint if exists media_duration_ms_check,
  drop constraint if exists media_peaks_check;
alter table public.media
  add constraint media_caption_length check (caption is null or char_length(caption) between 1 and 500),
  add constraint media_position_check check (position >= 1),
  -- Deferred: a reorder moves several rows through each other's places in one statement.
  add constraint media_owner_position_key unique (owner_id, position) deferrable initially deferred,
  add constraint media_content_type_check check (content_type is null
    or (kind = 'photo' and content_type in ('image/png', 'image/jpeg', 'image/webp', 'image/gif'))
    or (kind = 'audio' and content_type in ('audio/mpeg', 'audio/wav', 'audio/flac', 'audio/ogg'))
    or (kind = 'video' and content_type in ('video/mp4', 'video/quicktime', 'video/webm'))),
  -- The bucket's own limit; each kind's smaller one is the app's (lib/domains/media/limits.ts).
  add constraint media_size_bytes_check check (size_bytes is null or size_bytes between 1 and 52428800),
  add constraint media_dimensions_check check (
    (width is null) = (height is null) and (width is null or (width between 1 and 65535
      and height between 1 and 65535))),
  add constraint media_duration_ms_check check (duration_ms is null or duration_ms >= 0),
  add constraint media_peaks_check check (peaks is null
    or (kind = 'audio' and jsonb_typeof(peaks) = 'array' and jsonb_array_length(peaks) <= 400));

-- Deleting a media item drops it from applications: this index finds them.
create index if not exists applications_media_ids_idx on public.applications using gin (media_ids);

-- Captions are the owner's to edit (RLS "Users rename their own media"); the order moves only
-- through public.move_media, the rest only through public.add_media.
grant update (caption) on public.media to authenticated;

-- triggers ------------------------------------------------------------------------------------------------
/*
 * Every new row (through add_media or a direct insert) goes last in its owner's order, and an
 * owner keeps at most 30 items (SC409 `file`). The lock makes two uploads at once count right.
 */
create or replace function private.media_before_insert() returns trigger
language plpgsql set search_path = '' as $$
declare
  v_count integer;
  v_last integer;
begin
  perform pg_advisory_xact_lock(hashtext('public.media'), hashtext(new.owner_id::text));
  select count(*)::int, coalesce(max(position), 0) into v_count, v_last
    from public.media where owner_id = new.owner_id;
  if v_count >= 30 then
    raise exception using errcode = 'SC409',
      message = 'Your portfolio is full (30 items): delete one to add another', detail = 'file';
  end if;
  new.position := v_last + 1;
  return new;
end $$;

/*
 * A deleted item leaves the applications it was attached to (the applicant cannot write those
 * rows, hence security definer): it is gone everywhere, as its file is.
 */
create or replace function private.media_after_delete() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.applications set media_ids = array_remove(media_ids, old.id)
   where media_ids @> array[old.id];
  return null;
end $$;

drop trigger if exists media_before_insert on public.media;
create trigger media_before_insert before insert on public.media
  for each row execute function private.media_before_insert();
drop trigger if exists media_after_delete on public.media;
create trigger media_after_delete after delete on public.media
  for each row execute function private.media_after_delete();

-- functions ---------------------------------------------------------------------------------------------
/*
 * public.add_media(p_id uuid, p_kind text, p_path text, p_caption text, p_content_type text,
 *   p_size_bytes bigint, p_width integer, p_height integer, p_duration_ms integer, p_peaks jsonb)
 *   returns public.media
 * Records an upload of the caller's (a musician with a musician profile: SC403 otherwise) after
 * its file was checked; the object goes at `p_path` in their folder of the `media` bucket. Last
 * in their order; SC409 `file` at 30 items; SC400 naming the field for bad values.
 */
create or replace function private.add_media(
  p_id uuid, p_kind text, p_path text, p_caption text, p_content_type text, p_size_bytes bigint,
  p_width integer, p_height integer, p_duration_ms integer, p_peaks jsonb
) returns public.media
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := private.require_uid();
  v_caption text := nullif(btrim(coalesce(p_caption, '')), '');
  m public.media;
begin
  if not exists (select 1 from public.musician_profiles mp join public.profiles p on p.id = mp.id
                  where mp.id = uid and p.is_musician) then
    raise exception using errcode = 'SC403',
      message = 'Create your musician profile before adding media', detail = 'musician_profile';
  elsif p_kind is null or p_kind not in ('photo', 'audio', 'video') then
    raise exception using errcode = 'SC400', message = 'A photo, audio or video', detail = 'kind';
  elsif p_path is null or p_path not like uid::text || '/_%' or char_length(p_path) > 500 then
    raise exception using errcode = 'SC400', message = 'The file goes in your own folder',
      detail = 'file';
  elsif char_length(v_caption) > 500 then
    raise exception using errcode = 'SC400', message = 'A caption is at most 500 characters',
      detail = 'caption';
  end if;
  insert into public.media (id, owner_id, kind, path, caption, content_type, size_bytes, width,
                            height, duration_ms, peaks)
  values (coalesce(p_id, gen_random_uuid()), uid, p_kind, p_path, v_caption, p_content_type,
          p_size_bytes, p_width, p_height, p_duration_ms, p_peaks)
  returning * into m;
  return m;
end $$;

create or replace function public.add_media(
  p_id uuid, p_kind text, p_path text, p_caption text, p_content_type text, p_size_bytes bigint,
  p_width integer, p_height integer, p_duration_ms integer, p_peaks jsonb
) returns public.media
language sql security invoker set search_path = '' as $$
  select * from private.add_media(p_id, p_kind, p_path, p_caption, p_content_type, p_size_bytes,
                                  p_width, p_height, p_duration_ms, p_peaks)
$$;

/*
 * public.move_media(p_id uuid, p_position integer) returns integer
 * Moves one of the caller's items to `p_position` (1 = first; clamped to their count) and
 * renumbers the rest 1..n around it, atomically. SC404 `id` for an item not theirs. Returns the
 * item's new position.
 */
create or replace function private.move_media(p_id uuid, p_position integer) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := private.require_uid();
  v_ids uuid[];
  v_at integer;
begin
  if p_position is null then
    raise exception using errcode = 'SC400', message = 'Give a position from 1', detail = 'position';
  end if;
  perform pg_advisory_xact_lock(hashtext('public.media'), hashtext(uid::text));
  if not exists (select 1 from public.media where id = p_id and owner_id = uid) then
    raise exception using errcode = 'SC404', message = 'Media not found', detail = 'id';
  end if;
  select coalesce(array_agg(id order by position, created_at, id), '{}') into v_ids
    from public.media where owner_id = uid and id <> p_id;
  v_at := least(greatest(p_position, 1), cardinality(v_ids) + 1);
  v_ids := v_ids[1:v_at - 1] || p_id || v_ids[v_at:];
  update public.media m set position = t.n
    from unnest(v_ids) with ordinality t(id, n)
   where m.id = t.id and m.position <> t.n;
  return v_at;
end $$;

create or replace function public.move_media(p_id uuid, p_position integer) returns integer
language sql security invoker set search_path = '' as $$
  select private.move_media(p_id, p_position)
$$;

-- grants: functions ---------------------------------------------------------------------------------------
revoke execute on function
  private.media_before_insert(), private.media_after_delete(),
  private.add_media(uuid, text, text, text, text, bigint, integer, integer, integer, jsonb),
  public.add_media(uuid, text, text, text, text, bigint, integer, integer, integer, jsonb),
  private.move_media(uuid, integer), public.move_media(uuid, integer)
  from public, anon, authenticated;
grant execute on function
  private.add_media(uuid, text, text, text, text, bigint, integer, integer, integer, jsonb),
  public.add_media(uuid, text, text, text, text, bigint, integer, integer, integer, jsonb),
  private.move_media(uuid, integer), public.move_media(uuid, integer)
  to authenticated;
