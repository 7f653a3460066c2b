-- AI DJ you can listen to (issue 19, item 6): tracks keep the cover art and the 30-second preview
-- their source has (Spotify's album image and `preview_url`), so a playlist's page can show and
-- play them. Platform songs play from their own audio (`audio_path`, signed by the server); the
-- offline catalogue has neither, and the page says so. Only the server writes these columns (the
-- Spotify rows through private.dj_add_spotify_tracks, service_role); a song's owner has no use
-- for them, so no API role gets them. Errors follow lib/ports/db/errors.ts.

-- tables ---------------------------------------------------------------------------------------------
alter table public.tracks add column if not exists image_url text;   -- cover art (https)
alter table public.tracks add column if not exists preview_url text; -- a 30-second preview (https)
alter table public.tracks drop constraint if exists tracks_image_url_check;
alter table public.tracks add constraint tracks_image_url_check check (
  image_url is null or (image_url ~ '^https://[^\s"''<>]+$' and char_length(image_url) <= 500));
alter table public.tracks drop constraint if exists tracks_preview_url_check;
alter table public.tracks add constraint tracks_preview_url_check check (
  preview_url is null or (preview_url ~ '^https://[^\s"''<>]+$' and char_length(preview_url) <= 500));

-- functions ------------------------------------------------------------------------------------------
/*
 * private.dj_listen_url(p_value jsonb) returns text
 * The https URL in p_value (a JSON string) when it is one a page may load, else null: a preview or
 * cover Spotify did not give, or gave in a shape we do not trust, is simply not kept.
 */
create or replace function private.dj_listen_url(p_value jsonb) returns text
language sql immutable parallel safe set search_path = '' as $$
  select case when jsonb_typeof(p_value) = 'string'
               and (p_value #>> '{}') ~ '^https://[^\s"''<>]+$'
               and char_length(p_value #>> '{}') <= 500
              then p_value #>> '{}' end
$$;

/*
 * private.dj_spotify_track_problem(p_track jsonb) returns text
 * Null for a Spotify track as lib/ports/spotify/api.ts SpotifyTrack admits it (mapped by
 * lib/domains/dj/run_store.ts: {external_id, uri, title, artist, album, explicit, duration_ms,
 * image_url, preview_url}), else what is wrong with it. The two URLs are optional and, when they
 * are not https links, dropped on saving rather than refused.
 */
create or replace function private.dj_spotify_track_problem(p_track jsonb) returns text
language plpgsql immutable set search_path = '' as $$
begin
  if p_track is null or jsonb_typeof(p_track) <> 'object' then
    return 'Not a Spotify track';
  end if;
  if exists (select 1 from jsonb_object_keys(p_track) k
              where k not in ('external_id', 'uri', 'title', 'artist', 'album', 'explicit',
                              'duration_ms', 'image_url', 'preview_url')) then
    return 'A Spotify track has an unknown field';
  end if;
  if jsonb_typeof(p_track -> 'external_id') is distinct from 'string'
     or (p_track ->> 'external_id') !~ '^[A-Za-z0-9]{1,64}$' then
    return 'Not a Spotify track id';
  end if;
  if p_track ->> 'uri' is distinct from 'spotify:track:' || (p_track ->> 'external_id')
     or jsonb_typeof(p_track -> 'uri') <> 'string' then
    return 'Not the Spotify URI of this track';
  end if;
  if not private.dj_is_text(p_track -> 'title', 1, 300)
     or not private.dj_is_text(p_track -> 'artist', 1, 300)
     or not (private.dj_is_absent(p_track -> 'album') or private.dj_is_text(p_track -> 'album', 0, 300)) then
    return 'Title and artist have 1 to 300 characters, the album at most 300';
  end if;
  if not (private.dj_is_absent(p_track -> 'explicit')
          or jsonb_typeof(p_track -> 'explicit') = 'boolean') then
    return 'explicit is true or false';
  end if;
  if not (private.dj_is_absent(p_track -> 'duration_ms')
          or private.dj_is_number(p_track -> 'duration_ms', 0, 7200000, true)) then
    return 'The duration is whole milliseconds up to two hours';
  end if;
  return null;
end $$;

/*
 * private.dj_add_spotify_tracks(p_tracks jsonb) returns integer
 * Server only (service_role): adds the Spotify tracks a search found to public.tracks, or brings
 * a known one up to date with what Spotify says now (title, artist, album, explicit flag,
 * duration; the cover and preview when Spotify gave them, else the ones kept); returns how many
 * rows were written. p_tracks: [{external_id, uri, title, artist, album, explicit, duration_ms,
 * image_url?, preview_url?}], at most 50. These rows are shared by every user's playlists: no API
 * role may write them.
 */
create or replace function private.dj_add_spotify_tracks(p_tracks jsonb) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  v_n integer;
begin
  if p_tracks is null or jsonb_typeof(p_tracks) <> 'array' or jsonb_array_length(p_tracks) > 50 then
    raise exception using errcode = 'SC400', message = 'At most 50 Spotify tracks at a time',
      detail = 'tracks';
  end if;
  if exists (select 1 from jsonb_array_elements(p_tracks) e(t)
              where private.dj_spotify_track_problem(e.t) is not null) then
    raise exception using errcode = 'SC400', message = 'Not a list of Spotify tracks',
      detail = 'tracks';
  end if;
  with written as (
    insert into public.tracks as t (source, external_id, uri, title, artist, album, explicit,
                                    duration_ms, image_url, preview_url, published)
    select distinct on (e.t ->> 'external_id')
           'spotify', e.t ->> 'external_id', e.t ->> 'uri', btrim(e.t ->> 'title'),
           btrim(e.t ->> 'artist'), nullif(btrim(coalesce(e.t ->> 'album', '')), ''),
           coalesce((e.t ->> 'explicit')::boolean, false), (e.t ->> 'duration_ms')::integer,
           private.dj_listen_url(e.t -> 'image_url'), private.dj_listen_url(e.t -> 'preview_url'),
           true
      from jsonb_array_elements(p_tracks) e(t)
    on conflict (source, external_id) do update
      set uri = excluded.uri, title = excluded.title, artist = excluded.artist,
          album = excluded.album, explicit = excluded.explicit, duration_ms = excluded.duration_ms,
          image_url = coalesce(excluded.image_url, t.image_url),
          preview_url = coalesce(excluded.preview_url, t.preview_url)
      where (t.uri, t.title, t.artist, t.album, t.explicit, t.duration_ms, t.image_url,
             t.preview_url)
            is distinct from (excluded.uri, excluded.title, excluded.artist, excluded.album,
                              excluded.explicit, excluded.duration_ms,
                              coalesce(excluded.image_url, t.image_url),
                              coalesce(excluded.preview_url, t.preview_url))
    returning 1
  )
  select count(*)::integer into v_n from written;
  return v_n;
end $$;

-- grants: functions ----------------------------------------------------------------------------------
revoke execute on function
  private.dj_listen_url(jsonb), private.dj_spotify_track_problem(jsonb),
  private.dj_add_spotify_tracks(jsonb)
  from public, anon, authenticated;
grant execute on function private.dj_add_spotify_tracks(jsonb) to service_role;
