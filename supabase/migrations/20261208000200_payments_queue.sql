-- Provider calls as jobs, and the daily reconcile (issue 13, items 4 and 6).
--
-- 1. Every provider call a settled payment implies (the refund, the musician's transfer) runs as a
--    job on the `payments` queue: a trigger enqueues it in the transaction that settles the
--    payment, whichever path settled it (a party, a dispute decision, pg_cron's auto-release, a
--    cancellation). A failed call is retried with exponential backoff up to a maximum of attempts
--    (lib/domains/payments/jobs.ts); the attempts, the next try and the provider's error stay on
--    the payment, where the musician and admins read them.
-- 2. Once a day the reconcile job fetches the provider's objects of recently touched payments and
--    compares them with the ledger; drift goes to `payment_drift`, which only admins read.

-- queue --------------------------------------------------------------------------------------------------
do $$
declare q text;
begin
  foreach q in array array['payments', 'payments_dlq'] loop
    if not exists (select from pgmq.meta m where m.queue_name = q) then
      perform pgmq.create(q);
    end if;
  end loop;
end $$;

-- tables -------------------------------------------------------------------------------------------------
alter table public.payments
  -- The provider's refund id, for the reconcile.
  add column if not exists refund_ref text,
  -- Provider-call attempts made for this payment's refund and payout (reset by an admin's retry).
  add column if not exists work_attempts integer not null default 0,
  -- When the next attempt runs (its message is delayed until then); null when none is scheduled.
  add column if not exists work_retry_at timestamptz,
  -- Set when the last attempt failed: nothing retries until an admin does.
  add column if not exists work_gave_up_at timestamptz,
  -- An attempt in progress until then: a second consumer of a duplicate message leaves it alone.
  add column if not exists work_lease_until timestamptz;

alter table public.payments drop constraint if exists payments_work_attempts_check;
alter table public.payments add constraint payments_work_attempts_check
  check (work_attempts between 0 and 100);

create index if not exists payments_work_due_idx on public.payments (work_retry_at)
  where refund_state in ('pending', 'failed') or payout_state in ('pending', 'failed');
create index if not exists payments_updated_at_idx on public.payments (updated_at);

create table if not exists public.payment_drift (
  id uuid not null default gen_random_uuid(),
  payment_id uuid not null,
  booking_id uuid not null,
  provider text not null,
  -- Which provider object disagrees: the client's payment, the refund or the musician's transfer.
  object text not null,
  provider_ref text,
  -- What the ledger says: {amount_minor, currency, status}.
  expected jsonb not null,
  -- What the provider says, the same shape; null when it has no such object.
  actual jsonb,
  detail text not null,
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  -- Set when a later reconcile found the object in agreement again.
  resolved_at timestamptz,
  constraint payment_drift_pkey primary key (id),
  constraint payment_drift_payment_id_object_key unique (payment_id, object),
  constraint payment_drift_payment_id_fkey foreign key (payment_id) references public.payments (id)
    on delete cascade,
  constraint payment_drift_booking_id_fkey foreign key (booking_id) references public.bookings (id)
    on delete cascade,
  constraint payment_drift_object_check check (object in ('payment', 'refund', 'transfer')),
  constraint payment_drift_detail_length check (char_length(detail) between 1 and 1000)
);
create index if not exists payment_drift_booking_id_idx on public.payment_drift (booking_id);
create index if not exists payment_drift_open_idx on public.payment_drift (last_seen_at)
  where resolved_at is null;

create table if not exists public.payment_reconcile_runs (
  -- One run per UTC day: pg_cron and the embedded worker may both ask, one wins.
  day date not null,
  queued_at timestamptz not null default now(),
  finished_at timestamptz,
  -- Provider objects compared, found drifting, and not comparable (the provider could not say).
  checked integer,
  drifted integer,
  unchecked integer,
  constraint payment_reconcile_runs_pkey primary key (day),
  constraint payment_reconcile_runs_counts_check
    check (coalesce(checked, 0) >= 0 and coalesce(drifted, 0) >= 0 and coalesce(unchecked, 0) >= 0)
);

-- grants and RLS -----------------------------------------------------------------------------------------
alter table public.payment_drift enable row level security;
alter table public.payment_reconcile_runs enable row level security;
revoke all on public.payment_drift, public.payment_reconcile_runs from anon, authenticated;
grant select on public.payment_drift, public.payment_reconcile_runs to authenticated;
grant select, insert, update, delete on public.payment_drift, public.payment_reconcile_runs
  to service_role;

drop policy if exists "Admins read payment drift" on public.payment_drift;
create policy "Admins read payment drift" on public.payment_drift
  for select to authenticated using ((select private.is_admin()));

drop policy if exists "Admins read reconcile runs" on public.payment_reconcile_runs;
create policy "Admins read reconcile runs" on public.payment_reconcile_runs
  for select to authenticated using ((select private.is_admin()));

-- triggers -----------------------------------------------------------------------------------------------

/*
 * private.payments_enqueue_work() trigger
 * A refund or payout became pending (settle_out, whatever called it): one job message for the
 * payment. The key is fresh per message; the job itself reads the payment's state, so a message
 * that finds nothing due does nothing.
 */
create or replace function private.payments_enqueue_work() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform pgmq.send('payments', jsonb_build_object('kind', 'provider_work', 'payment_id', new.id,
    'idempotency_key', 'payments:work:' || new.id || ':' || gen_random_uuid()));
  return null;
end $$;

drop trigger if exists payments_enqueue_work on public.payments;
create trigger payments_enqueue_work
  after update of refund_state, payout_state on public.payments
  for each row
  when (new.refund_state = 'pending' and old.refund_state is distinct from 'pending'
        or new.payout_state = 'pending' and old.payout_state is distinct from 'pending'
           and new.payout_ref is null)
  execute function private.payments_enqueue_work();

/*
 * private.payments_work_gave_up_notify() trigger
 * The last attempt failed: the musician hears of a failed payout, the client of a failed refund,
 * with the provider's error; admins see it on /admin/payments.
 */
create or replace function private.payments_work_gave_up_notify() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings;
begin
  select * into b from public.bookings where id = new.booking_id;
  if new.payout_state = 'failed' then
    perform private.notify(b.musician_id, 'payout_failed', 'Payout failed',
      'Payout failed: ' || left(coalesce(new.payout_error, 'the provider refused it'), 500)
      || '. We stopped retrying; an admin will look at it.', '/bookings/' || b.id);
  end if;
  if new.refund_state = 'failed' then
    perform private.notify(b.client_id, 'refund_failed', 'Refund failed',
      'Refund failed: ' || left(coalesce(new.refund_error, 'the provider refused it'), 500)
      || '. We stopped retrying; an admin will look at it.', '/bookings/' || b.id);
  end if;
  return null;
end $$;

drop trigger if exists payments_work_gave_up_notify on public.payments;
create trigger payments_work_gave_up_notify
  after update of work_gave_up_at on public.payments
  for each row
  when (new.work_gave_up_at is not null and old.work_gave_up_at is null)
  execute function private.payments_work_gave_up_notify();

-- functions ----------------------------------------------------------------------------------------------

/*
 * private.enqueue_payment_reconcile(p_days integer default 7) returns boolean   (service)
 * Queues today's (UTC) reconcile of payments touched in the last `p_days` days, once a day: true
 * when this call queued it. pg_cron calls it daily on Supabase, the embedded worker hourly.
 */
create or replace function private.enqueue_payment_reconcile(p_days integer default 7)
returns boolean
language plpgsql security definer set search_path = '' as $$
declare
  v_day date := (now() at time zone 'utc')::date;
begin
  insert into public.payment_reconcile_runs (day) values (v_day) on conflict (day) do nothing;
  if not found then
    return false;
  end if;
  perform pgmq.send('payments', jsonb_build_object('kind', 'reconcile', 'day', v_day,
    'days', least(greatest(coalesce(p_days, 7), 1), 90),
    'idempotency_key', 'payments:reconcile:' || v_day));
  return true;
end $$;

/*
 * public.admin_payment_problems() returns table(...)
 * Payments whose provider work failed (retrying or given up) and open drift, with the gig and the
 * musician, for /admin/payments. Admins only: anyone else gets SC403.
 */
create or replace function private.admin_payment_problems()
returns table (
  booking_id uuid, gig_title text, musician_name text, provider text, currency text,
  fee_minor bigint, refunded_minor bigint, payout_state text, payout_error text,
  refund_state text, refund_error text, work_attempts integer, work_retry_at timestamptz,
  work_gave_up_at timestamptz, drift_object text, drift_detail text, drift_seen_at timestamptz
)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_admin() then
    raise exception using errcode = 'SC403', message = 'Only admins see payment problems',
      detail = 'role';
  end if;
  return query
    select p.booking_id, g.title, m.display_name, p.provider, p.currency, p.fee_minor,
           p.refunded_minor, p.payout_state, p.payout_error, p.refund_state, p.refund_error,
           p.work_attempts, p.work_retry_at, p.work_gave_up_at, d.object, d.detail, d.last_seen_at
      from public.payments p
      join public.bookings b on b.id = p.booking_id
      join public.gigs g on g.id = b.gig_id
      join public.profiles m on m.id = b.musician_id
      left join public.payment_drift d on d.payment_id = p.id and d.resolved_at is null
     where p.payout_state = 'failed' or p.refund_state = 'failed' or d.id is not null
     order by p.work_gave_up_at is null, coalesce(d.last_seen_at, p.updated_at) desc
     limit 500;
end $$;

create or replace function public.admin_payment_problems()
returns table (
  booking_id uuid, gig_title text, musician_name text, provider text, currency text,
  fee_minor bigint, refunded_minor bigint, payout_state text, payout_error text,
  refund_state text, refund_error text, work_attempts integer, work_retry_at timestamptz,
  work_gave_up_at timestamptz, drift_object text, drift_detail text, drift_seen_at timestamptz
)
language sql stable security invoker set search_path = '' as $$
  select * from private.admin_payment_problems()
$$;

/*
 * public.retry_payment_work(p_booking_id uuid) returns public.payments
 * An admin retries provider work that failed (typically given up): failed → pending with the
 * attempts reset, which queues a fresh job (payments_enqueue_work). Anyone else: SC404.
 */
create or replace function private.retry_payment_work(p_booking_id uuid) returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
begin
  if not private.is_admin() then
    raise exception using errcode = 'SC404', message = 'Payment not found', detail = 'booking_id';
  end if;
  -- The booking first, then its payment: the lock order of every payments function.
  perform 1 from public.bookings where id = p_booking_id for update;
  p := private.lock_payment(p_booking_id);
  if p.payout_state <> 'failed' and p.refund_state <> 'failed' then
    raise exception using errcode = 'SC409', message = 'Nothing failed here to retry',
      detail = 'state';
  end if;
  update public.payments
     set refund_state = case when refund_state = 'failed' then 'pending' else refund_state end,
         payout_state = case when payout_state = 'failed' then 'pending' else payout_state end,
         work_attempts = 0, work_retry_at = null, work_gave_up_at = null, work_lease_until = null,
         updated_at = now()
   where id = p.id returning * into p;
  return p;
end $$;

create or replace function public.retry_payment_work(p_booking_id uuid) returns public.payments
language sql security invoker set search_path = '' as $$
  select * from private.retry_payment_work(p_booking_id)
$$;

revoke execute on function private.payments_enqueue_work(), private.payments_work_gave_up_notify(),
  private.enqueue_payment_reconcile(integer),
  private.admin_payment_problems(), public.admin_payment_problems(),
  private.retry_payment_work(uuid), public.retry_payment_work(uuid)
  from public, anon, authenticated;
grant execute on function private.enqueue_payment_reconcile(integer) to service_role;
grant execute on function private.admin_payment_problems(), public.admin_payment_problems(),
  private.retry_payment_work(uuid), public.retry_payment_work(uuid)
  to authenticated;

-- backfill -----------------------------------------------------------------------------------------------
-- Work left pending by the sweep that called providers inline gets its job now.
select pgmq.send('payments', jsonb_build_object('kind', 'provider_work', 'payment_id', p.id,
         'idempotency_key', 'payments:work:' || p.id || ':' || gen_random_uuid()))
  from public.payments p
 where p.refund_state in ('pending', 'failed')
    or p.payout_state in ('pending', 'failed') and p.payout_ref is null;

-- schedule -----------------------------------------------------------------------------------------------
-- On Supabase pg_cron queues the reconcile daily and functions/worker (pg_cron → pg_net) runs it;
-- embedded, the worker's periodic task (jobs.ts) calls the same function.
do $$
begin
  if not exists (select from pg_available_extensions where name = 'pg_cron') then
    raise notice 'pg_cron not available: the worker queues the daily reconcile';
    return;
  end if;
  create extension if not exists pg_cron with schema pg_catalog;
  if not exists (select from cron.job where jobname = 'soundcheck-payments-reconcile') then
    perform cron.schedule('soundcheck-payments-reconcile', '30 3 * * *',
      'select private.enqueue_payment_reconcile()');
  end if;
end $$;
