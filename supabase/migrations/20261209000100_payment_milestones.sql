-- Optional milestones (issue 13): a booking is paid in full (one 'full' payment, exactly as
-- before) or as a deposit now and the balance later. Each part is a payment of its own, with its
-- own fees, checkout, provider charge, ledger postings, refund and payout, so the providers'
-- per-charge refunds and transfers stay per part. Booking-level transitions (release, refund,
-- dispute, decision, cancellation) act on every part in one transaction, the booking locked
-- first (the lock order of every payments function: booking, then payments).
--
-- The terms (lib/shared/limits.ts repeats them; tests/integration/limits_sql_test.ts compares):
-- a deposit of 25% of the fee (rounded half up; the balance is the rest), offered only for a gig
-- more than 14 days ahead; the balance is due 7 days before the start.

-- columns -----------------------------------------------------------------------------------------------

alter table public.payments
  add column if not exists part text not null default 'full',
  -- The balance: when it is due (the client is reminded once then, reminded_at).
  add column if not exists due_at timestamptz,
  add column if not exists reminded_at timestamptz;

comment on column public.payments.part is
  'full (the whole fee at once), or deposit and balance (the fee in two payments)';

alter table public.payments drop constraint if exists payments_part_check;
alter table public.payments add constraint payments_part_check
  check (part in ('full', 'deposit', 'balance'));
alter table public.payments drop constraint if exists payments_booking_id_key;
alter table public.payments drop constraint if exists payments_booking_id_part_key;
alter table public.payments add constraint payments_booking_id_part_key unique (booking_id, part);

create index if not exists payments_balance_due_idx on public.payments (due_at)
  where part = 'balance' and reminded_at is null and state in ('unpaid', 'checkout_open');

-- terms -------------------------------------------------------------------------------------------------

/* private.milestone_terms(): the deposit's percent, how far ahead it is offered, when the balance is due. */
create or replace function private.milestone_terms(
  out deposit_percent integer, out deposit_min_days integer, out balance_due_days integer)
language sql immutable set search_path = '' as $$
  select 25, 14, 7
$$;

/* private.part_order(p_part text): the order parts are taken in (the deposit before the balance). */
create or replace function private.part_order(p_part text) returns integer
language sql immutable set search_path = '' as $$
  select case p_part when 'full' then 0 when 'deposit' then 1 else 2 end
$$;

/* private.settle_state(p_refund, p_fee): what settling a part with that refund makes it. */
create or replace function private.settle_state(p_refund bigint, p_fee bigint) returns text
language sql immutable set search_path = '' as $$
  select case when p_refund >= p_fee then 'refunded' when p_refund = 0 then 'released'
              else 'partially_refunded' end
$$;

/*
 * private.deposit_paid(p_state text): the deposit was paid and still stands (held, or settled
 * with the musician keeping some of it), so the balance is owed: it may be paid and is reminded.
 */
create or replace function private.deposit_paid(p_state text) returns boolean
language sql immutable set search_path = '' as $$
  select p_state in ('held', 'released', 'partially_refunded')
$$;

-- checkout ----------------------------------------------------------------------------------------------

drop function if exists public.open_checkout(uuid, text);
drop function if exists private.open_checkout(uuid, text);

/*
 * public.open_checkout(p_booking_id uuid, p_provider text, p_part text default 'full')
 *   returns public.payments
 * unpaid | checkout_open → checkout_open for one part. 'full' as before; 'deposit' (a gig more
 * than 14 days ahead) also writes the unpaid balance with its due date; 'balance' once the
 * deposit is paid (held, or already released or partly refunded: the musician is still owed
 * the rest, also once the booking is completed), through the deposit's provider. Not while the
 * deposit is disputed, nor after it was refunded or decided. The first choice stands: a booking
 * is paid one way (a checkout once opened may still be paid, so it is never swapped for another).
 */
create or replace function private.open_checkout(
  p_booking_id uuid, p_provider text, p_part text default 'full'
) returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings := private.lock_booking(p_booking_id);
  t record;
  p public.payments;
  f record;
  g record;
  v_deposit bigint;
  v_fee bigint;
begin
  select * into t from private.milestone_terms();
  if b.client_id <> (select auth.uid()) then
    raise exception using errcode = 'SC403', message = 'Only the client pays for a booking',
      detail = 'booking_id';
  elsif b.status <> 'confirmed' and not (p_part = 'balance' and b.status = 'completed') then
    raise exception using errcode = 'SC409', message = 'Only a confirmed booking can be paid',
      detail = 'status';
  elsif p_provider is null or p_provider not in ('builtin', 'stripe', 'razorpay') then
    raise exception using errcode = 'SC400', message = 'Unknown payment provider', detail = 'provider';
  elsif p_part is null or p_part not in ('full', 'deposit', 'balance') then
    raise exception using errcode = 'SC400', message = 'Choose full, deposit or balance', detail = 'part';
  elsif exists (select 1 from public.payments x
                 where x.booking_id = b.id and (x.part = 'full') <> (p_part = 'full')) then
    raise exception using errcode = 'SC409', detail = 'part', message = case when p_part = 'full'
      then 'This booking is paid as a deposit and a balance' else 'This booking is paid in full' end;
  end if;
  v_deposit := (b.fee_minor * t.deposit_percent + 50) / 100;
  if p_part = 'deposit' and not exists (select 1 from public.payments x
                                         where x.booking_id = b.id and x.part = 'deposit') then
    if b.starts_at - now() <= make_interval(days => t.deposit_min_days) then
      raise exception using errcode = 'SC409', detail = 'part',
        message = 'A deposit is offered only for gigs more than ' || t.deposit_min_days || ' days ahead';
    elsif v_deposit < 1 or b.fee_minor - v_deposit < 1 then
      raise exception using errcode = 'SC409', message = 'This fee is too small to pay in two parts',
        detail = 'part';
    end if;
  elsif p_part = 'balance' then
    select * into p from public.payments where booking_id = b.id and part = 'deposit' for update;
    if not found or p.state in ('unpaid', 'checkout_open') then
      raise exception using errcode = 'SC409', message = 'Pay the balance once the deposit is held',
        detail = 'state';
    elsif not private.deposit_paid(p.state) then
      raise exception using errcode = 'SC409', detail = 'state',
        message = 'The balance cannot be paid once the deposit is disputed or refunded';
    elsif p.provider is distinct from p_provider then
      raise exception using errcode = 'SC400', detail = 'provider',
        message = 'The balance is paid through the deposit''s provider';
    end if;
  end if;
  v_fee := case p_part when 'full' then b.fee_minor when 'deposit' then v_deposit
                       else b.fee_minor - v_deposit end;
  f := private.fees(p_provider, v_fee);
  insert into public.payments (booking_id, part, currency, fee_minor, total_minor)
  values (b.id, p_part, b.currency, v_fee, v_fee)
  on conflict (booking_id, part) do nothing;
  if p_part = 'deposit' then
    -- The balance is known from the start: the booking page shows it, its fees and its due date.
    g := private.fees(p_provider, b.fee_minor - v_deposit);
    insert into public.payments (booking_id, part, provider, currency, fee_minor, platform_fee_minor,
                                 provider_fee_minor, total_minor, due_at)
    values (b.id, 'balance', p_provider, b.currency, b.fee_minor - v_deposit, g.platform_fee_minor,
            g.provider_fee_minor, b.fee_minor - v_deposit + g.platform_fee_minor + g.provider_fee_minor,
            b.starts_at - make_interval(days => t.balance_due_days))
    on conflict (booking_id, part) do update
      set provider = excluded.provider, platform_fee_minor = excluded.platform_fee_minor,
          provider_fee_minor = excluded.provider_fee_minor, total_minor = excluded.total_minor,
          updated_at = now()
      where public.payments.state = 'unpaid';
  end if;
  select * into p from public.payments where booking_id = b.id and part = p_part for update;
  if p.state not in ('unpaid', 'checkout_open') then
    raise exception using errcode = 'SC409', detail = 'state', message = case p_part
      when 'full' then 'This booking is already paid' else 'The ' || p_part || ' is already paid' end;
  end if;
  update public.payments
     set state = 'checkout_open', provider = p_provider, fee_minor = v_fee,
         platform_fee_minor = f.platform_fee_minor, provider_fee_minor = f.provider_fee_minor,
         total_minor = v_fee + f.platform_fee_minor + f.provider_fee_minor,
         provider_checkout_id = null, updated_at = now()
   where id = p.id returning * into p;
  return p;
end $$;

create or replace function public.open_checkout(
  p_booking_id uuid, p_provider text, p_part text default 'full'
) returns public.payments
language sql security invoker set search_path = '' as $$
  select * from private.open_checkout(p_booking_id, p_provider, p_part)
$$;

/*
 * private.mark_held(...) returns text   (service: a verified provider event)
 * As before, per part; a part captured while its booking's dispute is open is frozen with the
 * rest, and one captured after the dispute was decided goes back in full (the decision covered
 * the booking's money).
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
  v_dispute text;
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
  select d.state into v_dispute from public.disputes d where d.booking_id = p.booking_id;
  -- Paid after the booking was cancelled (the checkout page was still open): all of it goes back.
  if v_status = 'cancelled' or v_dispute = 'resolved' then
    perform private.settle_out(p, p.fee_minor, 'refunded');
  elsif v_dispute = 'open' then
    update public.payments set state = 'disputed', updated_at = now() where id = p.id;
  end if;
  return 'applied';
end $$;

-- booking-level transitions -----------------------------------------------------------------------------

/* private.require_payment(p_booking_id): SC409 when the booking has no payment yet. */
create or replace function private.require_payment(p_booking_id uuid) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if not exists (select 1 from public.payments where booking_id = p_booking_id) then
    raise exception using errcode = 'SC409', message = 'This booking has not been paid',
      detail = 'state';
  end if;
end $$;

/*
 * public.release_payment(p_booking_id uuid) returns public.payments
 * Every held part → released (the client: "the gig happened"); the first part released is
 * returned. Nothing held: SC409, nothing posted.
 */
create or replace function private.release_payment(p_booking_id uuid) returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings := private.lock_booking(p_booking_id);
  p public.payments;
  r public.payments;
begin
  if b.client_id <> (select auth.uid()) then
    raise exception using errcode = 'SC403', message = 'Only the client releases the payment',
      detail = 'booking_id';
  end if;
  perform private.require_payment(b.id);
  for p in select * from public.payments where booking_id = b.id and state = 'held'
            order by private.part_order(part) for update loop
    p := private.settle_out(p, 0, 'released');
    if r.id is null then r := p; end if;
  end loop;
  if r.id is null then
    raise exception using errcode = 'SC409', message = 'Only held funds can be released',
      detail = 'state';
  end if;
  return r;
end $$;

/*
 * public.refund_payment(p_booking_id uuid, p_amount_minor bigint) returns public.payments
 * The musician gives back the whole held fee (null) or part of it, taken from the balance first;
 * every held part settles (a part with nothing refunded is released). More than is held: SC409.
 */
create or replace function private.refund_payment(p_booking_id uuid, p_amount_minor bigint)
returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings := private.lock_booking(p_booking_id);
  p public.payments;
  r public.payments;
  v_held bigint;
  v_fee bigint;
  v_amount bigint;
  v_part bigint;
begin
  if b.musician_id <> (select auth.uid()) then
    raise exception using errcode = 'SC403', message = 'Only the musician can refund',
      detail = 'booking_id';
  end if;
  perform private.require_payment(b.id);
  select coalesce(sum(fee_minor) filter (where state = 'held'), 0), coalesce(sum(fee_minor), 0)
    into v_held, v_fee from public.payments where booking_id = b.id;
  v_amount := coalesce(p_amount_minor, v_held);
  if not exists (select 1 from public.payments where booking_id = b.id and state = 'held') then
    raise exception using errcode = 'SC409', message = 'Only held funds can be refunded',
      detail = 'state';
  elsif v_amount <= 0 or v_amount > v_fee then
    raise exception using errcode = 'SC400',
      message = 'Refund between 1 and the fee, in minor units', detail = 'amount_minor';
  elsif v_amount > v_held then
    raise exception using errcode = 'SC409', detail = 'amount_minor', message = 'Only '
      || private.format_money(v_held::integer, b.currency) || ' is held: refund at most that';
  end if;
  for p in select * from public.payments where booking_id = b.id and state = 'held'
            order by private.part_order(part) desc for update loop
    v_part := least(v_amount, p.fee_minor);
    v_amount := v_amount - v_part;
    p := private.settle_out(p, v_part, private.settle_state(v_part, p.fee_minor));
    if r.id is null then r := p; end if;
  end loop;
  return r;
end $$;

/*
 * public.open_dispute(p_booking_id uuid, p_reason text) returns public.disputes
 * Every held part → disputed (either party, with a reason). One dispute per booking; it points
 * at the first part frozen, and the decision covers every disputed part.
 */
create or replace function private.open_dispute(p_booking_id uuid, p_reason text) returns public.disputes
language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings := private.lock_booking(p_booking_id);
  p public.payments;
  v_first uuid;
  d public.disputes;
begin
  perform private.require_payment(b.id);
  if not exists (select 1 from public.payments where booking_id = b.id and state = 'held') then
    raise exception using errcode = 'SC409', message = 'Only held funds can be disputed', detail = 'state';
  elsif p_reason is null or char_length(btrim(p_reason)) not between 1 and 2000 then
    raise exception using errcode = 'SC400', message = 'Give a reason of up to 2000 characters',
      detail = 'reason';
  end if;
  for p in select * from public.payments where booking_id = b.id and state = 'held'
            order by private.part_order(part) for update loop
    update public.payments set state = 'disputed', updated_at = now() where id = p.id;
    v_first := coalesce(v_first, p.id);
  end loop;
  insert into public.disputes (booking_id, payment_id, opened_by, reason)
  values (b.id, v_first, (select auth.uid()), btrim(p_reason)) returning * into d;
  perform private.notify(case when (select auth.uid()) = b.client_id then b.musician_id else b.client_id end,
    'payment_disputed', 'Payment disputed', d.reason, '/bookings/' || b.id);
  return d;
end $$;

/*
 * private.provider_dispute(p_payment_id uuid, p_reason text) returns text   (service)
 * A chargeback on one part freezes every held part of the booking, like a party's dispute.
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
  update public.payments set state = 'disputed', updated_at = now()
   where booking_id = b.id and state = 'held';
  insert into public.disputes (booking_id, payment_id, opened_by, reason)
  values (b.id, p.id, b.client_id, left(coalesce(nullif(btrim(p_reason), ''), 'Card dispute'), 2000));
  return 'applied';
end $$;

/*
 * public.resolve_dispute(p_booking_id, p_decision, p_musician_share_minor, p_note)
 *   returns public.payments
 * Every disputed part → resolved (admins only). A split's musician share is taken from the
 * deposit first; each part's resolution says what happened to it.
 */
create or replace function private.resolve_dispute(
  p_booking_id uuid, p_decision text, p_musician_share_minor bigint, p_note text
) returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  r public.payments;
  b public.bookings;
  v_fee bigint;
  v_share bigint;
  v_keep bigint;
begin
  if not private.is_admin() then
    raise exception using errcode = 'SC404', message = 'Dispute not found', detail = 'booking_id';
  end if;
  select * into b from public.bookings where id = p_booking_id for update;
  if not found then
    raise exception using errcode = 'SC404', message = 'Dispute not found', detail = 'booking_id';
  end if;
  perform private.require_payment(b.id);
  select coalesce(sum(fee_minor), 0) into v_fee
    from public.payments where booking_id = b.id and state = 'disputed';
  if not exists (select 1 from public.payments where booking_id = b.id and state = 'disputed') then
    raise exception using errcode = 'SC409', message = 'Only a disputed payment can be resolved',
      detail = 'state';
  elsif p_decision is null or p_decision not in ('release', 'refund', 'split') then
    raise exception using errcode = 'SC400', message = 'Decide release, refund or split', detail = 'decision';
  elsif p_decision = 'split' and (p_musician_share_minor is null
        or p_musician_share_minor not between 1 and v_fee - 1) then
    raise exception using errcode = 'SC400',
      message = 'A split gives the musician part of the fee', detail = 'musician_share_minor';
  end if;
  v_share := case p_decision when 'release' then v_fee when 'refund' then 0 else p_musician_share_minor end;
  for p in select * from public.payments where booking_id = b.id and state = 'disputed'
            order by private.part_order(part) for update loop
    v_keep := least(v_share, p.fee_minor);
    p := private.settle_out(p, p.fee_minor - v_keep, 'resolved',
      case when v_keep = p.fee_minor then 'released' when v_keep = 0 then 'refunded' else 'split' end);
    v_share := v_share - v_keep;
    if r.id is null then r := p; end if;
  end loop;
  update public.disputes
     set state = 'resolved', decision = p_decision, note = nullif(btrim(coalesce(p_note, '')), ''),
         musician_share_minor = case p_decision when 'release' then v_fee when 'refund' then 0
                                else p_musician_share_minor end,
         decided_by = (select auth.uid()), decided_at = now()
   where booking_id = b.id and state = 'open';
  perform private.notify(x, 'dispute_resolved', 'Dispute decided',
      'The payment dispute was decided: ' || p_decision || '.', '/bookings/' || b.id)
     from unnest(array[b.client_id, b.musician_id]) x;
  return r;
end $$;

/*
 * private.bookings_cancel_refund() trigger
 * As before on the whole booking fee: what the musician keeps under the terms, less what a part
 * settled before already gave them (a deposit the client released), comes out of what is held,
 * the deposit first, the rest goes back. A balance no checkout was opened for goes away; one
 * whose checkout is open is refunded in full if it is paid after all (mark_held).
 */
create or replace function private.bookings_cancel_refund() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  v_keep bigint := 0;
  v_part bigint;
begin
  delete from public.payments where booking_id = new.id and part = 'balance' and state = 'unpaid';
  if new.cancellation_terms like 'Either party may cancel free of charge until 7 days before the start.%'
     and (select auth.uid()) = new.client_id and new.starts_at - now() < interval '7 days' then
    select greatest(new.fee_minor / 2
                    - coalesce(sum(x.fee_minor - least(x.refunded_minor, x.fee_minor)), 0), 0)
      into v_keep from public.payments x
     where x.booking_id = new.id and x.state in ('released', 'partially_refunded', 'resolved');
  end if;
  for p in select * from public.payments where booking_id = new.id and state = 'held'
            order by private.part_order(part) for update loop
    v_part := least(v_keep, p.fee_minor);
    v_keep := v_keep - v_part;
    perform private.settle_out(p, p.fee_minor - v_part,
      private.settle_state(p.fee_minor - v_part, p.fee_minor));
  end loop;
  return null;
end $$;

/*
 * public.retry_payment_work(p_booking_id uuid) returns public.payments
 * An admin retries every part's failed provider work; the first part retried is returned.
 */
create or replace function private.retry_payment_work(p_booking_id uuid) returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  r public.payments;
begin
  if not private.is_admin() then
    raise exception using errcode = 'SC404', message = 'Payment not found', detail = 'booking_id';
  end if;
  perform 1 from public.bookings where id = p_booking_id for update;
  perform private.require_payment(p_booking_id);
  for p in select * from public.payments where booking_id = p_booking_id
              and (payout_state = 'failed' or refund_state = 'failed')
            order by private.part_order(part) for update loop
    update public.payments
       set refund_state = case when refund_state = 'failed' then 'pending' else refund_state end,
           payout_state = case when payout_state = 'failed' then 'pending' else payout_state end,
           work_attempts = 0, work_retry_at = null, work_gave_up_at = null, work_lease_until = null,
           updated_at = now()
     where id = p.id returning * into p;
    if r.id is null then r := p; end if;
  end loop;
  if r.id is null then
    raise exception using errcode = 'SC409', message = 'Nothing failed here to retry',
      detail = 'state';
  end if;
  return r;
end $$;

-- the balance reminder ----------------------------------------------------------------------------------

/*
 * private.remind_balances_due() returns integer   (service: the payments sweep)
 * Tells the client once when their balance falls due unpaid (a saved card is charged by itself).
 */
create or replace function private.remind_balances_due() returns integer
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  n integer := 0;
begin
  for r in
    select x.id, x.booking_id, x.total_minor, x.currency, b.client_id
      from public.payments x join public.bookings b on b.id = x.booking_id
     where x.part = 'balance' and x.reminded_at is null and x.state in ('unpaid', 'checkout_open')
       and x.charge_state in ('none', 'failed') and x.due_at <= now()
       and b.status in ('confirmed', 'completed')
       and exists (select 1 from public.payments d where d.booking_id = x.booking_id
                      and d.part = 'deposit' and private.deposit_paid(d.state))
     order by x.due_at limit 500 for update of x, b skip locked
  loop
    update public.payments set reminded_at = now(), updated_at = now() where id = r.id;
    perform private.notify(r.client_id, 'balance_due', 'The balance is due',
      'Pay the balance of ' || private.format_money(r.total_minor::integer, r.currency)
      || ' on the booking page: the deposit is paid, the rest is due now.', '/bookings/' || r.booking_id);
    n := n + 1;
  end loop;
  return n;
end $$;

-- reads -------------------------------------------------------------------------------------------------

/*
 * private.payout_route(p_booking_id, p_provider, p_payment_id) → (account_id, share_minor)  (service)
 * The musician's enabled account and their share of one part (null: the booking's 'full' payment).
 */
create or replace function private.payout_route(p_booking_id uuid, p_provider text, p_payment_id uuid,
  out account_id text, out share_minor bigint)
language sql stable security definer set search_path = '' as $$
  select a.account_id, coalesce(p.fee_minor, b.fee_minor)::bigint
    from public.bookings b
    join public.payout_accounts a on a.musician_id = b.musician_id
    left join public.payments p on p.booking_id = b.id
         and (p.id = p_payment_id or p_payment_id is null and p.part = 'full')
   where b.id = p_booking_id and a.provider = p_provider and a.status = 'enabled'
$$;

/* public.admin_disputes(): as before, the amounts being every part the dispute covers. */
create or replace function private.admin_disputes()
returns table (
  booking_id uuid, gig_title text, client_name text, musician_name text, opened_by_name text,
  reason text, state text, decision text, musician_share_minor bigint, note text,
  created_at timestamptz, decided_at timestamptz, currency text, fee_minor bigint,
  total_minor bigint
)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_admin() then
    raise exception using errcode = 'SC403', message = 'Only admins decide disputes', detail = 'role';
  end if;
  return query
    select d.booking_id, g.title, c.display_name, m.display_name, o.display_name, d.reason, d.state,
           d.decision, d.musician_share_minor, d.note, d.created_at, d.decided_at, b.currency,
           s.fee_minor, s.total_minor
      from public.disputes d
      join public.bookings b on b.id = d.booking_id
      join public.gigs g on g.id = b.gig_id
      join public.profiles c on c.id = b.client_id
      join public.profiles m on m.id = b.musician_id
      join public.profiles o on o.id = d.opened_by
      cross join lateral (
        select sum(p.fee_minor)::bigint as fee_minor, sum(p.total_minor)::bigint as total_minor
          from public.payments p
         where p.booking_id = d.booking_id and (p.id = d.payment_id or p.state in ('disputed', 'resolved'))
      ) s
     order by d.state = 'open' desc,
              case when d.state = 'open' then d.created_at end asc,
              d.decided_at desc nulls last
     limit 500;
end $$;

/* Settled-money notices name the part. */
create or replace function private.payments_settled_notify() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings;
  v_title text;
  v_body text;
  v_what text := case new.part when 'deposit' then 'deposit' when 'balance' then 'balance'
                   else 'musician''s fee' end;
begin
  select * into b from public.bookings where id = new.booking_id;
  if new.state = 'released' then
    v_title := 'Payment released';
    v_body := 'The ' || v_what || ' of ' || private.format_money(new.fee_minor::integer, new.currency)
      || ' was released from escrow.';
  else
    v_title := case when new.state = 'refunded' then 'Payment refunded' else 'Payment partly refunded' end;
    v_body := private.format_money(new.refunded_minor::integer, new.currency)
      || case when new.part = 'full' then '' else ' of the ' || v_what end || ' goes back to the client.';
  end if;
  perform private.notify(x, 'payment_' || new.state, v_title, v_body, '/bookings/' || b.id)
     from unnest(array[b.client_id, b.musician_id]) x;
  return null;
end $$;

-- grants ------------------------------------------------------------------------------------------------

revoke execute on function
  private.milestone_terms(), private.part_order(text), private.settle_state(bigint, bigint),
  private.deposit_paid(text),
  private.open_checkout(uuid, text, text), public.open_checkout(uuid, text, text),
  private.require_payment(uuid), private.remind_balances_due(),
  private.payout_route(uuid, text, uuid)
  from public, anon, authenticated;

grant execute on function private.open_checkout(uuid, text, text), public.open_checkout(uuid, text, text)
  to authenticated;
grant execute on function private.remind_balances_due(), private.payout_route(uuid, text, uuid)
  to service_role;
