-- Behaviour signals for matching (issue 18, item 4: "learning from behaviour"). What people did
-- (shortlists, bookings, client declines, withdrawals, released reviews) goes into an append-only
-- log, and two aggregates are kept in the same transaction for the ranking to read with one
-- primary-key probe each:
--   private.match_reputation (subject_id)            how a musician (or a client) has fared overall
--   private.match_affinity   (client_id, musician_id) this client's own history with this musician
-- A missing row means no history: score 0, the neutral cold start.
--
-- Recording happens only in triggers on the real tables (applications, reviews), never in route
-- code; private.record_match_signal is also the service's entry point for replaying a synthetic
-- history (the matching bench). Both scores are pure functions of the counters in their row, with
-- the constants in one function each, so changing a constant is one edit plus
-- private.refresh_match_scores().
-- Errors follow lib/ports/db/errors.ts (SC400 with the field in DETAIL).

-- tables ----------------------------------------------------------------------------------------------
create table if not exists private.match_signals (
  id bigint generated always as identity,
  kind text not null,
  client_id uuid not null,
  musician_id uuid not null,
  gig_id uuid,
  rating smallint,                              -- reviews only: 1 to 5 stars
  author text,                                  -- reviews only: who wrote it
  created_at timestamptz not null default now(),
  constraint match_signals_pkey primary key (id),
  constraint match_signals_client_id_fkey foreign key (client_id) references public.profiles (id)
    on delete cascade,
  constraint match_signals_musician_id_fkey foreign key (musician_id) references public.profiles (id)
    on delete cascade,
  constraint match_signals_gig_id_fkey foreign key (gig_id) references public.gigs (id)
    on delete set null,
  constraint match_signals_kind_check check (
    kind in ('shortlisted', 'booked', 'declined', 'withdrawn', 'reviewed')),
  constraint match_signals_rating_check check (rating between 1 and 5),
  constraint match_signals_author_check check (author in ('client', 'musician')),
  constraint match_signals_review_check check (
    (kind = 'reviewed') = (rating is not null) and (kind = 'reviewed') = (author is not null))
);
create index if not exists match_signals_musician_id_idx on private.match_signals (musician_id);
create index if not exists match_signals_client_id_idx on private.match_signals (client_id);
-- The set-null cascade from a deleted gig, and "this booking's review is already counted".
create index if not exists match_signals_gig_id_idx on private.match_signals (gig_id)
  where gig_id is not null;

-- One row per person who has been the subject of a signal: a musician (client→musician signals and
-- clients' reviews of her) or a client (musicians' reviews of them). Someone who is both shares one
-- row. Counters are the inputs of private.match_reputation_score.
create table if not exists private.match_reputation (
  subject_id uuid not null,
  rating_sum integer not null default 0,
  rating_n integer not null default 0,
  booked_n integer not null default 0,
  shortlisted_n integer not null default 0,
  declined_n integer not null default 0,
  withdrawn_n integer not null default 0,
  score real not null default 0,
  updated_at timestamptz not null default now(),
  constraint match_reputation_pkey primary key (subject_id),
  constraint match_reputation_subject_id_fkey foreign key (subject_id) references public.profiles (id)
    on delete cascade,
  constraint match_reputation_score_check check (score between -1 and 1)
);

-- A client's history with one musician. rating_sum/rating_n hold the client's reviews of her only.
create table if not exists private.match_affinity (
  client_id uuid not null,
  musician_id uuid not null,
  shortlisted_n integer not null default 0,
  booked_n integer not null default 0,
  declined_n integer not null default 0,
  withdrawn_n integer not null default 0,
  rating_sum integer not null default 0,
  rating_n integer not null default 0,
  score real not null,
  updated_at timestamptz not null default now(),
  constraint match_affinity_pkey primary key (client_id, musician_id),
  constraint match_affinity_client_id_fkey foreign key (client_id) references public.profiles (id)
    on delete cascade,
  constraint match_affinity_musician_id_fkey foreign key (musician_id) references public.profiles (id)
    on delete cascade,
  constraint match_affinity_score_check check (score between -1 and 1)
);
create index if not exists match_affinity_musician_id_idx on private.match_affinity (musician_id);

-- grants and RLS: the service only (it bypasses RLS, as on Supabase); nobody writes but the functions.
revoke all on private.match_signals, private.match_reputation, private.match_affinity
  from public, anon, authenticated, service_role;
grant select on private.match_signals, private.match_reputation, private.match_affinity to service_role;
alter table private.match_signals enable row level security;
alter table private.match_reputation enable row level security;
alter table private.match_affinity enable row level security;

-- Append-only, even for the table's owner: an update, delete or truncate fails, except what a
-- foreign-key action does (it runs inside the RI trigger, so the depth is above 1): the cascade
-- from a deleted profile, and a deleted gig's id set to null with nothing else changed.
create or replace function private.match_signals_append_only() returns trigger
language plpgsql set search_path = '' as $$
begin
  if pg_catalog.pg_trigger_depth() > 1 then
    if tg_op = 'DELETE' then
      return old;
    elsif tg_op = 'UPDATE' and new.gig_id is null
          and (new.id, new.kind, new.client_id, new.musician_id, new.rating, new.author, new.created_at)
              is not distinct from
              (old.id, old.kind, old.client_id, old.musician_id, old.rating, old.author, old.created_at) then
      return new;
    end if;
  end if;
  raise exception using errcode = 'SC403', message = 'The match signal log cannot be changed',
    detail = 'match_signals';
end $$;
drop trigger if exists match_signals_append_only on private.match_signals;
create trigger match_signals_append_only before update or delete on private.match_signals
  for each row execute function private.match_signals_append_only();
drop trigger if exists match_signals_no_truncate on private.match_signals;
create trigger match_signals_no_truncate before truncate on private.match_signals
  for each statement execute function private.match_signals_append_only();

-- the formulas (the only place their constants live) --------------------------------------------------
/*
 * private.match_reputation_score(rating_sum, rating_n, booked_n, declined_n) returns real in [-1, 1]
 *   rating  = clamp(((rating_sum + 3.5·K) / (rating_n + K) − 3.5) / 1.5, −1, 1), K = 3
 *             (the average shrunk towards 3.5 stars by K phantom reviews: one review moves it a
 *             little, no reviews is exactly 0, all fives tend to 1)
 *   outcome = clamp(0.05 · (booked_n − declined_n), −0.2, 0.2)
 *             (+0.05 per booking, −0.05 per client decline beyond the bookings, ±0.2 at most)
 *   score   = clamp(rating + outcome, −1, 1)
 * e.g. ratings 5 and 5, two bookings: ((10 + 10.5)/5 − 3.5)/1.5 = 0.4, + 0.1 = 0.5.
 * Shortlists and withdrawals are counted but do not move the score.
 */
create or replace function private.match_reputation_score(
  p_rating_sum integer, p_rating_n integer, p_booked_n integer, p_declined_n integer
) returns real
language sql immutable set search_path = '' as $$
  with k as (select 3.0 as shrink, 3.5 as prior, 1.5 as span, 0.05 as per_outcome, 0.2 as outcome_cap)
  select greatest(-1, least(1,
           greatest(-1, least(1,
             ((p_rating_sum + k.prior * k.shrink) / (p_rating_n + k.shrink) - k.prior) / k.span))
           + greatest(-k.outcome_cap, least(k.outcome_cap,
               k.per_outcome * (p_booked_n - p_declined_n)))))::real
    from k
$$;

/*
 * private.match_affinity_score(shortlisted_n, booked_n, declined_n, withdrawn_n, rating_sum,
 *                              rating_n) returns real in [-1, 1]
 *   clamp(0.2·shortlisted + 0.5·booked − 0.6·declined − 0.2·withdrawn
 *         + Σ(rating − 3)/4 over the client's reviews of her, −1, 1)
 * Summed from counters, so the order the signals came in does not matter.
 */
create or replace function private.match_affinity_score(
  p_shortlisted_n integer, p_booked_n integer, p_declined_n integer, p_withdrawn_n integer,
  p_rating_sum integer, p_rating_n integer
) returns real
language sql immutable set search_path = '' as $$
  select greatest(-1, least(1,
    0.2 * p_shortlisted_n + 0.5 * p_booked_n - 0.6 * p_declined_n - 0.2 * p_withdrawn_n
    + (p_rating_sum - 3.0 * p_rating_n) / 4))::real
$$;

-- recording -------------------------------------------------------------------------------------------
/*
 * private.record_match_signal(p_kind text, p_client uuid, p_musician uuid, p_gig uuid,
 *   p_rating smallint, p_author text, p_at timestamptz default now()) returns bigint
 *   (the triggers below; the service replaying a history)
 * Appends one signal and updates both aggregates with it; returns the log id. The subject of the
 * reputation is the musician, except for a review written by the musician (the client's then);
 * a musician's review of the client leaves the affinity alone. `p_at` dates the signal.
 */
create or replace function private.record_match_signal(
  p_kind text, p_client uuid, p_musician uuid, p_gig uuid, p_rating smallint, p_author text,
  p_at timestamptz default now()
) returns bigint
language plpgsql security definer set search_path = '' as $$
declare
  v_review boolean := p_kind = 'reviewed';
  v_subject uuid;
  v_id bigint;
  -- this signal's increments
  d_rating_sum integer := case when p_kind = 'reviewed' then p_rating else 0 end;
  d_rating_n integer := case when p_kind = 'reviewed' then 1 else 0 end;
  d_booked integer := (p_kind = 'booked')::integer;
  d_shortlisted integer := (p_kind = 'shortlisted')::integer;
  d_declined integer := (p_kind = 'declined')::integer;
  d_withdrawn integer := (p_kind = 'withdrawn')::integer;
begin
  if p_kind is null or p_kind not in ('shortlisted', 'booked', 'declined', 'withdrawn', 'reviewed') then
    raise exception using errcode = 'SC400', message = 'Unknown signal kind', detail = 'kind';
  elsif p_client is null then
    raise exception using errcode = 'SC400', message = 'Name the client', detail = 'client';
  elsif p_musician is null or p_musician = p_client then
    raise exception using errcode = 'SC400', message = 'Name a musician other than the client',
      detail = 'musician';
  elsif v_review and (p_rating is null or p_rating not between 1 and 5) then
    raise exception using errcode = 'SC400', message = 'A review needs a rating from 1 to 5',
      detail = 'rating';
  elsif v_review and (p_author is null or p_author not in ('client', 'musician')) then
    raise exception using errcode = 'SC400', message = 'A review needs its author: client or musician',
      detail = 'author';
  elsif not v_review and (p_rating is not null or p_author is not null) then
    raise exception using errcode = 'SC400', message = 'Only a review has a rating and an author',
      detail = case when p_rating is not null then 'rating' else 'author' end;
  elsif p_at is null then
    raise exception using errcode = 'SC400', message = 'Give the time of the signal', detail = 'at';
  end if;

  insert into private.match_signals (kind, client_id, musician_id, gig_id, rating, author, created_at)
  values (p_kind, p_client, p_musician, p_gig, p_rating, p_author, p_at)
  returning id into v_id;

  v_subject := case when v_review and p_author = 'musician' then p_client else p_musician end;
  insert into private.match_reputation as r (subject_id, rating_sum, rating_n, booked_n,
                                             shortlisted_n, declined_n, withdrawn_n, score, updated_at)
  values (v_subject, d_rating_sum, d_rating_n, d_booked, d_shortlisted, d_declined, d_withdrawn,
          private.match_reputation_score(d_rating_sum, d_rating_n, d_booked, d_declined), p_at)
  on conflict (subject_id) do update set
    rating_sum = r.rating_sum + excluded.rating_sum,
    rating_n = r.rating_n + excluded.rating_n,
    booked_n = r.booked_n + excluded.booked_n,
    shortlisted_n = r.shortlisted_n + excluded.shortlisted_n,
    declined_n = r.declined_n + excluded.declined_n,
    withdrawn_n = r.withdrawn_n + excluded.withdrawn_n,
    score = private.match_reputation_score(r.rating_sum + excluded.rating_sum,
      r.rating_n + excluded.rating_n, r.booked_n + excluded.booked_n,
      r.declined_n + excluded.declined_n),
    updated_at = greatest(r.updated_at, excluded.updated_at);

  if not (v_review and p_author = 'musician') then
    insert into private.match_affinity as f (client_id, musician_id, shortlisted_n, booked_n,
                                             declined_n, withdrawn_n, rating_sum, rating_n, score,
                                             updated_at)
    values (p_client, p_musician, d_shortlisted, d_booked, d_declined, d_withdrawn, d_rating_sum,
            d_rating_n, private.match_affinity_score(d_shortlisted, d_booked, d_declined, d_withdrawn,
              d_rating_sum, d_rating_n), p_at)
    on conflict (client_id, musician_id) do update set
      shortlisted_n = f.shortlisted_n + excluded.shortlisted_n,
      booked_n = f.booked_n + excluded.booked_n,
      declined_n = f.declined_n + excluded.declined_n,
      withdrawn_n = f.withdrawn_n + excluded.withdrawn_n,
      rating_sum = f.rating_sum + excluded.rating_sum,
      rating_n = f.rating_n + excluded.rating_n,
      score = private.match_affinity_score(f.shortlisted_n + excluded.shortlisted_n,
        f.booked_n + excluded.booked_n, f.declined_n + excluded.declined_n,
        f.withdrawn_n + excluded.withdrawn_n, f.rating_sum + excluded.rating_sum,
        f.rating_n + excluded.rating_n),
      updated_at = greatest(f.updated_at, excluded.updated_at);
  end if;
  return v_id;
end $$;

/*
 * private.refresh_match_scores() returns integer   (service: after a formula's constants change)
 * Recomputes every stored score from its counters; returns how many rows changed.
 */
create or replace function private.refresh_match_scores() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  n integer;
  m integer;
begin
  update private.match_reputation r
     set score = private.match_reputation_score(r.rating_sum, r.rating_n, r.booked_n, r.declined_n)
   where r.score is distinct from
         private.match_reputation_score(r.rating_sum, r.rating_n, r.booked_n, r.declined_n);
  get diagnostics n = row_count;
  update private.match_affinity f
     set score = private.match_affinity_score(f.shortlisted_n, f.booked_n, f.declined_n,
                                              f.withdrawn_n, f.rating_sum, f.rating_n)
   where f.score is distinct from private.match_affinity_score(f.shortlisted_n, f.booked_n,
           f.declined_n, f.withdrawn_n, f.rating_sum, f.rating_n);
  get diagnostics m = row_count;
  return n + m;
end $$;

-- triggers: where the signals come from ---------------------------------------------------------------
/*
 * An application's status changed (private.shortlist_application, decline_application,
 * withdraw_application, accept_application, decline_active_applications; the scout's
 * auto-shortlist goes through shortlist_application, on the client's own rules, and counts).
 *   → shortlisted: 'shortlisted'; → accepted: 'booked' (the booking row is not counted again);
 *   → withdrawn: 'withdrawn' (only the applicant withdraws);
 *   → declined: 'declined' only while the gig is still published. Every automatic decline
 *     (private.decline_active_applications, from accept "one booked, the others declined",
 *     close_gig and cancel_gig) runs after its function has moved the gig to filled, closed or
 *     cancelled in the same transaction, so those are not the client's judgement of the musician
 *     and are not counted. A client's own decline happens on a published gig.
 */
create or replace function private.applications_match_signal() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  g public.gigs;
  v_kind text;
begin
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
drop trigger if exists applications_match_signal on public.applications;
create trigger applications_match_signal after update of status on public.applications
  for each row when (old.status is distinct from new.status)
  execute function private.applications_match_signal();

/*
 * A review released (released_at set: when it counts in ratings, see private.release_due_reviews):
 * 'reviewed' with its author's side of the booking. Counted once per booking and author, even if
 * a moved completion hides it and releases it again (private.sync_review_visibility).
 */
create or replace function private.reviews_match_signal() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings;
  v_author text;
begin
  if new.released_at is null or (tg_op = 'UPDATE' and old.released_at is not null) then
    return null;
  end if;
  select * into b from public.bookings where id = new.booking_id;
  v_author := case new.author_id when b.client_id then 'client' when b.musician_id then 'musician' end;
  if v_author is null or b.client_id = b.musician_id
     or exists (select from private.match_signals s
                 where s.gig_id = b.gig_id and s.kind = 'reviewed' and s.author = v_author
                   and s.client_id = b.client_id and s.musician_id = b.musician_id) then
    return null;
  end if;
  perform private.record_match_signal('reviewed', b.client_id, b.musician_id, b.gig_id, new.rating,
    v_author, new.released_at);
  return null;
end $$;
drop trigger if exists reviews_match_signal on public.reviews;
create trigger reviews_match_signal after insert or update of released_at on public.reviews
  for each row execute function private.reviews_match_signal();

-- grants: functions -----------------------------------------------------------------------------------
revoke execute on function
  private.match_signals_append_only(),
  private.match_reputation_score(integer, integer, integer, integer),
  private.match_affinity_score(integer, integer, integer, integer, integer, integer),
  private.record_match_signal(text, uuid, uuid, uuid, smallint, text, timestamptz),
  private.refresh_match_scores(), private.applications_match_signal(), private.reviews_match_signal()
  from public, anon, authenticated;
grant execute on function
  private.match_reputation_score(integer, integer, integer, integer),
  private.match_affinity_score(integer, integer, integer, integer, integer, integer),
  private.record_match_signal(text, uuid, uuid, uuid, smallint, text, timestamptz),
  private.refresh_match_scores()
  to service_role;

-- backfill --------------------------------------------------------------------------------------------
/*
 * private.backfill_match_signals() returns integer   (this migration; the service)
 * Records the history from before the triggers, oldest first, and returns how many signals. Does
 * nothing unless the log is empty: once the triggers exist they record everything, so a re-run has
 * nothing to add. What the rows no longer show is lost: an application shortlisted and later
 * accepted or declined counts only its final state. A decline is automatic (not counted) when
 * another application of the gig was accepted at the same instant, or when the gig was closed or
 * cancelled at that instant (those functions stamp both with the one transaction's now()).
 */
create or replace function private.backfill_match_signals() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  n integer := 0;
begin
  if exists (select from private.match_signals) then
    return 0;
  end if;
  for r in
    select x.* from (
      select case a.status when 'shortlisted' then 'shortlisted' when 'accepted' then 'booked'
                           when 'withdrawn' then 'withdrawn' else 'declined' end as kind,
             g.client_id, a.musician_id, g.id as gig_id, null::smallint as rating, null::text as author,
             coalesce(a.decided_at, a.updated_at) as at
        from public.applications a join public.gigs g on g.id = a.gig_id
       where g.client_id <> a.musician_id
         and (a.status in ('shortlisted', 'accepted', 'withdrawn')
              or (a.status = 'declined'
                  and not exists (select from public.applications o
                                   where o.gig_id = a.gig_id and o.status = 'accepted'
                                     and o.decided_at = a.decided_at)
                  and not (g.status in ('closed', 'cancelled') and g.updated_at = a.decided_at)))
      union all
      select 'reviewed', b.client_id, b.musician_id, b.gig_id, v.rating,
             case when v.author_id = b.client_id then 'client' else 'musician' end, v.released_at
        from public.reviews v join public.bookings b on b.id = v.booking_id
       where v.released_at is not null and v.author_id in (b.client_id, b.musician_id)
         and b.client_id <> b.musician_id) x
    order by x.at, x.kind
  loop
    perform private.record_match_signal(r.kind, r.client_id, r.musician_id, r.gig_id, r.rating,
      r.author, r.at);
    n := n + 1;
  end loop;
  return n;
end $$;
revoke execute on function private.backfill_match_signals() from public, anon, authenticated;
grant execute on function private.backfill_match_signals() to service_role;

select private.backfill_match_signals();
