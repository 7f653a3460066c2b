-- AI DJ runs as staged jobs (DESIGN.md rule 5; the job shape is lib/ports/queue/jobs.ts). A request
-- creates the run `queued` and queues its first stage on `ai`; the worker runs interpret → search
-- → build, each stage writing the run's progress and broadcasting it on the run's own topic
-- `dj_run:<id>`, which only the run's owner may receive. Errors follow lib/ports/db/errors.ts.

-- tables ---------------------------------------------------------------------------------------------
-- The job columns (status gains `queued` and `running`; stage and progress are new). Until the
-- interpretation and the search are done a run has no plan, plan source or track source.
alter table public.dj_runs add column if not exists stage text;        -- 'interpret' | 'search' | 'build'; null once finished
alter table public.dj_runs add column if not exists progress jsonb not null default '{}';  -- the stage's latest report
alter table public.dj_runs alter column plan drop not null;
alter table public.dj_runs alter column plan_source drop not null;
alter table public.dj_runs alter column source drop not null;

alter table public.dj_runs drop constraint if exists dj_runs_status_check;
alter table public.dj_runs add constraint dj_runs_status_check
  check (status in ('queued', 'running', 'draft', 'exported', 'failed'));
alter table public.dj_runs drop constraint if exists dj_runs_stage_check;
alter table public.dj_runs add constraint dj_runs_stage_check check (
  (stage is null) = (status not in ('queued', 'running'))
  and (stage is null or stage in ('interpret', 'search', 'build')));
alter table public.dj_runs drop constraint if exists dj_runs_progress_check;
alter table public.dj_runs add constraint dj_runs_progress_check
  check (jsonb_typeof(progress) = 'object' and pg_column_size(progress) <= 4096);
-- A playlist made (draft or exported) says what it was made from; a failed run may have stopped
-- before knowing.
alter table public.dj_runs drop constraint if exists dj_runs_made_check;
alter table public.dj_runs add constraint dj_runs_made_check check (
  status not in ('draft', 'exported')
  or (plan is not null and plan_source is not null and source is not null));
-- The build stage stores the playlist it made in Spotify before the run is marked exported.
alter table public.dj_runs drop constraint if exists dj_runs_playlist_id_check;
alter table public.dj_runs add constraint dj_runs_playlist_id_check check (
  (playlist_id is null or playlist_id ~ '^[A-Za-z0-9]{1,64}$')
  and (status <> 'exported' or playlist_id is not null)
  and (playlist_id is null or status in ('exported', 'running')));
alter table public.dj_runs drop constraint if exists dj_runs_tracks_check;
alter table public.dj_runs add constraint dj_runs_tracks_check check (
  jsonb_typeof(tracks) = 'array' and jsonb_array_length(tracks) <= 50
  and (jsonb_array_length(tracks) > 0 or status in ('queued', 'running', 'failed')));

-- functions ------------------------------------------------------------------------------------------
/*
 * private.dj_queue_run(p_user uuid, p_prompt text, p_length integer, p_no_explicit boolean,
 *   p_parent uuid) returns uuid
 * Server only (service_role): a new run of user p_user, `queued` at its first stage; returns its
 * id. The server has checked the input and spent the user's allowance in the same transaction,
 * and queues the stage's message there too (lib/domains/dj/run.ts). SC404 `parent_id` when the run it
 * refines is not one of the user's.
 */
create or replace function private.dj_queue_run(
  p_user uuid, p_prompt text, p_length integer, p_no_explicit boolean, p_parent uuid
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  if p_parent is not null and not exists (
    select 1 from public.dj_runs r where r.id = p_parent and r.user_id = p_user
  ) then
    raise exception using errcode = 'SC404', message = 'No such playlist to refine', detail = 'parent_id';
  end if;
  insert into public.dj_runs (user_id, parent_id, prompt, length, no_explicit, status, stage)
  values (p_user, p_parent, btrim(p_prompt), p_length, coalesce(p_no_explicit, false), 'queued',
          'interpret')
  returning id into v_id;
  return v_id;
end $$;

/*
 * private.dj_store_tracks(p_run uuid, p_source text, p_notice text, p_timings jsonb,
 *   p_tracks jsonb) returns integer
 * Server only (service_role): the search stage's result for a running run: where the tracks came
 * from, what the user should know, the stage's timings (merged into the run's), and the picked
 * tracks in playlist order, p_tracks: [{track_id? | spotify_id?, reason, score, spotify_uri?}].
 * Each must be a track the run's owner may read (a Spotify track the server added with
 * private.dj_add_spotify_tracks, a published song, or one of their own); the run keeps a
 * snapshot of them. Returns how many were stored. SC404 `tracks` for a track that is not there,
 * SC400 `tracks` for more than the run's length, SC409 `id` when the run is not running.
 */
create or replace function private.dj_store_tracks(
  p_run uuid, p_source text, p_notice text, p_timings jsonb, p_tracks jsonb
) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  r public.dj_runs;
  v_snapshot jsonb;
  v_missing integer;
begin
  select * into r from public.dj_runs d where d.id = p_run for update;
  if not found or r.status <> 'running' then
    raise exception using errcode = 'SC409', message = 'This playlist is not being made', detail = 'id';
  end if;
  if jsonb_typeof(p_tracks) is distinct from 'array' or jsonb_array_length(p_tracks) > r.length then
    raise exception using errcode = 'SC400', message = 'More tracks than the playlist''s length',
      detail = 'tracks';
  end if;
  with picked as (
    select e.ord, e.t, k.*
      from jsonb_array_elements(p_tracks) with ordinality e(t, ord)
      left join public.tracks k
        on k.id = coalesce(
             (e.t ->> 'track_id')::uuid,
             (select s.id from public.tracks s
               where s.source = 'spotify' and s.external_id = e.t ->> 'spotify_id'))
       and (k.source = 'spotify' or k.published or k.owner_id = r.user_id)
  )
  select jsonb_agg(jsonb_build_object(
           'position', p.ord, 'track_id', p.id, 'source', p.source, 'title', p.title,
           'artist', p.artist, 'album', p.album, 'explicit', p.explicit,
           'duration_ms', p.duration_ms, 'reason', left(btrim(p.t ->> 'reason'), 300),
           'score', coalesce((p.t ->> 'score')::real, 0),
           'spotify_uri', coalesce(nullif(p.t ->> 'spotify_uri', ''), p.uri))
         order by p.ord) filter (where p.id is not null),
         count(*) filter (where p.id is null)
    into v_snapshot, v_missing
    from picked p;
  if v_missing > 0 then
    raise exception using errcode = 'SC404', message = 'A track of this playlist does not exist',
      detail = 'tracks';
  end if;
  update public.dj_runs
     set source = p_source, notice = nullif(p_notice, ''),
         timings = timings || coalesce(p_timings, '{}'::jsonb),
         tracks = coalesce(v_snapshot, '[]'::jsonb)
   where id = p_run;
  return coalesce(jsonb_array_length(v_snapshot), 0);
end $$;

/*
 * private.owns_dj_run_topic(p_topic text) returns boolean
 * Whether the caller owns the run of a `dj_run:<uuid>` topic (false for any other topic; never
 * raises, so a malformed topic is simply refused).
 */
create or replace function private.owns_dj_run_topic(p_topic text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_topic is null or p_topic !~ '^dj_run:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return false;
  end if;
  return exists (select 1 from public.dj_runs r
                  where r.id = split_part(p_topic, ':', 2)::uuid and r.user_id = (select auth.uid()));
end $$;

revoke execute on function
  private.dj_queue_run(uuid, text, integer, boolean, uuid),
  private.dj_store_tracks(uuid, text, text, jsonb, jsonb),
  private.owns_dj_run_topic(text)
  from public, anon, authenticated;
grant execute on function
  private.dj_queue_run(uuid, text, integer, boolean, uuid),
  private.dj_store_tracks(uuid, text, text, jsonb, jsonb)
  to service_role;
-- Policies run as the reader.
grant execute on function private.owns_dj_run_topic(text) to authenticated;

-- realtime: a run's progress goes to its owner only ------------------------------------------------
drop policy if exists "Owners receive their DJ runs' progress" on realtime.messages;
create policy "Owners receive their DJ runs' progress" on realtime.messages
  for select to authenticated
  using (private.owns_dj_run_topic((select realtime.topic())));
