-- People's data (issue 20, item 4): a user downloads everything Soundcheck holds about them (a zip
-- made by a staged job on the `artists` queue, kept 7 days in the private `exports` bucket), and
-- deletes their account with a 30-day undo window.
--
-- Deletion has three states, kept apart from auth.users so that a ban and a deletion never undo
-- each other:
--   requested  a row in private.account_deletions (purged_at null): the account is deactivated at
--              once (every refresh token revoked, the edge refuses tokens issued before the request
--              and lets a fresh sign-in reach only /account/restore), the profile is unpublished,
--              open applications withdrawn, open gigs closed.
--   restored   public.cancel_account_deletion() within the window: the row goes, the profile's
--              published flags come back (withdrawn applications and closed gigs stay so).
--   purged     private.purge_account(user, now) once the 30 days are over (the worker's periodic
--              task): personal fields erased, content deleted, auth.users.deleted_at set and the
--              e-mail replaced by a tombstone so the address can sign up again; money records
--              (bookings, payments, ledger, disputes, payouts, subscriptions) kept with the same
--              ids, their texts scrubbed of the person's name, e-mail and phone. Files are removed
--              by the worker through the storage port (lib/domains/account/purge.ts).
-- Errors follow lib/ports/db/errors.ts (SC403/SC404/SC409 with the field in DETAIL).

-- tables -------------------------------------------------------------------------------------------------
create table if not exists private.account_deletions (
  user_id uuid not null,
  requested_at timestamptz not null default now(),
  purge_after timestamptz not null,
  -- The profile's published flags before it was hidden, put back by a restore.
  hidden jsonb not null default '{}'::jsonb,
  purged_at timestamptz,
  constraint account_deletions_pkey primary key (user_id),
  constraint account_deletions_user_id_fkey foreign key (user_id)
    references auth.users (id) on delete cascade,
  constraint account_deletions_window_check check (purge_after > requested_at)
);
create index if not exists account_deletions_due_idx
  on private.account_deletions (purge_after) where purged_at is null;

alter table private.account_deletions enable row level security;
revoke all on private.account_deletions from public, anon, authenticated;
grant select, insert, update, delete on private.account_deletions to service_role;

-- An export is a staged job (lib/ports/queue/jobs.ts): its row is the job and its progress.
create table if not exists public.account_exports (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  status text not null default 'queued',
  stage text default 'collect',
  progress jsonb not null default '{}'::jsonb,
  error text,
  path text,                                   -- in the exports bucket: '<user>/<id>.zip'
  size_bytes bigint,
  files integer,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  expires_at timestamptz,
  constraint account_exports_pkey primary key (id),
  constraint account_exports_user_id_fkey foreign key (user_id)
    references public.profiles (id) on delete cascade,
  constraint account_exports_status_check check (status in ('queued', 'running', 'ready', 'failed')),
  constraint account_exports_progress_check check (jsonb_typeof(progress) = 'object'),
  constraint account_exports_path_check check (path is null or path like user_id::text || '/%')
);
create index if not exists account_exports_user_id_created_at_idx
  on public.account_exports (user_id, created_at desc);

revoke all on public.account_exports from anon, authenticated;
grant select on public.account_exports to authenticated;
grant all on public.account_exports to service_role;
alter table public.account_exports enable row level security;

drop policy if exists "Users read their own exports" on public.account_exports;
create policy "Users read their own exports" on public.account_exports
  for select to authenticated using (user_id = (select auth.uid()));

-- storage: the zips ----------------------------------------------------------------------------------------
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('exports', 'exports', false, 1024 * 1024 * 1024, array['application/zip'])
on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

/*
 * private.export_writable(p_name text) returns boolean
 * The object is the zip of one of the caller's exports still being made: the worker writes it as
 * the owner, and nobody can put anything else in the bucket.
 */
create or replace function private.export_writable(p_name text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.account_exports e
                  where e.user_id = (select auth.uid()) and e.path = p_name
                    and e.status in ('queued', 'running'))
$$;
revoke execute on function private.export_writable(text) from public, anon;
grant execute on function private.export_writable(text) to authenticated;

drop policy if exists "Owners read their exports" on storage.objects;
create policy "Owners read their exports" on storage.objects
  for select to authenticated
  using (bucket_id = 'exports' and (storage.foldername(name))[1] = (select auth.uid())::text);

drop policy if exists "The export job writes the owner's zip" on storage.objects;
create policy "The export job writes the owner's zip" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'exports' and private.export_writable(name));

drop policy if exists "The export job rewrites the owner's zip" on storage.objects;
create policy "The export job rewrites the owner's zip" on storage.objects
  for update to authenticated
  using (bucket_id = 'exports' and private.export_writable(name))
  with check (bucket_id = 'exports' and private.export_writable(name));

drop policy if exists "Owners delete their exports" on storage.objects;
create policy "Owners delete their exports" on storage.objects
  for delete to authenticated
  using (bucket_id = 'exports' and (storage.foldername(name))[1] = (select auth.uid())::text);

-- realtime: an export's progress goes to its owner only --------------------------------------------------
create or replace function private.owns_account_export_topic(p_topic text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_topic is null
     or p_topic !~ '^account_export:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return false;
  end if;
  return exists (select 1 from public.account_exports e
                  where e.id = split_part(p_topic, ':', 2)::uuid and e.user_id = (select auth.uid()));
end $$;
revoke execute on function private.owns_account_export_topic(text) from public, anon;
grant execute on function private.owns_account_export_topic(text) to authenticated;

drop policy if exists "Owners receive their exports' progress" on realtime.messages;
create policy "Owners receive their exports' progress" on realtime.messages
  for select to authenticated
  using (private.owns_account_export_topic((select realtime.topic())));

-- export requests --------------------------------------------------------------------------------------------
/*
 * public.request_account_export() returns uuid
 * A new queued export of the caller's data (the server queues its job in the same transaction).
 * SC409 while one is being made; SC429 after 5 in a day (each zips every file the person has).
 */
create or replace function public.request_account_export() returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_user uuid := (select auth.uid());
  v_id uuid;
begin
  if v_user is null then
    raise exception using errcode = 'SC403', message = 'Sign in first', detail = 'authorization';
  end if;
  perform pg_advisory_xact_lock(hashtext('account_exports'), hashtext(v_user::text));
  if exists (select 1 from public.account_exports
              where user_id = v_user and status in ('queued', 'running')) then
    raise exception using errcode = 'SC409',
      message = 'Your data is being collected already: wait for it to finish', detail = 'export';
  end if;
  if (select count(*) from public.account_exports
       where user_id = v_user and created_at > now() - interval '1 day') >= 5 then
    raise exception using errcode = 'SC429',
      message = 'Five downloads a day at most: try again tomorrow', detail = 'export';
  end if;
  insert into public.account_exports (user_id) values (v_user) returning id into v_id;
  update public.account_exports set path = v_user::text || '/' || v_id::text || '.zip'
   where id = v_id;
  return v_id;
end $$;
revoke execute on function public.request_account_export() from public, anon;
grant execute on function public.request_account_export() to authenticated;

/* private.finish_account_export(...): the job's result (service only). */
create or replace function private.finish_account_export(
  p_id uuid, p_size bigint, p_files integer, p_days integer default 7
) returns void
language sql security definer set search_path = '' as $$
  update public.account_exports
     set size_bytes = p_size, files = p_files, finished_at = now(),
         expires_at = now() + make_interval(days => p_days)
   where id = p_id
$$;
revoke execute on function private.finish_account_export(uuid, bigint, integer, integer)
  from public, anon, authenticated;
grant execute on function private.finish_account_export(uuid, bigint, integer, integer) to service_role;

-- deletion -------------------------------------------------------------------------------------------------
/*
 * private.account_held_bookings(p_user uuid) returns setof uuid
 * The person's bookings whose money is not settled: a checkout open, funds held or disputed, a
 * charge scheduled, a payout or refund under way or failed, or a dispute open. These block a
 * deletion until settled (or support takes the case).
 */
create or replace function private.account_held_bookings(p_user uuid) returns setof uuid
language sql stable security definer set search_path = '' as $$
  select b.id from public.bookings b
   where (b.client_id = p_user or b.musician_id = p_user)
     and (exists (select 1 from public.payments p
                   where p.booking_id = b.id
                     and (p.state in ('checkout_open', 'held', 'disputed')
                          or p.payout_state in ('pending', 'failed')
                          or p.refund_state in ('pending', 'failed')
                          or (p.state = 'unpaid' and p.charge_state = 'saved')))
          or exists (select 1 from public.disputes d where d.booking_id = b.id and d.state = 'open'))
   order by b.starts_at
$$;
revoke execute on function private.account_held_bookings(uuid) from public, anon, authenticated;
grant execute on function private.account_held_bookings(uuid) to service_role;

/*
 * public.account_deletion_preview() returns jsonb
 * What deleting the caller's account would do now: the open applications it withdraws, the open
 * gigs it closes, the bookings whose money blocks it, and whether a deletion is pending already.
 */
create or replace function public.account_deletion_preview() returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_user uuid := (select auth.uid());
  d private.account_deletions;
begin
  if v_user is null then
    raise exception using errcode = 'SC403', message = 'Sign in first', detail = 'authorization';
  end if;
  select * into d from private.account_deletions where user_id = v_user and purged_at is null;
  return jsonb_build_object(
    'pending', d.user_id is not null,
    'requested_at', d.requested_at,
    'purge_after', d.purge_after,
    'open_applications', (select count(*) from public.applications a
                           where a.musician_id = v_user and a.status in ('submitted', 'shortlisted')),
    'open_gigs', (select count(*) from public.gigs g
                   where g.client_id = v_user and g.status in ('draft', 'published')),
    'held_bookings', coalesce((select jsonb_agg(h) from private.account_held_bookings(v_user) h),
                              '[]'::jsonb));
end $$;
revoke execute on function public.account_deletion_preview() from public, anon;
grant execute on function public.account_deletion_preview() to authenticated;

/*
 * public.request_account_deletion() returns jsonb
 * Deactivates the caller's account at once and schedules its purge 30 days on: every session
 * ends, the profile is unpublished, open applications are withdrawn (the clients told), open gigs
 * closed (their applicants told) and drafts cancelled. SC409 `bookings` while money is held on
 * one of their bookings. Asking again while pending changes nothing and answers the same.
 */
create or replace function public.request_account_deletion() returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_user uuid := (select auth.uid());
  d private.account_deletions;
  v_held uuid[];
  v_hidden jsonb;
  v_apps integer := 0;
  v_gigs integer := 0;
  a record;
  g record;
begin
  if v_user is null then
    raise exception using errcode = 'SC403', message = 'Sign in first', detail = 'authorization';
  end if;
  perform pg_advisory_xact_lock(hashtext('account_deletion'), hashtext(v_user::text));
  select * into d from private.account_deletions where user_id = v_user;
  if d.user_id is not null and d.purged_at is null then
    return jsonb_build_object('requested_at', d.requested_at, 'purge_after', d.purge_after,
      'withdrawn_applications', 0, 'closed_gigs', 0);
  end if;
  select array_agg(h) into v_held from private.account_held_bookings(v_user) h;
  if v_held is not null then
    raise exception using errcode = 'SC409',
      message = format('Money is still held on %s of your bookings: settle them first (release, '
        'refund or let the dispute be decided), or write to support to close the account for you',
        cardinality(v_held)),
      detail = 'bookings';
  end if;

  for a in select id from public.applications
            where musician_id = v_user and status in ('submitted', 'shortlisted') for update loop
    update public.applications set status = 'withdrawn', decided_at = now() where id = a.id;
    perform private.notify(gg.client_id, 'withdrawn', 'Application withdrawn: ' || gg.title,
      'The musician closed their account.', '/gigs/' || gg.id || '/applications')
      from public.applications aa join public.gigs gg on gg.id = aa.gig_id where aa.id = a.id;
    v_apps := v_apps + 1;
  end loop;
  for g in select id, title, status from public.gigs
            where client_id = v_user and status in ('draft', 'published') for update loop
    if g.status = 'draft' then
      delete from public.gigs where id = g.id;
    else
      update public.gigs set status = 'closed' where id = g.id;
      perform private.decline_active_applications(g.id, 'Gig closed: ' || g.title,
        'The client closed their account.');
    end if;
    v_gigs := v_gigs + 1;
  end loop;

  v_hidden := jsonb_build_object(
    'musician', (select published from public.musician_profiles where id = v_user),
    'client', (select published from public.client_profiles where id = v_user));
  update public.musician_profiles set published = false where id = v_user and published;
  update public.client_profiles set published = false where id = v_user and published;

  -- Every session ends now (20261217000200_admin_users.sql).
  perform private.end_user_sessions(v_user);

  insert into private.account_deletions (user_id, requested_at, purge_after, hidden, purged_at)
  values (v_user, now(), now() + interval '30 days', v_hidden, null)
  on conflict (user_id) do update set requested_at = excluded.requested_at,
    purge_after = excluded.purge_after, hidden = excluded.hidden, purged_at = null
  returning * into d;
  return jsonb_build_object('requested_at', d.requested_at, 'purge_after', d.purge_after,
    'withdrawn_applications', v_apps, 'closed_gigs', v_gigs);
end $$;
revoke execute on function public.request_account_deletion() from public, anon;
grant execute on function public.request_account_deletion() to authenticated;

/*
 * public.cancel_account_deletion() returns jsonb
 * Restores the caller's account within the 30 days: the profile is published again as it was.
 * Withdrawn applications and closed gigs stay so. SC404 when no deletion is pending; SC409 when
 * the window is over.
 */
create or replace function public.cancel_account_deletion() returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_user uuid := (select auth.uid());
  d private.account_deletions;
begin
  if v_user is null then
    raise exception using errcode = 'SC403', message = 'Sign in first', detail = 'authorization';
  end if;
  select * into d from private.account_deletions where user_id = v_user for update;
  if d.user_id is null or d.purged_at is not null then
    raise exception using errcode = 'SC404', message = 'No deletion of this account is pending',
      detail = 'account';
  end if;
  if d.purge_after <= now() then
    raise exception using errcode = 'SC409',
      message = 'The 30 days to restore this account are over', detail = 'account';
  end if;
  update public.musician_profiles set published = true
   where id = v_user and coalesce((d.hidden ->> 'musician')::boolean, false);
  update public.client_profiles set published = true
   where id = v_user and coalesce((d.hidden ->> 'client')::boolean, false);
  delete from private.account_deletions where user_id = v_user;
  return jsonb_build_object('restored', true);
end $$;
revoke execute on function public.cancel_account_deletion() from public, anon;
grant execute on function public.cancel_account_deletion() to authenticated;

-- purge -------------------------------------------------------------------------------------------------------
/*
 * private.account_scrub(p_text text, p_needles text[]) returns text
 * The text with each needle (a name, an e-mail, a phone number; case-insensitive, whole words,
 * 3+ characters) replaced by '[deleted account]'.
 */
create or replace function private.account_scrub(p_text text, p_needles text[]) returns text
language plpgsql immutable set search_path = '' as $$
declare
  n text;
  v_out text := p_text;
begin
  if v_out is null then
    return null;
  end if;
  foreach n in array coalesce(p_needles, '{}'::text[]) loop
    continue when n is null or char_length(btrim(n)) < 3;
    v_out := regexp_replace(v_out,
      '(?<![[:alnum:]])' || regexp_replace(btrim(n), '([^[:alnum:][:space:]])', '\\\1', 'g')
        || '(?![[:alnum:]])',
      '[deleted account]', 'gi');
  end loop;
  return v_out;
end $$;

/* private.account_mentions(p_text, p_needles): whether the text holds one of the needles. */
create or replace function private.account_mentions(p_text text, p_needles text[]) returns boolean
language sql immutable set search_path = '' as $$
  select p_text is not null and exists (
    select 1 from unnest(p_needles) n
     where char_length(btrim(n)) >= 3 and strpos(lower(p_text), lower(btrim(n))) > 0)
$$;

/*
 * private.account_purge_files(p_user uuid) returns table (bucket_id text, name text)
 * The files a purge removes: every object the person uploaded, and everything in their folders.
 */
create or replace function private.account_purge_files(p_user uuid)
returns table (bucket_id text, name text)
language sql stable security definer set search_path = '' as $$
  select o.bucket_id, o.name from storage.objects o
   where o.owner_id = p_user::text or o.owner = p_user
      or (o.bucket_id in ('avatars', 'media', 'tracks', 'artist-art', 'exports')
          and (storage.foldername(o.name))[1] = p_user::text)
   order by 1, 2
$$;
revoke execute on function private.account_purge_files(uuid) from public, anon, authenticated;
grant execute on function private.account_purge_files(uuid) to service_role;

/* private.due_account_purges(p_now) returns setof uuid: accounts whose 30 days are over. */
create or replace function private.due_account_purges(p_now timestamptz) returns setof uuid
language sql stable security definer set search_path = '' as $$
  select user_id from private.account_deletions
   where purged_at is null and purge_after <= p_now
   order by purge_after
   limit 100
$$;
revoke execute on function private.due_account_purges(timestamptz) from public, anon, authenticated;
grant execute on function private.due_account_purges(timestamptz) to service_role;

/*
 * private.purge_account(p_user uuid, p_now timestamptz) returns jsonb
 * Erases an account whose deletion was asked for at least 30 days before `p_now` (service only,
 * one transaction). Idempotent: a purged account answers `{"purged": false}`. SC404 without a
 * pending deletion, SC409 before its time. Files are the caller's to remove afterwards
 * (private.account_purge_files lists them; references to them are gone once this commits).
 */
create or replace function private.purge_account(p_user uuid, p_now timestamptz) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  d private.account_deletions;
  v_email text;
  v_needles text[];
  v_tomb text := 'deleted-' || p_user::text || '@deleted.invalid';
  v_bookings uuid[];
  v_convs uuid[];
  v_msgs integer;
begin
  select * into d from private.account_deletions where user_id = p_user for update;
  if d.user_id is null then
    raise exception using errcode = 'SC404', message = 'No deletion of this account was asked for',
      detail = 'user';
  end if;
  if d.purged_at is not null then
    return jsonb_build_object('purged', false, 'purged_at', d.purged_at);
  end if;
  if d.purge_after > p_now then
    raise exception using errcode = 'SC409', message = 'The 30 days to restore it are not over',
      detail = 'purge_after';
  end if;

  -- What names the person, to be scrubbed out of the texts that are kept.
  select u.email into v_email from auth.users u where u.id = p_user;
  select array_agg(distinct n) into v_needles from (
    select v_email as n
    union all select u.phone from auth.users u where u.id = p_user
    union all select u.raw_user_meta_data ->> k from auth.users u,
                     unnest(array['display_name', 'full_name', 'name', 'phone']) k
               where u.id = p_user
    union all select s.phone from public.notification_settings s where s.user_id = p_user
    union all select p.display_name from public.profiles p where p.id = p_user
    union all select m.stage_name from public.musician_profiles m where m.id = p_user
    union all select c.organisation from public.client_profiles c where c.id = p_user
  ) x where n is not null and char_length(btrim(n)) >= 3;
  v_needles := coalesce(v_needles, '{}'::text[]);

  select array_agg(id) into v_bookings from public.bookings
   where client_id = p_user or musician_id = p_user;
  v_bookings := coalesce(v_bookings, '{}'::uuid[]);
  select array_agg(conversation_id) into v_convs from public.conversation_participants
   where user_id = p_user;
  v_convs := coalesce(v_convs, '{}'::uuid[]);

  -- Content that is the person's alone: deleted (cascades take what hangs off it).
  delete from private.master_usage where user_id = p_user;
  delete from private.song_usage where user_id = p_user;
  delete from private.match_affinity where client_id = p_user or musician_id = p_user;
  delete from private.match_notices where musician_id = p_user;
  delete from private.match_reputation where subject_id = p_user;
  delete from private.message_digest_marks where user_id = p_user;
  delete from private.musician_match where musician_id = p_user;
  delete from private.scout_digest_items where musician_id = p_user;
  delete from private.scout_digests where musician_id = p_user;
  delete from private.deleted_messages dm using public.messages m
   where m.id = dm.message_id and m.sender_id = p_user;
  delete from public.ai_usage where user_id = p_user;
  delete from public.artists where owner_id = p_user;
  delete from public.artist_members where user_id = p_user;
  delete from public.artist_drawings where owner_id = p_user;
  delete from public.artist_imports where owner_id = p_user;
  delete from public.artist_plans where owner_id = p_user;
  delete from public.auto_apply_settings where musician_id = p_user;
  delete from public.auto_shortlist_settings where client_id = p_user;
  delete from public.decision_undos where actor_id = p_user;
  delete from public.dispute_evidence where uploaded_by = p_user;
  delete from public.dj_exports where user_id = p_user;
  delete from public.dj_runs where user_id = p_user;
  delete from public.favourite_gigs where user_id = p_user;
  delete from public.favourite_musicians where user_id = p_user or musician_id = p_user;
  delete from public.gig_invites where musician_id = p_user;
  delete from public.home_preferences where user_id = p_user;
  delete from public.media where owner_id = p_user;
  delete from public.musician_embeddings where musician_id = p_user;
  delete from public.musician_track_records where musician_id = p_user;
  delete from public.musician_profiles where id = p_user;
  delete from public.client_profiles where id = p_user;
  delete from public.notification_preferences where user_id = p_user;
  delete from public.notification_settings where user_id = p_user;
  delete from public.notifications where user_id = p_user;
  delete from public.outbox where user_id = p_user or lower(recipient) = lower(v_email)
     or recipient = any(v_needles);
  delete from public.scout_sources where owner_id = p_user and not is_public;
  delete from public.song_masters where owner_id = p_user;
  delete from public.song_meters where owner_id = p_user;
  delete from public.songs where owner_id = p_user;
  delete from public.tracks where owner_id = p_user;
  delete from public.spotify_connections where user_id = p_user;
  delete from public.account_exports where user_id = p_user;
  -- Moderation (20261217000200/300, when present): their reports and suspension go; reports
  -- others made about them lose their name. The admins' audit log is append-only and stays.
  if to_regclass('public.reports') is not null then
    execute 'delete from public.reports where reporter_id = $1' using p_user;
    execute 'update public.reports
                set target_label = private.account_scrub(target_label, $1),
                    details = private.account_scrub(details, $1),
                    resolution_note = private.account_scrub(resolution_note, $1)
              where private.account_mentions(concat_ws('' '', target_label, details,
                                                       resolution_note), $1)'
      using v_needles;
  end if;
  if to_regclass('private.user_suspensions') is not null then
    execute 'delete from private.user_suspensions where user_id = $1' using p_user;
  end if;

  -- What others keep (conversations, applications to their gigs, bookings and money): the
  -- person's own words go, the ids stay, and the texts lose their name, e-mail and phone.
  update public.messages
     set body = case when deleted_at is null then '(deleted)' else '' end,
         attachment_path = null, attachment_name = null, attachment_type = null,
         attachment_size = null
   where sender_id = p_user;
  get diagnostics v_msgs = row_count;
  update public.messages set body = private.account_scrub(body, v_needles)
   where conversation_id = any(v_convs) and sender_id <> p_user
     and private.account_mentions(body, v_needles);
  update public.applications
     set proposal = 'This proposal was deleted with its account.', setlist = null,
         media_ids = '{}'::uuid[]
   where musician_id = p_user;
  update public.applications a set proposal = private.account_scrub(a.proposal, v_needles)
    from public.gigs g
   where g.id = a.gig_id and g.client_id = p_user and private.account_mentions(a.proposal, v_needles);
  update public.reviews set body = '' where author_id = p_user and body <> '';
  update public.reviews set body = private.account_scrub(body, v_needles)
   where booking_id = any(v_bookings) and private.account_mentions(body, v_needles);
  update public.disputes
     set reason = case when opened_by = p_user then '(deleted)'
                       else private.account_scrub(reason, v_needles) end,
         note = private.account_scrub(note, v_needles)
   where booking_id = any(v_bookings);
  update public.bookings
     set place = private.account_scrub(place, v_needles),
         cancel_reason = private.account_scrub(cancel_reason, v_needles),
         cancellation_terms = private.account_scrub(cancellation_terms, v_needles)
   where id = any(v_bookings)
     and private.account_mentions(concat_ws(' ', place, cancel_reason, cancellation_terms), v_needles);
  update public.payment_events
     set payload = private.account_scrub(payload::text, v_needles)::jsonb,
         flagged_reason = private.account_scrub(flagged_reason, v_needles)
   where booking_id = any(v_bookings)
     and private.account_mentions(concat_ws(' ', payload::text, flagged_reason), v_needles);
  update public.payment_drift
     set expected = private.account_scrub(expected::text, v_needles)::jsonb,
         actual = private.account_scrub(actual::text, v_needles)::jsonb,
         detail = private.account_scrub(detail, v_needles)
   where booking_id = any(v_bookings)
     and private.account_mentions(concat_ws(' ', expected::text, actual::text, detail), v_needles);
  update public.subscriptions set card_last4 = null where user_id = p_user;
  -- Others' notifications and mail that name the person (a withdrawal, a booking, a review).
  update public.notifications
     set title = private.account_scrub(title, v_needles), body = private.account_scrub(body, v_needles)
   where private.account_mentions(concat_ws(' ', title, body), v_needles);
  update public.outbox
     set subject = private.account_scrub(subject, v_needles), body = private.account_scrub(body, v_needles)
   where private.account_mentions(concat_ws(' ', subject, body), v_needles);

  update public.profiles
     set display_name = 'Deleted account', avatar_path = null, timezone = null,
         timezone_chosen = false
   where id = p_user;

  -- The login: gone, and the address free to sign up again.
  delete from auth.refresh_tokens where user_id = p_user::text;
  if to_regclass('auth.sessions') is not null then
    execute 'delete from auth.sessions where user_id = $1' using p_user;
  end if;
  if to_regclass('auth.identities') is not null then
    execute 'delete from auth.identities where user_id = $1' using p_user;
  end if;
  update auth.users
     set email = v_tomb, encrypted_password = '', phone = null, email_confirmed_at = null,
         raw_user_meta_data = '{}'::jsonb,
         raw_app_meta_data = jsonb_build_object('provider', 'email', 'providers', '[]'::jsonb,
                                                'deleted', true),
         confirmation_token = '', recovery_token = '', email_change = '',
         email_change_token_new = '', last_sign_in_at = null, deleted_at = p_now,
         updated_at = p_now
   where id = p_user;

  update private.account_deletions set purged_at = p_now, hidden = '{}'::jsonb
   where user_id = p_user;
  return jsonb_build_object('purged', true, 'purged_at', p_now, 'messages', v_msgs,
    'bookings_kept', cardinality(v_bookings));
end $$;
revoke execute on function private.purge_account(uuid, timestamptz) from public, anon, authenticated;
grant execute on function private.purge_account(uuid, timestamptz) to service_role;

/*
 * private.account_deletion_state(p_user uuid) returns jsonb
 * The edge's question for a signed-in request: null when no deletion is pending, else when it was
 * asked for and when the purge comes (service only).
 */
create or replace function private.account_deletion_state(p_user uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('requested_at', d.requested_at, 'purge_after', d.purge_after)
    from private.account_deletions d where d.user_id = p_user and d.purged_at is null
$$;
revoke execute on function private.account_deletion_state(uuid) from public, anon, authenticated;
grant execute on function private.account_deletion_state(uuid) to service_role;

revoke execute on function private.account_scrub(text, text[]) from public, anon, authenticated;
revoke execute on function private.account_mentions(text, text[]) from public, anon, authenticated;
grant execute on function private.account_scrub(text, text[]) to service_role;
grant execute on function private.account_mentions(text, text[]) to service_role;
