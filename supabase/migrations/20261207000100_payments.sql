-- Escrow payments (issue 13): one payment per booking moving through one state machine, a
-- double-entry ledger, provider webhook events stored once, and disputes.
--
--   unpaid → checkout_open → held → released | refunded | partially_refunded
--                            held → disputed → resolved (resolution: released | refunded | split)
--
-- Every transition is one `security definer` function in `private` that locks the payment, checks
-- the state and posts its ledger transaction in the same transaction. The app calls user actions
-- through thin `public` wrappers (as the caller, so auth.uid() is theirs); provider-driven
-- transitions (funds held, payout settled) are service-only. Nobody writes the tables directly.
-- Errors follow lib/ports/db/errors.ts: SC400/403/404/409 with the field in DETAIL.
--
-- Ledger accounts, amounts signed so each transaction sums to zero (the client pays total T =
-- fee + platform fee + provider fee):
--   capture   client_funds −T, escrow +T
--   release   escrow −T, musician_payable +fee, platform_fees +pf, provider_fees +prf
--   refund    escrow −T, refunds +T
--   partial   escrow −T, refunds +R, musician_payable +(fee−R), platform_fees +pf, provider_fees +prf
--   payout    musician_payable −X, payouts +X

-- tables ------------------------------------------------------------------------------------------------

create table if not exists public.payments (
  id uuid not null default gen_random_uuid(),
  booking_id uuid not null,
  provider text,
  state text not null default 'unpaid',
  resolution text,
  currency text not null,
  fee_minor bigint not null,
  platform_fee_minor bigint not null default 0,
  provider_fee_minor bigint not null default 0,
  total_minor bigint not null,
  refunded_minor bigint not null default 0,
  provider_checkout_id text,
  provider_payment_id text,
  payout_state text not null default 'none',
  payout_ref text,
  payout_error text,
  payout_due_at timestamptz,
  refund_state text not null default 'none',
  refund_error text,
  release_at timestamptz,
  held_at timestamptz,
  settled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint payments_pkey primary key (id),
  constraint payments_booking_id_key unique (booking_id),
  constraint payments_booking_id_fkey foreign key (booking_id) references public.bookings (id)
    on delete cascade,
  constraint payments_provider_check check (provider in ('builtin', 'stripe', 'razorpay')),
  constraint payments_state_check check (state in ('unpaid', 'checkout_open', 'held', 'released',
    'refunded', 'partially_refunded', 'disputed', 'resolved')),
  constraint payments_resolution_check check (
    (state = 'resolved') = (resolution is not null) and resolution in ('released', 'refunded', 'split')
    or resolution is null and state <> 'resolved'),
  constraint payments_currency_check check (currency ~ '^[A-Z]{3}$'),
  constraint payments_total_minor_check check (
    fee_minor >= 0 and platform_fee_minor >= 0 and provider_fee_minor >= 0
    and total_minor = fee_minor + platform_fee_minor + provider_fee_minor),
  constraint payments_refunded_minor_check check (refunded_minor between 0 and total_minor),
  constraint payments_payout_state_check check (payout_state in ('none', 'pending', 'paid', 'failed')),
  constraint payments_refund_state_check check (refund_state in ('none', 'pending', 'done', 'failed'))
);
create index if not exists payments_release_at_idx on public.payments (release_at) where state = 'held';

create table if not exists public.payment_events (
  id uuid not null default gen_random_uuid(),
  provider text not null,
  event_id text not null,
  type text not null,
  booking_id uuid,
  payload jsonb not null default '{}'::jsonb,
  received_at timestamptz not null default now(),
  applied_at timestamptz,
  flagged_reason text,
  constraint payment_events_pkey primary key (id),
  constraint payment_events_provider_event_id_key unique (provider, event_id),
  constraint payment_events_booking_id_fkey foreign key (booking_id) references public.bookings (id)
    on delete set null,
  constraint payment_events_event_id_length check (char_length(event_id) between 1 and 255)
);
create index if not exists payment_events_booking_id_idx on public.payment_events (booking_id, received_at);

create table if not exists public.ledger_transactions (
  id uuid not null default gen_random_uuid(),
  booking_id uuid not null,
  payment_id uuid not null,
  kind text not null,
  currency text not null,
  provider_ref text,
  event_id uuid,
  created_at timestamptz not null default now(),
  constraint ledger_transactions_pkey primary key (id),
  -- Entries reference (id, currency): one currency per transaction, enforced by the key.
  constraint ledger_transactions_id_currency_key unique (id, currency),
  -- Each kind posts at most once per payment: a replayed transition can never post twice.
  constraint ledger_transactions_payment_id_kind_key unique (payment_id, kind),
  constraint ledger_transactions_booking_id_fkey foreign key (booking_id) references public.bookings (id)
    on delete cascade,
  constraint ledger_transactions_payment_id_fkey foreign key (payment_id) references public.payments (id)
    on delete cascade,
  constraint ledger_transactions_event_id_fkey foreign key (event_id) references public.payment_events (id)
    on delete set null,
  constraint ledger_transactions_kind_check check (kind in ('capture', 'release', 'refund', 'payout')),
  constraint ledger_transactions_currency_check check (currency ~ '^[A-Z]{3}$')
);

create table if not exists public.ledger_entries (
  id bigint generated always as identity,
  transaction_id uuid not null,
  booking_id uuid not null,
  account text not null,
  amount_minor bigint not null,
  currency text not null,
  provider_ref text,
  created_at timestamptz not null default now(),
  constraint ledger_entries_pkey primary key (id),
  constraint ledger_entries_transaction_id_fkey foreign key (transaction_id, currency)
    references public.ledger_transactions (id, currency) on delete cascade,
  constraint ledger_entries_booking_id_fkey foreign key (booking_id) references public.bookings (id)
    on delete cascade,
  constraint ledger_entries_account_check check (account in ('client_funds', 'escrow', 'platform_fees',
    'provider_fees', 'musician_payable', 'payouts', 'refunds')),
  constraint ledger_entries_amount_minor_check check (amount_minor <> 0)
);
create index if not exists ledger_entries_transaction_id_idx on public.ledger_entries (transaction_id);
create index if not exists ledger_entries_booking_id_idx on public.ledger_entries (booking_id, account);

create table if not exists public.disputes (
  id uuid not null default gen_random_uuid(),
  booking_id uuid not null,
  payment_id uuid not null,
  opened_by uuid not null,
  reason text not null,
  state text not null default 'open',
  decision text,
  musician_share_minor bigint,
  note text,
  decided_by uuid,
  created_at timestamptz not null default now(),
  decided_at timestamptz,
  constraint disputes_pkey primary key (id),
  -- A payment is disputed at most once: `resolved` is final.
  constraint disputes_booking_id_key unique (booking_id),
  constraint disputes_booking_id_fkey foreign key (booking_id) references public.bookings (id)
    on delete cascade,
  constraint disputes_payment_id_fkey foreign key (payment_id) references public.payments (id)
    on delete cascade,
  constraint disputes_opened_by_fkey foreign key (opened_by) references public.profiles (id)
    on delete cascade,
  constraint disputes_decided_by_fkey foreign key (decided_by) references public.profiles (id)
    on delete set null,
  constraint disputes_reason_length check (char_length(reason) between 1 and 2000),
  constraint disputes_note_length check (char_length(note) <= 2000),
  constraint disputes_state_check check (state in ('open', 'resolved')),
  constraint disputes_decision_check check (
    (state = 'resolved') = (decision is not null) and decision in ('release', 'refund', 'split')
    or decision is null and state = 'open')
);
create index if not exists disputes_payment_id_idx on public.disputes (payment_id);
create index if not exists disputes_opened_by_idx on public.disputes (opened_by);
create index if not exists disputes_decided_by_idx on public.disputes (decided_by);

-- ledger invariants ---------------------------------------------------------------------------------------

/*
 * private.ledger_check() trigger
 * At commit (deferred): the entry's transaction sums to zero and has at least two entries, and the
 * booking's escrow is not negative.
 */
create or replace function private.ledger_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_sum bigint;
  v_n integer;
  v_escrow bigint;
begin
  select coalesce(sum(amount_minor), 0), count(*) into v_sum, v_n
    from public.ledger_entries where transaction_id = new.transaction_id;
  if v_sum <> 0 or v_n < 2 then
    raise exception using errcode = 'SC409', message = 'A ledger transaction must balance',
      detail = 'ledger';
  end if;
  select coalesce(sum(amount_minor), 0) into v_escrow
    from public.ledger_entries where booking_id = new.booking_id and account = 'escrow';
  if v_escrow < 0 then
    raise exception using errcode = 'SC409', message = 'Escrow cannot go negative', detail = 'ledger';
  end if;
  return null;
end $$;

drop trigger if exists ledger_entries_balanced on public.ledger_entries;
create constraint trigger ledger_entries_balanced after insert on public.ledger_entries
  deferrable initially deferred for each row execute function private.ledger_check();

/* private.ledger_append_only() trigger: entries and transactions are never changed or removed. */
create or replace function private.ledger_append_only() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = 'SC409', message = 'The ledger is append-only', detail = 'ledger';
end $$;

drop trigger if exists ledger_entries_append_only on public.ledger_entries;
create trigger ledger_entries_append_only before update on public.ledger_entries
  for each row execute function private.ledger_append_only();
drop trigger if exists ledger_transactions_append_only on public.ledger_transactions;
create trigger ledger_transactions_append_only before update on public.ledger_transactions
  for each row execute function private.ledger_append_only();

-- access ------------------------------------------------------------------------------------------------

/* private.is_admin(): the caller's JWT says app_metadata.role = 'admin' (set only by the server). */
create or replace function private.is_admin() returns boolean
language sql stable set search_path = '' as $$
  select coalesce((select auth.jwt()) -> 'app_metadata' ->> 'role', '') = 'admin'
$$;

/* private.is_booking_party(p_booking_id): the caller is the booking's client or musician. */
create or replace function private.is_booking_party(p_booking_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.bookings b where b.id = p_booking_id
                   and (select auth.uid()) in (b.client_id, b.musician_id))
$$;

alter table public.payments enable row level security;
alter table public.payment_events enable row level security;
alter table public.ledger_transactions enable row level security;
alter table public.ledger_entries enable row level security;
alter table public.disputes enable row level security;

revoke all on public.payments, public.payment_events, public.ledger_transactions,
  public.ledger_entries, public.disputes from anon, authenticated;
grant select on public.payments, public.payment_events, public.ledger_transactions,
  public.ledger_entries, public.disputes to authenticated;
grant select, insert, update, delete on public.payments, public.payment_events,
  public.ledger_transactions, public.ledger_entries, public.disputes to service_role;

drop policy if exists "Parties and admins read the payment" on public.payments;
create policy "Parties and admins read the payment" on public.payments
  for select to authenticated
  using ((select private.is_admin()) or (select private.is_booking_party(booking_id)));

drop policy if exists "Admins read payment events" on public.payment_events;
create policy "Admins read payment events" on public.payment_events
  for select to authenticated using ((select private.is_admin()));

drop policy if exists "Parties and admins read ledger transactions" on public.ledger_transactions;
create policy "Parties and admins read ledger transactions" on public.ledger_transactions
  for select to authenticated
  using ((select private.is_admin()) or (select private.is_booking_party(booking_id)));

drop policy if exists "Parties and admins read ledger entries" on public.ledger_entries;
create policy "Parties and admins read ledger entries" on public.ledger_entries
  for select to authenticated
  using ((select private.is_admin()) or (select private.is_booking_party(booking_id)));

drop policy if exists "Parties and admins read disputes" on public.disputes;
create policy "Parties and admins read disputes" on public.disputes
  for select to authenticated
  using ((select private.is_admin()) or (select private.is_booking_party(booking_id)));

-- internals ---------------------------------------------------------------------------------------------

/*
 * private.post_ledger(p payments, p_kind text, p_entries jsonb, p_ref text, p_event uuid) returns uuid
 * One ledger transaction: `p_entries` is [{account, amount}] in the payment's currency. The
 * deferred trigger checks the sum at commit; the unique (payment, kind) refuses a second posting.
 */
create or replace function private.post_ledger(
  p public.payments, p_kind text, p_entries jsonb, p_ref text default null, p_event uuid default null
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_tx uuid;
begin
  insert into public.ledger_transactions (booking_id, payment_id, kind, currency, provider_ref, event_id)
  values (p.booking_id, p.id, p_kind, p.currency, p_ref, p_event)
  returning id into v_tx;
  insert into public.ledger_entries (transaction_id, booking_id, account, amount_minor, currency, provider_ref)
  select v_tx, p.booking_id, e ->> 'account', (e ->> 'amount')::bigint, p.currency, p_ref
    from jsonb_array_elements(p_entries) e
   where (e ->> 'amount')::bigint <> 0;
  return v_tx;
end $$;

/*
 * private.lock_payment(p_booking_id uuid) returns public.payments
 * Locks the booking's payment; SC404 when there is none (a caller's visibility is checked before).
 */
create or replace function private.lock_payment(p_booking_id uuid) returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
begin
  select * into p from public.payments where booking_id = p_booking_id for update;
  if not found then
    raise exception using errcode = 'SC409', message = 'This booking has not been paid',
      detail = 'state';
  end if;
  return p;
end $$;

/*
 * private.lock_payment_by_id(p_payment_id uuid) returns public.payments
 * For provider-driven transitions: locks the booking, then its payment: the order every function
 * here locks in (a ledger posting's foreign key takes a share lock on the booking, so locking the
 * payment first would deadlock with a party's action that holds the booking).
 */
create or replace function private.lock_payment_by_id(p_payment_id uuid) returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
begin
  perform 1 from public.bookings
   where id = (select x.booking_id from public.payments x where x.id = p_payment_id) for update;
  select * into p from public.payments where id = p_payment_id for update;
  return p;
end $$;

/*
 * private.settle_out(p payments, p_refund bigint, p_kind text, p_state text, p_resolution text)
 * Empties the escrow: `p_refund` of the fee back to the client (the whole total when it is the
 * whole fee), the rest to the musician with the fees to the platform and provider. Marks the
 * provider work to do (a refund, a payout) for the payments sweep.
 */
create or replace function private.settle_out(
  p public.payments, p_refund bigint, p_state text, p_resolution text default null
) returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  v_full boolean := p_refund > 0 and p_refund >= p.fee_minor;
  v_refund bigint := case when p_refund > 0 and p_refund >= p.fee_minor then p.total_minor else p_refund end;
begin
  if p_refund < 0 then
    raise exception using errcode = 'SC400', message = 'A refund cannot be negative', detail = 'amount_minor';
  end if;
  perform private.post_ledger(p, case when v_full then 'refund' when p_refund = 0 then 'release'
                                      else 'refund' end,
    case when v_full then jsonb_build_array(
           jsonb_build_object('account', 'escrow', 'amount', -p.total_minor),
           jsonb_build_object('account', 'refunds', 'amount', p.total_minor))
         else jsonb_build_array(
           jsonb_build_object('account', 'escrow', 'amount', -p.total_minor),
           jsonb_build_object('account', 'refunds', 'amount', p_refund),
           jsonb_build_object('account', 'musician_payable', 'amount', p.fee_minor - p_refund),
           jsonb_build_object('account', 'platform_fees', 'amount', p.platform_fee_minor),
           jsonb_build_object('account', 'provider_fees', 'amount', p.provider_fee_minor)) end,
    p.provider_payment_id);
  update public.payments
     set state = p_state, resolution = p_resolution, refunded_minor = v_refund,
         refund_state = case when v_refund > 0 then 'pending' else 'none' end,
         payout_state = case when v_full then 'none' else 'pending' end,
         settled_at = now(), updated_at = now()
   where id = p.id returning * into p;
  return p;
end $$;

/*
 * private.fees(p_provider text, p_fee bigint) → (platform_fee_minor, provider_fee_minor)
 * The platform takes 5% on top of the fee; the provider's fee is its published card rate
 * (built-in: none). Rounded half up to the minor unit.
 */
create or replace function private.fees(p_provider text, p_fee bigint,
  out platform_fee_minor bigint, out provider_fee_minor bigint)
language sql immutable set search_path = '' as $$
  select (p_fee * 5 + 50) / 100,
         case p_provider when 'stripe' then (p_fee * 29 + 500) / 1000 + 30
                         when 'razorpay' then (p_fee * 2 + 50) / 100
                         else 0 end
$$;

-- transitions -------------------------------------------------------------------------------------------

/*
 * public.open_checkout(p_booking_id uuid, p_provider text) returns public.payments
 * unpaid | checkout_open → checkout_open (the booking's client, a confirmed booking): amounts from
 * the booking's snapshot; re-opening replaces the provider's checkout. SC404 for non-parties.
 */
create or replace function private.open_checkout(p_booking_id uuid, p_provider text) returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings := private.lock_booking(p_booking_id);
  p public.payments;
  f record;
begin
  if b.client_id <> (select auth.uid()) then
    raise exception using errcode = 'SC403', message = 'Only the client pays for a booking',
      detail = 'booking_id';
  elsif b.status <> 'confirmed' then
    raise exception using errcode = 'SC409', message = 'Only a confirmed booking can be paid',
      detail = 'status';
  elsif p_provider is null or p_provider not in ('builtin', 'stripe', 'razorpay') then
    raise exception using errcode = 'SC400', message = 'Unknown payment provider', detail = 'provider';
  end if;
  f := private.fees(p_provider, b.fee_minor);
  insert into public.payments (booking_id, currency, fee_minor, total_minor)
  values (b.id, b.currency, b.fee_minor, b.fee_minor)
  on conflict (booking_id) do nothing;
  select * into p from public.payments where booking_id = b.id for update;
  if p.state not in ('unpaid', 'checkout_open') then
    raise exception using errcode = 'SC409', message = 'This booking is already paid', detail = 'state';
  end if;
  update public.payments
     set state = 'checkout_open', provider = p_provider, fee_minor = b.fee_minor,
         platform_fee_minor = f.platform_fee_minor, provider_fee_minor = f.provider_fee_minor,
         total_minor = b.fee_minor + f.platform_fee_minor + f.provider_fee_minor,
         provider_checkout_id = null, updated_at = now()
   where id = p.id returning * into p;
  return p;
end $$;

create or replace function public.open_checkout(p_booking_id uuid, p_provider text) returns public.payments
language sql security invoker set search_path = '' as $$
  select * from private.open_checkout(p_booking_id, p_provider)
$$;

/*
 * private.set_checkout_ref(p_payment_id uuid, p_ref text) returns void   (service)
 * Records the provider's checkout id once the provider created it.
 */
create or replace function private.set_checkout_ref(p_payment_id uuid, p_ref text) returns void
language sql security definer set search_path = '' as $$
  update public.payments set provider_checkout_id = p_ref, updated_at = now()
   where id = p_payment_id and state = 'checkout_open'
$$;

/*
 * private.mark_held(p_payment_id, p_amount_minor, p_currency, p_provider_ref, p_event, p_release_days)
 *   returns text   (service: a verified provider event)
 * checkout_open → held, posting the capture. Returns 'applied', 'stale' (the payment is already
 * past this point: acknowledged, nothing posted) or 'mismatch' (amount or currency differ from the
 * checkout: nothing posted, the caller flags the event). release_at = the gig's end + N days.
 */
create or replace function private.mark_held(
  p_payment_id uuid, p_amount_minor bigint, p_currency text, p_provider_ref text, p_event uuid,
  p_release_days integer default 3
) returns text
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  v_ends timestamptz;
  v_status text;
begin
  p := private.lock_payment_by_id(p_payment_id);
  if p.id is null then
    raise exception using errcode = 'SC404', message = 'Payment not found', detail = 'payment_id';
  elsif p.state in ('unpaid') then
    raise exception using errcode = 'SC409', message = 'No checkout is open', detail = 'state';
  elsif p.state <> 'checkout_open' then
    return 'stale';
  elsif p_amount_minor is distinct from p.total_minor or p_currency is distinct from p.currency then
    return 'mismatch';
  end if;
  perform private.post_ledger(p, 'capture', jsonb_build_array(
    jsonb_build_object('account', 'client_funds', 'amount', -p.total_minor),
    jsonb_build_object('account', 'escrow', 'amount', p.total_minor)), p_provider_ref, p_event);
  select ends_at, status into v_ends, v_status from public.bookings where id = p.booking_id;
  update public.payments
     set state = 'held', provider_payment_id = p_provider_ref, held_at = now(),
         release_at = v_ends + make_interval(days => greatest(coalesce(p_release_days, 3), 0)),
         updated_at = now()
   where id = p.id returning * into p;
  -- Paid after the booking was cancelled (the checkout page was still open): all of it goes back.
  if v_status = 'cancelled' then
    perform private.settle_out(p, p.fee_minor, 'refunded');
  end if;
  return 'applied';
end $$;

/*
 * public.release_payment(p_booking_id uuid) returns public.payments
 * held → released (the client: "the gig happened"). A second release: SC409, nothing posted.
 */
create or replace function private.release_payment(p_booking_id uuid) returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings := private.lock_booking(p_booking_id);
  p public.payments;
begin
  if b.client_id <> (select auth.uid()) then
    raise exception using errcode = 'SC403', message = 'Only the client releases the payment',
      detail = 'booking_id';
  end if;
  p := private.lock_payment(b.id);
  if p.state <> 'held' then
    raise exception using errcode = 'SC409', message = 'Only held funds can be released',
      detail = 'state';
  end if;
  return private.settle_out(p, 0, 'released');
end $$;

create or replace function public.release_payment(p_booking_id uuid) returns public.payments
language sql security invoker set search_path = '' as $$
  select * from private.release_payment(p_booking_id)
$$;

/*
 * public.refund_payment(p_booking_id uuid, p_amount_minor bigint) returns public.payments
 * held → refunded (the whole fee, or null) | partially_refunded (part of the fee). The musician
 * gives money back; the client cannot refund themselves (that is a dispute or a cancellation).
 */
create or replace function private.refund_payment(p_booking_id uuid, p_amount_minor bigint)
returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings := private.lock_booking(p_booking_id);
  p public.payments;
  v_amount bigint;
begin
  if b.musician_id <> (select auth.uid()) then
    raise exception using errcode = 'SC403', message = 'Only the musician can refund',
      detail = 'booking_id';
  end if;
  p := private.lock_payment(b.id);
  v_amount := coalesce(p_amount_minor, p.fee_minor);
  if p.state <> 'held' then
    raise exception using errcode = 'SC409', message = 'Only held funds can be refunded',
      detail = 'state';
  elsif v_amount <= 0 or v_amount > p.fee_minor then
    raise exception using errcode = 'SC400',
      message = 'Refund between 1 and the fee, in minor units', detail = 'amount_minor';
  end if;
  return private.settle_out(p, v_amount,
    case when v_amount >= p.fee_minor then 'refunded' else 'partially_refunded' end);
end $$;

create or replace function public.refund_payment(p_booking_id uuid, p_amount_minor bigint)
returns public.payments
language sql security invoker set search_path = '' as $$
  select * from private.refund_payment(p_booking_id, p_amount_minor)
$$;

/*
 * public.open_dispute(p_booking_id uuid, p_reason text) returns public.disputes
 * held → disputed (either party, with a reason): funds frozen until an admin decides.
 */
create or replace function private.open_dispute(p_booking_id uuid, p_reason text) returns public.disputes
language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings := private.lock_booking(p_booking_id);
  p public.payments := private.lock_payment(p_booking_id);
  d public.disputes;
begin
  if p.state <> 'held' then
    raise exception using errcode = 'SC409', message = 'Only held funds can be disputed', detail = 'state';
  elsif p_reason is null or char_length(btrim(p_reason)) not between 1 and 2000 then
    raise exception using errcode = 'SC400', message = 'Give a reason of up to 2000 characters',
      detail = 'reason';
  end if;
  update public.payments set state = 'disputed', updated_at = now() where id = p.id;
  insert into public.disputes (booking_id, payment_id, opened_by, reason)
  values (b.id, p.id, (select auth.uid()), btrim(p_reason)) returning * into d;
  perform private.notify(case when (select auth.uid()) = b.client_id then b.musician_id else b.client_id end,
    'payment_disputed', 'Payment disputed', d.reason, '/bookings/' || b.id);
  return d;
end $$;

create or replace function public.open_dispute(p_booking_id uuid, p_reason text) returns public.disputes
language sql security invoker set search_path = '' as $$
  select * from private.open_dispute(p_booking_id, p_reason)
$$;

/*
 * private.provider_dispute(p_payment_id uuid, p_reason text) returns text   (service)
 * A chargeback reported by the provider freezes held funds like a party's dispute: 'applied', or
 * 'stale' when the payment is not held (already frozen or settled).
 */
create or replace function private.provider_dispute(p_payment_id uuid, p_reason text) returns text
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  b public.bookings;
begin
  p := private.lock_payment_by_id(p_payment_id);
  if p.id is null or p.state <> 'held' then
    return case when p.state in ('unpaid', 'checkout_open') then 'early' else 'stale' end;
  end if;
  select * into b from public.bookings where id = p.booking_id;
  update public.payments set state = 'disputed', updated_at = now() where id = p.id;
  insert into public.disputes (booking_id, payment_id, opened_by, reason)
  values (b.id, p.id, b.client_id, left(coalesce(nullif(btrim(p_reason), ''), 'Card dispute'), 2000));
  return 'applied';
end $$;

/*
 * public.resolve_dispute(p_booking_id uuid, p_decision text, p_musician_share_minor bigint,
 *   p_note text) returns public.payments
 * disputed → resolved (admins only): release to the musician, refund the client, or split with
 * the musician's share of the fee. Both parties are told.
 */
create or replace function private.resolve_dispute(
  p_booking_id uuid, p_decision text, p_musician_share_minor bigint, p_note text
) returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  b public.bookings;
  v_refund bigint;
begin
  if not private.is_admin() then
    raise exception using errcode = 'SC404', message = 'Dispute not found', detail = 'booking_id';
  end if;
  select * into b from public.bookings where id = p_booking_id for update;
  if not found then
    raise exception using errcode = 'SC404', message = 'Dispute not found', detail = 'booking_id';
  end if;
  p := private.lock_payment(p_booking_id);
  if p.state <> 'disputed' then
    raise exception using errcode = 'SC409', message = 'Only a disputed payment can be resolved',
      detail = 'state';
  elsif p_decision is null or p_decision not in ('release', 'refund', 'split') then
    raise exception using errcode = 'SC400', message = 'Decide release, refund or split', detail = 'decision';
  elsif p_decision = 'split' and (p_musician_share_minor is null
        or p_musician_share_minor not between 1 and p.fee_minor - 1) then
    raise exception using errcode = 'SC400',
      message = 'A split gives the musician part of the fee', detail = 'musician_share_minor';
  end if;
  v_refund := case p_decision when 'release' then 0 when 'refund' then p.fee_minor
                              else p.fee_minor - p_musician_share_minor end;
  p := private.settle_out(p, v_refund, 'resolved',
    case p_decision when 'release' then 'released' when 'refund' then 'refunded' else 'split' end);
  update public.disputes
     set state = 'resolved', decision = p_decision, note = nullif(btrim(coalesce(p_note, '')), ''),
         musician_share_minor = p.fee_minor - v_refund, decided_by = (select auth.uid()),
         decided_at = now()
   where payment_id = p.id and state = 'open';
  perform private.notify(x, 'dispute_resolved', 'Dispute decided',
      'The payment dispute was decided: ' || p_decision || '.', '/bookings/' || b.id)
     from unnest(array[b.client_id, b.musician_id]) x;
  return p;
end $$;

create or replace function public.resolve_dispute(
  p_booking_id uuid, p_decision text, p_musician_share_minor bigint, p_note text
) returns public.payments
language sql security invoker set search_path = '' as $$
  select * from private.resolve_dispute(p_booking_id, p_decision, p_musician_share_minor, p_note)
$$;

/*
 * private.settle_payout(p_payment_id uuid, p_ref text) returns text   (service)
 * The provider paid the musician: musician_payable → payouts. 'applied' or 'stale'.
 */
create or replace function private.settle_payout(p_payment_id uuid, p_ref text) returns text
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
begin
  p := private.lock_payment_by_id(p_payment_id);
  if p.id is null or p.payout_state not in ('pending', 'failed') then
    return 'stale';
  end if;
  perform private.post_ledger(p, 'payout', jsonb_build_array(
    jsonb_build_object('account', 'musician_payable', 'amount', -(p.fee_minor - least(p.refunded_minor, p.fee_minor))),
    jsonb_build_object('account', 'payouts', 'amount', p.fee_minor - least(p.refunded_minor, p.fee_minor))),
    p_ref);
  update public.payments set payout_state = 'paid', payout_ref = coalesce(p_ref, payout_ref),
         payout_error = null, updated_at = now() where id = p.id;
  return 'applied';
end $$;

/*
 * private.release_due_payments() returns integer   (service: pg_cron and the embedded worker)
 * held → released for every payment whose release_at has passed. A disputed payment is not held,
 * so it is never auto-released; SKIP LOCKED leaves one a party is acting on to that party.
 */
create or replace function private.release_due_payments() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  n integer := 0;
begin
  for p in
    -- The booking is locked with its payment (the order of every function here); one a party
    -- is acting on is skipped and stays with that party.
    select x.* from public.payments x join public.bookings b on b.id = x.booking_id
     where x.state = 'held' and x.release_at <= now()
     order by x.release_at limit 500 for update of x, b skip locked
  loop
    perform private.settle_out(p, 0, 'released');
    n := n + 1;
  end loop;
  return n;
end $$;

/*
 * private.bookings_cancel_refund() trigger
 * A cancelled booking with held funds refunds per its snapshot of terms. The snapshot is prose;
 * the one the app writes (marketplace accept_application) says: free until 7 days before the
 * start, after that a cancelling client owes 50% of the fee, a cancelling musician gets nothing.
 * Any other text (none exists yet) is not parsed: the client is refunded in full.
 */
create or replace function private.bookings_cancel_refund() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  v_refund bigint;
begin
  select * into p from public.payments where booking_id = new.id for update;
  if not found or p.state <> 'held' then
    return null;
  end if;
  v_refund := p.fee_minor;
  if new.cancellation_terms like 'Either party may cancel free of charge until 7 days before the start.%'
     and (select auth.uid()) = new.client_id and new.starts_at - now() < interval '7 days' then
    v_refund := p.fee_minor - p.fee_minor / 2;
  end if;
  perform private.settle_out(p, v_refund,
    case when v_refund >= p.fee_minor then 'refunded' else 'partially_refunded' end);
  return null;
end $$;

drop trigger if exists bookings_cancel_refund on public.bookings;
create trigger bookings_cancel_refund after update of status on public.bookings
  for each row when (new.status = 'cancelled' and old.status <> 'cancelled')
  execute function private.bookings_cancel_refund();

-- grants ------------------------------------------------------------------------------------------------

revoke execute on function
  private.ledger_check(), private.ledger_append_only(), private.is_booking_party(uuid),
  private.post_ledger(public.payments, text, jsonb, text, uuid), private.lock_payment(uuid),
  private.lock_payment_by_id(uuid),
  private.settle_out(public.payments, bigint, text, text), private.fees(text, bigint),
  private.open_checkout(uuid, text), private.set_checkout_ref(uuid, text),
  private.mark_held(uuid, bigint, text, text, uuid, integer), private.release_payment(uuid),
  private.refund_payment(uuid, bigint), private.open_dispute(uuid, text),
  private.provider_dispute(uuid, text), private.resolve_dispute(uuid, text, bigint, text),
  private.settle_payout(uuid, text), private.release_due_payments(), private.bookings_cancel_refund(),
  public.open_checkout(uuid, text), public.release_payment(uuid), public.refund_payment(uuid, bigint),
  public.open_dispute(uuid, text), public.resolve_dispute(uuid, text, bigint, text)
  from public, anon, authenticated;

grant execute on function
  private.is_admin(), private.is_booking_party(uuid),
  private.open_checkout(uuid, text), private.release_payment(uuid), private.refund_payment(uuid, bigint),
  private.open_dispute(uuid, text), private.resolve_dispute(uuid, text, bigint, text),
  public.open_checkout(uuid, text), public.release_payment(uuid), public.refund_payment(uuid, bigint),
  public.open_dispute(uuid, text), public.resolve_dispute(uuid, text, bigint, text)
  to authenticated;

grant execute on function
  private.set_checkout_ref(uuid, text), private.mark_held(uuid, bigint, text, text, uuid, integer),
  private.provider_dispute(uuid, text), private.settle_payout(uuid, text),
  private.release_due_payments()
  to service_role;

-- schedule ----------------------------------------------------------------------------------------------
-- On Supabase pg_cron releases due payments every 5 minutes (20261206000200 put pg_cron in
-- pg_catalog); embedded, the worker's periodic task (jobs.ts) calls the same function.
do $$
begin
  if not exists (select from pg_available_extensions where name = 'pg_cron') then
    raise notice 'pg_cron not available: the worker releases due payments';
    return;
  end if;
  create extension if not exists pg_cron with schema pg_catalog;
  if not exists (select from cron.job where jobname = 'soundcheck-release-payments') then
    perform cron.schedule('soundcheck-release-payments', '*/5 * * * *',
      'select private.release_due_payments()');
  end if;
end $$;
