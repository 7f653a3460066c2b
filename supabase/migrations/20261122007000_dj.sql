-- AI DJ: one tracks table (offline catalogue, Spotify tracks, and later the song studio's and the
-- virtual artists' songs), DJ runs with their tracks and one-line reasons, and Spotify connections.
-- Spotify tokens are encrypted by the server (AES-GCM) and their columns are never granted to the
-- API roles. Errors follow lib/db/errors.ts: SC400/403/404/409 with the field in DETAIL.

-- tables ---------------------------------------------------------------------------------------------
create table if not exists public.tracks (
  id uuid not null default gen_random_uuid(),
  source text not null,                               -- 'catalogue' | 'spotify' | 'studio' | 'artist'
  external_id text,                                   -- catalogue slug or Spotify track id
  uri text,                                           -- spotify:track:<id> (Spotify tracks)
  title text not null,
  artist text not null,
  album text,
  genres text[] not null default '{}',                -- lower case
  moods text[] not null default '{}',                 -- mood and activity tags (lib/dj/lexicon.ts)
  energy real,                                        -- 0..1; null when unknown (Spotify no longer
  valence real,                                       --   serves audio features to new apps)
  danceability real,
  tempo real,                                         -- beats per minute
  explicit boolean not null default false,
  duration_ms integer,
  language text,                                      -- ISO 639 of the vocals; null: instrumental/unknown
  owner_id uuid,                                      -- the user who made a studio or artist song
  audio_path text,                                    -- storage object of a platform song
  published boolean not null default false,           -- platform songs are private until published
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint tracks_pkey primary key (id),
  constraint tracks_owner_id_fkey foreign key (owner_id) references public.profiles (id) on delete cascade,
  constraint tracks_source_check check (source in ('catalogue', 'spotify', 'studio', 'artist')),
  constraint tracks_external_id_check check (
    (source in ('catalogue', 'spotify')) = (external_id is not null)
    and (external_id is null or char_length(external_id) between 1 and 200)),
  constraint tracks_owner_id_check check ((source in ('studio', 'artist')) = (owner_id is not null)),
  constraint tracks_published_check check (published or source in ('studio', 'artist')),
  constraint tracks_uri_check check (uri is null or uri ~ '^spotify:track:[A-Za-z0-9]{1,64}$'),
  constraint tracks_title_length check (char_length(btrim(title)) between 1 and 300),
  constraint tracks_artist_length check (char_length(btrim(artist)) between 1 and 300),
  constraint tracks_album_length check (album is null or char_length(album) <= 300),
  constraint tracks_features_check check (
    (energy is null or energy between 0 and 1) and (valence is null or valence between 0 and 1)
    and (danceability is null or danceability between 0 and 1)),
  constraint tracks_tempo_check check (tempo is null or tempo between 20 and 300),
  constraint tracks_duration_ms_check check (duration_ms is null or duration_ms between 0 and 7200000),
  constraint tracks_language_check check (language is null or language ~ '^[a-z]{2,3}$'),
  constraint tracks_tags_check check (cardinality(genres) <= 20 and cardinality(moods) <= 20),
  constraint tracks_audio_path_length check (audio_path is null or char_length(audio_path) <= 500),
  constraint tracks_source_external_id_key unique (source, external_id)
);
-- The offline DJ reads every catalogue and platform song; Spotify rows only by id.
create index if not exists tracks_source_idx on public.tracks (source) where source <> 'spotify';
create index if not exists tracks_owner_id_idx on public.tracks (owner_id) where owner_id is not null;

create table if not exists public.dj_runs (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  parent_id uuid,                                     -- the run this one refines
  prompt text not null,
  length smallint not null,                           -- tracks asked for
  no_explicit boolean not null default false,
  plan jsonb not null,                                -- the interpreted plan (lib/dj/types.ts DjPlan)
  plan_source text not null,                          -- 'live' (LLM) | 'offline' (lexicon)
  source text not null,                               -- where the tracks came from
  status text not null,                               -- 'draft' | 'exported' | 'failed'
  playlist_id text,                                   -- the Spotify playlist, once exported
  playlist_url text,
  share_token text,                                   -- set while a read-only share link exists
  error text,                                         -- why it failed
  notice text,                                        -- what the user should know (fell back, …)
  timings jsonb not null default '{}',                -- interpret_ms, search_ms, build_ms, …
  -- The playlist in order: [{track_id, source, title, artist, album, explicit, duration_ms,
  -- reason, score, spotify_uri}]. A snapshot, so the history stays as it was even if a platform
  -- song is edited or deleted later; track_id points into public.tracks (checked on save).
  tracks jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  exported_at timestamptz,
  constraint dj_runs_pkey primary key (id),
  constraint dj_runs_user_id_fkey foreign key (user_id) references public.profiles (id) on delete cascade,
  constraint dj_runs_parent_id_fkey foreign key (parent_id) references public.dj_runs (id) on delete set null,
  constraint dj_runs_prompt_length check (char_length(btrim(prompt)) between 3 and 300),
  constraint dj_runs_length_check check (length between 10 and 50),
  constraint dj_runs_plan_check check (jsonb_typeof(plan) = 'object'),
  constraint dj_runs_plan_source_check check (plan_source in ('live', 'offline')),
  constraint dj_runs_source_check check (source in ('spotify', 'catalogue')),
  constraint dj_runs_status_check check (status in ('draft', 'exported', 'failed')),
  constraint dj_runs_playlist_id_check check (
    (playlist_id is null or playlist_id ~ '^[A-Za-z0-9]{1,64}$')
    and ((status = 'exported') = (playlist_id is not null))),
  constraint dj_runs_playlist_url_check check (playlist_url is null or playlist_url ~ '^https?://'),
  constraint dj_runs_share_token_check check (share_token is null or share_token ~ '^[A-Za-z0-9_-]{20,64}$'),
  constraint dj_runs_error_length check (error is null or char_length(error) <= 500),
  constraint dj_runs_notice_length check (notice is null or char_length(notice) <= 500),
  constraint dj_runs_timings_check check (jsonb_typeof(timings) = 'object'),
  constraint dj_runs_tracks_check check (
    jsonb_typeof(tracks) = 'array' and jsonb_array_length(tracks) <= 50
    and (jsonb_array_length(tracks) > 0 or status = 'failed')),
  constraint dj_runs_share_token_key unique (share_token)
);
-- History: newest first, keyset on (created_at, id).
create index if not exists dj_runs_user_id_created_at_idx on public.dj_runs (user_id, created_at desc, id desc);
create index if not exists dj_runs_parent_id_idx on public.dj_runs (parent_id) where parent_id is not null;

-- One Spotify account per user. The token columns hold `v1.<iv>.<ciphertext>` (AES-GCM, key on the
-- server only, user id as associated data); the API roles may read the other columns of their own row.
create table if not exists public.spotify_connections (
  user_id uuid not null,
  spotify_user_id text not null,
  display_name text,
  scope text not null default '',
  status text not null default 'active',              -- 'active' | 'broken' (needs reconnecting)
  access_token_enc text not null,
  refresh_token_enc text not null,
  expires_at timestamptz not null,                    -- of the access token
  last_error text,
  connected_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint spotify_connections_pkey primary key (user_id),
  constraint spotify_connections_user_id_fkey foreign key (user_id)
    references public.profiles (id) on delete cascade,
  constraint spotify_connections_spotify_user_id_length check (char_length(spotify_user_id) between 1 and 200),
  constraint spotify_connections_display_name_length check (display_name is null or char_length(display_name) <= 200),
  constraint spotify_connections_status_check check (status in ('active', 'broken')),
  constraint spotify_connections_token_format check (
    access_token_enc like 'v1.%' and refresh_token_enc like 'v1.%'),
  constraint spotify_connections_last_error_length check (last_error is null or char_length(last_error) <= 500)
);

-- grants ---------------------------------------------------------------------------------------------
revoke all on public.tracks, public.dj_runs, public.spotify_connections from anon, authenticated;
grant select on public.tracks to anon, authenticated;
grant insert (source, title, artist, album, genres, moods, energy, valence, danceability, tempo,
              explicit, duration_ms, language, owner_id, audio_path, published)
  on public.tracks to authenticated;
grant update (title, artist, album, genres, moods, energy, valence, danceability, tempo, explicit,
              duration_ms, language, audio_path, published)
  on public.tracks to authenticated;
grant delete on public.tracks to authenticated;
grant select, delete on public.dj_runs to authenticated;
-- Never the token columns.
grant select (user_id, spotify_user_id, display_name, scope, status, expires_at, last_error,
              connected_at, updated_at)
  on public.spotify_connections to authenticated;
grant delete on public.spotify_connections to authenticated;
grant all on public.tracks, public.dj_runs, public.spotify_connections to service_role;

-- RLS ------------------------------------------------------------------------------------------------
alter table public.tracks enable row level security;
alter table public.dj_runs enable row level security;
alter table public.spotify_connections enable row level security;

drop policy if exists "Published tracks and own songs are readable" on public.tracks;
create policy "Published tracks and own songs are readable" on public.tracks
  for select to anon, authenticated
  using (published or owner_id = (select auth.uid()));

drop policy if exists "Users add their own songs" on public.tracks;
create policy "Users add their own songs" on public.tracks
  for insert to authenticated
  with check (owner_id = (select auth.uid()) and source in ('studio', 'artist'));

drop policy if exists "Users edit their own songs" on public.tracks;
create policy "Users edit their own songs" on public.tracks
  for update to authenticated
  using (owner_id = (select auth.uid()))
  with check (owner_id = (select auth.uid()) and source in ('studio', 'artist'));

drop policy if exists "Users delete their own songs" on public.tracks;
create policy "Users delete their own songs" on public.tracks
  for delete to authenticated using (owner_id = (select auth.uid()));

drop policy if exists "Users read their own DJ runs" on public.dj_runs;
create policy "Users read their own DJ runs" on public.dj_runs
  for select to authenticated using (user_id = (select auth.uid()));

drop policy if exists "Users delete their own DJ runs" on public.dj_runs;
create policy "Users delete their own DJ runs" on public.dj_runs
  for delete to authenticated using (user_id = (select auth.uid()));

drop policy if exists "Users read their own Spotify connection" on public.spotify_connections;
create policy "Users read their own Spotify connection" on public.spotify_connections
  for select to authenticated using (user_id = (select auth.uid()));

drop policy if exists "Users disconnect their own Spotify account" on public.spotify_connections;
create policy "Users disconnect their own Spotify account" on public.spotify_connections
  for delete to authenticated using (user_id = (select auth.uid()));

-- triggers -------------------------------------------------------------------------------------------
/*
 * private.dj_touch() returns trigger
 * Keeps updated_at current on tracks, DJ runs and Spotify connections.
 */
create or replace function private.dj_touch() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end $$;

drop trigger if exists tracks_touch on public.tracks;
create trigger tracks_touch before update on public.tracks
  for each row execute function private.dj_touch();
drop trigger if exists dj_runs_touch on public.dj_runs;
create trigger dj_runs_touch before update on public.dj_runs
  for each row execute function private.dj_touch();
drop trigger if exists spotify_connections_touch on public.spotify_connections;
create trigger spotify_connections_touch before update on public.spotify_connections
  for each row execute function private.dj_touch();

-- functions ------------------------------------------------------------------------------------------
/*
 * private.dj_save_run(p_run jsonb) returns jsonb
 * Saves one finished DJ run of the caller with its tracks, atomically; returns
 * { id, created_at, track_ids: [uuid in playlist order] }.
 * p_run: { prompt, length, no_explicit, parent_id?, plan, plan_source, source, status,
 *          playlist_id?, playlist_url?, error?, notice?, timings,
 *          tracks: [{ track_id? | spotify: {external_id, uri, title, artist, album, explicit,
 *                                           duration_ms}, reason, score, spotify_uri? }] }
 * Spotify tracks new to public.tracks are added (the API roles cannot write them); a catalogue or
 * platform track must be readable by the caller. The run keeps a snapshot of its tracks. A few
 * set-based statements whatever the length (round trips and per-row triggers are what cost on
 * PGlite). SC400/SC403/SC404 name the field.
 */
create or replace function private.dj_save_run(p_run jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := (select auth.uid());
  v_id uuid;
  v_created timestamptz;
  v_parent uuid;
  v_tracks jsonb := coalesce(p_run -> 'tracks', '[]'::jsonb);
  v_snapshot jsonb;
  v_new integer;
  v_missing integer;
begin
  if uid is null then
    raise exception using errcode = 'SC403', message = 'Sign in to use the AI DJ', detail = 'authorization';
  end if;
  if jsonb_typeof(v_tracks) <> 'array' or jsonb_array_length(v_tracks) > 50 then
    raise exception using errcode = 'SC400', message = 'A playlist holds at most 50 tracks', detail = 'tracks';
  end if;
  if coalesce(p_run ->> 'parent_id', '') <> ''
     and p_run ->> 'parent_id' !~ '^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$' then
    raise exception using errcode = 'SC400', message = 'Not a playlist id', detail = 'parent_id';
  end if;
  v_parent := nullif(p_run ->> 'parent_id', '')::uuid;
  if v_parent is not null and not exists (
    select 1 from public.dj_runs r where r.id = v_parent and r.user_id = uid
  ) then
    raise exception using errcode = 'SC404', message = 'No such playlist to refine', detail = 'parent_id';
  end if;
  -- The snapshot; Spotify tracks new to public.tracks are added first (the usual case after a
  -- few runs is that they are all known: one statement).
  for i in 1..2 loop
    select jsonb_agg(jsonb_build_object(
             'position', e.ord, 'track_id', k.id, 'source', k.source, 'title', k.title,
             'artist', k.artist, 'album', k.album, 'explicit', k.explicit,
             'duration_ms', k.duration_ms, 'reason', left(btrim(coalesce(e.t ->> 'reason', '')), 300),
             'score', coalesce((e.t ->> 'score')::real, 0),
             'spotify_uri', coalesce(nullif(e.t ->> 'spotify_uri', ''), k.uri))
           order by e.ord) filter (where k.id is not null),
           count(*) filter (where k.id is null and e.t ? 'spotify'),
           count(*) filter (where k.id is null and not e.t ? 'spotify')
      into v_snapshot, v_new, v_missing
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
           and (t.published or t.owner_id = uid)
         limit 1
      ) k on true;
    if v_missing > 0 then
      raise exception using errcode = 'SC404', message = 'A track of this playlist does not exist',
        detail = 'tracks';
    end if;
    exit when v_new = 0;
    insert into public.tracks (source, external_id, uri, title, artist, album, explicit,
                               duration_ms, published)
    select distinct on (e.t #>> '{spotify,external_id}')
           'spotify', e.t #>> '{spotify,external_id}', e.t #>> '{spotify,uri}',
           e.t #>> '{spotify,title}', e.t #>> '{spotify,artist}',
           nullif(e.t #>> '{spotify,album}', ''),
           coalesce((e.t #>> '{spotify,explicit}')::boolean, false),
           (e.t #>> '{spotify,duration_ms}')::integer, true
      from jsonb_array_elements(v_tracks) e(t)
     where e.t ? 'spotify'
    on conflict (source, external_id) do nothing;
  end loop;
  if v_new > 0 then
    raise exception using errcode = 'SC409', message = 'The tracks changed while saving: try again',
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
          coalesce(p_run -> 'timings', '{}'::jsonb), coalesce(v_snapshot, '[]'::jsonb),
          case when p_run ->> 'status' = 'exported' then now() end)
  returning id, created_at into v_id, v_created;

  return jsonb_build_object(
    'id', v_id, 'created_at', v_created,
    'track_ids', coalesce((select jsonb_agg(x -> 'track_id')
                             from jsonb_array_elements(v_snapshot) x), '[]'::jsonb));
end $$;

create or replace function public.dj_save_run(p_run jsonb) returns jsonb
language sql security invoker set search_path = '' as $$
  select private.dj_save_run(p_run)
$$;

/*
 * private.dj_record_export(p_run uuid, p_playlist_id text, p_playlist_url text, p_matches jsonb,
 *   p_notice text, p_export_ms integer) returns void
 * Marks the caller's run as exported to the Spotify playlist and stores, per position, the Spotify
 * track the playlist holds (`p_matches`: [{position, uri}]). SC404 for someone else's run.
 */
create or replace function private.dj_record_export(
  p_run uuid, p_playlist_id text, p_playlist_url text, p_matches jsonb, p_notice text,
  p_export_ms integer
) returns void
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := (select auth.uid());
begin
  if jsonb_typeof(coalesce(p_matches, '[]'::jsonb)) <> 'array' or exists (
    select 1 from jsonb_to_recordset(coalesce(p_matches, '[]'::jsonb)) m(position integer, uri text)
     where m.position is null or coalesce(m.uri, '') !~ '^spotify:track:[A-Za-z0-9]{1,64}$'
  ) then
    raise exception using errcode = 'SC400', message = 'Not a list of Spotify tracks', detail = 'matches';
  end if;
  update public.dj_runs r
     set status = 'exported', playlist_id = p_playlist_id, playlist_url = p_playlist_url,
         exported_at = now(), error = null, notice = nullif(p_notice, ''),
         timings = r.timings || jsonb_build_object('export_ms', coalesce(p_export_ms, 0)),
         tracks = (
           select coalesce(jsonb_agg(
                    case when m.uri is null then e.t
                         else e.t || jsonb_build_object('spotify_uri', m.uri) end
                    order by e.ord), '[]'::jsonb)
             from jsonb_array_elements(r.tracks) with ordinality e(t, ord)
             left join jsonb_to_recordset(coalesce(p_matches, '[]'::jsonb))
                  as m(position integer, uri text) on m.position = e.ord)
   where r.id = p_run and r.user_id = uid;
  if not found then
    raise exception using errcode = 'SC404', message = 'No such playlist', detail = 'id';
  end if;
end $$;

create or replace function public.dj_record_export(
  p_run uuid, p_playlist_id text, p_playlist_url text, p_matches jsonb, p_notice text,
  p_export_ms integer
) returns void
language sql security invoker set search_path = '' as $$
  select private.dj_record_export(p_run, p_playlist_id, p_playlist_url, p_matches, p_notice, p_export_ms)
$$;

/*
 * private.dj_set_share(p_run uuid, p_token text) returns text
 * Sets (a fresh random token from the server) or clears (null) the caller's share link of a run;
 * returns the token. SC404 for someone else's run, SC400 for a malformed token.
 */
create or replace function private.dj_set_share(p_run uuid, p_token text) returns text
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := (select auth.uid());
begin
  if p_token is not null and p_token !~ '^[A-Za-z0-9_-]{20,64}$' then
    raise exception using errcode = 'SC400', message = 'Not a share token', detail = 'token';
  end if;
  update public.dj_runs set share_token = p_token where id = p_run and user_id = uid;
  if not found then
    raise exception using errcode = 'SC404', message = 'No such playlist', detail = 'id';
  end if;
  return p_token;
end $$;

create or replace function public.dj_set_share(p_run uuid, p_token text) returns text
language sql security invoker set search_path = '' as $$
  select private.dj_set_share(p_run, p_token)
$$;

/*
 * public.dj_shared_run(p_token text) returns jsonb
 * The read-only view of a shared run for anyone with its link: the prompt, the plan's name and
 * description, the sharer's display name and the tracks with reasons; null when no run has the
 * token. Runs as definer because visitors cannot read dj_runs; it returns no ids.
 */
create or replace function public.dj_shared_run(p_token text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'prompt', r.prompt,
    'playlist_name', r.plan ->> 'playlist_name',
    'description', r.plan ->> 'description',
    'mood', r.plan ->> 'mood',
    'source', r.source,
    'status', r.status,
    'playlist_url', r.playlist_url,
    'shared_by', p.display_name,
    'created_at', r.created_at,
    'tracks', coalesce((
      select jsonb_agg(jsonb_build_object(
               'position', (t ->> 'position')::integer, 'title', t ->> 'title',
               'artist', t ->> 'artist', 'album', t -> 'album', 'explicit', t -> 'explicit',
               'duration_ms', t -> 'duration_ms', 'reason', t ->> 'reason')
             order by (t ->> 'position')::integer)
        from jsonb_array_elements(r.tracks) t), '[]'::jsonb))
    from public.dj_runs r
    left join public.profiles p on p.id = r.user_id
   where p_token ~ '^[A-Za-z0-9_-]{20,64}$' and r.share_token = p_token
$$;

-- grants: functions ------------------------------------------------------------------------------------
revoke execute on function
  private.dj_touch(),
  private.dj_save_run(jsonb), public.dj_save_run(jsonb),
  private.dj_record_export(uuid, text, text, jsonb, text, integer),
  public.dj_record_export(uuid, text, text, jsonb, text, integer),
  private.dj_set_share(uuid, text), public.dj_set_share(uuid, text),
  public.dj_shared_run(text)
  from public, anon, authenticated;

grant execute on function
  private.dj_save_run(jsonb), public.dj_save_run(jsonb),
  private.dj_record_export(uuid, text, text, jsonb, text, integer),
  public.dj_record_export(uuid, text, text, jsonb, text, integer),
  private.dj_set_share(uuid, text), public.dj_set_share(uuid, text)
  to authenticated;

grant execute on function public.dj_shared_run(text) to anon, authenticated, service_role;

-- offline catalogue ----------------------------------------------------------------------------------
-- Generated from lib/dj/catalogue*.ts by `deno run -A lib/dj/catalogue_sql.ts` (a test keeps it in step).
-- catalogue:begin
insert into public.tracks as t (external_id, title, artist, album, genres, moods, energy, valence,
                                danceability, tempo, explicit, duration_ms, language, source,
                                published)
select v.*, 'catalogue', true from (values
  ('ambient/brian-eno/an-ending-ascent', 'An Ending (Ascent)', 'Brian Eno', 'Apollo: Atmospheres and Soundtracks', array['ambient', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'dreamy', 'meditation']::text[], 0.068, 0.277, 0.111, 70, false, 261000, null),
  ('ambient/brian-eno/1-1', '1/1', 'Brian Eno', 'Ambient 1: Music for Airports', array['ambient', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'dreamy', 'meditation']::text[], 0.23, 0.328, 0.289, 72, false, 377000, null),
  ('ambient/harold-budd-brian-eno/first-light', 'First Light', 'Harold Budd & Brian Eno', 'The Plateaux of Mirror', array['ambient', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'dreamy', 'meditation']::text[], 0.05, 0.163, 0.268, 81, false, 249000, null),
  ('ambient/marconi-union/weightless', 'Weightless', 'Marconi Union', 'Weightless', array['ambient', 'instrumental']::text[], array['sleep', 'calm', 'focus', 'dreamy', 'meditation']::text[], 0.181, 0.205, 0.205, 62, false, 397000, null),
  ('ambient/hiroshi-yoshimura/water-copy', 'Water Copy', 'Hiroshi Yoshimura', 'Music for Nine Postcards', array['ambient', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'dreamy', 'meditation']::text[], 0.176, 0.272, 0.214, 85, false, 375000, null),
  ('ambient/aphex-twin/rhubarb', 'Rhubarb', 'Aphex Twin', 'Selected Ambient Works Volume II', array['ambient', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'dreamy', 'meditation']::text[], 0.081, 0.157, 0.174, 60, false, 357000, null),
  ('ambient/sigur-ros/svefn-g-englar', 'Svefn-g-englar', 'Sigur Rós', 'Ágætis byrjun', array['ambient', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'dreamy', 'meditation']::text[], 0.185, 0.311, 0.21, 72, false, 268000, 'is'),
  ('ambient/global-communication/14-31', '14:31', 'Global Communication', '76:14', array['ambient', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'dreamy', 'meditation']::text[], 0.121, 0.37, 0.259, 68, false, 326000, null),
  ('ambient/william-basinski/dlp-1-1', 'dlp 1.1', 'William Basinski', 'The Disintegration Loops', array['ambient', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'dreamy', 'meditation']::text[], 0, 0.271, 0.074, 69, false, 375000, null),
  ('ambient/boards-of-canada/roygbiv', 'Roygbiv', 'Boards of Canada', 'Music Has the Right to Children', array['ambient', 'instrumental', 'electronic']::text[], array['calm', 'focus', 'sleep', 'dreamy', 'meditation']::text[], 0.202, 0.195, 0.114, 84, false, 363000, null),
  ('ambient/jon-hopkins/immunity', 'Immunity', 'Jon Hopkins', 'Immunity', array['ambient', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'dreamy', 'meditation']::text[], 0.149, 0.187, 0.153, 89, false, 445000, null),
  ('ambient/stars-of-the-lid/tarkus', 'Tarkus', 'Stars of the Lid', 'And Their Refinement of the Decline', array['ambient', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'dreamy', 'meditation']::text[], 0.184, 0.317, 0.179, 64, false, 289000, null),
  ('ambient/aphex-twin/avril-14th', 'Avril 14th', 'Aphex Twin', 'Drukqs', array['ambient', 'instrumental', 'piano']::text[], array['calm', 'focus', 'sleep', 'dreamy', 'meditation']::text[], 0.221, 0.387, 0.27, 86, false, 368000, null),
  ('piano/erik-satie/gymnopedie-no-1', 'Gymnopédie No. 1', 'Erik Satie', 'Trois Gymnopédies', array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0.169, 0.293, 0.309, 90, false, 315000, null),
  ('piano/claude-debussy/clair-de-lune', 'Clair de Lune', 'Claude Debussy', 'Suite bergamasque', array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0.235, 0.411, 0.316, 87, false, 407000, null),
  ('piano/ludovico-einaudi/nuvole-bianche', 'Nuvole Bianche', 'Ludovico Einaudi', 'Una Mattina', array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0.071, 0.322, 0.228, 94, false, 306000, null),
  ('piano/ludovico-einaudi/experience', 'Experience', 'Ludovico Einaudi', 'In a Time Lapse', array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0.263, 0.38, 0.328, 93, false, 216000, null),
  ('piano/max-richter/on-the-nature-of-daylight', 'On the Nature of Daylight', 'Max Richter', 'The Blue Notebooks', array['classical', 'piano', 'neoclassical', 'instrumental', 'orchestral']::text[], array['calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0.247, 0.299, 0.335, 76, false, 236000, null),
  ('piano/olafur-arnalds/saman', 'Saman', 'Ólafur Arnalds', 're:member', array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0.09, 0.47, 0.233, 62, false, 353000, null),
  ('piano/nils-frahm/says', 'Says', 'Nils Frahm', 'Spaces', array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0.195, 0.208, 0.276, 83, false, 278000, null),
  ('piano/yann-tiersen/comptine-d-un-autre-ete-l-apres-midi', 'Comptine d''un autre été, l''après-midi', 'Yann Tiersen', 'Le Fabuleux Destin d''Amélie Poulain', array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0.105, 0.325, 0.273, 66, false, 414000, null),
  ('piano/frederic-chopin/nocturne-in-e-flat-major-op-9-no-2', 'Nocturne in E-flat Major, Op. 9 No. 2', 'Frédéric Chopin', 'Nocturnes', array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0.142, 0.275, 0.249, 63, false, 243000, null),
  ('piano/johann-sebastian-bach/cello-suite-no-1-in-g-major-prelude', 'Cello Suite No. 1 in G Major: Prélude', 'Johann Sebastian Bach', 'Cello Suites', array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0.116, 0.483, 0.342, 82, false, 352000, null),
  ('piano/ludwig-van-beethoven/piano-sonata-no-14-moonlight-i-adagio-sostenuto', 'Piano Sonata No. 14 "Moonlight": I. Adagio sostenuto', 'Ludwig van Beethoven', null, array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0, 0.214, 0.272, 77, false, 401000, null),
  ('piano/philip-glass/metamorphosis-one', 'Metamorphosis One', 'Philip Glass', 'Solo Piano', array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0.1, 0.34, 0.325, 84, false, 210000, null),
  ('piano/arvo-part/spiegel-im-spiegel', 'Spiegel im Spiegel', 'Arvo Pärt', 'Alina', array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['sleep', 'calm', 'focus', 'melancholic', 'romantic']::text[], 0.2, 0.205, 0.215, 96, false, 285000, null),
  ('piano/hania-rani/esja', 'Esja', 'Hania Rani', 'Esja', array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0.175, 0.165, 0.213, 62, false, 202000, null),
  ('piano/joep-beving/sleeping-lotus', 'Sleeping Lotus', 'Joep Beving', 'Solipsism', array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['sleep', 'calm', 'focus', 'melancholic', 'romantic']::text[], 0.226, 0.388, 0.366, 89, false, 384000, null),
  ('piano/johann-pachelbel/canon-in-d', 'Canon in D', 'Johann Pachelbel', null, array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['uplifting', 'calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0.251, 0.446, 0.267, 78, false, 372000, null),
  ('piano/wolfgang-amadeus-mozart/piano-concerto-no-21-ii-andante', 'Piano Concerto No. 21: II. Andante', 'Wolfgang Amadeus Mozart', null, array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0.176, 0.243, 0.353, 77, false, 408000, null),
  ('piano/ryuichi-sakamoto/merry-christmas-mr-lawrence', 'Merry Christmas Mr. Lawrence', 'Ryuichi Sakamoto', 'Merry Christmas Mr. Lawrence', array['classical', 'piano', 'neoclassical', 'instrumental']::text[], array['calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0.134, 0.238, 0.257, 68, false, 283000, null),
  ('piano/joe-hisaishi/one-summer-s-day', 'One Summer''s Day', 'Joe Hisaishi', 'Spirited Away', array['classical', 'piano', 'neoclassical', 'instrumental', 'soundtrack']::text[], array['nostalgic', 'calm', 'focus', 'sleep', 'melancholic', 'romantic']::text[], 0.152, 0.356, 0.232, 93, false, 202000, null),
  ('orchestral/antonio-vivaldi/the-four-seasons-spring-i-allegro', 'The Four Seasons, Spring: I. Allegro', 'Antonio Vivaldi', 'The Four Seasons', array['classical', 'orchestral', 'soundtrack', 'instrumental']::text[], array['happy', 'epic', 'energetic', 'focus', 'uplifting']::text[], 0.666, 0.475, 0.209, 97, false, 179000, null),
  ('orchestral/ludwig-van-beethoven/symphony-no-5-i-allegro-con-brio', 'Symphony No. 5: I. Allegro con brio', 'Ludwig van Beethoven', null, array['classical', 'orchestral', 'soundtrack', 'instrumental']::text[], array['epic', 'energetic', 'focus', 'uplifting']::text[], 0.599, 0.528, 0.299, 129, false, 259000, null),
  ('orchestral/gustav-holst/the-planets-mars-the-bringer-of-war', 'The Planets: Mars, the Bringer of War', 'Gustav Holst', 'The Planets', array['classical', 'orchestral', 'soundtrack', 'instrumental']::text[], array['dark', 'epic', 'energetic', 'focus', 'uplifting']::text[], 0.884, 0.252, 0.2, 137, false, 236000, null),
  ('orchestral/carl-orff/carmina-burana-o-fortuna', 'Carmina Burana: O Fortuna', 'Carl Orff', 'Carmina Burana', array['classical', 'orchestral', 'soundtrack', 'instrumental']::text[], array['epic', 'energetic', 'focus', 'uplifting']::text[], 0.744, 0.284, 0.253, 100, false, 162000, 'la'),
  ('orchestral/hans-zimmer/time', 'Time', 'Hans Zimmer', 'Inception', array['classical', 'orchestral', 'soundtrack', 'instrumental']::text[], array['epic', 'energetic', 'focus', 'uplifting']::text[], 0.602, 0.239, 0.341, 96, false, 159000, null),
  ('orchestral/hans-zimmer/cornfield-chase', 'Cornfield Chase', 'Hans Zimmer', 'Interstellar', array['classical', 'orchestral', 'soundtrack', 'instrumental']::text[], array['focus', 'epic', 'energetic', 'uplifting']::text[], 0.695, 0.375, 0.295, 124, false, 196000, null),
  ('orchestral/two-steps-from-hell/heart-of-courage', 'Heart of Courage', 'Two Steps from Hell', 'Invincible', array['classical', 'orchestral', 'soundtrack', 'instrumental']::text[], array['workout', 'epic', 'energetic', 'focus', 'uplifting']::text[], 0.698, 0.479, 0.219, 119, false, 327000, null),
  ('orchestral/richard-wagner/ride-of-the-valkyries', 'Ride of the Valkyries', 'Richard Wagner', 'Die Walküre', array['classical', 'orchestral', 'soundtrack', 'instrumental']::text[], array['epic', 'energetic', 'focus', 'uplifting']::text[], 0.675, 0.532, 0.25, 137, false, 235000, null),
  ('orchestral/edvard-grieg/in-the-hall-of-the-mountain-king', 'In the Hall of the Mountain King', 'Edvard Grieg', 'Peer Gynt', array['classical', 'orchestral', 'soundtrack', 'instrumental']::text[], array['epic', 'energetic', 'focus', 'uplifting']::text[], 0.849, 0.309, 0.317, 132, false, 205000, null),
  ('orchestral/ramin-djawadi/main-title', 'Main Title', 'Ramin Djawadi', 'Game of Thrones', array['classical', 'orchestral', 'soundtrack', 'instrumental']::text[], array['epic', 'energetic', 'focus', 'uplifting']::text[], 0.602, 0.523, 0.238, 111, false, 260000, null),
  ('orchestral/joe-hisaishi/merry-go-round-of-life', 'Merry-Go-Round of Life', 'Joe Hisaishi', 'Howl''s Moving Castle', array['classical', 'orchestral', 'soundtrack', 'instrumental']::text[], array['dreamy', 'epic', 'energetic', 'focus', 'uplifting']::text[], 0.392, 0.477, 0.359, 101, false, 241000, null),
  ('lofi/nujabes/aruarian-dance', 'Aruarian Dance', 'Nujabes', 'Samurai Champloo Music Record: Departure', array['lo-fi', 'chillhop', 'hip hop', 'instrumental']::text[], array['chill', 'focus', 'calm']::text[], 0.373, 0.565, 0.65, 75, false, 218000, null),
  ('lofi/nujabes/feather', 'Feather', 'Nujabes', 'Modal Soul', array['lo-fi', 'chillhop', 'hip hop', 'instrumental']::text[], array['chill', 'focus', 'calm']::text[], 0.285, 0.362, 0.631, 90, false, 185000, 'en'),
  ('lofi/nujabes/reflection-eternal', 'Reflection Eternal', 'Nujabes', 'Modal Soul', array['lo-fi', 'chillhop', 'hip hop', 'instrumental']::text[], array['chill', 'focus', 'calm']::text[], 0.261, 0.582, 0.646, 82, false, 170000, null),
  ('lofi/j-dilla/time-the-donut-of-the-heart', 'Time: The Donut of the Heart', 'J Dilla', 'Donuts', array['lo-fi', 'chillhop', 'hip hop', 'instrumental']::text[], array['chill', 'focus', 'calm']::text[], 0.353, 0.486, 0.671, 71, false, 171000, null),
  ('lofi/j-dilla/don-t-cry', 'Don''t Cry', 'J Dilla', 'Donuts', array['lo-fi', 'chillhop', 'hip hop', 'instrumental']::text[], array['chill', 'focus', 'calm']::text[], 0.343, 0.507, 0.667, 72, false, 228000, null),
  ('lofi/tomppabeats/monday-loop', 'Monday Loop', 'Tomppabeats', 'Harbor LP', array['lo-fi', 'chillhop', 'hip hop', 'instrumental']::text[], array['chill', 'focus', 'calm']::text[], 0.275, 0.391, 0.748, 81, false, 185000, null),
  ('lofi/potsu/i-m-closing-my-eyes', 'i''m closing my eyes', 'potsu', null, array['lo-fi', 'chillhop', 'hip hop', 'instrumental']::text[], array['chill', 'focus', 'calm']::text[], 0.325, 0.531, 0.618, 89, false, 234000, 'en'),
  ('lofi/saib/sakura-trees', 'Sakura Trees', 'Saib', null, array['lo-fi', 'chillhop', 'hip hop', 'instrumental']::text[], array['chill', 'focus', 'calm']::text[], 0.357, 0.548, 0.682, 86, false, 239000, null),
  ('lofi/mndsgn/camelblues', 'Camelblues', 'Mndsgn', 'Body Wash', array['lo-fi', 'chillhop', 'hip hop', 'instrumental']::text[], array['chill', 'focus', 'calm']::text[], 0.449, 0.353, 0.712, 74, false, 237000, null),
  ('lofi/nujabes/luv-sic-part-3', 'Luv(sic) Part 3', 'Nujabes', 'Modal Soul', array['lo-fi', 'chillhop', 'hip hop', 'instrumental']::text[], array['chill', 'focus', 'calm']::text[], 0.322, 0.534, 0.721, 88, false, 165000, 'en'),
  ('lofi/idealism/lullaby', 'Lullaby', 'Idealism', null, array['lo-fi', 'chillhop', 'hip hop', 'instrumental']::text[], array['sleep', 'chill', 'focus', 'calm']::text[], 0.392, 0.384, 0.688, 79, false, 138000, null),
  ('lofi/wys/snowman', 'Snowman', 'WYS', null, array['lo-fi', 'chillhop', 'hip hop', 'instrumental']::text[], array['chill', 'focus', 'calm']::text[], 0.07, 0.36, 0.639, 72, false, 194000, null),
  ('downtempo/bonobo/kiara', 'Kiara', 'Bonobo', 'Black Sands', array['electronic', 'downtempo', 'chillout', 'instrumental']::text[], array['chill', 'focus', 'dreamy', 'calm']::text[], 0.531, 0.449, 0.602, 98, false, 306000, null),
  ('downtempo/bonobo/kong', 'Kong', 'Bonobo', 'Black Sands', array['electronic', 'downtempo', 'chillout', 'instrumental']::text[], array['chill', 'focus', 'dreamy', 'calm']::text[], 0.442, 0.59, 0.673, 98, false, 248000, null),
  ('downtempo/tycho/awake', 'Awake', 'Tycho', 'Awake', array['electronic', 'downtempo', 'chillout', 'instrumental']::text[], array['chill', 'focus', 'dreamy', 'calm']::text[], 0.501, 0.356, 0.536, 94, false, 245000, null),
  ('downtempo/tycho/dive', 'Dive', 'Tycho', 'Dive', array['electronic', 'downtempo', 'chillout', 'instrumental']::text[], array['chill', 'focus', 'dreamy', 'calm']::text[], 0.505, 0.535, 0.609, 111, false, 220000, null),
  ('downtempo/emancipator/soon-it-will-be-cold-enough-to-build-fires', 'Soon It Will Be Cold Enough to Build Fires', 'Emancipator', 'Soon It Will Be Cold Enough', array['electronic', 'downtempo', 'chillout', 'instrumental']::text[], array['chill', 'focus', 'dreamy', 'calm']::text[], 0.411, 0.499, 0.455, 107, false, 289000, null),
  ('downtempo/fkj/ylang-ylang', 'Ylang Ylang', 'FKJ', 'French Kiwi Juice', array['electronic', 'downtempo', 'chillout', 'instrumental']::text[], array['chill', 'focus', 'dreamy', 'calm']::text[], 0.46, 0.538, 0.63, 110, false, 301000, null),
  ('downtempo/air/la-femme-d-argent', 'La femme d''argent', 'Air', 'Moon Safari', array['electronic', 'downtempo', 'chillout', 'instrumental']::text[], array['chill', 'focus', 'dreamy', 'calm']::text[], 0.359, 0.581, 0.453, 100, false, 265000, null),
  ('downtempo/massive-attack/teardrop', 'Teardrop', 'Massive Attack', 'Mezzanine', array['electronic', 'downtempo', 'chillout', 'instrumental']::text[], array['melancholic', 'chill', 'focus', 'dreamy', 'calm']::text[], 0.41, 0.597, 0.521, 108, false, 231000, 'en'),
  ('downtempo/moby/porcelain', 'Porcelain', 'Moby', 'Play', array['electronic', 'downtempo', 'chillout', 'instrumental']::text[], array['chill', 'focus', 'dreamy', 'calm']::text[], 0.384, 0.499, 0.644, 91, false, 305000, 'en'),
  ('downtempo/paul-kalkbrenner/sky-and-sand', 'Sky and Sand', 'Paul Kalkbrenner', 'Berlin Calling', array['electronic', 'downtempo', 'chillout', 'instrumental']::text[], array['chill', 'focus', 'dreamy', 'calm']::text[], 0.482, 0.556, 0.569, 97, false, 309000, 'en'),
  ('downtempo/moderat/a-new-error', 'A New Error', 'Moderat', 'Moderat', array['electronic', 'downtempo', 'chillout', 'instrumental']::text[], array['chill', 'focus', 'dreamy', 'calm']::text[], 0.609, 0.686, 0.69, 94, false, 231000, null),
  ('downtempo/m83/midnight-city', 'Midnight City', 'M83', 'Hurry Up, We''re Dreaming', array['electronic', 'downtempo', 'chillout', 'instrumental']::text[], array['driving', 'chill', 'focus', 'dreamy', 'calm']::text[], 0.55, 0.625, 0.705, 104, false, 279000, 'en'),
  ('jazz/miles-davis/so-what', 'So What', 'Miles Davis', 'Kind of Blue', array['jazz']::text[], array['chill', 'calm', 'romantic', 'dinner', 'focus']::text[], 0.24, 0.477, 0.493, 126, false, 277000, null),
  ('jazz/miles-davis/blue-in-green', 'Blue in Green', 'Miles Davis', 'Kind of Blue', array['jazz']::text[], array['chill', 'calm', 'romantic', 'dinner', 'focus']::text[], 0.23, 0.242, 0.444, 132, false, 328000, null),
  ('jazz/bill-evans/peace-piece', 'Peace Piece', 'Bill Evans', 'Everybody Digs Bill Evans', array['jazz']::text[], array['sleep', 'chill', 'calm', 'romantic', 'dinner', 'focus']::text[], 0.119, 0.25, 0.307, 153, false, 294000, null),
  ('jazz/duke-ellington-john-coltrane/in-a-sentimental-mood', 'In a Sentimental Mood', 'Duke Ellington & John Coltrane', 'Duke Ellington & John Coltrane', array['jazz']::text[], array['chill', 'calm', 'romantic', 'dinner', 'focus']::text[], 0.329, 0.341, 0.544, 127, false, 405000, null),
  ('jazz/john-coltrane/naima', 'Naima', 'John Coltrane', 'Giant Steps', array['jazz']::text[], array['chill', 'calm', 'romantic', 'dinner', 'focus']::text[], 0.357, 0.367, 0.354, 164, false, 394000, null),
  ('jazz/the-dave-brubeck-quartet/take-five', 'Take Five', 'The Dave Brubeck Quartet', 'Time Out', array['jazz']::text[], array['chill', 'calm', 'romantic', 'dinner', 'focus']::text[], 0.222, 0.484, 0.398, 102, false, 363000, null),
  ('jazz/chet-baker/my-funny-valentine', 'My Funny Valentine', 'Chet Baker', 'Chet Baker Sings', array['jazz']::text[], array['chill', 'calm', 'romantic', 'dinner', 'focus']::text[], 0.195, 0.645, 0.551, 126, false, 301000, 'en'),
  ('jazz/thelonious-monk/round-midnight', '''Round Midnight', 'Thelonious Monk', 'Genius of Modern Music', array['jazz']::text[], array['chill', 'calm', 'romantic', 'dinner', 'focus']::text[], 0.157, 0.44, 0.533, 102, false, 392000, null),
  ('jazz/herbie-hancock/cantaloupe-island', 'Cantaloupe Island', 'Herbie Hancock', 'Empyrean Isles', array['jazz']::text[], array['groovy', 'chill', 'calm', 'romantic', 'dinner', 'focus']::text[], 0.35, 0.433, 0.547, 113, false, 235000, null),
  ('jazz/ella-fitzgerald-louis-armstrong/cheek-to-cheek', 'Cheek to Cheek', 'Ella Fitzgerald & Louis Armstrong', 'Ella and Louis', array['jazz']::text[], array['happy', 'chill', 'calm', 'romantic', 'dinner', 'focus']::text[], 0.486, 0.304, 0.562, 145, false, 295000, 'en'),
  ('jazz/nina-simone/feeling-good', 'Feeling Good', 'Nina Simone', 'I Put a Spell on You', array['jazz']::text[], array['chill', 'calm', 'romantic', 'dinner', 'focus']::text[], 0.389, 0.744, 0.559, 93, false, 273000, 'en'),
  ('jazz/norah-jones/don-t-know-why', 'Don''t Know Why', 'Norah Jones', 'Come Away with Me', array['jazz', 'pop']::text[], array['chill', 'calm', 'romantic', 'dinner', 'focus']::text[], 0.298, 0.63, 0.39, 130, false, 240000, 'en'),
  ('jazz/kamasi-washington/the-rhythm-changes', 'The Rhythm Changes', 'Kamasi Washington', 'The Epic', array['jazz']::text[], array['chill', 'calm', 'romantic', 'dinner', 'focus']::text[], 0.396, 0.354, 0.446, 108, false, 398000, 'en'),
  ('jazz/cannonball-adderley/autumn-leaves', 'Autumn Leaves', 'Cannonball Adderley', 'Somethin'' Else', array['jazz']::text[], array['chill', 'calm', 'romantic', 'dinner', 'focus']::text[], 0.434, 0.476, 0.36, 101, false, 300000, null),
  ('jazz/art-blakey-the-jazz-messengers/moanin', 'Moanin''', 'Art Blakey & The Jazz Messengers', 'Moanin''', array['jazz']::text[], array['chill', 'calm', 'romantic', 'dinner', 'focus']::text[], 0.608, 0.55, 0.535, 157, false, 398000, null),
  ('bossa/joao-gilberto/chega-de-saudade', 'Chega de Saudade', 'João Gilberto', 'Chega de Saudade', array['bossa nova', 'brazilian', 'jazz']::text[], array['nostalgic', 'chill', 'romantic', 'calm', 'dinner', 'happy']::text[], 0.231, 0.575, 0.745, 125, false, 221000, 'pt'),
  ('bossa/elis-regina-tom-jobim/aguas-de-marco', 'Águas de Março', 'Elis Regina & Tom Jobim', 'Elis & Tom', array['bossa nova', 'brazilian', 'jazz']::text[], array['chill', 'romantic', 'calm', 'dinner', 'happy']::text[], 0.416, 0.569, 0.604, 129, false, 244000, 'pt'),
  ('bossa/stan-getz-joao-gilberto/desafinado', 'Desafinado', 'Stan Getz & João Gilberto', 'Getz/Gilberto', array['bossa nova', 'brazilian', 'jazz']::text[], array['chill', 'romantic', 'calm', 'dinner', 'happy']::text[], 0.352, 0.622, 0.729, 122, false, 190000, 'pt'),
  ('bossa/stan-getz-joao-gilberto/the-girl-from-ipanema', 'The Girl from Ipanema', 'Stan Getz & João Gilberto', 'Getz/Gilberto', array['bossa nova', 'brazilian', 'jazz']::text[], array['chill', 'romantic', 'calm', 'dinner', 'happy']::text[], 0.433, 0.688, 0.582, 128, false, 250000, 'pt'),
  ('bossa/stan-getz-joao-gilberto/corcovado', 'Corcovado', 'Stan Getz & João Gilberto', 'Getz/Gilberto', array['bossa nova', 'brazilian', 'jazz']::text[], array['chill', 'romantic', 'calm', 'dinner', 'happy']::text[], 0.13, 0.547, 0.535, 123, false, 173000, 'pt'),
  ('bossa/antonio-carlos-jobim/wave', 'Wave', 'Antônio Carlos Jobim', 'Wave', array['bossa nova', 'brazilian', 'jazz']::text[], array['chill', 'romantic', 'calm', 'dinner', 'happy']::text[], 0.363, 0.515, 0.568, 121, false, 255000, null),
  ('bossa/vinicius-de-moraes-toquinho/tarde-em-itapoa', 'Tarde em Itapoã', 'Vinicius de Moraes & Toquinho', null, array['bossa nova', 'brazilian', 'jazz']::text[], array['chill', 'romantic', 'calm', 'dinner', 'happy']::text[], 0.315, 0.743, 0.738, 112, false, 165000, 'pt'),
  ('bossa/joao-gilberto/samba-de-uma-nota-so', 'Samba de uma Nota Só', 'João Gilberto', 'O Amor, o Sorriso e a Flor', array['bossa nova', 'brazilian', 'jazz']::text[], array['chill', 'romantic', 'calm', 'dinner', 'happy']::text[], 0.319, 0.577, 0.668, 134, false, 264000, 'pt'),
  ('bossa/tom-jobim/garota-de-ipanema', 'Garota de Ipanema', 'Tom Jobim', null, array['bossa nova', 'brazilian', 'jazz']::text[], array['chill', 'romantic', 'calm', 'dinner', 'happy']::text[], 0.327, 0.526, 0.617, 136, false, 157000, 'pt'),
  ('mpb/caetano-veloso/leaozinho', 'Leãozinho', 'Caetano Veloso', 'Bicho', array['mpb', 'brazilian', 'samba']::text[], array['happy', 'chill', 'romantic', 'nostalgic']::text[], 0.383, 0.569, 0.749, 102, false, 202000, 'pt'),
  ('mpb/djavan/oceano', 'Oceano', 'Djavan', 'Djavan', array['mpb', 'brazilian', 'samba']::text[], array['romantic', 'happy', 'chill', 'nostalgic']::text[], 0.172, 0.601, 0.584, 94, false, 241000, 'pt'),
  ('mpb/marisa-monte/ainda-bem', 'Ainda Bem', 'Marisa Monte', 'O Que Você Quer Saber de Verdade', array['mpb', 'brazilian', 'samba']::text[], array['happy', 'chill', 'romantic', 'nostalgic']::text[], 0.334, 0.423, 0.511, 119, false, 213000, 'pt'),
  ('mpb/tribalistas/ja-sei-namorar', 'Já Sei Namorar', 'Tribalistas', 'Tribalistas', array['mpb', 'brazilian', 'samba']::text[], array['happy', 'chill', 'romantic', 'nostalgic']::text[], 0.476, 0.771, 0.612, 102, false, 230000, 'pt'),
  ('mpb/jorge-ben/mas-que-nada', 'Mas Que Nada', 'Jorge Ben', 'Samba Esquema Novo', array['mpb', 'brazilian', 'samba']::text[], array['party', 'happy', 'chill', 'romantic', 'nostalgic']::text[], 0.876, 0.796, 0.771, 122, false, 201000, 'pt'),
  ('mpb/jorge-ben/pais-tropical', 'País Tropical', 'Jorge Ben', 'Jorge Ben', array['mpb', 'brazilian', 'samba']::text[], array['happy', 'chill', 'romantic', 'nostalgic']::text[], 0.745, 0.907, 0.698, 115, false, 180000, 'pt'),
  ('mpb/gilberto-gil/aquele-abraco', 'Aquele Abraço', 'Gilberto Gil', 'Gilberto Gil', array['mpb', 'brazilian', 'samba']::text[], array['happy', 'chill', 'romantic', 'nostalgic']::text[], 0.359, 0.733, 0.659, 105, false, 184000, 'pt'),
  ('mpb/chico-buarque/construcao', 'Construção', 'Chico Buarque', 'Construção', array['mpb', 'brazilian', 'samba']::text[], array['happy', 'chill', 'romantic', 'nostalgic']::text[], 0.238, 0.654, 0.554, 87, false, 223000, 'pt'),
  ('mpb/tim-maia/gostava-tanto-de-voce', 'Gostava Tanto de Você', 'Tim Maia', 'Tim Maia', array['mpb', 'brazilian', 'samba', 'soul']::text[], array['happy', 'chill', 'romantic', 'nostalgic']::text[], 0.384, 0.601, 0.67, 93, false, 191000, 'pt'),
  ('mpb/adoniran-barbosa/trem-das-onze', 'Trem das Onze', 'Adoniran Barbosa', null, array['mpb', 'brazilian', 'samba']::text[], array['nostalgic', 'happy', 'chill', 'romantic']::text[], 0.454, 0.692, 0.61, 101, false, 241000, 'pt'),
  ('mpb/caetano-veloso/sozinho', 'Sozinho', 'Caetano Veloso', 'Prenda Minha', array['mpb', 'brazilian', 'samba']::text[], array['melancholic', 'happy', 'chill', 'romantic', 'nostalgic']::text[], 0.388, 0.611, 0.538, 99, false, 190000, 'pt'),
  ('mpb/anitta/envolver', 'Envolver', 'Anitta', 'Versions of Me', array['mpb', 'brazilian', 'samba', 'reggaeton']::text[], array['party', 'happy', 'chill', 'romantic', 'nostalgic']::text[], 0.582, 0.673, 0.789, 100, false, 264000, 'es'),
  ('soul/bill-withers/ain-t-no-sunshine', 'Ain''t No Sunshine', 'Bill Withers', 'Just As I Am', array['soul', 'r&b']::text[], array['melancholic', 'romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.491, 0.666, 0.73, 67, false, 233000, 'en'),
  ('soul/bill-withers/lovely-day', 'Lovely Day', 'Bill Withers', 'Menagerie', array['soul', 'r&b']::text[], array['romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.676, 0.617, 0.841, 84, false, 237000, 'en'),
  ('soul/marvin-gaye/what-s-going-on', 'What''s Going On', 'Marvin Gaye', 'What''s Going On', array['soul', 'r&b']::text[], array['romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.596, 0.5, 0.705, 78, false, 222000, 'en'),
  ('soul/al-green/let-s-stay-together', 'Let''s Stay Together', 'Al Green', 'Let''s Stay Together', array['soul', 'r&b']::text[], array['romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.409, 0.573, 0.783, 85, false, 199000, 'en'),
  ('soul/otis-redding/sittin-on-the-dock-of-the-bay', '(Sittin'' On) The Dock of the Bay', 'Otis Redding', 'The Dock of the Bay', array['soul', 'r&b']::text[], array['calm', 'romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.499, 0.429, 0.506, 73, false, 214000, 'en'),
  ('soul/aretha-franklin/respect', 'Respect', 'Aretha Franklin', 'I Never Loved a Man the Way I Love You', array['soul', 'r&b']::text[], array['romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.534, 0.598, 0.722, 93, false, 242000, 'en'),
  ('soul/sam-cooke/a-change-is-gonna-come', 'A Change Is Gonna Come', 'Sam Cooke', 'Ain''t That Good News', array['soul', 'r&b']::text[], array['romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.198, 0.439, 0.503, 68, false, 251000, 'en'),
  ('soul/etta-james/at-last', 'At Last', 'Etta James', 'At Last!', array['soul', 'r&b']::text[], array['romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.453, 0.507, 0.686, 105, false, 216000, 'en'),
  ('soul/amy-winehouse/back-to-black', 'Back to Black', 'Amy Winehouse', 'Back to Black', array['soul', 'r&b']::text[], array['sad', 'romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.461, 0.796, 0.71, 114, false, 213000, 'en'),
  ('soul/d-angelo/untitled-how-does-it-feel', 'Untitled (How Does It Feel)', 'D''Angelo', 'Voodoo', array['soul', 'r&b']::text[], array['romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.655, 0.505, 0.648, 110, true, 216000, 'en'),
  ('soul/erykah-badu/on-on', 'On & On', 'Erykah Badu', 'Baduizm', array['soul', 'r&b']::text[], array['romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.548, 0.617, 0.72, 79, false, 185000, 'en'),
  ('soul/frank-ocean/thinkin-bout-you', 'Thinkin Bout You', 'Frank Ocean', 'channel ORANGE', array['soul', 'r&b']::text[], array['romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.342, 0.344, 0.551, 89, false, 266000, 'en'),
  ('soul/sade/smooth-operator', 'Smooth Operator', 'Sade', 'Diamond Life', array['soul', 'r&b']::text[], array['romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.415, 0.543, 0.758, 70, false, 218000, 'en'),
  ('soul/sade/by-your-side', 'By Your Side', 'Sade', 'Lovers Rock', array['soul', 'r&b']::text[], array['romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.395, 0.586, 0.73, 88, false, 231000, 'en'),
  ('soul/h-e-r/focus', 'Focus', 'H.E.R.', 'H.E.R.', array['soul', 'r&b']::text[], array['focus', 'romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.451, 0.641, 0.642, 77, false, 187000, 'en'),
  ('soul/daniel-caesar-h-e-r/best-part', 'Best Part', 'Daniel Caesar & H.E.R.', 'Freudian', array['soul', 'r&b']::text[], array['romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.225, 0.516, 0.737, 73, false, 256000, 'en'),
  ('soul/sza/good-days', 'Good Days', 'SZA', 'SOS', array['soul', 'r&b']::text[], array['dreamy', 'romantic', 'chill', 'happy', 'dinner', 'groovy']::text[], 0.196, 0.623, 0.535, 81, true, 267000, 'en'),
  ('pop/dua-lipa/levitating', 'Levitating', 'Dua Lipa', 'Future Nostalgia', array['pop']::text[], array['happy', 'party', 'energetic', 'uplifting']::text[], 0.791, 0.821, 0.792, 112, false, 217000, 'en'),
  ('pop/dua-lipa/don-t-start-now', 'Don''t Start Now', 'Dua Lipa', 'Future Nostalgia', array['pop']::text[], array['happy', 'party', 'energetic', 'uplifting']::text[], 0.791, 0.892, 0.654, 118, false, 218000, 'en'),
  ('pop/the-weeknd/blinding-lights', 'Blinding Lights', 'The Weeknd', 'After Hours', array['pop']::text[], array['driving', 'happy', 'party', 'energetic', 'uplifting']::text[], 0.755, 0.771, 0.797, 111, false, 195000, 'en'),
  ('pop/harry-styles/as-it-was', 'As It Was', 'Harry Styles', 'Harry''s House', array['pop']::text[], array['happy', 'party', 'energetic', 'uplifting']::text[], 0.682, 0.894, 0.678, 126, false, 208000, 'en'),
  ('pop/taylor-swift/shake-it-off', 'Shake It Off', 'Taylor Swift', '1989', array['pop']::text[], array['happy', 'party', 'energetic', 'uplifting']::text[], 0.822, 0.645, 0.768, 106, false, 201000, 'en'),
  ('pop/ed-sheeran/shape-of-you', 'Shape of You', 'Ed Sheeran', '÷', array['pop']::text[], array['happy', 'party', 'energetic', 'uplifting']::text[], 0.719, 0.817, 0.756, 111, false, 186000, 'en'),
  ('pop/billie-eilish/bad-guy', 'bad guy', 'Billie Eilish', 'WHEN WE ALL FALL ASLEEP, WHERE DO WE GO?', array['pop']::text[], array['dark', 'happy', 'party', 'energetic', 'uplifting']::text[], 0.697, 0.589, 0.81, 105, false, 182000, 'en'),
  ('pop/katy-perry/firework', 'Firework', 'Katy Perry', 'Teenage Dream', array['pop']::text[], array['workout', 'happy', 'party', 'energetic', 'uplifting']::text[], 0.701, 0.716, 0.718, 128, false, 202000, 'en'),
  ('pop/pharrell-williams/happy', 'Happy', 'Pharrell Williams', 'G I R L', array['pop']::text[], array['happy', 'party', 'energetic', 'uplifting']::text[], 0.696, 0.858, 0.679, 102, false, 185000, 'en'),
  ('pop/mark-ronson-bruno-mars/uptown-funk', 'Uptown Funk', 'Mark Ronson & Bruno Mars', 'Uptown Special', array['pop', 'funk']::text[], array['happy', 'party', 'energetic', 'uplifting']::text[], 0.805, 0.587, 0.749, 112, false, 209000, 'en'),
  ('pop/adele/rolling-in-the-deep', 'Rolling in the Deep', 'Adele', '21', array['pop']::text[], array['happy', 'party', 'energetic', 'uplifting']::text[], 0.793, 0.582, 0.786, 121, false, 183000, 'en'),
  ('pop/adele/someone-like-you', 'Someone Like You', 'Adele', '21', array['pop']::text[], array['sad', 'happy', 'party', 'energetic', 'uplifting']::text[], 0.53, 0.496, 0.61, 106, false, 179000, 'en'),
  ('pop/lewis-capaldi/someone-you-loved', 'Someone You Loved', 'Lewis Capaldi', 'Divinely Uninspired to a Hellish Extent', array['pop']::text[], array['sad', 'happy', 'party', 'energetic', 'uplifting']::text[], 0.443, 0.755, 0.76, 119, false, 227000, 'en'),
  ('pop/olivia-rodrigo/drivers-license', 'drivers license', 'Olivia Rodrigo', 'SOUR', array['pop']::text[], array['sad', 'happy', 'party', 'energetic', 'uplifting']::text[], 0.555, 0.689, 0.642, 108, true, 230000, 'en'),
  ('pop/sia/chandelier', 'Chandelier', 'Sia', '1000 Forms of Fear', array['pop']::text[], array['happy', 'party', 'energetic', 'uplifting']::text[], 0.751, 0.563, 0.821, 117, false, 215000, 'en'),
  ('pop/miley-cyrus/flowers', 'Flowers', 'Miley Cyrus', 'Endless Summer Vacation', array['pop']::text[], array['happy', 'party', 'energetic', 'uplifting']::text[], 0.804, 0.778, 0.78, 126, false, 192000, 'en'),
  ('pop/sabrina-carpenter/espresso', 'Espresso', 'Sabrina Carpenter', 'Short n'' Sweet', array['pop']::text[], array['happy', 'party', 'energetic', 'uplifting']::text[], 0.805, 0.651, 0.782, 108, false, 205000, 'en'),
  ('pop/lizzo/good-as-hell', 'Good as Hell', 'Lizzo', 'Coconut Oil', array['pop']::text[], array['workout', 'happy', 'party', 'energetic', 'uplifting']::text[], 0.608, 0.699, 0.753, 119, false, 176000, 'en'),
  ('latin/luis-fonsi-daddy-yankee/despacito', 'Despacito', 'Luis Fonsi & Daddy Yankee', 'Vida', array['latin', 'reggaeton', 'latin pop']::text[], array['party', 'happy', 'energetic', 'groovy']::text[], 0.763, 0.85, 0.849, 97, false, 200000, 'es'),
  ('latin/bad-bunny/titi-me-pregunto', 'Tití Me Preguntó', 'Bad Bunny', 'Un Verano Sin Ti', array['latin', 'reggaeton', 'latin pop']::text[], array['party', 'happy', 'energetic', 'groovy']::text[], 0.809, 0.816, 0.883, 94, true, 226000, 'es'),
  ('latin/bad-bunny-chencho-corleone/me-porto-bonito', 'Me Porto Bonito', 'Bad Bunny & Chencho Corleone', 'Un Verano Sin Ti', array['latin', 'reggaeton', 'latin pop']::text[], array['party', 'happy', 'energetic', 'groovy']::text[], 0.655, 0.874, 0.753, 98, true, 190000, 'es'),
  ('latin/daddy-yankee/gasolina', 'Gasolina', 'Daddy Yankee', 'Barrio Fino', array['latin', 'reggaeton', 'latin pop']::text[], array['workout', 'party', 'happy', 'energetic', 'groovy']::text[], 0.736, 0.884, 0.907, 103, false, 218000, 'es'),
  ('latin/j-balvin-willy-william/mi-gente', 'Mi Gente', 'J Balvin & Willy William', 'Vibras', array['latin', 'reggaeton', 'latin pop']::text[], array['party', 'happy', 'energetic', 'groovy']::text[], 0.754, 0.764, 0.755, 99, false, 184000, 'es'),
  ('latin/shakira/hips-don-t-lie', 'Hips Don''t Lie', 'Shakira', 'Oral Fixation Vol. 2', array['latin', 'reggaeton', 'latin pop']::text[], array['party', 'happy', 'energetic', 'groovy']::text[], 0.672, 0.733, 0.777, 91, false, 202000, 'en'),
  ('latin/carlos-vives-shakira/la-bicicleta', 'La Bicicleta', 'Carlos Vives & Shakira', null, array['latin', 'reggaeton', 'latin pop']::text[], array['happy', 'party', 'energetic', 'groovy']::text[], 0.808, 0.774, 0.875, 103, false, 213000, 'es'),
  ('latin/karol-g/provenza', 'Provenza', 'Karol G', 'Mañana Será Bonito', array['latin', 'reggaeton', 'latin pop']::text[], array['chill', 'party', 'happy', 'energetic', 'groovy']::text[], 0.476, 0.655, 0.783, 88, false, 232000, 'es'),
  ('latin/rosalia/malamente', 'MALAMENTE', 'Rosalía', 'El Mal Querer', array['latin', 'reggaeton', 'latin pop', 'flamenco']::text[], array['party', 'happy', 'energetic', 'groovy']::text[], 0.723, 0.896, 0.785, 91, false, 234000, 'es'),
  ('latin/rosalia/despecha', 'DESPECHÁ', 'Rosalía', 'MOTOMAMI', array['latin', 'reggaeton', 'latin pop']::text[], array['party', 'happy', 'energetic', 'groovy']::text[], 0.67, 0.611, 0.768, 93, false, 214000, 'es'),
  ('latin/dj-snake-selena-gomez-ozuna-cardi-b/taki-taki', 'Taki Taki', 'DJ Snake, Selena Gomez, Ozuna & Cardi B', null, array['latin', 'reggaeton', 'latin pop']::text[], array['party', 'happy', 'energetic', 'groovy']::text[], 0.776, 0.862, 0.903, 91, true, 229000, 'es'),
  ('latin/enrique-iglesias/bailando', 'Bailando', 'Enrique Iglesias', 'Sex and Love', array['latin', 'reggaeton', 'latin pop']::text[], array['party', 'happy', 'energetic', 'groovy']::text[], 0.823, 0.603, 0.762, 90, false, 218000, 'es'),
  ('latin/camila-cabello/havana', 'Havana', 'Camila Cabello', 'Camila', array['latin', 'reggaeton', 'latin pop']::text[], array['party', 'happy', 'energetic', 'groovy']::text[], 0.788, 0.85, 0.816, 104, false, 215000, 'en'),
  ('latin/don-omar-lucenzo/danza-kuduro', 'Danza Kuduro', 'Don Omar & Lucenzo', 'Meet the Orphans', array['latin', 'reggaeton', 'latin pop']::text[], array['party', 'happy', 'energetic', 'groovy']::text[], 0.826, 0.814, 0.835, 103, false, 183000, 'es'),
  ('cantautor/natalia-lafourcade/hasta-la-raiz', 'Hasta la Raíz', 'Natalia Lafourcade', 'Hasta la Raíz', array['cantautor', 'latin', 'acoustic']::text[], array['calm', 'romantic', 'melancholic', 'chill']::text[], 0.228, 0.561, 0.568, 94, false, 272000, 'es'),
  ('cantautor/natalia-lafourcade/tu-si-sabes-quererme', 'Tú Sí Sabes Quererme', 'Natalia Lafourcade', 'Musas', array['cantautor', 'latin', 'acoustic']::text[], array['calm', 'romantic', 'melancholic', 'chill']::text[], 0.397, 0.414, 0.514, 95, false, 252000, 'es'),
  ('cantautor/jorge-drexler/todo-se-transforma', 'Todo se transforma', 'Jorge Drexler', 'Eco', array['cantautor', 'latin', 'acoustic']::text[], array['calm', 'romantic', 'melancholic', 'chill']::text[], 0.485, 0.564, 0.641, 71, false, 208000, 'es'),
  ('cantautor/jorge-drexler/al-otro-lado-del-rio', 'Al otro lado del río', 'Jorge Drexler', 'Eco', array['cantautor', 'latin', 'acoustic']::text[], array['calm', 'romantic', 'melancholic', 'chill']::text[], 0.141, 0.362, 0.571, 66, false, 246000, 'es'),
  ('cantautor/mon-laferte/tu-falta-de-querer', 'Tu Falta de Querer', 'Mon Laferte', 'Mon Laferte, Vol. 1', array['cantautor', 'latin', 'acoustic']::text[], array['sad', 'calm', 'romantic', 'melancholic', 'chill']::text[], 0.336, 0.375, 0.521, 110, false, 201000, 'es'),
  ('cantautor/julieta-venegas/limon-y-sal', 'Limón y Sal', 'Julieta Venegas', 'Limón y Sal', array['cantautor', 'latin', 'acoustic', 'pop']::text[], array['happy', 'calm', 'romantic', 'melancholic', 'chill']::text[], 0.437, 0.555, 0.497, 116, false, 191000, 'es'),
  ('cantautor/silvio-rodriguez/ojala', 'Ojalá', 'Silvio Rodríguez', 'Al final de este viaje', array['cantautor', 'latin', 'acoustic']::text[], array['calm', 'romantic', 'melancholic', 'chill']::text[], 0.264, 0.357, 0.641, 75, false, 261000, 'es'),
  ('cantautor/mercedes-sosa/gracias-a-la-vida', 'Gracias a la Vida', 'Mercedes Sosa', null, array['cantautor', 'latin', 'acoustic']::text[], array['uplifting', 'calm', 'romantic', 'melancholic', 'chill']::text[], 0.298, 0.594, 0.423, 106, false, 253000, 'es'),
  ('cantautor/cafe-tacvba/eres', 'Eres', 'Café Tacvba', 'Cuatro Caminos', array['cantautor', 'latin', 'acoustic', 'rock']::text[], array['calm', 'romantic', 'melancholic', 'chill']::text[], 0.206, 0.339, 0.513, 90, false, 256000, 'es'),
  ('cantautor/gustavo-cerati/crimen', 'Crimen', 'Gustavo Cerati', 'Ahí Vamos', array['cantautor', 'latin', 'acoustic', 'rock']::text[], array['calm', 'romantic', 'melancholic', 'chill']::text[], 0.349, 0.412, 0.567, 103, false, 196000, 'es'),
  ('cantautor/buena-vista-social-club/chan-chan', 'Chan Chan', 'Buena Vista Social Club', 'Buena Vista Social Club', array['cantautor', 'latin', 'acoustic', 'son cubano']::text[], array['calm', 'romantic', 'melancholic', 'chill']::text[], 0.484, 0.546, 0.55, 99, false, 215000, 'es'),
  ('cantautor/buena-vista-social-club/dos-gardenias', 'Dos Gardenias', 'Buena Vista Social Club', 'Buena Vista Social Club', array['cantautor', 'latin', 'acoustic']::text[], array['calm', 'romantic', 'melancholic', 'chill']::text[], 0.23, 0.325, 0.493, 106, false, 272000, 'es'),
  ('cantautor/manu-chao/me-gustas-tu', 'Me Gustas Tú', 'Manu Chao', 'Próxima Estación: Esperanza', array['cantautor', 'latin', 'acoustic']::text[], array['happy', 'calm', 'romantic', 'melancholic', 'chill']::text[], 0.62, 0.68, 0.614, 104, false, 250000, 'es'),
  ('cantautor/pablo-alboran/solamente-tu', 'Solamente Tú', 'Pablo Alborán', 'Pablo Alborán', array['cantautor', 'latin', 'acoustic']::text[], array['calm', 'romantic', 'melancholic', 'chill']::text[], 0.202, 0.425, 0.424, 93, false, 221000, 'es'),
  ('cantautor/silvana-estrada/te-guardo', 'Te Guardo', 'Silvana Estrada', 'Marchita', array['cantautor', 'latin', 'acoustic']::text[], array['calm', 'romantic', 'melancholic', 'chill']::text[], 0.237, 0.372, 0.498, 81, false, 268000, 'es'),
  ('cantautor/joaquin-rodrigo/concierto-de-aranjuez-ii-adagio', 'Concierto de Aranjuez: II. Adagio', 'Joaquín Rodrigo', null, array['cantautor', 'latin', 'acoustic', 'classical']::text[], array['calm', 'romantic', 'melancholic', 'chill']::text[], 0.363, 0.514, 0.447, 90, false, 216000, null),
  ('flamenco/paco-de-lucia/entre-dos-aguas', 'Entre dos aguas', 'Paco de Lucía', 'Fuente y caudal', array['flamenco', 'spanish guitar', 'latin']::text[], array['romantic', 'energetic', 'happy', 'melancholic']::text[], 0.755, 0.497, 0.687, 117, false, 303000, null),
  ('flamenco/camaron-de-la-isla/como-el-agua', 'Como el agua', 'Camarón de la Isla', 'Como el agua', array['flamenco', 'spanish guitar', 'latin']::text[], array['romantic', 'energetic', 'happy', 'melancholic']::text[], 0.637, 0.656, 0.691, 99, false, 279000, 'es'),
  ('flamenco/gipsy-kings/bamboleo', 'Bamboléo', 'Gipsy Kings', 'Gipsy Kings', array['flamenco', 'spanish guitar', 'latin']::text[], array['party', 'romantic', 'energetic', 'happy', 'melancholic']::text[], 0.905, 0.824, 0.636, 121, false, 321000, 'es'),
  ('flamenco/gipsy-kings/volare', 'Volare', 'Gipsy Kings', 'Mosaïque', array['flamenco', 'spanish guitar', 'latin']::text[], array['romantic', 'energetic', 'happy', 'melancholic']::text[], 0.658, 0.841, 0.674, 142, false, 200000, 'it'),
  ('flamenco/vicente-amigo/tres-notas-para-decir-te-quiero', 'Tres notas para decir te quiero', 'Vicente Amigo', 'Poeta', array['flamenco', 'spanish guitar', 'latin']::text[], array['romantic', 'energetic', 'happy', 'melancholic']::text[], 0.564, 0.32, 0.585, 112, false, 280000, null),
  ('flamenco/rosalia/di-mi-nombre', 'Di mi nombre', 'Rosalía', 'El Mal Querer', array['flamenco', 'spanish guitar', 'latin']::text[], array['romantic', 'energetic', 'happy', 'melancholic']::text[], 0.47, 0.308, 0.5, 99, false, 300000, 'es'),
  ('salsa/hector-lavoe/el-cantante', 'El Cantante', 'Héctor Lavoe', 'Comedia', array['salsa', 'latin', 'tropical']::text[], array['party', 'happy', 'groovy', 'energetic']::text[], 0.745, 0.861, 0.772, 107, false, 285000, 'es'),
  ('salsa/celia-cruz/la-vida-es-un-carnaval', 'La Vida Es un Carnaval', 'Celia Cruz', 'Mi Vida Es Cantar', array['salsa', 'latin', 'tropical']::text[], array['party', 'happy', 'groovy', 'energetic']::text[], 0.877, 0.87, 0.811, 102, false, 408000, 'es'),
  ('salsa/marc-anthony/vivir-mi-vida', 'Vivir Mi Vida', 'Marc Anthony', '3.0', array['salsa', 'latin', 'tropical']::text[], array['party', 'happy', 'groovy', 'energetic']::text[], 0.781, 0.898, 0.736, 92, false, 419000, 'es'),
  ('salsa/joe-arroyo/la-rebelion', 'La Rebelión', 'Joe Arroyo', null, array['salsa', 'latin', 'tropical']::text[], array['party', 'happy', 'groovy', 'energetic']::text[], 0.703, 0.736, 0.778, 95, false, 266000, 'es'),
  ('salsa/grupo-niche/cali-pachanguero', 'Cali Pachanguero', 'Grupo Niche', null, array['salsa', 'latin', 'tropical']::text[], array['party', 'happy', 'groovy', 'energetic']::text[], 0.743, 0.788, 0.771, 92, false, 294000, 'es'),
  ('salsa/ruben-blades-willie-colon/pedro-navaja', 'Pedro Navaja', 'Rubén Blades & Willie Colón', 'Siembra', array['salsa', 'latin', 'tropical']::text[], array['party', 'happy', 'groovy', 'energetic']::text[], 0.802, 0.744, 0.816, 107, false, 368000, 'es'),
  ('salsa/celia-cruz-johnny-pacheco/quimbara', 'Quimbara', 'Celia Cruz & Johnny Pacheco', 'Celia & Johnny', array['salsa', 'latin', 'tropical']::text[], array['party', 'happy', 'groovy', 'energetic']::text[], 0.752, 0.803, 0.735, 104, false, 262000, 'es'),
  ('chanson/edith-piaf/la-vie-en-rose', 'La Vie en rose', 'Édith Piaf', null, array['chanson', 'french']::text[], array['romantic', 'melancholic', 'nostalgic', 'calm']::text[], 0.23, 0.375, 0.476, 93, false, 178000, 'fr'),
  ('chanson/edith-piaf/non-je-ne-regrette-rien', 'Non, je ne regrette rien', 'Édith Piaf', null, array['chanson', 'french']::text[], array['uplifting', 'romantic', 'melancholic', 'nostalgic', 'calm']::text[], 0.516, 0.477, 0.48, 122, false, 229000, 'fr'),
  ('chanson/charles-aznavour/la-boheme', 'La Bohème', 'Charles Aznavour', 'La Bohème', array['chanson', 'french']::text[], array['nostalgic', 'romantic', 'melancholic', 'calm']::text[], 0.483, 0.286, 0.411, 78, false, 233000, 'fr'),
  ('chanson/jacques-brel/ne-me-quitte-pas', 'Ne me quitte pas', 'Jacques Brel', 'La Valse à mille temps', array['chanson', 'french']::text[], array['sad', 'romantic', 'melancholic', 'nostalgic', 'calm']::text[], 0.008, 0.23, 0.307, 109, false, 162000, 'fr'),
  ('chanson/serge-gainsbourg/la-javanaise', 'La Javanaise', 'Serge Gainsbourg', 'Gainsbourg Percussions', array['chanson', 'french']::text[], array['romantic', 'melancholic', 'nostalgic', 'calm']::text[], 0.406, 0.319, 0.481, 107, false, 173000, 'fr'),
  ('chanson/francoise-hardy/tous-les-garcons-et-les-filles', 'Tous les garçons et les filles', 'Françoise Hardy', 'Tous les garçons et les filles', array['chanson', 'french']::text[], array['romantic', 'melancholic', 'nostalgic', 'calm']::text[], 0.492, 0.423, 0.551, 95, false, 201000, 'fr'),
  ('chanson/joe-dassin/les-champs-elysees', 'Les Champs-Élysées', 'Joe Dassin', 'Les Champs-Élysées', array['chanson', 'french']::text[], array['happy', 'romantic', 'melancholic', 'nostalgic', 'calm']::text[], 0.438, 0.66, 0.51, 89, false, 207000, 'fr'),
  ('chanson/yves-montand/les-feuilles-mortes', 'Les feuilles mortes', 'Yves Montand', null, array['chanson', 'french']::text[], array['romantic', 'melancholic', 'nostalgic', 'calm']::text[], 0.088, 0.224, 0.441, 103, false, 187000, 'fr'),
  ('chanson/carla-bruni/quelqu-un-m-a-dit', 'Quelqu''un m''a dit', 'Carla Bruni', 'Quelqu''un m''a dit', array['chanson', 'french']::text[], array['calm', 'romantic', 'melancholic', 'nostalgic']::text[], 0.143, 0.311, 0.516, 101, false, 233000, 'fr'),
  ('chanson/zaz/je-veux', 'Je veux', 'Zaz', 'Zaz', array['chanson', 'french']::text[], array['happy', 'romantic', 'melancholic', 'nostalgic', 'calm']::text[], 0.555, 0.524, 0.542, 124, false, 168000, 'fr'),
  ('frenchpop/stromae/alors-on-danse', 'Alors on danse', 'Stromae', 'Cheese', array['french pop', 'pop', 'french']::text[], array['party', 'happy', 'groovy', 'energetic']::text[], 0.774, 0.78, 0.651, 116, false, 261000, 'fr'),
  ('frenchpop/stromae/papaoutai', 'Papaoutai', 'Stromae', 'Racine carrée', array['french pop', 'pop', 'french']::text[], array['happy', 'party', 'groovy', 'energetic']::text[], 0.632, 0.546, 0.642, 112, false, 244000, 'fr'),
  ('frenchpop/angele/balance-ton-quoi', 'Balance ton quoi', 'Angèle', 'Brol', array['french pop', 'pop', 'french']::text[], array['happy', 'party', 'groovy', 'energetic']::text[], 0.65, 0.559, 0.654, 104, false, 206000, 'fr'),
  ('frenchpop/christine-and-the-queens/christine', 'Christine', 'Christine and the Queens', 'Chaleur humaine', array['french pop', 'pop', 'french']::text[], array['happy', 'party', 'groovy', 'energetic']::text[], 0.622, 0.558, 0.731, 119, false, 189000, 'fr'),
  ('frenchpop/indila/derniere-danse', 'Dernière danse', 'Indila', 'Mini World', array['french pop', 'pop', 'french']::text[], array['melancholic', 'happy', 'party', 'groovy', 'energetic']::text[], 0.531, 0.581, 0.713, 100, false, 249000, 'fr'),
  ('frenchpop/daft-punk/one-more-time', 'One More Time', 'Daft Punk', 'Discovery', array['french pop', 'pop', 'french', 'house', 'electronic']::text[], array['happy', 'party', 'groovy', 'energetic']::text[], 0.744, 0.627, 0.763, 105, false, 248000, 'en'),
  ('frenchpop/daft-punk-pharrell-williams/get-lucky', 'Get Lucky', 'Daft Punk & Pharrell Williams', 'Random Access Memories', array['french pop', 'pop', 'french', 'funk']::text[], array['happy', 'party', 'groovy', 'energetic']::text[], 0.602, 0.563, 0.651, 102, false, 259000, 'en'),
  ('frenchpop/phoenix/1901', '1901', 'Phoenix', 'Wolfgang Amadeus Phoenix', array['french pop', 'pop', 'french', 'indie']::text[], array['happy', 'party', 'groovy', 'energetic']::text[], 0.845, 0.497, 0.694, 113, false, 269000, 'en'),
  ('frenchpop/angele-romeo-elvis/tout-oublier', 'Tout oublier', 'Angèle & Roméo Elvis', 'Brol', array['french pop', 'pop', 'french']::text[], array['happy', 'party', 'groovy', 'energetic']::text[], 0.633, 0.626, 0.59, 94, false, 181000, 'fr'),
  ('frenchpop/mc-solaar/bouge-de-la', 'Bouge de là', 'MC Solaar', 'Qui sème le vent récolte le tempo', array['french pop', 'pop', 'french', 'hip hop']::text[], array['happy', 'party', 'groovy', 'energetic']::text[], 0.613, 0.489, 0.718, 102, false, 188000, 'fr'),
  ('frenchpop/iam/je-danse-le-mia', 'Je danse le Mia', 'IAM', 'Ombre est lumière', array['french pop', 'pop', 'french', 'hip hop']::text[], array['happy', 'party', 'groovy', 'energetic']::text[], 0.772, 0.687, 0.698, 102, false, 227000, 'fr'),
  ('german/kraftwerk/autobahn', 'Autobahn', 'Kraftwerk', 'Autobahn', array['deutschpop', 'pop', 'german', 'electronic', 'krautrock']::text[], array['driving', 'happy', 'uplifting', 'nostalgic', 'party']::text[], 0.506, 0.53, 0.626, 96, false, 182000, 'de'),
  ('german/kraftwerk/das-model', 'Das Model', 'Kraftwerk', 'Die Mensch-Maschine', array['deutschpop', 'pop', 'german', 'electronic']::text[], array['happy', 'uplifting', 'nostalgic', 'party']::text[], 0.554, 0.63, 0.692, 110, false, 233000, 'de'),
  ('german/nena/99-luftballons', '99 Luftballons', 'Nena', 'Nena', array['deutschpop', 'pop', 'german', 'neue deutsche welle']::text[], array['happy', 'uplifting', 'nostalgic', 'party']::text[], 0.513, 0.788, 0.516, 101, false, 255000, 'de'),
  ('german/falco/rock-me-amadeus', 'Rock Me Amadeus', 'Falco', 'Falco 3', array['deutschpop', 'pop', 'german']::text[], array['party', 'happy', 'uplifting', 'nostalgic']::text[], 0.728, 0.607, 0.587, 114, false, 220000, 'de'),
  ('german/peter-fox/haus-am-see', 'Haus am See', 'Peter Fox', 'Stadtaffe', array['deutschpop', 'pop', 'german', 'hip hop']::text[], array['happy', 'uplifting', 'nostalgic', 'party']::text[], 0.761, 0.697, 0.692, 121, false, 264000, 'de'),
  ('german/helene-fischer/atemlos-durch-die-nacht', 'Atemlos durch die Nacht', 'Helene Fischer', 'Farbenspiel', array['deutschpop', 'pop', 'german', 'schlager']::text[], array['party', 'happy', 'uplifting', 'nostalgic']::text[], 0.733, 0.729, 0.533, 106, false, 194000, 'de'),
  ('german/herbert-gronemeyer/mensch', 'Mensch', 'Herbert Grönemeyer', 'Mensch', array['deutschpop', 'pop', 'german']::text[], array['happy', 'uplifting', 'nostalgic', 'party']::text[], 0.576, 0.575, 0.57, 122, false, 209000, 'de'),
  ('german/annenmaykantereit/barfu-am-klavier', 'Barfuß am Klavier', 'AnnenMayKantereit', 'Alles Nix Konkretes', array['deutschpop', 'pop', 'german']::text[], array['melancholic', 'happy', 'uplifting', 'nostalgic', 'party']::text[], 0.403, 0.504, 0.512, 96, false, 183000, 'de'),
  ('german/cro/easy', 'Easy', 'Cro', 'Raop', array['deutschpop', 'pop', 'german', 'hip hop']::text[], array['chill', 'happy', 'uplifting', 'nostalgic', 'party']::text[], 0.521, 0.664, 0.699, 103, false, 196000, 'de'),
  ('german/mark-forster/chore', 'Chöre', 'Mark Forster', 'Tape', array['deutschpop', 'pop', 'german']::text[], array['uplifting', 'happy', 'nostalgic', 'party']::text[], 0.772, 0.819, 0.787, 120, false, 248000, 'de'),
  ('german/tokio-hotel/durch-den-monsun', 'Durch den Monsun', 'Tokio Hotel', 'Schrei', array['deutschpop', 'pop', 'german', 'rock']::text[], array['happy', 'uplifting', 'nostalgic', 'party']::text[], 0.611, 0.561, 0.559, 122, false, 233000, 'de'),
  ('german/die-arzte/schrei-nach-liebe', 'Schrei nach Liebe', 'Die Ärzte', 'Die Bestie in Menschengestalt', array['deutschpop', 'pop', 'german', 'punk', 'rock']::text[], array['happy', 'uplifting', 'nostalgic', 'party']::text[], 0.96, 0.695, 0.565, 106, false, 257000, 'de'),
  ('german/die-toten-hosen/tage-wie-diese', 'Tage wie diese', 'Die Toten Hosen', 'Ballast der Republik', array['deutschpop', 'pop', 'german', 'rock']::text[], array['happy', 'uplifting', 'nostalgic', 'party']::text[], 0.558, 0.482, 0.583, 115, false, 224000, 'de'),
  ('german/philipp-poisel/wie-soll-ein-mensch-das-ertragen', 'Wie soll ein Mensch das ertragen', 'Philipp Poisel', 'Bis nach Toulouse', array['deutschpop', 'pop', 'german']::text[], array['sad', 'happy', 'uplifting', 'nostalgic', 'party']::text[], 0.581, 0.522, 0.663, 110, false, 204000, 'de'),
  ('german/die-fantastischen-vier/die-da', 'Die da!?!', 'Die Fantastischen Vier', '4 gewinnt', array['deutschpop', 'pop', 'german', 'hip hop']::text[], array['happy', 'uplifting', 'nostalgic', 'party']::text[], 0.584, 0.571, 0.631, 127, false, 261000, 'de'),
  ('rock/queen/bohemian-rhapsody', 'Bohemian Rhapsody', 'Queen', 'A Night at the Opera', array['rock']::text[], array['epic', 'energetic', 'driving', 'workout', 'uplifting']::text[], 0.742, 0.629, 0.414, 111, false, 314000, 'en'),
  ('rock/queen/don-t-stop-me-now', 'Don''t Stop Me Now', 'Queen', 'Jazz', array['rock']::text[], array['happy', 'energetic', 'driving', 'workout', 'uplifting']::text[], 0.849, 0.575, 0.5, 148, false, 249000, 'en'),
  ('rock/ac-dc/back-in-black', 'Back in Black', 'AC/DC', 'Back in Black', array['rock']::text[], array['energetic', 'driving', 'workout', 'uplifting']::text[], 0.923, 0.613, 0.571, 111, false, 232000, 'en'),
  ('rock/ac-dc/highway-to-hell', 'Highway to Hell', 'AC/DC', 'Highway to Hell', array['rock']::text[], array['energetic', 'driving', 'workout', 'uplifting']::text[], 0.879, 0.575, 0.452, 136, false, 290000, 'en'),
  ('rock/led-zeppelin/whole-lotta-love', 'Whole Lotta Love', 'Led Zeppelin', 'Led Zeppelin II', array['rock']::text[], array['energetic', 'driving', 'workout', 'uplifting']::text[], 0.8, 0.496, 0.548, 125, false, 267000, 'en'),
  ('rock/the-rolling-stones/i-can-t-get-no-satisfaction', '(I Can''t Get No) Satisfaction', 'The Rolling Stones', 'Out of Our Heads', array['rock']::text[], array['energetic', 'driving', 'workout', 'uplifting']::text[], 0.899, 0.624, 0.486, 138, false, 245000, 'en'),
  ('rock/nirvana/smells-like-teen-spirit', 'Smells Like Teen Spirit', 'Nirvana', 'Nevermind', array['rock']::text[], array['angry', 'energetic', 'driving', 'workout', 'uplifting']::text[], 0.755, 0.692, 0.53, 116, false, 262000, 'en'),
  ('rock/foo-fighters/everlong', 'Everlong', 'Foo Fighters', 'The Colour and the Shape', array['rock']::text[], array['energetic', 'driving', 'workout', 'uplifting']::text[], 0.708, 0.403, 0.597, 119, false, 274000, 'en'),
  ('rock/guns-n-roses/sweet-child-o-mine', 'Sweet Child O'' Mine', 'Guns N'' Roses', 'Appetite for Destruction', array['rock']::text[], array['energetic', 'driving', 'workout', 'uplifting']::text[], 0.946, 0.655, 0.422, 120, false, 297000, 'en'),
  ('rock/the-killers/mr-brightside', 'Mr. Brightside', 'The Killers', 'Hot Fuss', array['rock', 'indie']::text[], array['energetic', 'driving', 'workout', 'uplifting']::text[], 0.817, 0.58, 0.581, 113, false, 270000, 'en'),
  ('rock/arctic-monkeys/do-i-wanna-know', 'Do I Wanna Know?', 'Arctic Monkeys', 'AM', array['rock', 'indie']::text[], array['energetic', 'driving', 'workout', 'uplifting']::text[], 0.636, 0.526, 0.496, 103, false, 254000, 'en'),
  ('rock/the-white-stripes/seven-nation-army', 'Seven Nation Army', 'The White Stripes', 'Elephant', array['rock']::text[], array['energetic', 'driving', 'workout', 'uplifting']::text[], 0.935, 0.624, 0.465, 111, false, 273000, 'en'),
  ('rock/survivor/eye-of-the-tiger', 'Eye of the Tiger', 'Survivor', 'Eye of the Tiger', array['rock']::text[], array['uplifting', 'energetic', 'driving', 'workout']::text[], 0.755, 0.562, 0.512, 133, false, 227000, 'en'),
  ('rock/bon-jovi/livin-on-a-prayer', 'Livin'' on a Prayer', 'Bon Jovi', 'Slippery When Wet', array['rock']::text[], array['energetic', 'driving', 'workout', 'uplifting']::text[], 0.894, 0.475, 0.452, 148, false, 226000, 'en'),
  ('rock/red-hot-chili-peppers/can-t-stop', 'Can''t Stop', 'Red Hot Chili Peppers', 'By the Way', array['rock']::text[], array['energetic', 'driving', 'workout', 'uplifting']::text[], 0.887, 0.668, 0.562, 137, false, 237000, 'en'),
  ('rock/fleetwood-mac/dreams', 'Dreams', 'Fleetwood Mac', 'Rumours', array['rock']::text[], array['chill', 'energetic', 'driving', 'workout', 'uplifting']::text[], 0.729, 0.301, 0.433, 135, false, 316000, 'en'),
  ('rock/pink-floyd/wish-you-were-here', 'Wish You Were Here', 'Pink Floyd', 'Wish You Were Here', array['rock']::text[], array['melancholic', 'energetic', 'driving', 'workout', 'uplifting']::text[], 0.523, 0.611, 0.387, 142, false, 224000, 'en'),
  ('rock/radiohead/karma-police', 'Karma Police', 'Radiohead', 'OK Computer', array['rock']::text[], array['energetic', 'driving', 'workout', 'uplifting']::text[], 0.686, 0.454, 0.429, 133, false, 329000, 'en'),
  ('rock/radiohead/no-surprises', 'No Surprises', 'Radiohead', 'OK Computer', array['rock']::text[], array['calm', 'energetic', 'driving', 'workout', 'uplifting']::text[], 0.743, 0.328, 0.347, 105, false, 283000, 'en'),
  ('indie/bon-iver/holocene', 'Holocene', 'Bon Iver', 'Bon Iver, Bon Iver', array['indie', 'folk', 'acoustic']::text[], array['calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.203, 0.425, 0.503, 106, false, 249000, 'en'),
  ('indie/bon-iver/skinny-love', 'Skinny Love', 'Bon Iver', 'For Emma, Forever Ago', array['indie', 'folk', 'acoustic']::text[], array['calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.293, 0.324, 0.433, 108, false, 218000, 'en'),
  ('indie/fleet-foxes/white-winter-hymnal', 'White Winter Hymnal', 'Fleet Foxes', 'Fleet Foxes', array['indie', 'folk', 'acoustic']::text[], array['calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.284, 0.4, 0.595, 88, false, 196000, 'en'),
  ('indie/iron-wine/naked-as-we-came', 'Naked as We Came', 'Iron & Wine', 'Our Endless Numbered Days', array['indie', 'folk', 'acoustic']::text[], array['sleep', 'calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.298, 0.23, 0.368, 116, false, 262000, 'en'),
  ('indie/sufjan-stevens/chicago', 'Chicago', 'Sufjan Stevens', 'Illinois', array['indie', 'folk', 'acoustic']::text[], array['calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.372, 0.47, 0.498, 93, false, 245000, 'en'),
  ('indie/sufjan-stevens/mystery-of-love', 'Mystery of Love', 'Sufjan Stevens', 'Call Me by Your Name', array['indie', 'folk', 'acoustic']::text[], array['calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.198, 0.321, 0.547, 108, false, 289000, 'en'),
  ('indie/phoebe-bridgers/motion-sickness', 'Motion Sickness', 'Phoebe Bridgers', 'Stranger in the Alps', array['indie', 'folk', 'acoustic']::text[], array['calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.35, 0.363, 0.623, 125, true, 242000, 'en'),
  ('indie/nick-drake/pink-moon', 'Pink Moon', 'Nick Drake', 'Pink Moon', array['indie', 'folk', 'acoustic']::text[], array['calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.355, 0.299, 0.432, 98, false, 188000, 'en'),
  ('indie/nick-drake/river-man', 'River Man', 'Nick Drake', 'Five Leaves Left', array['indie', 'folk', 'acoustic']::text[], array['calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.307, 0.453, 0.41, 99, false, 262000, 'en'),
  ('indie/jose-gonzalez/heartbeats', 'Heartbeats', 'José González', 'Veneer', array['indie', 'folk', 'acoustic']::text[], array['focus', 'calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.162, 0.243, 0.53, 84, false, 248000, 'en'),
  ('indie/damien-rice/the-blower-s-daughter', 'The Blower''s Daughter', 'Damien Rice', 'O', array['indie', 'folk', 'acoustic']::text[], array['calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.446, 0.44, 0.528, 98, false, 184000, 'en'),
  ('indie/ben-howard/old-pine', 'Old Pine', 'Ben Howard', 'Every Kingdom', array['indie', 'folk', 'acoustic']::text[], array['calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.19, 0.295, 0.366, 105, false, 280000, 'en'),
  ('indie/the-lumineers/ho-hey', 'Ho Hey', 'The Lumineers', 'The Lumineers', array['indie', 'folk', 'acoustic']::text[], array['happy', 'calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.363, 0.431, 0.428, 80, false, 252000, 'en'),
  ('indie/mumford-sons/little-lion-man', 'Little Lion Man', 'Mumford & Sons', 'Sigh No More', array['indie', 'folk', 'acoustic']::text[], array['calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.35, 0.493, 0.446, 108, true, 253000, 'en'),
  ('indie/vance-joy/riptide', 'Riptide', 'Vance Joy', 'Dream Your Life Away', array['indie', 'folk', 'acoustic']::text[], array['happy', 'calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.448, 0.293, 0.433, 81, false, 201000, 'en'),
  ('indie/hozier/take-me-to-church', 'Take Me to Church', 'Hozier', 'Hozier', array['indie', 'folk', 'acoustic']::text[], array['calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.582, 0.284, 0.547, 103, false, 204000, 'en'),
  ('indie/simon-garfunkel/the-sound-of-silence', 'The Sound of Silence', 'Simon & Garfunkel', 'Sounds of Silence', array['indie', 'folk', 'acoustic']::text[], array['calm', 'melancholic', 'sad', 'dreamy', 'chill']::text[], 0.167, 0.406, 0.411, 80, false, 295000, 'en'),
  ('indie/jack-johnson/banana-pancakes', 'Banana Pancakes', 'Jack Johnson', 'In Between Dreams', array['indie', 'folk', 'acoustic']::text[], array['happy', 'chill', 'calm', 'melancholic', 'sad', 'dreamy']::text[], 0.21, 0.378, 0.405, 111, false, 260000, 'en'),
  ('hiphop/kendrick-lamar/humble', 'HUMBLE.', 'Kendrick Lamar', 'DAMN.', array['hip hop', 'rap']::text[], array['energetic', 'workout', 'party', 'groovy']::text[], 0.807, 0.668, 0.892, 96, true, 232000, 'en'),
  ('hiphop/kendrick-lamar/alright', 'Alright', 'Kendrick Lamar', 'To Pimp a Butterfly', array['hip hop', 'rap']::text[], array['uplifting', 'energetic', 'workout', 'party', 'groovy']::text[], 0.801, 0.491, 0.837, 91, true, 247000, 'en'),
  ('hiphop/eminem/lose-yourself', 'Lose Yourself', 'Eminem', '8 Mile', array['hip hop', 'rap']::text[], array['uplifting', 'energetic', 'workout', 'party', 'groovy']::text[], 0.819, 0.583, 0.906, 94, true, 213000, 'en'),
  ('hiphop/eminem/till-i-collapse', 'Till I Collapse', 'Eminem', 'The Eminem Show', array['hip hop', 'rap']::text[], array['energetic', 'workout', 'party', 'groovy']::text[], 0.642, 0.364, 0.772, 89, true, 238000, 'en'),
  ('hiphop/kanye-west/stronger', 'Stronger', 'Kanye West', 'Graduation', array['hip hop', 'rap']::text[], array['energetic', 'workout', 'party', 'groovy']::text[], 0.786, 0.473, 0.747, 97, true, 240000, 'en'),
  ('hiphop/kanye-west/power', 'POWER', 'Kanye West', 'My Beautiful Dark Twisted Fantasy', array['hip hop', 'rap']::text[], array['energetic', 'workout', 'party', 'groovy']::text[], 0.845, 0.484, 0.858, 86, true, 266000, 'en'),
  ('hiphop/drake/god-s-plan', 'God''s Plan', 'Drake', 'Scorpion', array['hip hop', 'rap']::text[], array['energetic', 'workout', 'party', 'groovy']::text[], 0.736, 0.489, 0.88, 88, true, 226000, 'en'),
  ('hiphop/outkast/hey-ya', 'Hey Ya!', 'OutKast', 'Speakerboxxx/The Love Below', array['hip hop', 'rap']::text[], array['happy', 'energetic', 'workout', 'party', 'groovy']::text[], 0.601, 0.359, 0.77, 87, false, 207000, 'en'),
  ('hiphop/outkast/ms-jackson', 'Ms. Jackson', 'OutKast', 'Stankonia', array['hip hop', 'rap']::text[], array['energetic', 'workout', 'party', 'groovy']::text[], 0.821, 0.436, 0.719, 92, true, 274000, 'en'),
  ('hiphop/a-tribe-called-quest/can-i-kick-it', 'Can I Kick It?', 'A Tribe Called Quest', 'People''s Instinctive Travels and the Paths of Rhythm', array['hip hop', 'rap']::text[], array['chill', 'energetic', 'workout', 'party', 'groovy']::text[], 0.401, 0.492, 0.736, 87, false, 213000, 'en'),
  ('hiphop/the-notorious-b-i-g/juicy', 'Juicy', 'The Notorious B.I.G.', 'Ready to Die', array['hip hop', 'rap']::text[], array['energetic', 'workout', 'party', 'groovy']::text[], 0.854, 0.607, 0.868, 86, true, 275000, 'en'),
  ('hiphop/dr-dre-snoop-dogg/still-d-r-e', 'Still D.R.E.', 'Dr. Dre & Snoop Dogg', '2001', array['hip hop', 'rap']::text[], array['energetic', 'workout', 'party', 'groovy']::text[], 0.881, 0.408, 0.84, 89, true, 286000, 'en'),
  ('hiphop/travis-scott/sicko-mode', 'SICKO MODE', 'Travis Scott', 'ASTROWORLD', array['hip hop', 'rap']::text[], array['energetic', 'workout', 'party', 'groovy']::text[], 0.891, 0.407, 0.854, 95, true, 249000, 'en'),
  ('hiphop/lauryn-hill/doo-wop-that-thing', 'Doo Wop (That Thing)', 'Lauryn Hill', 'The Miseducation of Lauryn Hill', array['hip hop', 'rap']::text[], array['energetic', 'workout', 'party', 'groovy']::text[], 0.814, 0.678, 0.766, 93, false, 248000, 'en'),
  ('hiphop/mac-miller/good-news', 'Good News', 'Mac Miller', 'Circles', array['hip hop', 'rap']::text[], array['melancholic', 'energetic', 'workout', 'party', 'groovy']::text[], 0.455, 0.388, 0.646, 84, true, 289000, 'en'),
  ('hiphop/ice-cube/it-was-a-good-day', 'It Was a Good Day', 'Ice Cube', 'The Predator', array['hip hop', 'rap']::text[], array['chill', 'energetic', 'workout', 'party', 'groovy']::text[], 0.688, 0.39, 0.727, 100, true, 253000, 'en'),
  ('house/daft-punk/around-the-world', 'Around the World', 'Daft Punk', 'Homework', array['electronic', 'house', 'dance', 'edm']::text[], array['party', 'energetic', 'workout', 'happy']::text[], 0.868, 0.842, 0.765, 120, false, 307000, 'en'),
  ('house/avicii/levels', 'Levels', 'Avicii', 'Levels', array['electronic', 'house', 'dance', 'edm']::text[], array['party', 'energetic', 'workout', 'happy']::text[], 0.831, 0.638, 0.759, 125, false, 316000, null),
  ('house/avicii/wake-me-up', 'Wake Me Up', 'Avicii', 'True', array['electronic', 'house', 'dance', 'edm']::text[], array['party', 'energetic', 'workout', 'happy']::text[], 0.823, 0.643, 0.749, 121, false, 305000, 'en'),
  ('house/calvin-harris/summer', 'Summer', 'Calvin Harris', 'Motion', array['electronic', 'house', 'dance', 'edm']::text[], array['happy', 'party', 'energetic', 'workout']::text[], 0.822, 0.512, 0.813, 121, false, 288000, 'en'),
  ('house/david-guetta-sia/titanium', 'Titanium', 'David Guetta & Sia', 'Nothing but the Beat', array['electronic', 'house', 'dance', 'edm']::text[], array['party', 'energetic', 'workout', 'happy']::text[], 0.853, 0.739, 0.724, 123, false, 284000, 'en'),
  ('house/swedish-house-mafia/don-t-you-worry-child', 'Don''t You Worry Child', 'Swedish House Mafia', 'Until Now', array['electronic', 'house', 'dance', 'edm']::text[], array['uplifting', 'party', 'energetic', 'workout', 'happy']::text[], 0.771, 0.595, 0.727, 122, false, 325000, 'en'),
  ('house/fred-again-the-blessed-madonna/marea-we-ve-lost-dancing', 'Marea (we''ve lost dancing)', 'Fred again.. & The Blessed Madonna', 'Actual Life', array['electronic', 'house', 'dance', 'edm']::text[], array['party', 'energetic', 'workout', 'happy']::text[], 0.831, 0.657, 0.847, 123, false, 243000, 'en'),
  ('house/disclosure-sam-smith/latch', 'Latch', 'Disclosure & Sam Smith', 'Settle', array['electronic', 'house', 'dance', 'edm']::text[], array['party', 'energetic', 'workout', 'happy']::text[], 0.944, 0.805, 0.843, 127, false, 317000, 'en'),
  ('house/kygo-conrad-sewell/firestone', 'Firestone', 'Kygo & Conrad Sewell', 'Cloud Nine', array['electronic', 'house', 'dance', 'edm', 'tropical house']::text[], array['chill', 'party', 'energetic', 'workout', 'happy']::text[], 0.718, 0.61, 0.683, 116, false, 316000, 'en'),
  ('house/robin-s/show-me-love', 'Show Me Love', 'Robin S', 'Show Me Love', array['electronic', 'house', 'dance', 'edm']::text[], array['party', 'energetic', 'workout', 'happy']::text[], 0.903, 0.641, 0.755, 124, false, 266000, 'en'),
  ('house/stardust/music-sounds-better-with-you', 'Music Sounds Better with You', 'Stardust', null, array['electronic', 'house', 'dance', 'edm']::text[], array['party', 'energetic', 'workout', 'happy']::text[], 0.752, 0.687, 0.761, 123, false, 306000, 'en'),
  ('house/martin-garrix/animals', 'Animals', 'Martin Garrix', 'Animals', array['electronic', 'house', 'dance', 'edm']::text[], array['party', 'energetic', 'workout', 'happy']::text[], 0.862, 0.7, 0.853, 128, false, 307000, null),
  ('house/fatboy-slim/right-here-right-now', 'Right Here, Right Now', 'Fatboy Slim', 'You''ve Come a Long Way, Baby', array['electronic', 'house', 'dance', 'edm', 'big beat']::text[], array['party', 'energetic', 'workout', 'happy']::text[], 0.845, 0.607, 0.877, 126, false, 274000, 'en'),
  ('house/the-chemical-brothers/galvanize', 'Galvanize', 'The Chemical Brothers', 'Push the Button', array['electronic', 'house', 'dance', 'edm', 'big beat']::text[], array['party', 'energetic', 'workout', 'happy']::text[], 0.895, 0.571, 0.719, 123, false, 285000, 'en'),
  ('house/the-prodigy/firestarter', 'Firestarter', 'The Prodigy', 'The Fat of the Land', array['electronic', 'house', 'dance', 'edm', 'big beat']::text[], array['angry', 'party', 'energetic', 'workout', 'happy']::text[], 0.829, 0.514, 0.881, 128, false, 242000, 'en'),
  ('techno/deadmau5/strobe', 'Strobe', 'deadmau5', 'For Lack of a Better Name', array['electronic', 'techno', 'instrumental', 'progressive house']::text[], array['focus', 'energetic', 'workout', 'dark']::text[], 0.768, 0.391, 0.647, 122, false, 476000, null),
  ('techno/underworld/born-slippy-nuxx', 'Born Slippy .NUXX', 'Underworld', null, array['electronic', 'techno', 'instrumental']::text[], array['focus', 'energetic', 'workout', 'dark']::text[], 0.72, 0.397, 0.651, 134, false, 298000, 'en'),
  ('techno/plastikman/spastik', 'Spastik', 'Plastikman', 'Sheet One', array['electronic', 'techno', 'instrumental']::text[], array['focus', 'energetic', 'workout', 'dark']::text[], 0.653, 0.489, 0.609, 135, false, 365000, null),
  ('techno/aphex-twin/windowlicker', 'Windowlicker', 'Aphex Twin', 'Windowlicker', array['electronic', 'techno', 'instrumental']::text[], array['focus', 'energetic', 'workout', 'dark']::text[], 0.676, 0.334, 0.74, 133, false, 309000, null),
  ('techno/eric-prydz/opus', 'Opus', 'Eric Prydz', 'Opus', array['electronic', 'techno', 'instrumental']::text[], array['uplifting', 'focus', 'energetic', 'workout', 'dark']::text[], 0.829, 0.238, 0.787, 127, false, 386000, null),
  ('techno/moderat/bad-kingdom', 'Bad Kingdom', 'Moderat', 'II', array['electronic', 'techno', 'instrumental']::text[], array['focus', 'energetic', 'workout', 'dark']::text[], 0.683, 0.437, 0.773, 126, false, 370000, 'en'),
  ('techno/camelphat-elderbrook/cola', 'Cola', 'CamelPhat & Elderbrook', null, array['electronic', 'techno', 'instrumental', 'house']::text[], array['focus', 'energetic', 'workout', 'dark']::text[], 0.705, 0.268, 0.606, 121, false, 443000, 'en'),
  ('techno/rufus-du-sol/innerbloom', 'Innerbloom', 'RÜFÜS DU SOL', 'Bloom', array['electronic', 'techno', 'instrumental']::text[], array['dreamy', 'focus', 'energetic', 'workout', 'dark']::text[], 0.495, 0.369, 0.677, 117, false, 316000, 'en'),
  ('metal/metallica/enter-sandman', 'Enter Sandman', 'Metallica', 'Metallica', array['metal', 'rock']::text[], array['angry', 'workout', 'energetic', 'dark']::text[], 0.991, 0.267, 0.476, 160, false, 316000, 'en'),
  ('metal/metallica/master-of-puppets', 'Master of Puppets', 'Metallica', 'Master of Puppets', array['metal', 'rock']::text[], array['angry', 'workout', 'energetic', 'dark']::text[], 0.938, 0.287, 0.55, 171, false, 359000, 'en'),
  ('metal/iron-maiden/the-trooper', 'The Trooper', 'Iron Maiden', 'Piece of Mind', array['metal', 'rock']::text[], array['angry', 'workout', 'energetic', 'dark']::text[], 0.963, 0.266, 0.401, 152, false, 287000, 'en'),
  ('metal/black-sabbath/paranoid', 'Paranoid', 'Black Sabbath', 'Paranoid', array['metal', 'rock']::text[], array['angry', 'workout', 'energetic', 'dark']::text[], 0.852, 0.355, 0.462, 177, false, 245000, 'en'),
  ('metal/system-of-a-down/chop-suey', 'Chop Suey!', 'System of a Down', 'Toxicity', array['metal', 'rock']::text[], array['angry', 'workout', 'energetic', 'dark']::text[], 0.908, 0.383, 0.441, 171, true, 372000, 'en'),
  ('metal/slipknot/duality', 'Duality', 'Slipknot', 'Vol. 3: (The Subliminal Verses)', array['metal', 'rock']::text[], array['angry', 'workout', 'energetic', 'dark']::text[], 0.88, 0.181, 0.387, 127, true, 262000, 'en'),
  ('metal/linkin-park/numb', 'Numb', 'Linkin Park', 'Meteora', array['metal', 'rock', 'nu metal']::text[], array['angry', 'workout', 'energetic', 'dark']::text[], 0.921, 0.431, 0.369, 124, false, 366000, 'en'),
  ('metal/linkin-park/in-the-end', 'In the End', 'Linkin Park', 'Hybrid Theory', array['metal', 'rock', 'nu metal']::text[], array['angry', 'workout', 'energetic', 'dark']::text[], 0.91, 0.161, 0.423, 168, false, 305000, 'en'),
  ('metal/rage-against-the-machine/killing-in-the-name', 'Killing in the Name', 'Rage Against the Machine', 'Rage Against the Machine', array['metal', 'rock']::text[], array['angry', 'workout', 'energetic', 'dark']::text[], 0.954, 0.335, 0.513, 130, true, 257000, 'en'),
  ('metal/rammstein/du-hast', 'Du hast', 'Rammstein', 'Sehnsucht', array['metal', 'rock']::text[], array['angry', 'workout', 'energetic', 'dark']::text[], 0.971, 0.322, 0.381, 175, false, 269000, 'de'),
  ('metal/rammstein/sonne', 'Sonne', 'Rammstein', 'Mutter', array['metal', 'rock']::text[], array['angry', 'workout', 'energetic', 'dark']::text[], 0.919, 0.348, 0.487, 108, false, 263000, 'de'),
  ('reggae/bob-marley-the-wailers/three-little-birds', 'Three Little Birds', 'Bob Marley & The Wailers', 'Exodus', array['reggae']::text[], array['chill', 'happy', 'uplifting', 'groovy']::text[], 0.411, 0.807, 0.768, 77, false, 247000, 'en'),
  ('reggae/bob-marley-the-wailers/is-this-love', 'Is This Love', 'Bob Marley & The Wailers', 'Kaya', array['reggae']::text[], array['romantic', 'chill', 'happy', 'uplifting', 'groovy']::text[], 0.56, 0.811, 0.775, 71, false, 218000, 'en'),
  ('reggae/bob-marley-the-wailers/redemption-song', 'Redemption Song', 'Bob Marley & The Wailers', 'Uprising', array['reggae', 'acoustic']::text[], array['chill', 'happy', 'uplifting', 'groovy']::text[], 0.264, 0.615, 0.759, 79, false, 225000, 'en'),
  ('reggae/bob-marley-the-wailers/could-you-be-loved', 'Could You Be Loved', 'Bob Marley & The Wailers', 'Uprising', array['reggae']::text[], array['party', 'chill', 'happy', 'uplifting', 'groovy']::text[], 0.773, 0.804, 0.789, 80, false, 204000, 'en'),
  ('reggae/jimmy-cliff/the-harder-they-come', 'The Harder They Come', 'Jimmy Cliff', 'The Harder They Come', array['reggae']::text[], array['chill', 'happy', 'uplifting', 'groovy']::text[], 0.541, 0.773, 0.733, 71, false, 191000, 'en'),
  ('reggae/toots-the-maytals/pressure-drop', 'Pressure Drop', 'Toots & The Maytals', 'Funky Kingston', array['reggae']::text[], array['chill', 'happy', 'uplifting', 'groovy']::text[], 0.492, 0.811, 0.832, 83, false, 247000, 'en'),
  ('reggae/ub40/red-red-wine', 'Red Red Wine', 'UB40', 'Labour of Love', array['reggae']::text[], array['chill', 'happy', 'uplifting', 'groovy']::text[], 0.465, 0.623, 0.815, 88, false, 208000, 'en'),
  ('reggae/damian-marley/welcome-to-jamrock', 'Welcome to Jamrock', 'Damian Marley', 'Welcome to Jamrock', array['reggae']::text[], array['chill', 'happy', 'uplifting', 'groovy']::text[], 0.472, 0.841, 0.843, 74, true, 220000, 'en'),
  ('reggae/chronixx/skankin-sweet', 'Skankin'' Sweet', 'Chronixx', 'Chronology', array['reggae']::text[], array['chill', 'happy', 'uplifting', 'groovy']::text[], 0.61, 0.611, 0.826, 84, false, 206000, 'en'),
  ('blues/b-b-king/the-thrill-is-gone', 'The Thrill Is Gone', 'B.B. King', 'Completely Well', array['blues']::text[], array['melancholic', 'groovy', 'sad', 'nostalgic']::text[], 0.337, 0.247, 0.465, 70, false, 232000, 'en'),
  ('blues/muddy-waters/mannish-boy', 'Mannish Boy', 'Muddy Waters', null, array['blues']::text[], array['melancholic', 'groovy', 'sad', 'nostalgic']::text[], 0.39, 0.558, 0.462, 77, false, 266000, 'en'),
  ('blues/muddy-waters/hoochie-coochie-man', 'Hoochie Coochie Man', 'Muddy Waters', null, array['blues']::text[], array['melancholic', 'groovy', 'sad', 'nostalgic']::text[], 0.58, 0.489, 0.544, 87, false, 196000, 'en'),
  ('blues/john-lee-hooker/boom-boom', 'Boom Boom', 'John Lee Hooker', null, array['blues']::text[], array['melancholic', 'groovy', 'sad', 'nostalgic']::text[], 0.762, 0.531, 0.534, 78, false, 259000, 'en'),
  ('blues/etta-james/i-d-rather-go-blind', 'I''d Rather Go Blind', 'Etta James', 'Tell Mama', array['blues']::text[], array['sad', 'melancholic', 'groovy', 'nostalgic']::text[], 0.293, 0.343, 0.551, 90, false, 205000, 'en'),
  ('blues/stevie-ray-vaughan-double-trouble/pride-and-joy', 'Pride and Joy', 'Stevie Ray Vaughan & Double Trouble', 'Texas Flood', array['blues']::text[], array['melancholic', 'groovy', 'sad', 'nostalgic']::text[], 0.806, 0.638, 0.699, 122, false, 249000, 'en'),
  ('blues/robert-johnson/cross-road-blues', 'Cross Road Blues', 'Robert Johnson', null, array['blues']::text[], array['melancholic', 'groovy', 'sad', 'nostalgic']::text[], 0.574, 0.466, 0.595, 81, false, 214000, 'en'),
  ('blues/howlin-wolf/smokestack-lightnin', 'Smokestack Lightnin''', 'Howlin'' Wolf', null, array['blues']::text[], array['melancholic', 'groovy', 'sad', 'nostalgic']::text[], 0.549, 0.539, 0.61, 90, false, 204000, 'en'),
  ('blues/gary-clark-jr/bright-lights', 'Bright Lights', 'Gary Clark Jr.', 'Blak and Blu', array['blues']::text[], array['melancholic', 'groovy', 'sad', 'nostalgic']::text[], 0.663, 0.513, 0.592, 84, false, 214000, 'en'),
  ('country/johnny-cash/ring-of-fire', 'Ring of Fire', 'Johnny Cash', 'Ring of Fire: The Best of Johnny Cash', array['country']::text[], array['driving', 'happy', 'nostalgic', 'uplifting']::text[], 0.769, 0.6, 0.518, 139, false, 218000, 'en'),
  ('country/johnny-cash/hurt', 'Hurt', 'Johnny Cash', 'American IV: The Man Comes Around', array['country']::text[], array['sad', 'driving', 'happy', 'nostalgic', 'uplifting']::text[], 0.261, 0.408, 0.632, 84, false, 234000, 'en'),
  ('country/dolly-parton/jolene', 'Jolene', 'Dolly Parton', 'Jolene', array['country']::text[], array['driving', 'happy', 'nostalgic', 'uplifting']::text[], 0.72, 0.455, 0.616, 114, false, 208000, 'en'),
  ('country/dolly-parton/9-to-5', '9 to 5', 'Dolly Parton', '9 to 5 and Odd Jobs', array['country']::text[], array['driving', 'happy', 'nostalgic', 'uplifting']::text[], 0.912, 0.884, 0.587, 104, false, 228000, 'en'),
  ('country/kacey-musgraves/slow-burn', 'Slow Burn', 'Kacey Musgraves', 'Golden Hour', array['country']::text[], array['chill', 'driving', 'happy', 'nostalgic', 'uplifting']::text[], 0.42, 0.647, 0.636, 96, false, 215000, 'en'),
  ('country/chris-stapleton/tennessee-whiskey', 'Tennessee Whiskey', 'Chris Stapleton', 'Traveller', array['country']::text[], array['romantic', 'driving', 'happy', 'nostalgic', 'uplifting']::text[], 0.524, 0.702, 0.52, 109, false, 209000, 'en'),
  ('country/willie-nelson/on-the-road-again', 'On the Road Again', 'Willie Nelson', 'Honeysuckle Rose', array['country']::text[], array['driving', 'happy', 'nostalgic', 'uplifting']::text[], 0.743, 0.793, 0.584, 109, false, 225000, 'en'),
  ('country/luke-combs/fast-car', 'Fast Car', 'Luke Combs', 'Gettin'' Old', array['country']::text[], array['driving', 'happy', 'nostalgic', 'uplifting']::text[], 0.602, 0.65, 0.619, 130, false, 202000, 'en'),
  ('country/shania-twain/man-i-feel-like-a-woman', 'Man! I Feel Like a Woman!', 'Shania Twain', 'Come On Over', array['country']::text[], array['party', 'driving', 'happy', 'nostalgic', 'uplifting']::text[], 0.821, 0.903, 0.695, 110, false, 201000, 'en'),
  ('country/john-denver/take-me-home-country-roads', 'Take Me Home, Country Roads', 'John Denver', 'Poems, Prayers & Promises', array['country']::text[], array['driving', 'happy', 'nostalgic', 'uplifting']::text[], 0.541, 0.694, 0.572, 110, false, 182000, 'en'),
  ('kpop/bts/dynamite', 'Dynamite', 'BTS', 'BE', array['k-pop', 'pop']::text[], array['party', 'energetic', 'happy', 'workout']::text[], 0.833, 0.808, 0.877, 101, false, 203000, 'en'),
  ('kpop/bts/butter', 'Butter', 'BTS', 'Butter', array['k-pop', 'pop']::text[], array['party', 'energetic', 'happy', 'workout']::text[], 0.871, 0.595, 0.769, 116, false, 211000, 'en'),
  ('kpop/blackpink/ddu-du-ddu-du', 'DDU-DU DDU-DU', 'BLACKPINK', 'Square Up', array['k-pop', 'pop']::text[], array['party', 'energetic', 'happy', 'workout']::text[], 0.773, 0.844, 0.814, 116, false, 197000, 'ko'),
  ('kpop/blackpink/how-you-like-that', 'How You Like That', 'BLACKPINK', 'The Album', array['k-pop', 'pop']::text[], array['party', 'energetic', 'happy', 'workout']::text[], 0.894, 0.625, 0.773, 107, false, 206000, 'ko'),
  ('kpop/psy/gangnam-style', 'Gangnam Style', 'PSY', 'PSY 6 (Six Rules), Part 1', array['k-pop', 'pop']::text[], array['party', 'energetic', 'happy', 'workout']::text[], 0.799, 0.87, 0.879, 104, false, 197000, 'ko'),
  ('kpop/newjeans/hype-boy', 'Hype Boy', 'NewJeans', 'New Jeans', array['k-pop', 'pop']::text[], array['party', 'energetic', 'happy', 'workout']::text[], 0.761, 0.684, 0.859, 123, false, 196000, 'ko'),
  ('kpop/newjeans/ditto', 'Ditto', 'NewJeans', 'OMG', array['k-pop', 'pop']::text[], array['dreamy', 'party', 'energetic', 'happy', 'workout']::text[], 0.653, 0.503, 0.814, 110, false, 229000, 'ko'),
  ('kpop/twice/tt', 'TT', 'TWICE', 'TWICEcoaster: Lane 1', array['k-pop', 'pop']::text[], array['party', 'energetic', 'happy', 'workout']::text[], 0.783, 0.71, 0.737, 108, false, 208000, 'ko'),
  ('kpop/iu/through-the-night', 'Through the Night', 'IU', 'Palette', array['k-pop', 'pop', 'ballad']::text[], array['calm', 'party', 'energetic', 'happy', 'workout']::text[], 0.59, 0.774, 0.683, 110, false, 192000, 'ko'),
  ('kpop/bigbang/fantastic-baby', 'Fantastic Baby', 'BIGBANG', 'Alive', array['k-pop', 'pop']::text[], array['party', 'energetic', 'happy', 'workout']::text[], 0.905, 0.734, 0.83, 121, false, 222000, 'ko'),
  ('funk/earth-wind-fire/september', 'September', 'Earth, Wind & Fire', 'The Best of Earth, Wind & Fire, Vol. 1', array['funk', 'disco', 'soul']::text[], array['party', 'groovy', 'happy', 'energetic']::text[], 0.869, 0.89, 0.862, 118, false, 274000, 'en'),
  ('funk/chic/le-freak', 'Le Freak', 'Chic', 'C''est Chic', array['funk', 'disco', 'soul']::text[], array['party', 'groovy', 'happy', 'energetic']::text[], 0.837, 0.825, 0.869, 111, false, 276000, 'en'),
  ('funk/bee-gees/stayin-alive', 'Stayin'' Alive', 'Bee Gees', 'Saturday Night Fever', array['funk', 'disco', 'soul']::text[], array['party', 'groovy', 'happy', 'energetic']::text[], 0.868, 0.795, 0.863, 115, false, 300000, 'en'),
  ('funk/donna-summer/i-feel-love', 'I Feel Love', 'Donna Summer', 'I Remember Yesterday', array['funk', 'disco', 'soul', 'electronic']::text[], array['party', 'groovy', 'happy', 'energetic']::text[], 0.806, 0.905, 0.809, 109, false, 222000, 'en'),
  ('funk/gloria-gaynor/i-will-survive', 'I Will Survive', 'Gloria Gaynor', 'Love Tracks', array['funk', 'disco', 'soul']::text[], array['uplifting', 'party', 'groovy', 'happy', 'energetic']::text[], 0.889, 0.848, 0.771, 115, false, 297000, 'en'),
  ('funk/michael-jackson/don-t-stop-til-you-get-enough', 'Don''t Stop ''Til You Get Enough', 'Michael Jackson', 'Off the Wall', array['funk', 'disco', 'soul']::text[], array['party', 'groovy', 'happy', 'energetic']::text[], 0.833, 0.787, 0.89, 109, false, 318000, 'en'),
  ('funk/michael-jackson/billie-jean', 'Billie Jean', 'Michael Jackson', 'Thriller', array['funk', 'disco', 'soul', 'pop']::text[], array['party', 'groovy', 'happy', 'energetic']::text[], 0.804, 0.95, 0.903, 120, false, 221000, 'en'),
  ('funk/stevie-wonder/superstition', 'Superstition', 'Stevie Wonder', 'Talking Book', array['funk', 'disco', 'soul']::text[], array['party', 'groovy', 'happy', 'energetic']::text[], 0.899, 0.967, 0.771, 119, false, 275000, 'en'),
  ('funk/prince/kiss', 'Kiss', 'Prince', 'Parade', array['funk', 'disco', 'soul']::text[], array['party', 'groovy', 'happy', 'energetic']::text[], 0.899, 0.967, 0.821, 111, false, 292000, 'en'),
  ('funk/james-brown/get-up-i-feel-like-being-a-sex-machine', 'Get Up (I Feel Like Being a) Sex Machine', 'James Brown', null, array['funk', 'disco', 'soul']::text[], array['party', 'groovy', 'happy', 'energetic']::text[], 0.792, 0.954, 0.867, 109, false, 262000, 'en'),
  ('funk/kool-the-gang/celebration', 'Celebration', 'Kool & The Gang', 'Celebrate!', array['funk', 'disco', 'soul']::text[], array['party', 'groovy', 'happy', 'energetic']::text[], 0.748, 0.957, 0.876, 106, false, 294000, 'en'),
  ('funk/jamiroquai/virtual-insanity', 'Virtual Insanity', 'Jamiroquai', 'Travelling Without Moving', array['funk', 'disco', 'soul']::text[], array['party', 'groovy', 'happy', 'energetic']::text[], 0.707, 0.903, 0.781, 106, false, 308000, 'en'),
  ('italian/domenico-modugno/nel-blu-dipinto-di-blu', 'Nel blu dipinto di blu', 'Domenico Modugno', null, array['italian pop', 'cantautore', 'italian']::text[], array['happy', 'romantic', 'nostalgic', 'calm']::text[], 0.609, 0.714, 0.622, 106, false, 226000, 'it'),
  ('italian/lucio-dalla/caruso', 'Caruso', 'Lucio Dalla', null, array['italian pop', 'cantautore', 'italian']::text[], array['melancholic', 'romantic', 'nostalgic', 'happy', 'calm']::text[], 0.335, 0.585, 0.475, 112, false, 211000, 'it'),
  ('italian/andrea-bocelli/con-te-partiro', 'Con te partirò', 'Andrea Bocelli', 'Bocelli', array['italian pop', 'cantautore', 'italian', 'classical crossover']::text[], array['romantic', 'nostalgic', 'happy', 'calm']::text[], 0.526, 0.607, 0.598, 103, false, 224000, 'it'),
  ('italian/maneskin/zitti-e-buoni', 'Zitti e buoni', 'Måneskin', 'Teatro d''ira: Vol. I', array['italian pop', 'cantautore', 'italian', 'rock']::text[], array['energetic', 'romantic', 'nostalgic', 'happy', 'calm']::text[], 0.655, 0.76, 0.678, 89, false, 201000, 'it'),
  ('italian/eros-ramazzotti/piu-bella-cosa', 'Più bella cosa', 'Eros Ramazzotti', 'Dove c''è musica', array['italian pop', 'cantautore', 'italian']::text[], array['romantic', 'nostalgic', 'happy', 'calm']::text[], 0.617, 0.538, 0.691, 92, false, 191000, 'it'),
  ('italian/laura-pausini/la-solitudine', 'La solitudine', 'Laura Pausini', 'Laura Pausini', array['italian pop', 'cantautore', 'italian']::text[], array['sad', 'romantic', 'nostalgic', 'happy', 'calm']::text[], 0.293, 0.541, 0.402, 94, false, 216000, 'it'),
  ('italian/adriano-celentano/azzurro', 'Azzurro', 'Adriano Celentano', null, array['italian pop', 'cantautore', 'italian']::text[], array['romantic', 'nostalgic', 'happy', 'calm']::text[], 0.479, 0.476, 0.602, 102, false, 224000, 'it'),
  ('italian/mahmood/soldi', 'Soldi', 'Mahmood', 'Gioventù bruciata', array['italian pop', 'cantautore', 'italian']::text[], array['romantic', 'nostalgic', 'happy', 'calm']::text[], 0.51, 0.727, 0.597, 85, false, 204000, 'it'),
  ('japanese/mariya-takeuchi/plastic-love', 'Plastic Love', 'Mariya Takeuchi', 'Variety', array['j-pop', 'city pop', 'japanese']::text[], array['nostalgic', 'dreamy', 'chill', 'happy']::text[], 0.563, 0.41, 0.602, 125, false, 253000, 'ja'),
  ('japanese/tatsuro-yamashita/ride-on-time', 'Ride on Time', 'Tatsuro Yamashita', 'Ride on Time', array['j-pop', 'city pop', 'japanese']::text[], array['nostalgic', 'dreamy', 'chill', 'happy']::text[], 0.826, 0.766, 0.749, 127, false, 205000, 'ja'),
  ('japanese/hikaru-utada/first-love', 'First Love', 'Hikaru Utada', 'First Love', array['j-pop', 'city pop', 'japanese']::text[], array['sad', 'nostalgic', 'dreamy', 'chill', 'happy']::text[], 0.401, 0.624, 0.593, 86, false, 197000, 'ja'),
  ('japanese/kyu-sakamoto/sukiyaki', 'Sukiyaki', 'Kyu Sakamoto', null, array['j-pop', 'city pop', 'japanese']::text[], array['nostalgic', 'dreamy', 'chill', 'happy']::text[], 0.485, 0.509, 0.692, 112, false, 230000, 'ja'),
  ('japanese/yoasobi/idol', 'Idol', 'YOASOBI', null, array['j-pop', 'city pop', 'japanese']::text[], array['energetic', 'nostalgic', 'dreamy', 'chill', 'happy']::text[], 0.776, 0.509, 0.603, 130, false, 195000, 'ja'),
  ('japanese/miki-matsubara/mayonaka-no-door-stay-with-me', 'Mayonaka no Door (Stay With Me)', 'Miki Matsubara', 'Pocket Park', array['j-pop', 'city pop', 'japanese']::text[], array['nostalgic', 'dreamy', 'chill', 'happy']::text[], 0.415, 0.584, 0.584, 113, false, 225000, 'ja'),
  ('afro/fela-kuti/water-no-get-enemy', 'Water No Get Enemy', 'Fela Kuti', 'Expensive Shit', array['afrobeats', 'afrobeat', 'african']::text[], array['party', 'groovy', 'happy', 'chill']::text[], 0.712, 0.638, 0.848, 108, false, 261000, 'en'),
  ('afro/burna-boy/last-last', 'Last Last', 'Burna Boy', 'Love, Damini', array['afrobeats', 'afrobeat', 'african']::text[], array['party', 'groovy', 'happy', 'chill']::text[], 0.691, 0.619, 0.763, 101, true, 253000, 'en'),
  ('afro/wizkid-tems/essence', 'Essence', 'Wizkid & Tems', 'Made in Lagos', array['afrobeats', 'afrobeat', 'african']::text[], array['romantic', 'chill', 'party', 'groovy', 'happy']::text[], 0.355, 0.765, 0.814, 96, false, 302000, 'en'),
  ('afro/miriam-makeba/pata-pata', 'Pata Pata', 'Miriam Makeba', 'Pata Pata', array['afrobeats', 'afrobeat', 'african']::text[], array['happy', 'party', 'groovy', 'chill']::text[], 0.638, 0.846, 0.845, 115, false, 192000, 'xh'),
  ('afro/amadou-mariam/dimanche-a-bamako', 'Dimanche à Bamako', 'Amadou & Mariam', 'Dimanche à Bamako', array['afrobeats', 'afrobeat', 'african']::text[], array['party', 'groovy', 'happy', 'chill']::text[], 0.619, 0.634, 0.849, 98, false, 186000, 'fr'),
  ('afro/rema/calm-down', 'Calm Down', 'Rema', 'Rave & Roses', array['afrobeats', 'afrobeat', 'african']::text[], array['party', 'groovy', 'happy', 'chill']::text[], 0.661, 0.698, 0.864, 111, false, 260000, 'en'),
  ('afro/master-kg-nomcebo-zikode/jerusalema', 'Jerusalema', 'Master KG & Nomcebo Zikode', null, array['afrobeats', 'afrobeat', 'african', 'amapiano']::text[], array['party', 'groovy', 'happy', 'chill']::text[], 0.801, 0.777, 0.764, 95, false, 182000, 'zu')
) as v (external_id, title, artist, album, genres, moods, energy, valence, danceability, tempo,
        explicit, duration_ms, language)
on conflict (source, external_id) do update
  set title = excluded.title, artist = excluded.artist, album = excluded.album,
      genres = excluded.genres, moods = excluded.moods, energy = excluded.energy,
      valence = excluded.valence, danceability = excluded.danceability, tempo = excluded.tempo,
      explicit = excluded.explicit, duration_ms = excluded.duration_ms,
      language = excluded.language;
-- catalogue:end
