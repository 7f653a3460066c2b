-- Spotify export you can trust (issue 19, item 6): an export is resumable and idempotent. Each run
-- has at most one export row: the playlist it created (once, never a second), what each track
-- became (found on Spotify, not on Spotify, or not checked yet because Spotify was busy), which
-- tracks the playlist holds so far, and how many attempts it took. An attempt holds a short lease
-- on the row, so two exports of the same run at once cannot both create a playlist; a crashed
-- attempt's lease runs out and the next attempt resumes where it stopped.
--
-- Spotify connections say why they stopped working (`broken_reason`): the user removed the app or
-- the refresh token expired (Spotify asks for a new sign-in every six months), the stored tokens
-- could not be decrypted, or Spotify refused even a freshly refreshed token.
-- Errors follow lib/ports/db/errors.ts (SC400/403/404/409 with the field in DETAIL).

-- spotify_connections -------------------------------------------------------------------------------
alter table public.spotify_connections add column if not exists broken_reason text;
update public.spotify_connections set broken_reason = 'revoked'
 where status = 'broken' and broken_reason is null;
update public.spotify_connections set broken_reason = null where status = 'active';
alter table public.spotify_connections drop constraint if exists spotify_connections_broken_reason_check;
alter table public.spotify_connections add constraint spotify_connections_broken_reason_check check (
  (broken_reason is null) = (status = 'active')
  and (broken_reason is null or broken_reason in ('revoked', 'expired', 'undecryptable', 'refused')));
grant select (broken_reason) on public.spotify_connections to authenticated;

-- tables ---------------------------------------------------------------------------------------------
create table if not exists public.dj_exports (
  run_id uuid not null,
  user_id uuid not null,
  playlist_id text,                                   -- created once, then reused by every attempt
  -- One entry per run track, in run order: {p: position, uri: spotify:track:… or null,
  -- s: 'found' | 'absent' (Spotify has no match) | 'unknown' (not checked yet), a: in the playlist}
  items jsonb not null default '[]',
  snapshot_id text,                                   -- the playlist's version after the last add
  attempts integer not null default 0,
  state text not null default 'working',              -- 'working' | 'partial' | 'done' | 'failed'
  lease_until timestamptz,                            -- an attempt is running until then
  last_error text,                                    -- what stopped the last attempt, in words
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint dj_exports_pkey primary key (run_id),
  constraint dj_exports_run_id_fkey foreign key (run_id) references public.dj_runs (id) on delete cascade,
  constraint dj_exports_user_id_fkey foreign key (user_id) references public.profiles (id) on delete cascade,
  constraint dj_exports_playlist_id_key unique (playlist_id),
  constraint dj_exports_playlist_id_check check (playlist_id is null or playlist_id ~ '^[A-Za-z0-9]{1,64}$'),
  constraint dj_exports_items_check check (
    jsonb_typeof(items) = 'array' and jsonb_array_length(items) <= 50),
  constraint dj_exports_snapshot_id_length check (snapshot_id is null or char_length(snapshot_id) <= 200),
  constraint dj_exports_attempts_check check (attempts >= 0),
  constraint dj_exports_state_check check (state in ('working', 'partial', 'done', 'failed')),
  constraint dj_exports_done_check check (state <> 'done' or playlist_id is not null),
  constraint dj_exports_last_error_length check (last_error is null or char_length(last_error) <= 500)
);
create index if not exists dj_exports_user_id_idx on public.dj_exports (user_id);

-- grants and RLS -------------------------------------------------------------------------------------
revoke all on public.dj_exports from anon, authenticated;
grant select on public.dj_exports to authenticated;
-- service_role bypasses RLS (as on Supabase): it reads, and writes only through the functions below.
grant select on public.dj_exports to service_role;
alter table public.dj_exports enable row level security;
drop policy if exists "Users read their own DJ exports" on public.dj_exports;
create policy "Users read their own DJ exports" on public.dj_exports
  for select to authenticated using (user_id = (select auth.uid()));

drop trigger if exists dj_exports_touch on public.dj_exports;
create trigger dj_exports_touch before update on public.dj_exports
  for each row execute function private.touch_updated_at();

-- functions ------------------------------------------------------------------------------------------
/*
 * private.dj_export_items_problem(p_items jsonb, p_tracks integer) returns text
 * Why `p_items` is not an export's item list for a run of `p_tracks` tracks, or null.
 */
create or replace function private.dj_export_items_problem(p_items jsonb, p_tracks integer)
returns text
language sql immutable set search_path = '' as $$
  select case
    when jsonb_typeof(p_items) is distinct from 'array' then 'not a list'
    when jsonb_array_length(p_items) <> p_tracks then 'one entry per track'
    when exists (
      select 1 from jsonb_array_elements(p_items) with ordinality e(i, ord)
       where jsonb_typeof(i) <> 'object'
          or jsonb_typeof(i -> 'p') is distinct from 'number' or (i ->> 'p')::numeric <> ord
          or (i ->> 's') is null or (i ->> 's') not in ('found', 'absent', 'unknown')
          or jsonb_typeof(i -> 'a') is distinct from 'boolean'
          or not (i ? 'uri') or jsonb_typeof(i -> 'uri') not in ('string', 'null')
          or ((i ->> 's') = 'found') <> (jsonb_typeof(i -> 'uri') = 'string')
          or coalesce(i ->> 'uri', 'spotify:track:x') !~ '^spotify:track:[A-Za-z0-9]{1,64}$'
          or ((i -> 'a')::boolean and (i ->> 's') <> 'found')
          or exists (select 1 from jsonb_object_keys(i) k where k not in ('p', 'uri', 's', 'a'))
    ) then 'entries are {p, uri, s, a} in run order'
  end
$$;

/*
 * private.dj_export_begin(p_run uuid, p_user uuid, p_lease_s integer) returns public.dj_exports
 * Server only: starts (or resumes) the export of user p_user's run p_run and holds the row for
 * p_lease_s seconds. SC404 `id` for a run that is not theirs; SC409 `id` for a run already
 * exported, still being made (except by its own build stage), or being exported right now.
 */
create or replace function private.dj_export_begin(p_run uuid, p_user uuid, p_lease_s integer)
returns public.dj_exports
language plpgsql security definer set search_path = '' as $$
declare
  r public.dj_runs;
  e public.dj_exports;
begin
  if p_lease_s is null or p_lease_s not between 1 and 3600 then
    raise exception using errcode = 'SC400', message = 'Not a lease', detail = 'lease_s';
  end if;
  select * into r from public.dj_runs d where d.id = p_run and d.user_id = p_user for update;
  if not found then
    raise exception using errcode = 'SC404', message = 'No such playlist', detail = 'id';
  end if;
  if r.status = 'exported' then
    raise exception using errcode = 'SC409', message = 'This playlist is already in your Spotify account',
      detail = 'id';
  end if;
  if not (r.status = 'draft' or (r.status = 'running' and r.stage = 'build')) then
    raise exception using errcode = 'SC409', message = 'This playlist is still being made', detail = 'id';
  end if;
  insert into public.dj_exports (run_id, user_id) values (r.id, r.user_id)
  on conflict on constraint dj_exports_pkey do nothing;
  select * into e from public.dj_exports x where x.run_id = r.id for update;
  if e.lease_until is not null and e.lease_until > now() then
    raise exception using errcode = 'SC409',
      message = 'This playlist is being exported right now: wait a moment, then reload.', detail = 'id';
  end if;
  update public.dj_exports x
     set attempts = x.attempts + 1, lease_until = now() + make_interval(secs => p_lease_s),
         state = 'working', last_error = null
   where x.run_id = r.id
  returning * into e;
  return e;
end $$;

/*
 * private.dj_export_save(p_run uuid, p_user uuid, p_playlist_id text, p_items jsonb,
 *   p_snapshot_id text, p_replace boolean) returns void
 * Server only, during an attempt (the lease is held): records the playlist and what each track
 * became. The playlist is set once; another id only with p_replace (the first one is gone from
 * Spotify). SC404 `id`; SC409 `playlist_id` for a second playlist; SC409 `id` without a lease;
 * SC400 naming the field for anything else.
 */
create or replace function private.dj_export_save(
  p_run uuid, p_user uuid, p_playlist_id text, p_items jsonb, p_snapshot_id text,
  p_replace boolean default false
) returns void
language plpgsql security definer set search_path = '' as $$
declare
  e public.dj_exports;
  n integer;
  v_problem text;
begin
  select * into e from public.dj_exports x where x.run_id = p_run and x.user_id = p_user for update;
  if not found then
    raise exception using errcode = 'SC404', message = 'No such export', detail = 'id';
  end if;
  if e.lease_until is null or e.lease_until <= now() then
    raise exception using errcode = 'SC409', message = 'This export attempt has run out of time', detail = 'id';
  end if;
  if p_playlist_id is not null and p_playlist_id !~ '^[A-Za-z0-9]{1,64}$' then
    raise exception using errcode = 'SC400', message = 'Not a Spotify playlist id', detail = 'playlist_id';
  end if;
  if e.playlist_id is not null and p_playlist_id is distinct from e.playlist_id
     and not coalesce(p_replace, false) then
    raise exception using errcode = 'SC409', message = 'This export already has its playlist',
      detail = 'playlist_id';
  end if;
  if p_snapshot_id is not null and char_length(p_snapshot_id) > 200 then
    raise exception using errcode = 'SC400', message = 'Not a snapshot id', detail = 'snapshot_id';
  end if;
  select jsonb_array_length(d.tracks) into n from public.dj_runs d where d.id = p_run;
  v_problem := private.dj_export_items_problem(coalesce(p_items, '[]'::jsonb), n);
  if v_problem is not null then
    raise exception using errcode = 'SC400', message = 'Not the export''s tracks: ' || v_problem,
      detail = 'items';
  end if;
  if p_playlist_id is null and exists (
    select 1 from jsonb_array_elements(p_items) i where (i -> 'a')::boolean
  ) then
    raise exception using errcode = 'SC400', message = 'Tracks added to no playlist', detail = 'items';
  end if;
  update public.dj_exports x
     set playlist_id = p_playlist_id, items = p_items,
         snapshot_id = case when p_playlist_id is distinct from e.playlist_id then p_snapshot_id
                            else coalesce(p_snapshot_id, x.snapshot_id) end
   where x.run_id = p_run;
end $$;

/*
 * private.dj_export_end(p_run uuid, p_user uuid, p_state text, p_error text) returns void
 * Server only: ends an attempt (releases the lease) as 'done', 'partial' (resumable: some tracks
 * not checked or not added yet) or 'failed', with what stopped it. SC404 `id`; SC400 `state`.
 */
create or replace function private.dj_export_end(p_run uuid, p_user uuid, p_state text, p_error text)
returns void
language plpgsql security definer set search_path = '' as $$
begin
  if p_state is null or p_state not in ('partial', 'done', 'failed') then
    raise exception using errcode = 'SC400', message = 'Not an export state', detail = 'state';
  end if;
  update public.dj_exports x
     set state = p_state, lease_until = null, last_error = left(nullif(p_error, ''), 500)
   where x.run_id = p_run and x.user_id = p_user;
  if not found then
    raise exception using errcode = 'SC404', message = 'No such export', detail = 'id';
  end if;
end $$;

revoke execute on function
  private.dj_export_items_problem(jsonb, integer),
  private.dj_export_begin(uuid, uuid, integer),
  private.dj_export_save(uuid, uuid, text, jsonb, text, boolean),
  private.dj_export_end(uuid, uuid, text, text)
  from public, anon, authenticated;
grant execute on function
  private.dj_export_begin(uuid, uuid, integer),
  private.dj_export_save(uuid, uuid, text, jsonb, text, boolean),
  private.dj_export_end(uuid, uuid, text, text)
  to service_role;
