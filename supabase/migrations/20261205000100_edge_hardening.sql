-- Edge hardening: what a signed-in user can do by calling the database directly (PostgREST on
-- Supabase exposes every function and table granted to `authenticated`) must be no more than
-- what the server itself would do.
--
-- 1. AI DJ. `dj_save_run` and `dj_record_export` are granted to authenticated, so they now check
--    what they store exactly as the server does (lib/dj/types.ts DjPlan and Timings, the
--    SavedTrack shape of lib/dj/store.ts, the Spotify id and URI shapes of lib/spotify/api.ts, the
--    playlist URL the server derives from the playlist id). Spotify tracks are shared rows that
--    every user's playlists and share pages show, and no check can tell a real Spotify title from
--    a made-up one: adding them is now server-only (`private.dj_add_spotify_tracks`, service_role),
--    and a run of the caller may only refer to tracks that already exist.
-- 2. Profiles. `public.profiles` was readable by everyone. Now anon reads a profile only when its
--    user has a published musician or client profile; a signed-in user reads their own, those,
--    and the profiles of the people they deal with: the other side of an application. A booking,
--    its conversation and its reviews always belong to one application between the same two
--    people (bookings.application_id and conversations.application_id are not null, both cascade
--    with the application, and every application opens its conversation), so that one check
--    covers all four.
--
-- Errors follow lib/db/errors.ts: SC400/403/404/409 with the field in DETAIL.

-- 1. AI DJ ------------------------------------------------------------------------------------------

/*
 * private.dj_refuse(p_message text, p_field text) returns void
 * Raises SC400 with the field in DETAIL (for the checks below).
 */
create or replace function private.dj_refuse(p_message text, p_field text) returns void
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = 'SC400', message = p_message, detail = p_field;
end $$;

/*
 * private.dj_is_text(p_value jsonb, p_min integer, p_max integer) returns boolean
 * A JSON string of p_min..p_max characters once trimmed (zod's `.trim().min().max()`), and no
 * longer than p_max as it stands.
 */
create or replace function private.dj_is_text(p_value jsonb, p_min integer, p_max integer)
returns boolean
language plpgsql immutable parallel safe set search_path = '' as $$
begin
  return p_value is not null and jsonb_typeof(p_value) = 'string'
    and char_length(btrim(p_value #>> '{}')) between p_min and p_max
    and char_length(p_value #>> '{}') <= p_max;
end $$;

/*
 * private.dj_is_number(p_value jsonb, p_min numeric, p_max numeric, p_integer boolean)
 *   returns boolean
 * A JSON number within p_min..p_max (and whole, when p_integer).
 */
create or replace function private.dj_is_number(
  p_value jsonb, p_min numeric, p_max numeric, p_integer boolean
) returns boolean
language plpgsql immutable parallel safe set search_path = '' as $$
declare
  v numeric;
begin
  if p_value is null or jsonb_typeof(p_value) <> 'number' then
    return false;
  end if;
  v := (p_value #>> '{}')::numeric;
  return v between p_min and p_max and (not p_integer or v = trunc(v));
end $$;

/*
 * private.dj_is_absent(p_value jsonb) returns boolean
 * Missing or JSON null.
 */
create or replace function private.dj_is_absent(p_value jsonb) returns boolean
language sql immutable parallel safe set search_path = '' as $$
  select p_value is null or jsonb_typeof(p_value) = 'null'
$$;

/*
 * private.dj_plan_problem(p_plan jsonb) returns text
 * Null for a plan the server could have made (lib/dj/types.ts DjPlan: the LLM's output and the
 * offline lexicon's both pass it), else what is wrong with it. The share page shows its name,
 * description and mood to anyone with the link.
 */
create or replace function private.dj_plan_problem(p_plan jsonb) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v_key text;
  v_item jsonb;
begin
  if p_plan is null or jsonb_typeof(p_plan) <> 'object' then
    return 'The plan is not an object';
  end if;
  for v_key in select jsonb_object_keys(p_plan) loop
    if v_key not in ('search_terms', 'genres', 'mood', 'energy', 'danceability', 'valence', 'tempo',
                     'playlist_name', 'description', 'language') then
      return 'The plan has an unknown field: ' || left(v_key, 40);
    end if;
  end loop;
  if jsonb_typeof(p_plan -> 'search_terms') is distinct from 'array'
     or jsonb_array_length(p_plan -> 'search_terms') not between 1 and 8 then
    return 'The plan needs 1 to 8 search terms';
  end if;
  for v_item in select jsonb_array_elements(p_plan -> 'search_terms') loop
    if not private.dj_is_text(v_item, 1, 80) then
      return 'A search term has 1 to 80 characters';
    end if;
  end loop;
  if jsonb_typeof(p_plan -> 'genres') is distinct from 'array'
     or jsonb_array_length(p_plan -> 'genres') > 6 then
    return 'The plan has at most 6 genres';
  end if;
  for v_item in select jsonb_array_elements(p_plan -> 'genres') loop
    if not private.dj_is_text(v_item, 1, 40) then
      return 'A genre has 1 to 40 characters';
    end if;
  end loop;
  if not private.dj_is_text(p_plan -> 'mood', 1, 60) then
    return 'The mood has 1 to 60 characters';
  end if;
  if not (private.dj_is_number(p_plan -> 'energy', 0, 1, false)
          and private.dj_is_number(p_plan -> 'danceability', 0, 1, false)
          and private.dj_is_number(p_plan -> 'valence', 0, 1, false)) then
    return 'Energy, danceability and valence are numbers from 0 to 1';
  end if;
  if jsonb_typeof(p_plan -> 'tempo') is distinct from 'object'
     or exists (select 1 from jsonb_object_keys(p_plan -> 'tempo') k where k not in ('min', 'max'))
     or not private.dj_is_number(p_plan #> '{tempo,min}', 40, 220, true)
     or not private.dj_is_number(p_plan #> '{tempo,max}', 40, 220, true) then
    return 'The tempo is {min, max}: whole beats per minute from 40 to 220';
  end if;
  if (p_plan #>> '{tempo,min}')::numeric > (p_plan #>> '{tempo,max}')::numeric then
    return 'tempo.min must not exceed tempo.max';
  end if;
  if not private.dj_is_text(p_plan -> 'playlist_name', 1, 100) then
    return 'The playlist name has 1 to 100 characters';
  end if;
  if not private.dj_is_text(p_plan -> 'description', 0, 300) then
    return 'The description has at most 300 characters';
  end if;
  if jsonb_typeof(p_plan -> 'language') is distinct from 'string'
     or (p_plan ->> 'language') !~ '^[a-z]{2}$' then
    return 'The language is an ISO 639-1 code';
  end if;
  return null;
end $$;

/*
 * private.dj_spotify_track_problem(p_track jsonb) returns text
 * Null for a Spotify track as lib/spotify/api.ts SpotifyTrack admits it (mapped by
 * lib/dj/store.ts: {external_id, uri, title, artist, album, explicit, duration_ms}), else what is
 * wrong with it.
 */
create or replace function private.dj_spotify_track_problem(p_track jsonb) returns text
language plpgsql immutable set search_path = '' as $$
begin
  if p_track is null or jsonb_typeof(p_track) <> 'object' then
    return 'Not a Spotify track';
  end if;
  if exists (select 1 from jsonb_object_keys(p_track) k
              where k not in ('external_id', 'uri', 'title', 'artist', 'album', 'explicit',
                              'duration_ms')) then
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
 * private.dj_check_run(p_run jsonb) returns void
 * Refuses (SC400, the field in DETAIL) a run the server could not have saved: the shapes of
 * lib/dj/store.ts SaveRunInput after the server's zod checks (DjRunInput, DjPlan, Timings).
 */
create or replace function private.dj_check_run(p_run jsonb) returns void
language plpgsql set search_path = '' as $$
declare
  v_key text;
  v_problem text;
  v_tracks jsonb := p_run -> 'tracks';
  v_track jsonb;
  v_spotify boolean := (p_run ->> 'source') = 'spotify';
begin
  if p_run is null or jsonb_typeof(p_run) <> 'object' then
    perform private.dj_refuse('Not a playlist', 'run');
  end if;
  for v_key in select jsonb_object_keys(p_run) loop
    if v_key not in ('prompt', 'length', 'no_explicit', 'parent_id', 'plan', 'plan_source', 'source',
                     'status', 'playlist_id', 'playlist_url', 'error', 'notice', 'timings',
                     'tracks') then
      perform private.dj_refuse('Unknown field', left(v_key, 64));
    end if;
  end loop;
  if not private.dj_is_text(p_run -> 'prompt', 3, 300) then
    perform private.dj_refuse('Describe the music in 3 to 300 characters', 'prompt');
  end if;
  if not private.dj_is_number(p_run -> 'length', 10, 50, true) then
    perform private.dj_refuse('Choose a length from 10 to 50 tracks', 'length');
  end if;
  if not (private.dj_is_absent(p_run -> 'no_explicit')
          or jsonb_typeof(p_run -> 'no_explicit') = 'boolean') then
    perform private.dj_refuse('no_explicit is true or false', 'no_explicit');
  end if;
  v_problem := private.dj_plan_problem(p_run -> 'plan');
  if v_problem is not null then
    perform private.dj_refuse(v_problem, 'plan');
  end if;
  if jsonb_typeof(p_run -> 'plan_source') is distinct from 'string'
     or (p_run ->> 'plan_source') not in ('live', 'offline') then
    perform private.dj_refuse('The plan comes from live or offline', 'plan_source');
  end if;
  if jsonb_typeof(p_run -> 'source') is distinct from 'string'
     or (p_run ->> 'source') not in ('spotify', 'catalogue') then
    perform private.dj_refuse('The tracks come from spotify or catalogue', 'source');
  end if;
  if jsonb_typeof(p_run -> 'status') is distinct from 'string'
     or (p_run ->> 'status') not in ('draft', 'exported', 'failed') then
    perform private.dj_refuse('A run is a draft, exported or failed', 'status');
  end if;
  -- The playlist: only an exported run has one, at the URL the server derives from its id.
  if (p_run ->> 'status') = 'exported' then
    if jsonb_typeof(p_run -> 'playlist_id') is distinct from 'string'
       or (p_run ->> 'playlist_id') !~ '^[A-Za-z0-9]{1,64}$' then
      perform private.dj_refuse('Not a Spotify playlist id', 'playlist_id');
    end if;
    if jsonb_typeof(p_run -> 'playlist_url') is distinct from 'string'
       or (p_run ->> 'playlist_url') <> 'https://open.spotify.com/playlist/' || (p_run ->> 'playlist_id') then
      perform private.dj_refuse('Not the Spotify link of this playlist', 'playlist_url');
    end if;
  else
    if not (private.dj_is_absent(p_run -> 'playlist_id') or p_run ->> 'playlist_id' = '') then
      perform private.dj_refuse('Only an exported run has a playlist', 'playlist_id');
    end if;
    if not (private.dj_is_absent(p_run -> 'playlist_url') or p_run ->> 'playlist_url' = '') then
      perform private.dj_refuse('Only an exported run has a playlist', 'playlist_url');
    end if;
  end if;
  if not (private.dj_is_absent(p_run -> 'error') or private.dj_is_text(p_run -> 'error', 0, 500)) then
    perform private.dj_refuse('An error has at most 500 characters', 'error');
  end if;
  if not (private.dj_is_absent(p_run -> 'notice') or private.dj_is_text(p_run -> 'notice', 0, 500)) then
    perform private.dj_refuse('A notice has at most 500 characters', 'notice');
  end if;
  -- Timings: milliseconds and a request count (lib/dj/types.ts Timings).
  if not private.dj_is_absent(p_run -> 'timings') then
    if jsonb_typeof(p_run -> 'timings') <> 'object' then
      perform private.dj_refuse('Not a set of timings', 'timings');
    end if;
    for v_key in select jsonb_object_keys(p_run -> 'timings') loop
      if v_key not in ('interpret_ms', 'search_ms', 'build_ms', 'export_ms', 'total_ms', 'requests')
         or not private.dj_is_number(p_run -> 'timings' -> v_key, 0, 86400000, v_key = 'requests') then
        perform private.dj_refuse('Not a set of timings', 'timings');
      end if;
    end loop;
  end if;
  -- Tracks: what the ranking picked, at most `length`; local tracks by id in a catalogue run,
  -- Spotify tracks by their Spotify id in a Spotify run.
  if jsonb_typeof(v_tracks) is distinct from 'array' or jsonb_array_length(v_tracks) > 50 then
    perform private.dj_refuse('A playlist holds at most 50 tracks', 'tracks');
  end if;
  if jsonb_array_length(v_tracks) > (p_run ->> 'length')::integer then
    perform private.dj_refuse('More tracks than the playlist''s length', 'tracks');
  end if;
  for v_track in select jsonb_array_elements(v_tracks) loop
    if jsonb_typeof(v_track) <> 'object'
       or exists (select 1 from jsonb_object_keys(v_track) k
                   where k not in ('track_id', 'spotify', 'reason', 'score', 'spotify_uri')) then
      perform private.dj_refuse('Not a track of a playlist', 'tracks');
    end if;
    if v_spotify then
      if v_track ? 'track_id' or jsonb_typeof(v_track -> 'spotify') is distinct from 'object'
         or jsonb_typeof(v_track #> '{spotify,external_id}') is distinct from 'string'
         or (v_track #>> '{spotify,external_id}') !~ '^[A-Za-z0-9]{1,64}$'
         or not (private.dj_is_absent(v_track #> '{spotify,uri}')
                 or v_track #>> '{spotify,uri}' = 'spotify:track:' || (v_track #>> '{spotify,external_id}')) then
        perform private.dj_refuse('A Spotify playlist holds Spotify tracks', 'tracks');
      end if;
    elsif v_track ? 'spotify' or jsonb_typeof(v_track -> 'track_id') is distinct from 'string'
          or (v_track ->> 'track_id') !~ '^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$' then
      perform private.dj_refuse('A catalogue playlist holds tracks by id', 'tracks');
    end if;
    if not private.dj_is_text(v_track -> 'reason', 1, 300) then
      perform private.dj_refuse('Each track has a reason of 1 to 300 characters', 'tracks');
    end if;
    if not (private.dj_is_absent(v_track -> 'score')
            or private.dj_is_number(v_track -> 'score', -1000000, 1000000, false)) then
      perform private.dj_refuse('A score is a number', 'tracks');
    end if;
    if not (private.dj_is_absent(v_track -> 'spotify_uri') or v_track ->> 'spotify_uri' = ''
            or (jsonb_typeof(v_track -> 'spotify_uri') = 'string'
                and (v_track ->> 'spotify_uri') ~ '^spotify:track:[A-Za-z0-9]{1,64}$')) then
      perform private.dj_refuse('Not a Spotify track URI', 'tracks');
    end if;
  end loop;
end $$;

/*
 * private.dj_add_spotify_tracks(p_tracks jsonb) returns integer
 * Server only (service_role): adds the Spotify tracks a search found to public.tracks, or brings
 * a known one's title, artist, album, explicit flag and duration up to date with what Spotify
 * says now; returns how many rows were written. p_tracks: [{external_id, uri, title, artist,
 * album, explicit, duration_ms}], at most 50. These rows are shared by every user's playlists:
 * no API role may write them (a user could otherwise name a real Spotify id "Buy cheap
 * followers at …" for everyone).
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
                                    duration_ms, published)
    select distinct on (e.t ->> 'external_id')
           'spotify', e.t ->> 'external_id', e.t ->> 'uri', btrim(e.t ->> 'title'),
           btrim(e.t ->> 'artist'), nullif(btrim(coalesce(e.t ->> 'album', '')), ''),
           coalesce((e.t ->> 'explicit')::boolean, false), (e.t ->> 'duration_ms')::integer, true
      from jsonb_array_elements(p_tracks) e(t)
    on conflict (source, external_id) do update
      set uri = excluded.uri, title = excluded.title, artist = excluded.artist,
          album = excluded.album, explicit = excluded.explicit, duration_ms = excluded.duration_ms
      where (t.uri, t.title, t.artist, t.album, t.explicit, t.duration_ms)
            is distinct from (excluded.uri, excluded.title, excluded.artist, excluded.album,
                              excluded.explicit, excluded.duration_ms)
    returning 1
  )
  select count(*)::integer into v_n from written;
  return v_n;
end $$;

/*
 * private.dj_save_run(p_run jsonb) returns jsonb
 * Saves one finished DJ run of the caller with its tracks, atomically; returns
 * { id, created_at, track_ids: [uuid in playlist order] }.
 * p_run: { prompt, length, no_explicit, parent_id?, plan, plan_source, source, status,
 *          playlist_id?, playlist_url?, error?, notice?, timings,
 *          tracks: [{ track_id? | spotify: {external_id, uri?, …}, reason, score, spotify_uri? }] }
 * Checked as the server checks it (private.dj_check_run). Every track must exist already: a
 * catalogue or platform track the caller may read, or a Spotify track the server added
 * (private.dj_add_spotify_tracks); a Spotify entry is matched by its id only, and the snapshot
 * takes title, artist and album from public.tracks, never from the caller. One statement for
 * the snapshot whatever the length (round trips and per-row triggers are what cost on PGlite).
 * SC400/SC403/SC404 name the field.
 */
create or replace function private.dj_save_run(p_run jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := (select auth.uid());
  v_id uuid;
  v_created timestamptz;
  v_parent uuid;
  v_tracks jsonb;
  v_snapshot jsonb;
  v_missing integer;
begin
  if uid is null then
    raise exception using errcode = 'SC403', message = 'Sign in to use the AI DJ', detail = 'authorization';
  end if;
  perform private.dj_check_run(p_run);
  v_tracks := p_run -> 'tracks';
  if coalesce(p_run ->> 'parent_id', '') <> ''
     and (jsonb_typeof(p_run -> 'parent_id') <> 'string'
          or p_run ->> 'parent_id' !~ '^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$') then
    raise exception using errcode = 'SC400', message = 'Not a playlist id', detail = 'parent_id';
  end if;
  v_parent := nullif(p_run ->> 'parent_id', '')::uuid;
  if v_parent is not null and not exists (
    select 1 from public.dj_runs r where r.id = v_parent and r.user_id = uid
  ) then
    raise exception using errcode = 'SC404', message = 'No such playlist to refine', detail = 'parent_id';
  end if;

  select jsonb_agg(jsonb_build_object(
           'position', e.ord, 'track_id', k.id, 'source', k.source, 'title', k.title,
           'artist', k.artist, 'album', k.album, 'explicit', k.explicit,
           'duration_ms', k.duration_ms, 'reason', btrim(e.t ->> 'reason'),
           'score', coalesce((e.t ->> 'score')::real, 0),
           'spotify_uri', coalesce(nullif(e.t ->> 'spotify_uri', ''), k.uri))
         order by e.ord) filter (where k.id is not null),
         count(*) filter (where k.id is null)
    into v_snapshot, v_missing
    from jsonb_array_elements(v_tracks) with ordinality e(t, ord)
    left join lateral (
      select t.id, t.source, t.title, t.artist, t.album, t.explicit, t.duration_ms, t.uri
        from public.tracks t
       where e.t ? 'spotify' and t.source = 'spotify'
         and t.external_id = e.t #>> '{spotify,external_id}'
      union all
      select t.id, t.source, t.title, t.artist, t.album, t.explicit, t.duration_ms, t.uri
        from public.tracks t
       where not e.t ? 'spotify' and t.id = (e.t ->> 'track_id')::uuid
         and t.source <> 'spotify' and (t.published or t.owner_id = uid)
       limit 1
    ) k on true;
  if v_missing > 0 then
    raise exception using errcode = 'SC404', message = 'A track of this playlist does not exist',
      detail = 'tracks';
  end if;

  insert into public.dj_runs (user_id, parent_id, prompt, length, no_explicit, plan, plan_source,
                              source, status, playlist_id, playlist_url, error, notice, timings,
                              tracks, exported_at)
  values (uid, v_parent, btrim(p_run ->> 'prompt'), (p_run ->> 'length')::smallint,
          coalesce((p_run ->> 'no_explicit')::boolean, false), p_run -> 'plan',
          p_run ->> 'plan_source', p_run ->> 'source', p_run ->> 'status',
          nullif(p_run ->> 'playlist_id', ''), nullif(p_run ->> 'playlist_url', ''),
          nullif(p_run ->> 'error', ''), nullif(p_run ->> 'notice', ''),
          coalesce(nullif(p_run -> 'timings', 'null'::jsonb), '{}'::jsonb),
          coalesce(v_snapshot, '[]'::jsonb),
          case when p_run ->> 'status' = 'exported' then now() end)
  returning id, created_at into v_id, v_created;

  return jsonb_build_object(
    'id', v_id, 'created_at', v_created,
    'track_ids', coalesce((select jsonb_agg(x -> 'track_id')
                             from jsonb_array_elements(v_snapshot) x), '[]'::jsonb));
end $$;

/*
 * private.dj_record_export(p_run uuid, p_playlist_id text, p_playlist_url text, p_matches jsonb,
 *   p_notice text, p_export_ms integer) returns void
 * Marks the caller's draft as exported to the Spotify playlist and stores, per position, the
 * Spotify track the playlist holds (`p_matches`: [{position, uri}], positions of the run's tracks,
 * each once). The playlist URL is the one the server derives from the id. SC404 for someone
 * else's run, SC409 for one already exported (the server refuses that too), SC400 naming the
 * field for anything the server would not send.
 */
create or replace function private.dj_record_export(
  p_run uuid, p_playlist_id text, p_playlist_url text, p_matches jsonb, p_notice text,
  p_export_ms integer
) returns void
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := (select auth.uid());
  r public.dj_runs;
  v_matches jsonb := coalesce(p_matches, '[]'::jsonb);
begin
  if coalesce(p_playlist_id, '') !~ '^[A-Za-z0-9]{1,64}$' then
    raise exception using errcode = 'SC400', message = 'Not a Spotify playlist id', detail = 'playlist_id';
  end if;
  if p_playlist_url is distinct from 'https://open.spotify.com/playlist/' || p_playlist_id then
    raise exception using errcode = 'SC400', message = 'Not the Spotify link of this playlist',
      detail = 'playlist_url';
  end if;
  if p_notice is not null and char_length(p_notice) > 500 then
    raise exception using errcode = 'SC400', message = 'A notice has at most 500 characters', detail = 'notice';
  end if;
  if p_export_ms is not null and p_export_ms not between 0 and 86400000 then
    raise exception using errcode = 'SC400', message = 'Not a duration', detail = 'export_ms';
  end if;
  select * into r from public.dj_runs d where d.id = p_run and d.user_id = uid for update;
  if not found then
    raise exception using errcode = 'SC404', message = 'No such playlist', detail = 'id';
  end if;
  if jsonb_typeof(v_matches) <> 'array' or exists (
    select 1 from jsonb_array_elements(v_matches) m
     where jsonb_typeof(m) <> 'object'
        or not private.dj_is_number(m -> 'position', 1, jsonb_array_length(r.tracks), true)
        or jsonb_typeof(m -> 'uri') is distinct from 'string'
        or (m ->> 'uri') !~ '^spotify:track:[A-Za-z0-9]{1,64}$'
        or exists (select 1 from jsonb_object_keys(m) k where k not in ('position', 'uri'))
  ) or (select count(distinct (m ->> 'position')::numeric) from jsonb_array_elements(v_matches) m)
       <> jsonb_array_length(v_matches) then
    raise exception using errcode = 'SC400', message = 'Not a list of Spotify tracks', detail = 'matches';
  end if;
  if r.status = 'exported' then
    raise exception using errcode = 'SC409', message = 'This playlist is already in your Spotify account',
      detail = 'id';
  end if;
  update public.dj_runs d
     set status = 'exported', playlist_id = p_playlist_id, playlist_url = p_playlist_url,
         exported_at = now(), error = null, notice = nullif(p_notice, ''),
         timings = d.timings || jsonb_build_object('export_ms', coalesce(p_export_ms, 0)),
         tracks = (
           select coalesce(jsonb_agg(
                    case when m.uri is null then e.t
                         else e.t || jsonb_build_object('spotify_uri', m.uri) end
                    order by e.ord), '[]'::jsonb)
             from jsonb_array_elements(d.tracks) with ordinality e(t, ord)
             left join jsonb_to_recordset(v_matches) as m(position integer, uri text)
                  on m.position = e.ord)
   where d.id = r.id;
end $$;

-- A stored playlist link is the Spotify page of the stored playlist id, nothing else (the share
-- page links to it). Links that are not are set to it first.
update public.dj_runs
   set playlist_url = case when playlist_id is not null
                           then 'https://open.spotify.com/playlist/' || playlist_id end
 where playlist_url is distinct from case when playlist_id is not null
                                           then 'https://open.spotify.com/playlist/' || playlist_id end
   and playlist_url is not null;
alter table public.dj_runs drop constraint if exists dj_runs_playlist_url_check;
alter table public.dj_runs add constraint dj_runs_playlist_url_check check (
  playlist_url is null or playlist_url = 'https://open.spotify.com/playlist/' || playlist_id);

revoke execute on function
  private.dj_refuse(text, text), private.dj_is_text(jsonb, integer, integer),
  private.dj_is_number(jsonb, numeric, numeric, boolean), private.dj_is_absent(jsonb),
  private.dj_plan_problem(jsonb), private.dj_spotify_track_problem(jsonb),
  private.dj_check_run(jsonb), private.dj_add_spotify_tracks(jsonb)
  from public, anon, authenticated;
grant execute on function private.dj_add_spotify_tracks(jsonb) to service_role;
-- dj_save_run and dj_record_export keep their grants to authenticated (20261122007000_dj.sql):
-- their bodies above now run the checks as the function owner.

-- 2. Profiles -------------------------------------------------------------------------------------

/*
 * private.can_see_profile(p_id uuid) returns boolean
 * Whether the caller may read the profile of user p_id (besides their own): the user has a
 * published musician or client profile, or the two of them are the two sides of an application
 * (and so of its conversation, booking and reviews). One statement of primary key and
 * applications_musician_id_idx probes that stops at the first hit. Security definer, so the
 * probes skip the RLS of the tables they read; PL/pgSQL rather than SQL, so the statement is
 * planned once per session rather than once per query.
 */
create or replace function private.can_see_profile(p_id uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select from public.musician_profiles m where m.id = p_id and m.published
    union all
    select from public.client_profiles c where c.id = p_id and c.published
    union all
    select from public.applications a join public.gigs g on g.id = a.gig_id
     where a.musician_id = p_id and g.client_id = (select auth.uid())
    union all
    select from public.applications a join public.gigs g on g.id = a.gig_id
     where a.musician_id = (select auth.uid()) and g.client_id = p_id);
end $$;

revoke execute on function private.can_see_profile(uuid) from public, anon;
-- Policies run as the reader.
grant execute on function private.can_see_profile(uuid) to authenticated;

drop policy if exists "Profiles are readable by everyone" on public.profiles;

-- anon has no usage on schema private: the two published checks inline (each a primary key probe
-- under the published-only read policies anon has on those tables).
drop policy if exists "Profiles of published members are public" on public.profiles;
create policy "Profiles of published members are public" on public.profiles
  for select to anon
  using (exists (select 1 from public.musician_profiles m where m.id = profiles.id and m.published)
         or exists (select 1 from public.client_profiles c where c.id = profiles.id and c.published));

drop policy if exists "Users read their own, published and counterparts' profiles" on public.profiles;
create policy "Users read their own, published and counterparts' profiles" on public.profiles
  for select to authenticated
  using (id = (select auth.uid()) or private.can_see_profile(id));
