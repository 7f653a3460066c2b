-- Studio songs: a share link and the DJ catalogue as two separate choices of the owner (issue 14,
-- item 6). Until now publishing the song's track did both. Now:
-- - sharing gives a finished song an unguessable token (192 random bits, URL-safe) made here, so a
--   caller can never choose a weak one; /s/<token> shows it to anyone with the link. Sharing again
--   makes a new token (the old link dies), unsharing clears it. Visitors read a shared song only
--   through public.studio_shared_song(token), which returns its public fields: songs keep no
--   policy for anon.
-- - the catalogue stays the track's `published` (the AI DJ's offline catalogue reads it), now
--   switched by a function checked as the owner and only for a finished song.
-- Errors follow lib/ports/db/errors.ts (SC400/404/409 with the field in DETAIL).

alter table public.songs add column if not exists share_token text;
alter table public.songs drop constraint if exists songs_share_token_check;
alter table public.songs add constraint songs_share_token_check check (
  share_token is null or share_token ~ '^[A-Za-z0-9_-]{32}$');
-- A visitor's lookup by token, and no two songs with one token.
create unique index if not exists songs_share_token_key on public.songs (share_token)
  where share_token is not null;

/*
 * private.studio_song_done(p_song uuid, p_what text) returns public.songs
 * The caller's song, locked, when it is finished with its track; SC404 `id` for anyone else's,
 * SC409 `status` (naming what needs a finished song) otherwise.
 */
create or replace function private.studio_song_done(p_song uuid, p_what text) returns public.songs
language plpgsql security definer set search_path = '' as $$
declare
  s public.songs := private.studio_song_for_update(p_song);
begin
  if s.status <> 'done' or s.track_id is null then
    raise exception using errcode = 'SC409', message = format('Only a finished song can be %s', p_what),
      detail = 'status';
  end if;
  return s;
end $$;

/*
 * private.studio_share(p_song uuid) returns text
 * A new share link for the caller's finished song: a fresh token replaces any earlier one (whose
 * link stops working at once); returns it.
 */
create or replace function private.studio_share(p_song uuid) returns text
language plpgsql security definer set search_path = '' as $$
declare
  s public.songs := private.studio_song_done(p_song, 'shared');
  v_token text := translate(encode(extensions.gen_random_bytes(24), 'base64'), '+/', '-_');
begin
  update public.songs set share_token = v_token where id = s.id;
  return v_token;
end $$;

/*
 * private.studio_unshare(p_song uuid) returns void
 * Stops sharing the caller's song: its link is a 404 from now on (a no-op when not shared).
 */
create or replace function private.studio_unshare(p_song uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  s public.songs := private.studio_song_for_update(p_song);
begin
  update public.songs set share_token = null where id = s.id and share_token is not null;
end $$;

/*
 * private.studio_set_catalogue(p_song uuid, p_on boolean) returns void
 * Lets the AI DJ play the caller's finished song in playlists (its track `published`), or not.
 */
create or replace function private.studio_set_catalogue(p_song uuid, p_on boolean) returns void
language plpgsql security definer set search_path = '' as $$
declare
  s public.songs;
begin
  if p_on is null then
    raise exception using errcode = 'SC400', message = 'Say yes or no', detail = 'in_catalogue';
  end if;
  s := private.studio_song_done(p_song, case when p_on then 'added to the catalogue'
                                             else 'taken out of the catalogue' end);
  update public.tracks set published = p_on where id = s.track_id and published <> p_on;
end $$;

/*
 * public.studio_shared_song(p_token text) returns jsonb
 * What anyone with a share link sees: title, the owner's display name, genre, subgenre, mood,
 * tempo, key, length, lyrics, peaks and when it was finished; null for a token no song has. No
 * ids, paths or prompt: the server signs the audio link from its own lookup.
 * Security definer in public, as public.dj_shared_run: visitors (anon) have no usage on schema
 * private, and no policy lets them read songs; the token is the only check, and all it opens.
 */
create or replace function public.studio_shared_song(p_token text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'title', left(coalesce(s.title, s.plan ->> 'title', 'Untitled'), 300),
    'artist', coalesce(nullif(btrim(p.display_name), ''), 'A Soundcheck musician'),
    'genre', s.plan ->> 'genre',
    'subgenre', s.plan ->> 'subgenre',
    'mood', s.plan ->> 'mood',
    'tempo_bpm', s.plan -> 'tempo_bpm',
    'key', nullif(concat_ws(' ', s.plan ->> 'key', s.plan ->> 'mode'), ''),
    'duration_ms', s.duration_ms,
    'lyrics', s.lyrics,
    'peaks', coalesce(s.peaks, '[]'::jsonb),
    'finished_at', s.finished_at)
    from public.songs s
    left join public.profiles p on p.id = s.owner_id
   where p_token ~ '^[A-Za-z0-9_-]{32}$' and s.share_token = p_token and s.status = 'done'
$$;

create or replace function public.studio_share(p_song uuid) returns text
language sql security invoker set search_path = '' as $$
  select private.studio_share(p_song)
$$;
create or replace function public.studio_unshare(p_song uuid) returns void
language sql security invoker set search_path = '' as $$
  select private.studio_unshare(p_song)
$$;
create or replace function public.studio_set_catalogue(p_song uuid, p_on boolean) returns void
language sql security invoker set search_path = '' as $$
  select private.studio_set_catalogue(p_song, p_on)
$$;

-- grants: functions ---------------------------------------------------------------------------------------
revoke execute on function
  private.studio_song_done(uuid, text),
  private.studio_share(uuid), public.studio_share(uuid),
  private.studio_unshare(uuid), public.studio_unshare(uuid),
  private.studio_set_catalogue(uuid, boolean), public.studio_set_catalogue(uuid, boolean),
  public.studio_shared_song(text)
  from public, anon, authenticated;
grant execute on function
  private.studio_share(uuid), public.studio_share(uuid),
  private.studio_unshare(uuid), public.studio_unshare(uuid),
  private.studio_set_catalogue(uuid, boolean), public.studio_set_catalogue(uuid, boolean)
  to authenticated;
-- A share link is for anyone, signed in or not.
grant execute on function public.studio_shared_song(text) to anon, authenticated, service_role;
