-- Decisions people can trust (issue 19, items 3 and 4).
--
-- * Undo: a client's decline can be taken back for 15 minutes, a musician's withdrawal while the
--   gig still takes applications. Each undoable decision leaves one row in public.decision_undos
--   (written by a trigger on applications, so every path that declines or withdraws is covered;
--   the automatic declines of accept, close and cancel are not undoable: the gig has moved on).
--   Undoing puts the application back where it was (submitted or shortlisted) and withdraws the
--   notice the other side got while it is unread and went nowhere else (e-mail, SMS); otherwise
--   the other side gets a correction (kind 'decision_undone').
-- * Cancelling a booking: public.booking_cancel_preview says, before anything happens, what is
--   held in escrow and how much goes back under the booking's terms (the same rule as the
--   refund trigger, private.bookings_cancel_refund of 20261209000100_payment_milestones.sql).
-- * Trust facts on applicant cards and public profiles: public.musician_trust_facts (photo,
--   member since, rating with count, completed bookings), readable for exactly the musician
--   profiles the reader may see. Completed bookings are kept counted in
--   public.musician_track_records by a trigger on bookings (one primary-key probe per card).
-- Errors follow lib/ports/db/errors.ts (SC400/403/404/409 with the field in DETAIL).

-- notification kinds ----------------------------------------------------------------------------------
insert into public.notification_kinds
  (kind, label, description, position, default_email, sms_available, email_digest) values
  ('decision_undone', 'Changed decisions',
   'A client took back a decline, or a musician a withdrawal', 65, true, true, false)
on conflict (kind) do update set label = excluded.label, description = excluded.description,
  position = excluded.position, default_email = excluded.default_email,
  sms_available = excluded.sms_available, email_digest = excluded.email_digest;

-- tables ----------------------------------------------------------------------------------------------
-- The one undoable decision of an application (a later decision replaces or removes it).
create table if not exists public.decision_undos (
  application_id uuid not null,
  kind text not null,                          -- 'declined' (by the client) | 'withdrawn' (by the musician)
  actor_id uuid not null,                      -- who decided, and so who may undo
  from_status text not null,                   -- what the application goes back to
  decided_at timestamptz not null,             -- when: finds the notice the other side got
  undo_until timestamptz not null,
  constraint decision_undos_pkey primary key (application_id),
  constraint decision_undos_application_id_fkey foreign key (application_id)
    references public.applications (id) on delete cascade,
  constraint decision_undos_actor_id_fkey foreign key (actor_id)
    references public.profiles (id) on delete cascade,
  constraint decision_undos_kind_check check (kind in ('declined', 'withdrawn')),
  constraint decision_undos_from_status_check check (from_status in ('submitted', 'shortlisted')),
  constraint decision_undos_window_check check (undo_until > decided_at)
);
create index if not exists decision_undos_actor_id_idx on public.decision_undos (actor_id);

-- Public track record of a musician, kept by private.bookings_track_record().
create table if not exists public.musician_track_records (
  musician_id uuid not null,
  completed_bookings integer not null default 0,
  updated_at timestamptz not null default now(),
  constraint musician_track_records_pkey primary key (musician_id),
  constraint musician_track_records_musician_id_fkey foreign key (musician_id)
    references public.profiles (id) on delete cascade,
  constraint musician_track_records_completed_check check (completed_bookings >= 0)
);

-- Counting a musician's completed bookings reads only this index.
create index if not exists bookings_musician_completed_idx on public.bookings (musician_id)
  where status = 'completed';

-- grants ----------------------------------------------------------------------------------------------
revoke all on public.decision_undos, public.musician_track_records from anon, authenticated;
grant select on public.decision_undos to authenticated;
grant select on public.musician_track_records to anon, authenticated;
grant select on public.decision_undos, public.musician_track_records to service_role;

-- RLS -------------------------------------------------------------------------------------------------
alter table public.decision_undos enable row level security;
alter table public.musician_track_records enable row level security;

drop policy if exists "Deciders read what they may undo" on public.decision_undos;
create policy "Deciders read what they may undo" on public.decision_undos
  for select to authenticated using (actor_id = (select auth.uid()));

-- As public as the profile: the musician profiles the reader may see (RLS of musician_profiles).
drop policy if exists "Track records follow their profile" on public.musician_track_records;
create policy "Track records follow their profile" on public.musician_track_records
  for select to anon, authenticated
  using (exists (select 1 from public.musician_profiles m where m.id = musician_id));

-- the trust facts -------------------------------------------------------------------------------------
/*
 * public.musician_trust_facts (view, as the reader)
 * One row per musician profile the reader may see: photo, member since, rating with count and
 * completed bookings through the platform. Nothing a public profile does not already show.
 */
create or replace view public.musician_trust_facts with (security_invoker = true) as
select m.id as musician_id,
       p.avatar_path,
       p.created_at as member_since,
       m.rating_avg::float8 as rating_avg,
       coalesce(m.rating_count, 0) as rating_count,
       coalesce(t.completed_bookings, 0) as completed_bookings
  from public.musician_profiles m
  join public.profiles p on p.id = m.id
  left join public.musician_track_records t on t.musician_id = m.id;

revoke all on public.musician_trust_facts from anon, authenticated;
grant select on public.musician_trust_facts to anon, authenticated, service_role;

/*
 * private.bookings_track_record() trigger
 * A booking became completed (or stopped being so): recount the musician's completed bookings.
 */
create or replace function private.bookings_track_record() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.musician_track_records as r (musician_id, completed_bookings)
  select new.musician_id, count(*)::int from public.bookings b
   where b.musician_id = new.musician_id and b.status = 'completed'
  on conflict (musician_id) do update set completed_bookings = excluded.completed_bookings,
    updated_at = now()
   where r.completed_bookings is distinct from excluded.completed_bookings;
  return null;
end $$;

drop trigger if exists bookings_track_record on public.bookings;
create trigger bookings_track_record after insert or update of status on public.bookings
  for each row when (new.status = 'completed')
  execute function private.bookings_track_record();
drop trigger if exists bookings_track_record_left on public.bookings;
create trigger bookings_track_record_left after update of status on public.bookings
  for each row when (old.status = 'completed' and new.status <> 'completed')
  execute function private.bookings_track_record();

-- What was completed before this migration.
insert into public.musician_track_records (musician_id, completed_bookings)
select b.musician_id, count(*)::int from public.bookings b where b.status = 'completed'
 group by b.musician_id
on conflict (musician_id) do update set completed_bookings = excluded.completed_bookings;

-- undo: recording ---------------------------------------------------------------------------------
/* private.decline_undo_window() returns interval: how long a client may take a decline back. */
create or replace function private.decline_undo_window() returns interval
language sql immutable set search_path = '' as $$
  select interval '15 minutes'
$$;

/*
 * private.applications_decision_undo() trigger
 * An application's status changed. A client's own decline (of a submitted or shortlisted
 * application, on a gig still published: the automatic declines of accept, close and cancel run
 * after the gig has moved on) and a musician's withdrawal leave an undo row; any other change
 * removes the row, so only the latest decision can be undone.
 */
create or replace function private.applications_decision_undo() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  g public.gigs;
begin
  select * into g from public.gigs where id = new.gig_id;
  if new.status = 'declined' and old.status in ('submitted', 'shortlisted') and g.status = 'published' then
    insert into public.decision_undos as u (application_id, kind, actor_id, from_status, decided_at, undo_until)
    values (new.id, 'declined', g.client_id, old.status, now(), now() + private.decline_undo_window())
    on conflict (application_id) do update set kind = excluded.kind, actor_id = excluded.actor_id,
      from_status = excluded.from_status, decided_at = excluded.decided_at, undo_until = excluded.undo_until;
  elsif new.status = 'withdrawn' and old.status in ('submitted', 'shortlisted') and g.status = 'published'
        and coalesce(g.apply_by, g.starts_at) > now() then
    -- Undoable while the gig takes applications: until apply_by, else until it starts.
    insert into public.decision_undos as u (application_id, kind, actor_id, from_status, decided_at, undo_until)
    values (new.id, 'withdrawn', new.musician_id, old.status, now(),
            least(coalesce(g.apply_by, g.starts_at), g.starts_at))
    on conflict (application_id) do update set kind = excluded.kind, actor_id = excluded.actor_id,
      from_status = excluded.from_status, decided_at = excluded.decided_at, undo_until = excluded.undo_until;
  else
    delete from public.decision_undos where application_id = new.id;
  end if;
  return null;
end $$;

drop trigger if exists applications_decision_undo on public.applications;
create trigger applications_decision_undo after update of status on public.applications
  for each row when (old.status is distinct from new.status)
  execute function private.applications_decision_undo();

/*
 * private.applications_match_signal() trigger (20261215000100_match_signals.sql, amended)
 * An undo puts an application back (declined or withdrawn → submitted or shortlisted): that is
 * not a new judgement, so it records no signal (a restored shortlist is not counted twice).
 */
create or replace function private.applications_match_signal() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  g public.gigs;
  v_kind text;
begin
  if old.status in ('declined', 'withdrawn') then
    return null;
  end if;
  select * into g from public.gigs where id = new.gig_id;
  if not found or g.client_id = new.musician_id then
    return null;
  end if;
  v_kind := case new.status
    when 'shortlisted' then 'shortlisted'
    when 'accepted' then 'booked'
    when 'withdrawn' then 'withdrawn'
    when 'declined' then case when g.status = 'published' then 'declined' end
    end;
  if v_kind is not null then
    perform private.record_match_signal(v_kind, g.client_id, new.musician_id, g.id, null, null, now());
  end if;
  return null;
end $$;

-- undo: acting ----------------------------------------------------------------------------------------
/*
 * private.retract_notice(p_user_id uuid, p_kind text, p_at timestamptz, p_title text, p_body text,
 *                        p_link text) returns boolean
 * The notice of kind p_kind the user got at p_at (the decision's transaction time) goes away if it
 * is unread and nothing went out by e-mail or SMS: true. Otherwise (read, or sent elsewhere) the
 * user gets a correction with the given words: false.
 */
create or replace function private.retract_notice(
  p_user_id uuid, p_kind text, p_at timestamptz, p_title text, p_body text, p_link text
) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
  v_elsewhere boolean := exists (select 1 from public.outbox o
                                  where o.user_id = p_user_id and o.kind = p_kind and o.created_at = p_at);
  v_seen boolean := exists (select 1 from public.notifications n
                             where n.user_id = p_user_id and n.kind = p_kind and n.created_at = p_at
                               and n.read_at is not null);
begin
  delete from public.notifications n
   where n.user_id = p_user_id and n.kind = p_kind and n.created_at = p_at and n.read_at is null;
  if v_elsewhere or v_seen then
    perform private.notify(p_user_id, 'decision_undone', p_title, p_body, p_link);
    return false;
  end if;
  return true;
end $$;

/*
 * private.lock_undo(p_application_id uuid, p_kind text, p_as text) returns public.decision_undos
 * Locks the gig, then the application (the lock order of the marketplace), checks the caller may
 * act (SC404/SC403 as private.lock_application) and returns the live undo row; SC409 when there is
 * none or the gig no longer takes applications.
 */
create or replace function private.lock_undo(p_application_id uuid, p_kind text, p_as text)
returns public.decision_undos
language plpgsql security definer set search_path = '' as $$
declare
  g public.gigs;
  a public.applications;
  u public.decision_undos;
begin
  select * into g from public.gigs
   where id = (select x.gig_id from public.applications x where x.id = p_application_id) for update;
  a := private.lock_application(p_application_id, p_as,
         case p_as when 'owner' then 'reconsider' else 'restore' end);
  select * into u from public.decision_undos x
   where x.application_id = a.id and x.kind = p_kind and a.status = p_kind for update;
  if u.application_id is null then
    raise exception using errcode = 'SC409',
      message = case p_kind when 'declined' then 'This application is not declined: nothing to undo'
                else 'This application is not withdrawn: nothing to undo' end,
      detail = 'status';
  elsif u.undo_until <= now() then
    raise exception using errcode = 'SC409',
      message = case p_kind when 'declined' then 'Too late to undo: a decline can be taken back for '
                  || extract(epoch from private.decline_undo_window())::int / 60 || ' minutes'
                else 'Too late to undo: the gig no longer takes applications' end,
      detail = 'undo_until';
  elsif g.status <> 'published' then
    raise exception using errcode = 'SC409', message = 'This gig is no longer open', detail = 'gig_id';
  end if;
  return u;
end $$;

/* Puts the application back to u.from_status; SC409 when an active one for the pair exists. */
create or replace function private.restore_application(u public.decision_undos) returns public.applications
language plpgsql security definer set search_path = '' as $$
declare
  a public.applications;
begin
  update public.applications set status = u.from_status, decided_at = null
   where id = u.application_id returning * into a;
  return a;
exception when unique_violation then
  raise exception using errcode = 'SC409',
    message = 'There is a newer application from this musician to this gig', detail = 'application_id';
end $$;

/*
 * public.undo_decline(p_application_id uuid) returns public.applications
 * The gig's owner takes a decline back within the window while the gig is published: the
 * application is submitted or shortlisted again, and the musician's notice withdrawn or corrected.
 */
create or replace function private.undo_decline(p_application_id uuid) returns public.applications
language plpgsql security definer set search_path = '' as $$
declare
  u public.decision_undos := private.lock_undo(p_application_id, 'declined', 'owner');
  a public.applications := private.restore_application(u);
  v_title text := (select g.title from public.gigs g where g.id = a.gig_id);
begin
  perform private.retract_notice(a.musician_id, 'declined', u.decided_at,
    'Still in the running: ' || v_title,
    'The client took back their decline: your application is being considered again.',
    '/gigs/' || a.gig_id);
  return a;
end $$;

create or replace function public.undo_decline(p_application_id uuid) returns public.applications
language sql security invoker set search_path = '' as $$
  select * from private.undo_decline(p_application_id)
$$;

/*
 * public.undo_withdraw(p_application_id uuid) returns public.applications
 * The applicant takes a withdrawal back while the gig still takes applications: the application
 * is as it was, and the client's notice withdrawn or corrected.
 */
create or replace function private.undo_withdraw(p_application_id uuid) returns public.applications
language plpgsql security definer set search_path = '' as $$
declare
  u public.decision_undos := private.lock_undo(p_application_id, 'withdrawn', 'applicant');
  a public.applications := private.restore_application(u);
  g public.gigs;
begin
  select * into g from public.gigs where id = a.gig_id;
  perform private.retract_notice(g.client_id, 'withdrawn', u.decided_at,
    'Application back: ' || g.title,
    coalesce((select m.stage_name from public.musician_profiles m where m.id = a.musician_id), 'A musician')
      || ' took back their withdrawal: the application stands again.',
    '/gigs/' || g.id || '/applications');
  return a;
end $$;

create or replace function public.undo_withdraw(p_application_id uuid) returns public.applications
language sql security invoker set search_path = '' as $$
  select * from private.undo_withdraw(p_application_id)
$$;

-- cancelling a booking: what happens to the money -------------------------------------------------
/*
 * public.booking_cancel_preview(p_booking_id uuid)
 *   returns (held_minor, refund_minor, musician_keeps_minor, currency, late, by_client)
 * What cancelling the confirmed booking now, as the caller (either party), does to money held in
 * escrow: private.bookings_cancel_refund's rule, read without changing anything. SC404 unless the
 * caller is a party; SC409 unless the booking is confirmed.
 */
create or replace function private.booking_cancel_preview(p_booking_id uuid)
returns table (held_minor bigint, refund_minor bigint, musician_keeps_minor bigint, currency text,
               late boolean, by_client boolean)
language plpgsql stable security definer set search_path = '' as $$
declare
  uid uuid := private.require_uid();
  b public.bookings;
  v_keep bigint := 0;
  v_held bigint;
begin
  select * into b from public.bookings x where x.id = p_booking_id;
  if not found or uid not in (b.client_id, b.musician_id) then
    raise exception using errcode = 'SC404', message = 'Booking not found', detail = 'booking_id';
  elsif b.status <> 'confirmed' then
    raise exception using errcode = 'SC409', message = 'Only a confirmed booking can be cancelled',
      detail = 'status';
  end if;
  late := b.cancellation_terms like 'Either party may cancel free of charge until 7 days before the start.%'
          and b.starts_at - now() < interval '7 days';
  by_client := uid = b.client_id;
  if late and by_client then
    select greatest(b.fee_minor / 2
                    - coalesce(sum(x.fee_minor - least(x.refunded_minor, x.fee_minor)), 0), 0)
      into v_keep from public.payments x
     where x.booking_id = b.id and x.state in ('released', 'partially_refunded', 'resolved');
  end if;
  select coalesce(sum(x.fee_minor), 0) into v_held from public.payments x
   where x.booking_id = b.id and x.state = 'held';
  held_minor := v_held;
  musician_keeps_minor := least(v_keep, v_held);
  refund_minor := v_held - musician_keeps_minor;
  currency := b.currency;
  return next;
end $$;

create or replace function public.booking_cancel_preview(p_booking_id uuid)
returns table (held_minor bigint, refund_minor bigint, musician_keeps_minor bigint, currency text,
               late boolean, by_client boolean)
language sql stable security invoker set search_path = '' as $$
  select * from private.booking_cancel_preview(p_booking_id)
$$;

-- grants: functions -----------------------------------------------------------------------------------
revoke execute on function
  private.bookings_track_record(), private.decline_undo_window(), private.applications_decision_undo(),
  private.retract_notice(uuid, text, timestamptz, text, text, text),
  private.lock_undo(uuid, text, text), private.restore_application(public.decision_undos),
  private.undo_decline(uuid), private.undo_withdraw(uuid), private.booking_cancel_preview(uuid),
  public.undo_decline(uuid), public.undo_withdraw(uuid), public.booking_cancel_preview(uuid)
  from public, anon, authenticated;
grant execute on function
  private.undo_decline(uuid), private.undo_withdraw(uuid), private.booking_cancel_preview(uuid),
  public.undo_decline(uuid), public.undo_withdraw(uuid), public.booking_cancel_preview(uuid)
  to authenticated;
