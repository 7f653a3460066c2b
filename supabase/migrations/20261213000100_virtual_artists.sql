-- Virtual artists (issue 16): AI personas owned by a person, versioned (every change a new version
-- with its diff and cause), with a content calendar, imported performance data and charts, and
-- evolution plans from a weekly analysis on the `artists` queue (staged jobs: analysing →
-- planning → `ready`; large imports: importing → `done`). Members an owner invites read an artist
-- and everything under it; only the owner changes anything. Every write that must stay consistent
-- (a version, an import, a decision) is one function below. Errors follow lib/ports/db/errors.ts
-- (SC400/403/404/409 with the field in DETAIL).

-- queue and notices ---------------------------------------------------------------------------------------
-- The owner hears when the weekly analysis proposed changes (a plan they asked for, they watch).
insert into public.notification_kinds
  (kind, label, description, position, default_email, sms_available, email_digest) values
  ('artist_plan', 'Virtual artists', 'The weekly analysis proposed changes to one of your artists',
   240, true, false, false)
on conflict (kind) do update set label = excluded.label, description = excluded.description,
  position = excluded.position, default_email = excluded.default_email,
  sms_available = excluded.sms_available, email_digest = excluded.email_digest;

do $$
declare q text;
begin
  foreach q in array array['artists', 'artists_dlq'] loop
    if not exists (select from pgmq.meta m where m.queue_name = q) then
      perform pgmq.create(q);
    end if;
  end loop;
end $$;

-- tables -------------------------------------------------------------------------------------------------
create table if not exists public.artists (
  id uuid not null default gen_random_uuid(),
  owner_id uuid not null,
  name text not null,
  brief jsonb not null,                        -- Brief (lib/domains/artists/types.ts)
  persona jsonb not null,                      -- the current version's Persona
  version integer not null default 1,
  avatar_path text,                            -- in the artist-art bucket
  cover_path text,
  art_source text,                             -- 'live' (image provider) | 'offline' (drawn SVG)
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint artists_pkey primary key (id),
  constraint artists_owner_id_fkey foreign key (owner_id) references public.profiles (id)
    on delete cascade,
  constraint artists_name_length check (char_length(btrim(name)) between 1 and 60),
  constraint artists_brief_check check (
    jsonb_typeof(brief) = 'object' and pg_column_size(brief) <= 4096),
  constraint artists_persona_check check (
    jsonb_typeof(persona) = 'object' and pg_column_size(persona) <= 16384),
  constraint artists_version_check check (version >= 1),
  constraint artists_art_source_check check (art_source is null or art_source in ('live', 'offline')),
  constraint artists_paths_length check (
    coalesce(char_length(avatar_path), 0) <= 300 and coalesce(char_length(cover_path), 0) <= 300)
);
create index if not exists artists_owner_id_created_at_idx
  on public.artists (owner_id, created_at desc, id desc);

create table if not exists public.artist_versions (
  artist_id uuid not null,
  version integer not null,
  persona jsonb not null,
  cause text not null,                         -- created | edited | plan | rollback
  note text,                                   -- in words: the approved item, the version restored
  diff jsonb not null default '[]',            -- DiffLine[] against the version before
  author_id uuid,                              -- the person who made or approved the change
  plan_item_id uuid,
  created_at timestamptz not null default now(),
  constraint artist_versions_pkey primary key (artist_id, version),
  constraint artist_versions_artist_id_fkey foreign key (artist_id) references public.artists (id)
    on delete cascade,
  constraint artist_versions_author_id_fkey foreign key (author_id) references public.profiles (id)
    on delete set null,
  constraint artist_versions_cause_check check (cause in ('created', 'edited', 'plan', 'rollback')),
  constraint artist_versions_persona_check check (
    jsonb_typeof(persona) = 'object' and pg_column_size(persona) <= 16384),
  constraint artist_versions_diff_check check (
    jsonb_typeof(diff) = 'array' and pg_column_size(diff) <= 32768),
  constraint artist_versions_note_length check (note is null or char_length(note) <= 300)
);

create table if not exists public.artist_members (
  artist_id uuid not null,
  user_id uuid not null,
  added_by uuid,
  created_at timestamptz not null default now(),
  constraint artist_members_pkey primary key (artist_id, user_id),
  constraint artist_members_artist_id_fkey foreign key (artist_id) references public.artists (id)
    on delete cascade,
  constraint artist_members_user_id_fkey foreign key (user_id) references public.profiles (id)
    on delete cascade,
  constraint artist_members_added_by_fkey foreign key (added_by) references public.profiles (id)
    on delete set null
);
create index if not exists artist_members_user_id_idx on public.artist_members (user_id);

-- A released track: made in the studio (song_id) or elsewhere (features entered by hand).
create table if not exists public.artist_tracks (
  id uuid not null default gen_random_uuid(),
  artist_id uuid not null,
  title text not null,
  track_key text not null,                     -- lower(btrim(title)): how imports find it
  song_id uuid,
  features jsonb,                              -- TrackFeatures entered by hand; null: from the song
  released_on date,
  created_at timestamptz not null default now(),
  constraint artist_tracks_pkey primary key (id),
  constraint artist_tracks_artist_id_fkey foreign key (artist_id) references public.artists (id)
    on delete cascade,
  constraint artist_tracks_song_id_fkey foreign key (song_id) references public.songs (id)
    on delete set null,
  constraint artist_tracks_artist_id_track_key_key unique (artist_id, track_key),
  constraint artist_tracks_title_length check (char_length(btrim(title)) between 1 and 200),
  constraint artist_tracks_track_key_check check (track_key = lower(btrim(title))),
  constraint artist_tracks_features_check check (
    features is null or (jsonb_typeof(features) = 'object' and pg_column_size(features) <= 4096))
);
create index if not exists artist_tracks_song_id_idx on public.artist_tracks (song_id)
  where song_id is not null;

-- One row per track, day and country, as the streaming services export them.
create table if not exists public.artist_metrics (
  artist_id uuid not null,
  track_id uuid not null,
  day date not null,
  country text not null,
  streams integer not null,
  listeners integer not null,
  saves integer not null,
  skips integer not null,
  followers integer not null,
  constraint artist_metrics_pkey primary key (artist_id, track_id, day, country),
  constraint artist_metrics_artist_id_fkey foreign key (artist_id) references public.artists (id)
    on delete cascade,
  constraint artist_metrics_track_id_fkey foreign key (track_id) references public.artist_tracks (id)
    on delete cascade,
  constraint artist_metrics_country_check check (country ~ '^[A-Z]{2}$'),
  constraint artist_metrics_counts_check check (
    streams >= 0 and listeners >= 0 and saves >= 0 and skips >= 0 and followers >= 0)
);
create index if not exists artist_metrics_track_id_idx on public.artist_metrics (track_id);

-- Weekly charts an owner imported for an artist's markets.
create table if not exists public.artist_chart_entries (
  artist_id uuid not null,
  country text not null,
  week date not null,
  rank integer not null,
  track text not null,
  artist_name text not null,
  genre text not null,
  streams integer not null,
  constraint artist_chart_entries_pkey primary key (artist_id, country, week, rank),
  constraint artist_chart_entries_artist_id_fkey foreign key (artist_id)
    references public.artists (id) on delete cascade,
  constraint artist_chart_entries_country_check check (country ~ '^([A-Z]{2}|GLOBAL)$'),
  constraint artist_chart_entries_rank_check check (rank between 1 and 500),
  constraint artist_chart_entries_streams_check check (streams >= 0),
  constraint artist_chart_entries_text_length check (
    char_length(track) between 1 and 200 and char_length(artist_name) between 1 and 200
    and char_length(genre) between 1 and 60)
);

-- The competitor summary of the artist's market, kept until the charts it was written from
-- change (the trends page would otherwise ask the AI on every visit). Written by the server.
create table if not exists public.artist_summaries (
  artist_id uuid not null,
  market text not null,
  charts_key text not null,                    -- a hash of the chart rows summarised
  summary jsonb not null,                      -- CompetitorSummary
  source text not null,
  created_at timestamptz not null default now(),
  constraint artist_summaries_pkey primary key (artist_id),
  constraint artist_summaries_artist_id_fkey foreign key (artist_id)
    references public.artists (id) on delete cascade,
  constraint artist_summaries_source_check check (source in ('live', 'offline')),
  constraint artist_summaries_summary_check check (
    jsonb_typeof(summary) = 'object' and pg_column_size(summary) <= 32768),
  constraint artist_summaries_key_length check (char_length(charts_key) <= 100)
);

-- A CSV import: small files are applied in the request, large ones by a job (the row is the job).
create table if not exists public.artist_imports (
  id uuid not null default gen_random_uuid(),
  artist_id uuid not null,
  owner_id uuid not null,
  kind text not null,                          -- metrics | charts
  filename text not null,
  source text,                                 -- the CSV while a job has yet to import it
  status text not null default 'queued',
  stage text default 'importing',
  progress jsonb not null default '{}',
  error text,
  total integer,                               -- data rows in the file
  inserted integer,
  updated integer,
  unchanged integer,
  errors jsonb not null default '[]',          -- RowError[]
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  constraint artist_imports_pkey primary key (id),
  constraint artist_imports_artist_id_fkey foreign key (artist_id) references public.artists (id)
    on delete cascade,
  constraint artist_imports_owner_id_fkey foreign key (owner_id) references public.profiles (id)
    on delete cascade,
  constraint artist_imports_kind_check check (kind in ('metrics', 'charts')),
  constraint artist_imports_filename_length check (char_length(filename) between 1 and 200),
  constraint artist_imports_source_size check (
    source is null or octet_length(source) <= 20 * 1024 * 1024),
  constraint artist_imports_status_check check (
    status in ('queued', 'running', 'done', 'failed')),
  constraint artist_imports_stage_check check (
    (stage is null) = (status not in ('queued', 'running'))
    and (stage is null or stage = 'importing')),
  constraint artist_imports_progress_check check (
    jsonb_typeof(progress) = 'object' and pg_column_size(progress) <= 4096),
  constraint artist_imports_errors_check check (
    jsonb_typeof(errors) = 'array' and pg_column_size(errors) <= 65536),
  constraint artist_imports_error_length check (error is null or char_length(error) <= 500)
);
create index if not exists artist_imports_artist_id_created_at_idx
  on public.artist_imports (artist_id, created_at desc);

-- An evolution plan: the analysis and the proposals it led to (the row is the job).
create table if not exists public.artist_plans (
  id uuid not null default gen_random_uuid(),
  artist_id uuid not null,
  owner_id uuid not null,
  based_on_version integer not null,
  trigger text not null,                       -- person | weekly
  status text not null default 'queued',
  stage text default 'analysing',
  progress jsonb not null default '{}',
  error text,
  analysis jsonb,                              -- Analysis (lib/domains/artists/learn/analyze.ts)
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  constraint artist_plans_pkey primary key (id),
  constraint artist_plans_artist_id_fkey foreign key (artist_id) references public.artists (id)
    on delete cascade,
  constraint artist_plans_owner_id_fkey foreign key (owner_id) references public.profiles (id)
    on delete cascade,
  constraint artist_plans_trigger_check check (trigger in ('person', 'weekly')),
  constraint artist_plans_status_check check (status in ('queued', 'running', 'ready', 'failed')),
  constraint artist_plans_stage_check check (
    (stage is null) = (status not in ('queued', 'running'))
    and (stage is null or stage in ('analysing', 'planning'))),
  constraint artist_plans_progress_check check (
    jsonb_typeof(progress) = 'object' and pg_column_size(progress) <= 4096),
  constraint artist_plans_analysis_check check (
    analysis is null or (jsonb_typeof(analysis) = 'object' and pg_column_size(analysis) <= 262144)),
  constraint artist_plans_error_length check (error is null or char_length(error) <= 500)
);
create index if not exists artist_plans_artist_id_created_at_idx
  on public.artist_plans (artist_id, created_at desc);
-- One plan in progress per artist: a second request joins it.
create unique index if not exists artist_plans_one_running_idx on public.artist_plans (artist_id)
  where status in ('queued', 'running');

create table if not exists public.artist_plan_items (
  id uuid not null default gen_random_uuid(),
  plan_id uuid not null,
  artist_id uuid not null,
  position smallint not null,
  kind text not null,
  title text not null,
  change jsonb not null,                       -- Persona fields this item sets
  evidence jsonb not null,                     -- Evidence[]
  confidence text not null,
  decision text not null default 'pending',
  decided_by uuid,
  decided_at timestamptz,
  version integer,                             -- the version an approval made
  constraint artist_plan_items_pkey primary key (id),
  constraint artist_plan_items_plan_id_fkey foreign key (plan_id) references public.artist_plans (id)
    on delete cascade,
  constraint artist_plan_items_artist_id_fkey foreign key (artist_id)
    references public.artists (id) on delete cascade,
  constraint artist_plan_items_decided_by_fkey foreign key (decided_by)
    references public.profiles (id) on delete set null,
  constraint artist_plan_items_plan_id_position_key unique (plan_id, position),
  constraint artist_plan_items_kind_check check (
    kind in ('tempo', 'mood', 'genre', 'cadence', 'pillars')),
  constraint artist_plan_items_confidence_check check (confidence in ('low', 'medium', 'high')),
  constraint artist_plan_items_decision_check check (
    decision in ('pending', 'approved', 'rejected')),
  constraint artist_plan_items_decided_check check (
    (decision = 'pending') = (decided_at is null)),
  constraint artist_plan_items_title_length check (char_length(title) between 1 and 200),
  constraint artist_plan_items_change_check check (
    jsonb_typeof(change) = 'object' and pg_column_size(change) <= 8192),
  constraint artist_plan_items_evidence_check check (
    jsonb_typeof(evidence) = 'array' and pg_column_size(evidence) <= 32768)
);
create index if not exists artist_plan_items_artist_id_idx on public.artist_plan_items (artist_id);

-- The content calendar: releases (made in the studio) and posts.
create table if not exists public.artist_calendar (
  id uuid not null default gen_random_uuid(),
  artist_id uuid not null,
  kind text not null,                          -- release | post
  starts_at timestamptz not null,
  all_day boolean not null default false,
  title text not null,
  idea text,                                   -- a release: what the song is about
  caption text,                                -- a post
  hashtags text[] not null default '{}',
  visual text,                                 -- a post: the suggested picture
  pillar text,                                 -- a post: its content pillar
  song_id uuid,                                -- a release made in the studio
  created_at timestamptz not null default now(),
  constraint artist_calendar_pkey primary key (id),
  constraint artist_calendar_artist_id_fkey foreign key (artist_id) references public.artists (id)
    on delete cascade,
  constraint artist_calendar_song_id_fkey foreign key (song_id) references public.songs (id)
    on delete set null,
  constraint artist_calendar_kind_check check (kind in ('release', 'post')),
  constraint artist_calendar_text_length check (
    char_length(title) between 1 and 200 and coalesce(char_length(idea), 0) <= 500
    and coalesce(char_length(caption), 0) <= 2200 and coalesce(char_length(visual), 0) <= 400
    and coalesce(char_length(pillar), 0) <= 80 and cardinality(hashtags) <= 30)
);
create index if not exists artist_calendar_artist_id_starts_at_idx
  on public.artist_calendar (artist_id, starts_at);
create index if not exists artist_calendar_song_id_idx on public.artist_calendar (song_id)
  where song_id is not null;

-- The live image provider drawing an artist's art (the row is the job): the drawn SVG is stored
-- at once, the provider's pictures replace it when they come.
create table if not exists public.artist_drawings (
  id uuid not null default gen_random_uuid(),
  artist_id uuid not null,
  owner_id uuid not null,
  version integer not null,                    -- the persona version drawn
  status text not null default 'queued',
  stage text default 'drawing',
  progress jsonb not null default '{}',
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint artist_drawings_pkey primary key (id),
  constraint artist_drawings_artist_id_fkey foreign key (artist_id) references public.artists (id)
    on delete cascade,
  constraint artist_drawings_owner_id_fkey foreign key (owner_id) references public.profiles (id)
    on delete cascade,
  constraint artist_drawings_status_check check (status in ('queued', 'running', 'done', 'failed')),
  constraint artist_drawings_stage_check check (
    (stage is null) = (status not in ('queued', 'running'))
    and (stage is null or stage = 'drawing')),
  constraint artist_drawings_progress_check check (
    jsonb_typeof(progress) = 'object' and pg_column_size(progress) <= 4096),
  constraint artist_drawings_error_length check (error is null or char_length(error) <= 500)
);
create index if not exists artist_drawings_artist_id_created_at_idx
  on public.artist_drawings (artist_id, created_at desc);

-- A studio song made for an artist.
alter table public.songs add column if not exists artist_id uuid;
alter table public.songs drop constraint if exists songs_artist_id_fkey;
alter table public.songs add constraint songs_artist_id_fkey foreign key (artist_id)
  references public.artists (id) on delete set null;
create index if not exists songs_artist_id_idx on public.songs (artist_id) where artist_id is not null;

-- access -------------------------------------------------------------------------------------------------
/*
 * private.owns_artist(p_artist uuid) returns boolean
 * The caller owns the artist.
 */
create or replace function private.owns_artist(p_artist uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.artists a
                  where a.id = p_artist and a.owner_id = (select auth.uid()))
$$;

/*
 * private.can_read_artist(p_artist uuid) returns boolean
 * The caller owns the artist or was invited to it.
 */
create or replace function private.can_read_artist(p_artist uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.artists a
                  where a.id = p_artist and a.owner_id = (select auth.uid()))
      or exists (select 1 from public.artist_members m
                  where m.artist_id = p_artist and m.user_id = (select auth.uid()))
$$;

/*
 * private.artist_for_update(p_artist uuid) returns public.artists
 * The caller's artist, locked; SC404 `id` when it is not theirs (a member gets SC403).
 */
create or replace function private.artist_for_update(p_artist uuid) returns public.artists
language plpgsql security definer set search_path = '' as $$
declare
  a public.artists;
begin
  select * into a from public.artists where id = p_artist for update;
  if not found or (a.owner_id <> (select auth.uid()) and not private.can_read_artist(p_artist)) then
    raise exception using errcode = 'SC404', message = 'Artist not found', detail = 'id';
  end if;
  if a.owner_id <> (select auth.uid()) then
    raise exception using errcode = 'SC403', message = 'Only the artist''s owner can change it',
      detail = 'id';
  end if;
  return a;
end $$;

-- versions -----------------------------------------------------------------------------------------------
/*
 * public.create_artist(p_brief jsonb, p_persona jsonb, p_diff jsonb) returns uuid
 * A new artist of the caller's with version 1 (cause `created`). The persona was checked by the
 * guardrails in TypeScript (lib/domains/artists/persona/guardrails.ts) before this call.
 */
create or replace function public.create_artist(p_brief jsonb, p_persona jsonb, p_diff jsonb)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid;
  v_uid uuid := (select auth.uid());
begin
  if v_uid is null then
    raise exception using errcode = 'SC403', message = 'Sign in first', detail = 'id';
  end if;
  insert into public.artists (owner_id, name, brief, persona)
  values (v_uid, btrim(p_persona ->> 'name'), p_brief, p_persona)
  returning id into v_id;
  insert into public.artist_versions (artist_id, version, persona, cause, diff, author_id)
  values (v_id, 1, p_persona, 'created', coalesce(p_diff, '[]'), v_uid);
  return v_id;
end $$;

/*
 * public.artist_new_version(p_artist uuid, p_expected integer, p_persona jsonb, p_cause text,
 *   p_note text, p_diff jsonb, p_plan_item uuid) returns integer
 * The persona's next version: only when the current one is still `p_expected` (SC409 `version`
 * otherwise: someone changed it meanwhile). Returns the new version's number.
 */
create or replace function public.artist_new_version(
  p_artist uuid, p_expected integer, p_persona jsonb, p_cause text, p_note text, p_diff jsonb,
  p_plan_item uuid
) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  a public.artists := private.artist_for_update(p_artist);
begin
  if a.version <> p_expected then
    raise exception using errcode = 'SC409',
      message = 'The artist changed meanwhile: reload and try again', detail = 'version';
  end if;
  if p_cause not in ('edited', 'plan', 'rollback') then
    raise exception using errcode = 'SC400', message = 'Unknown cause', detail = 'cause';
  end if;
  insert into public.artist_versions (artist_id, version, persona, cause, note, diff, author_id,
                                      plan_item_id)
  values (a.id, a.version + 1, p_persona, p_cause, p_note, coalesce(p_diff, '[]'),
          (select auth.uid()), p_plan_item);
  update public.artists
     set persona = p_persona, name = btrim(p_persona ->> 'name'), version = a.version + 1
   where id = a.id;
  return a.version + 1;
end $$;

/*
 * public.decide_artist_plan_item(p_item uuid, p_decision text, p_version integer) returns void
 * Records the owner's decision on a pending item once (SC409 `decision` when already decided);
 * an approval names the version it made (artist_new_version, same transaction).
 */
create or replace function public.decide_artist_plan_item(
  p_item uuid, p_decision text, p_version integer
) returns void
language plpgsql security definer set search_path = '' as $$
declare
  i public.artist_plan_items;
begin
  select * into i from public.artist_plan_items where id = p_item for update;
  if not found or not private.can_read_artist(i.artist_id) then
    raise exception using errcode = 'SC404', message = 'No such proposal', detail = 'item';
  end if;
  perform private.artist_for_update(i.artist_id);
  if i.decision <> 'pending' then
    raise exception using errcode = 'SC409', message = format('This proposal was already %s',
      i.decision), detail = 'decision';
  end if;
  if p_decision not in ('approved', 'rejected') then
    raise exception using errcode = 'SC400', message = 'Approve or reject', detail = 'decision';
  end if;
  update public.artist_plan_items
     set decision = p_decision, decided_by = (select auth.uid()), decided_at = now(),
         version = case when p_decision = 'approved' then p_version end
   where id = p_item;
end $$;

/*
 * public.add_artist_member(p_artist uuid, p_email text) returns uuid
 * Invites the user with that e-mail address to read the artist (SC404 `email` when no account
 * has it); returns their id. Inviting twice changes nothing.
 */
create or replace function public.add_artist_member(p_artist uuid, p_email text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  a public.artists := private.artist_for_update(p_artist);
  v_user uuid;
begin
  select u.id into v_user from auth.users u where lower(u.email) = lower(btrim(p_email));
  if v_user is null or not exists (select 1 from public.profiles p where p.id = v_user) then
    raise exception using errcode = 'SC404', message = 'Nobody on Soundcheck uses that e-mail address',
      detail = 'email';
  end if;
  if v_user = a.owner_id then
    raise exception using errcode = 'SC400', message = 'You own this artist already', detail = 'email';
  end if;
  insert into public.artist_members (artist_id, user_id, added_by)
  values (a.id, v_user, (select auth.uid())) on conflict do nothing;
  return v_user;
end $$;

-- imports ------------------------------------------------------------------------------------------------
/*
 * private.artist_track_ids(p_artist uuid, p_titles text[]) returns table(track_key text, id uuid)
 * The artist's tracks by title, created for titles it does not have yet.
 */
create or replace function private.artist_track_ids(p_artist uuid, p_titles text[])
returns table (track_key text, id uuid)
language sql security definer set search_path = '' as $$
  insert into public.artist_tracks (artist_id, title, track_key)
  select p_artist, min(btrim(t)), lower(btrim(t)) from unnest(p_titles) t group by lower(btrim(t))
  on conflict (artist_id, track_key) do nothing;
  select k.track_key, k.id from public.artist_tracks k
   where k.artist_id = p_artist
     and k.track_key = any (select lower(btrim(t)) from unnest(p_titles) t);
$$;

/*
 * private.artist_upsert_metrics(p_artist uuid, p_track text[], p_day date[], p_country text[],
 *   p_streams int[], p_listeners int[], p_saves int[], p_skips int[], p_followers int[])
 * returns table(inserted integer, updated integer, unchanged integer)
 * Rows of an artist export, validated in TypeScript (lib/domains/artists/imports/metrics.ts):
 * new (track, day, country) rows are added, changed ones replaced, equal ones left alone, so the
 * same file twice changes nothing. All or nothing: one statement in the caller's transaction.
 * The owner calls it through public.import_artist_metrics; an import job as the server.
 */
create or replace function private.artist_upsert_metrics(
  p_artist uuid, p_track text[], p_day date[], p_country text[], p_streams integer[],
  p_listeners integer[], p_saves integer[], p_skips integer[], p_followers integer[]
) returns table (inserted integer, updated integer, unchanged integer)
language sql security definer set search_path = '' as $$
  with ids as (select * from private.artist_track_ids(p_artist, p_track)),
  up as (
    insert into public.artist_metrics as m (artist_id, track_id, day, country, streams, listeners,
                                            saves, skips, followers)
    select p_artist, ids.id, r.day, r.country, r.streams, r.listeners, r.saves, r.skips, r.followers
      from unnest(p_track, p_day, p_country, p_streams, p_listeners, p_saves, p_skips, p_followers)
             as r(track, day, country, streams, listeners, saves, skips, followers)
      join ids on ids.track_key = lower(btrim(r.track))
    on conflict (artist_id, track_id, day, country) do update
       set streams = excluded.streams, listeners = excluded.listeners, saves = excluded.saves,
           skips = excluded.skips, followers = excluded.followers
     where (m.streams, m.listeners, m.saves, m.skips, m.followers)
           is distinct from (excluded.streams, excluded.listeners, excluded.saves, excluded.skips,
                             excluded.followers)
    returning (xmax = 0) as fresh)
  select count(*) filter (where fresh)::integer, count(*) filter (where not fresh)::integer,
         (cardinality(p_track) - count(*))::integer
    from up
$$;

/*
 * public.import_artist_metrics(…same arguments…) returns table(inserted, updated, unchanged)
 * private.artist_upsert_metrics for the artist's owner (SC404/SC403 `id` for anyone else).
 */
create or replace function public.import_artist_metrics(
  p_artist uuid, p_track text[], p_day date[], p_country text[], p_streams integer[],
  p_listeners integer[], p_saves integer[], p_skips integer[], p_followers integer[]
) returns table (inserted integer, updated integer, unchanged integer)
language plpgsql security definer set search_path = '' as $$
begin
  perform private.artist_for_update(p_artist);
  return query select * from private.artist_upsert_metrics(p_artist, p_track, p_day, p_country,
    p_streams, p_listeners, p_saves, p_skips, p_followers);
end $$;

/*
 * private.artist_upsert_charts(p_artist uuid, p_country text[], p_week date[], p_rank int[],
 *   p_track text[], p_artist_name text[], p_genre text[], p_streams int[])
 * returns table(inserted integer, updated integer, unchanged integer)
 * Weekly chart rows, keyed by (country, week, rank), the same way as the metrics.
 */
create or replace function private.artist_upsert_charts(
  p_artist uuid, p_country text[], p_week date[], p_rank integer[], p_track text[],
  p_artist_name text[], p_genre text[], p_streams integer[]
) returns table (inserted integer, updated integer, unchanged integer)
language sql security definer set search_path = '' as $$
  with up as (
    insert into public.artist_chart_entries as c (artist_id, country, week, rank, track,
                                                  artist_name, genre, streams)
    select p_artist, r.country, r.week, r.rank, r.track, r.artist_name, r.genre, r.streams
      from unnest(p_country, p_week, p_rank, p_track, p_artist_name, p_genre, p_streams)
             as r(country, week, rank, track, artist_name, genre, streams)
    on conflict (artist_id, country, week, rank) do update
       set track = excluded.track, artist_name = excluded.artist_name, genre = excluded.genre,
           streams = excluded.streams
     where (c.track, c.artist_name, c.genre, c.streams)
           is distinct from (excluded.track, excluded.artist_name, excluded.genre, excluded.streams)
    returning (xmax = 0) as fresh)
  select count(*) filter (where fresh)::integer, count(*) filter (where not fresh)::integer,
         (cardinality(p_country) - count(*))::integer
    from up
$$;

/*
 * public.import_artist_charts(…same arguments…) returns table(inserted, updated, unchanged)
 * private.artist_upsert_charts for the artist's owner.
 */
create or replace function public.import_artist_charts(
  p_artist uuid, p_country text[], p_week date[], p_rank integer[], p_track text[],
  p_artist_name text[], p_genre text[], p_streams integer[]
) returns table (inserted integer, updated integer, unchanged integer)
language plpgsql security definer set search_path = '' as $$
begin
  perform private.artist_for_update(p_artist);
  return query select * from private.artist_upsert_charts(p_artist, p_country, p_week, p_rank,
    p_track, p_artist_name, p_genre, p_streams);
end $$;

-- analysis -----------------------------------------------------------------------------------------------
/*
 * private.artist_track_facts(p_artist uuid) returns table(...)
 * Per track: what is known of its sound (hand-entered features, else its studio song's plan and
 * latest hit-meter features), the posts planned in the 28 days from its release and the
 * performance summed over every country: totals, follower gain, streams per week.
 */
create or replace function private.artist_track_facts(p_artist uuid)
returns table (
  track text, features jsonb, plan jsonb, measured jsonb, posts integer, pillar text,
  streams bigint, listeners bigint, saves bigint, skips bigint, follower_gain bigint,
  weekly_streams bigint[]
)
language sql stable security definer set search_path = '' as $$
  -- The definitions of lib/domains/artists/learn/aggregate.ts (tests compare the two):
  -- follower gain per country (last day there minus first), summed; streams per ISO week from
  -- the week of the track's first day, empty weeks 0.
  with per_track as (
    select m.track_id, min(m.day) as first_day, max(m.day) as last_day,
           sum(m.streams) as streams, sum(m.listeners) as listeners, sum(m.saves) as saves,
           sum(m.skips) as skips
      from public.artist_metrics m where m.artist_id = p_artist group by m.track_id
  ), gains as (
    select g.track_id, sum(g.gain) as follower_gain
      from (select m.track_id,
                   (array_agg(m.followers order by m.day desc))[1]
                     - (array_agg(m.followers order by m.day))[1] as gain
              from public.artist_metrics m where m.artist_id = p_artist
             group by m.track_id, m.country) g
     group by g.track_id
  ), per_week as (
    select m.track_id, date_trunc('week', m.day)::date as wk, sum(m.streams) as streams
      from public.artist_metrics m where m.artist_id = p_artist group by m.track_id, 2
  ), weekly as (
    select t.track_id,
           array_agg(coalesce(w.streams, 0) order by g.wk) as weekly_streams
      from per_track t
      cross join lateral generate_series(date_trunc('week', t.first_day),
                                         date_trunc('week', t.last_day), interval '7 days') g(wk)
      left join per_week w on w.track_id = t.track_id and w.wk = g.wk::date
     group by t.track_id
  )
  select k.title, k.features, s.plan,
         (select mt.features from public.song_meters mt
           where mt.song_id = k.song_id and mt.features is not null
           order by mt.created_at desc limit 1),
         (select count(*)::integer from public.artist_calendar c
           where c.artist_id = p_artist and c.kind = 'post'
             and c.starts_at >= coalesce(k.released_on, t.first_day)
             and c.starts_at < coalesce(k.released_on, t.first_day) + 28),
         (select c.pillar from public.artist_calendar c
           where c.artist_id = p_artist and c.kind = 'post' and c.pillar is not null
             and c.starts_at >= coalesce(k.released_on, t.first_day)
             and c.starts_at < coalesce(k.released_on, t.first_day) + 28
           group by c.pillar order by count(*) desc, c.pillar limit 1),
         t.streams, t.listeners, t.saves, t.skips, gains.follower_gain, w.weekly_streams
    from public.artist_tracks k
    join per_track t on t.track_id = k.id
    join gains on gains.track_id = k.id
    join weekly w on w.track_id = k.id
    left join public.songs s on s.id = k.song_id
   where k.artist_id = p_artist and private.can_read_artist(p_artist)
   order by k.title
$$;

/*
 * private.enqueue_artist_analyses() returns integer
 * The weekly analysis: a plan for every artist whose data changed since its last plan (or that
 * has none yet), queued on `artists`. pg_cron calls it weekly on Supabase, the embedded worker
 * hourly (an artist planned in the last 6 days is skipped, so either way it is weekly).
 */
create or replace function private.enqueue_artist_analyses() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  n integer := 0;
begin
  for r in
    insert into public.artist_plans (artist_id, owner_id, based_on_version, trigger)
    select a.id, a.owner_id, a.version, 'weekly' from public.artists a
     where exists (select 1 from public.artist_metrics m where m.artist_id = a.id)
       and not exists (select 1 from public.artist_plans p
                        where p.artist_id = a.id
                          and (p.status in ('queued', 'running')
                               or p.created_at > now() - interval '6 days'))
    on conflict do nothing
    returning id
  loop
    perform pgmq.send('artists', jsonb_build_object('kind', 'artist_plan', 'job_id', r.id,
      'stage', 'analysing', 'idempotency_key', 'artist_plan:' || r.id || ':analysing'));
    n := n + 1;
  end loop;
  return n;
end $$;

/*
 * private.artist_plan_notice(p_plan uuid) returns void   (service: the plan job's last commit)
 * The owner hears about a weekly plan's proposals (a plan a person asked for, they watch).
 */
create or replace function private.artist_plan_notice(p_plan uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  p public.artist_plans;
  v_name text;
  v_n integer;
  v_titles text;
begin
  select * into p from public.artist_plans where id = p_plan;
  if not found or p.trigger <> 'weekly' then
    return;
  end if;
  select count(*)::integer, string_agg(i.title, '; ' order by i.position) into v_n, v_titles
    from public.artist_plan_items i where i.plan_id = p_plan;
  if v_n = 0 then
    return;
  end if;
  select a.name into v_name from public.artists a where a.id = p.artist_id;
  perform private.notify(p.owner_id, 'artist_plan', 'New proposals for ' || v_name,
    case when v_n = 1 then '1 change waits' else v_n || ' changes wait' end
      || ' for your decision: ' || left(v_titles, 300),
    '/artists/' || p.artist_id || '/plans/' || p.id);
end $$;

-- grants and RLS -----------------------------------------------------------------------------------------
revoke all on public.artists, public.artist_versions, public.artist_members, public.artist_tracks,
  public.artist_metrics, public.artist_chart_entries, public.artist_imports, public.artist_plans,
  public.artist_plan_items, public.artist_calendar, public.artist_drawings,
  public.artist_summaries from anon, authenticated;
grant select on public.artists, public.artist_versions, public.artist_members, public.artist_tracks,
  public.artist_metrics, public.artist_chart_entries, public.artist_imports, public.artist_plans,
  public.artist_plan_items, public.artist_calendar, public.artist_drawings,
  public.artist_summaries to authenticated;
-- What the owner edits directly (RLS below): art paths, hand-entered tracks, the calendar,
-- members, imports' rows of small files, plans asked for by a person.
grant update (avatar_path, cover_path, art_source) on public.artists to authenticated;
grant delete on public.artists, public.artist_members, public.artist_calendar to authenticated;
grant insert, update (features, released_on, song_id) on public.artist_tracks to authenticated;
grant insert on public.artist_calendar, public.artist_imports, public.artist_plans,
  public.artist_drawings to authenticated;
grant update (song_id) on public.artist_calendar to authenticated;
grant all on public.artists, public.artist_versions, public.artist_members, public.artist_tracks,
  public.artist_metrics, public.artist_chart_entries, public.artist_imports, public.artist_plans,
  public.artist_plan_items, public.artist_calendar, public.artist_drawings,
  public.artist_summaries to service_role;

alter table public.artists enable row level security;
alter table public.artist_versions enable row level security;
alter table public.artist_members enable row level security;
alter table public.artist_tracks enable row level security;
alter table public.artist_metrics enable row level security;
alter table public.artist_chart_entries enable row level security;
alter table public.artist_imports enable row level security;
alter table public.artist_plans enable row level security;
alter table public.artist_plan_items enable row level security;
alter table public.artist_calendar enable row level security;
alter table public.artist_drawings enable row level security;
alter table public.artist_summaries enable row level security;

drop policy if exists "Owners and members read artists" on public.artists;
create policy "Owners and members read artists" on public.artists
  for select to authenticated
  using (owner_id = (select auth.uid()) or private.can_read_artist(id));
drop policy if exists "Owners change their artists' art" on public.artists;
create policy "Owners change their artists' art" on public.artists
  for update to authenticated
  using (owner_id = (select auth.uid())) with check (owner_id = (select auth.uid()));
drop policy if exists "Owners delete their artists" on public.artists;
create policy "Owners delete their artists" on public.artists
  for delete to authenticated using (owner_id = (select auth.uid()));

drop policy if exists "Owners and members read versions" on public.artist_versions;
create policy "Owners and members read versions" on public.artist_versions
  for select to authenticated using (private.can_read_artist(artist_id));

drop policy if exists "Owners and members read members" on public.artist_members;
create policy "Owners and members read members" on public.artist_members
  for select to authenticated using (private.can_read_artist(artist_id));
drop policy if exists "Owners remove members, members leave" on public.artist_members;
create policy "Owners remove members, members leave" on public.artist_members
  for delete to authenticated
  using (user_id = (select auth.uid()) or private.owns_artist(artist_id));

drop policy if exists "Owners and members read tracks" on public.artist_tracks;
create policy "Owners and members read tracks" on public.artist_tracks
  for select to authenticated using (private.can_read_artist(artist_id));
drop policy if exists "Owners add tracks" on public.artist_tracks;
create policy "Owners add tracks" on public.artist_tracks
  for insert to authenticated with check (private.owns_artist(artist_id));
drop policy if exists "Owners edit tracks" on public.artist_tracks;
create policy "Owners edit tracks" on public.artist_tracks
  for update to authenticated
  using (private.owns_artist(artist_id)) with check (private.owns_artist(artist_id));

drop policy if exists "Owners and members read metrics" on public.artist_metrics;
create policy "Owners and members read metrics" on public.artist_metrics
  for select to authenticated using (private.can_read_artist(artist_id));
drop policy if exists "Owners and members read charts" on public.artist_chart_entries;
create policy "Owners and members read charts" on public.artist_chart_entries
  for select to authenticated using (private.can_read_artist(artist_id));

drop policy if exists "Owners and members read imports" on public.artist_imports;
create policy "Owners and members read imports" on public.artist_imports
  for select to authenticated using (private.can_read_artist(artist_id));
drop policy if exists "Owners queue imports" on public.artist_imports;
create policy "Owners queue imports" on public.artist_imports
  for insert to authenticated
  with check (owner_id = (select auth.uid()) and private.owns_artist(artist_id)
              and status = 'queued' and stage = 'importing');

drop policy if exists "Owners and members read plans" on public.artist_plans;
create policy "Owners and members read plans" on public.artist_plans
  for select to authenticated using (private.can_read_artist(artist_id));
drop policy if exists "Owners ask for plans" on public.artist_plans;
create policy "Owners ask for plans" on public.artist_plans
  for insert to authenticated
  with check (owner_id = (select auth.uid()) and private.owns_artist(artist_id)
              and trigger = 'person' and status = 'queued' and stage = 'analysing');

drop policy if exists "Owners and members read plan items" on public.artist_plan_items;
create policy "Owners and members read plan items" on public.artist_plan_items
  for select to authenticated using (private.can_read_artist(artist_id));

drop policy if exists "Owners and members read the calendar" on public.artist_calendar;
create policy "Owners and members read the calendar" on public.artist_calendar
  for select to authenticated using (private.can_read_artist(artist_id));
drop policy if exists "Owners plan the calendar" on public.artist_calendar;
create policy "Owners plan the calendar" on public.artist_calendar
  for insert to authenticated with check (private.owns_artist(artist_id));
drop policy if exists "Owners link releases to songs" on public.artist_calendar;
create policy "Owners link releases to songs" on public.artist_calendar
  for update to authenticated
  using (private.owns_artist(artist_id)) with check (private.owns_artist(artist_id));
drop policy if exists "Owners delete calendar entries" on public.artist_calendar;
create policy "Owners delete calendar entries" on public.artist_calendar
  for delete to authenticated using (private.owns_artist(artist_id));

drop policy if exists "Owners and members read summaries" on public.artist_summaries;
create policy "Owners and members read summaries" on public.artist_summaries
  for select to authenticated using (private.can_read_artist(artist_id));

drop policy if exists "Owners and members read drawings" on public.artist_drawings;
create policy "Owners and members read drawings" on public.artist_drawings
  for select to authenticated using (private.can_read_artist(artist_id));
drop policy if exists "Owners queue drawings" on public.artist_drawings;
create policy "Owners queue drawings" on public.artist_drawings
  for insert to authenticated
  with check (owner_id = (select auth.uid()) and private.owns_artist(artist_id)
              and status = 'queued' and stage = 'drawing');

drop trigger if exists artists_touch on public.artists;
create trigger artists_touch before update on public.artists
  for each row execute function private.dj_touch();
drop trigger if exists artist_imports_touch on public.artist_imports;
create trigger artist_imports_touch before update on public.artist_imports
  for each row execute function private.dj_touch();
drop trigger if exists artist_plans_touch on public.artist_plans;
create trigger artist_plans_touch before update on public.artist_plans
  for each row execute function private.dj_touch();
drop trigger if exists artist_drawings_touch on public.artist_drawings;
create trigger artist_drawings_touch before update on public.artist_drawings
  for each row execute function private.dj_touch();

-- realtime: an import's or a plan's progress goes to the artist's owner and members ----------------------
/*
 * private.can_read_artist_topic(p_topic text) returns boolean
 * 'artist_import:<id>', 'artist_plan:<id>' or 'artist_art:<id>' of an artist the caller may read.
 */
create or replace function private.can_read_artist_topic(p_topic text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_topic !~ '^artist_(import|plan|art):[0-9a-f-]{36}$' then
    return false;
  end if;
  if split_part(p_topic, ':', 1) = 'artist_art' then
    return exists (select 1 from public.artist_drawings d
                    where d.id = split_part(p_topic, ':', 2)::uuid
                      and private.can_read_artist(d.artist_id));
  end if;
  if split_part(p_topic, ':', 1) = 'artist_import' then
    return exists (select 1 from public.artist_imports i
                    where i.id = split_part(p_topic, ':', 2)::uuid
                      and private.can_read_artist(i.artist_id));
  end if;
  return exists (select 1 from public.artist_plans p
                  where p.id = split_part(p_topic, ':', 2)::uuid
                    and private.can_read_artist(p.artist_id));
end $$;

drop policy if exists "Owners and members receive artists' job progress" on realtime.messages;
create policy "Owners and members receive artists' job progress" on realtime.messages
  for select to authenticated
  using (private.can_read_artist_topic((select realtime.topic())));

-- storage: cover art and avatars ---------------------------------------------------------------------------
-- '<owner>/<artist>/<file>': the owner writes; the owner and members read (pages serve the files).
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('artist-art', 'artist-art', false, 8 * 1024 * 1024, array['image/png', 'image/svg+xml'])
on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

/*
 * private.artist_of_file(p_name text) returns uuid
 * The artist a '<owner>/<artist>/<file>' object belongs to (null when the path is not one).
 */
create or replace function private.artist_of_file(p_name text) returns uuid
language sql immutable set search_path = '' as $$
  select case when cardinality(storage.foldername(p_name)) = 2
               and (storage.foldername(p_name))[2] ~ '^[0-9a-f-]{36}$'
              then (storage.foldername(p_name))[2]::uuid end
$$;

drop policy if exists "Owners and members read artist art" on storage.objects;
create policy "Owners and members read artist art" on storage.objects
  for select to authenticated
  using (bucket_id = 'artist-art' and private.can_read_artist(private.artist_of_file(name)));
drop policy if exists "Owners write artist art" on storage.objects;
create policy "Owners write artist art" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'artist-art' and owner_id = (select auth.uid())::text
              and (storage.foldername(name))[1] = (select auth.uid())::text
              and private.owns_artist(private.artist_of_file(name)));
drop policy if exists "Owners replace artist art" on storage.objects;
create policy "Owners replace artist art" on storage.objects
  for update to authenticated
  using (bucket_id = 'artist-art' and private.owns_artist(private.artist_of_file(name)))
  with check (bucket_id = 'artist-art' and owner_id = (select auth.uid())::text
              and private.owns_artist(private.artist_of_file(name)));
drop policy if exists "Owners delete artist art" on storage.objects;
create policy "Owners delete artist art" on storage.objects
  for delete to authenticated
  using (bucket_id = 'artist-art' and (storage.foldername(name))[1] = (select auth.uid())::text);

-- schedule: the weekly analysis ----------------------------------------------------------------------------
do $$
begin
  if not exists (select from pg_available_extensions where name = 'pg_cron') then
    raise notice 'pg_cron not available: the worker queues the weekly artist analysis';
    return;
  end if;
  create extension if not exists pg_cron with schema pg_catalog;
  if not exists (select from cron.job where jobname = 'soundcheck-artist-analysis') then
    perform cron.schedule('soundcheck-artist-analysis', '0 4 * * 1',
      'select private.enqueue_artist_analyses()');
  end if;
end $$;

-- grants: functions ---------------------------------------------------------------------------------------
revoke execute on function
  private.owns_artist(uuid), private.can_read_artist(uuid), private.artist_for_update(uuid),
  public.create_artist(jsonb, jsonb, jsonb),
  public.artist_new_version(uuid, integer, jsonb, text, text, jsonb, uuid),
  public.decide_artist_plan_item(uuid, text, integer),
  public.add_artist_member(uuid, text),
  private.artist_track_ids(uuid, text[]),
  public.import_artist_metrics(uuid, text[], date[], text[], integer[], integer[], integer[],
    integer[], integer[]),
  public.import_artist_charts(uuid, text[], date[], integer[], text[], text[], text[], integer[]),
  private.artist_upsert_metrics(uuid, text[], date[], text[], integer[], integer[], integer[],
    integer[], integer[]),
  private.artist_upsert_charts(uuid, text[], date[], integer[], text[], text[], text[], integer[]),
  private.artist_track_facts(uuid), private.enqueue_artist_analyses(),
  private.artist_plan_notice(uuid),
  private.can_read_artist_topic(text), private.artist_of_file(text)
  from public, anon, authenticated;
grant execute on function
  private.owns_artist(uuid), private.can_read_artist(uuid), private.artist_for_update(uuid),
  public.create_artist(jsonb, jsonb, jsonb),
  public.artist_new_version(uuid, integer, jsonb, text, text, jsonb, uuid),
  public.decide_artist_plan_item(uuid, text, integer),
  public.add_artist_member(uuid, text),
  public.import_artist_metrics(uuid, text[], date[], text[], integer[], integer[], integer[],
    integer[], integer[]),
  public.import_artist_charts(uuid, text[], date[], integer[], text[], text[], text[], integer[]),
  private.artist_track_facts(uuid),
  -- Policies run as the reader.
  private.can_read_artist_topic(text), private.artist_of_file(text)
  to authenticated;
grant execute on function
  private.enqueue_artist_analyses(), private.artist_track_ids(uuid, text[]),
  private.artist_plan_notice(uuid),
  private.artist_upsert_metrics(uuid, text[], date[], text[], integer[], integer[], integer[],
    integer[], integer[]),
  private.artist_upsert_charts(uuid, text[], date[], integer[], text[], text[], text[], integer[])
  to service_role;
