-- Musicians' payout accounts (issue 13): where a released booking's fee goes. Stripe: a Connect
-- Express account the app creates, whose status follows `account.updated` webhooks. Razorpay: a
-- Route linked account (`acc_…`) made with KYC outside the app, whose id the musician or an admin
-- enters. A live provider's checkout needs the booking's musician to have an enabled account on it.
-- The musician's share is the booking's fee (20261207000100_payments.sql: the platform and
-- provider fees are added on top for the client, so the musician receives fee_minor).
-- Nobody writes the table directly: the functions below (security definer) and the service role.

-- tables ------------------------------------------------------------------------------------------------

create table if not exists public.payout_accounts (
  id uuid not null default gen_random_uuid(),
  musician_id uuid not null,
  provider text not null,
  -- Stripe `acct_…`, Razorpay `acc_…` (shape checked below).
  account_id text not null,
  -- pending: onboarding not finished; enabled: transfers can be sent; restricted: the provider
  -- holds payouts (details were submitted but payouts are off).
  status text not null default 'pending',
  details_submitted boolean not null default false,
  charges_enabled boolean not null default false,
  payouts_enabled boolean not null default false,
  -- The provider's time of the status last applied: an older `account.updated` arriving late
  -- changes nothing.
  status_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint payout_accounts_pkey primary key (id),
  constraint payout_accounts_musician_id_provider_key unique (musician_id, provider),
  constraint payout_accounts_provider_account_id_key unique (provider, account_id),
  constraint payout_accounts_musician_id_fkey foreign key (musician_id) references public.profiles (id)
    on delete cascade,
  constraint payout_accounts_provider_check check (provider in ('stripe', 'razorpay')),
  constraint payout_accounts_account_id_check check (
    provider = 'stripe' and account_id ~ '^acct_[A-Za-z0-9]{1,64}$'
    or provider = 'razorpay' and account_id ~ '^acc_[A-Za-z0-9]{14}$'),
  constraint payout_accounts_status_check check (status in ('pending', 'enabled', 'restricted'))
);

-- access ------------------------------------------------------------------------------------------------

alter table public.payout_accounts enable row level security;

revoke all on public.payout_accounts from anon, authenticated;
grant select on public.payout_accounts to authenticated;
grant select, insert, update, delete on public.payout_accounts to service_role;

drop policy if exists "Musicians and admins read payout accounts" on public.payout_accounts;
create policy "Musicians and admins read payout accounts" on public.payout_accounts
  for select to authenticated
  using (musician_id = (select auth.uid()) or (select private.is_admin()));

-- functions ---------------------------------------------------------------------------------------------

/*
 * public.register_razorpay_account(p_account_id text, p_musician_id uuid) returns payout_accounts
 * The musician (p_musician_id null or their own id) or an admin (any musician) records the Route
 * linked account. Razorpay activates linked accounts after its own KYC, so an entered id is
 * trusted as enabled; a transfer to an inactive one fails and stays visible on the payment.
 */
create or replace function private.register_razorpay_account(p_account_id text, p_musician_id uuid)
returns public.payout_accounts
language plpgsql security definer set search_path = '' as $$
declare
  v_musician uuid := coalesce(p_musician_id, (select auth.uid()));
  a public.payout_accounts;
begin
  if v_musician is distinct from (select auth.uid()) and not private.is_admin() then
    raise exception using errcode = 'SC404', message = 'Musician not found', detail = 'musician_id';
  elsif not exists (select 1 from public.profiles p where p.id = v_musician and p.is_musician) then
    raise exception using errcode = case when private.is_admin() then 'SC404' else 'SC403' end,
      message = 'Only a musician has a payout account', detail = 'musician_id';
  elsif p_account_id is null or p_account_id !~ '^acc_[A-Za-z0-9]{14}$' then
    raise exception using errcode = 'SC400',
      message = 'A Razorpay linked account id is acc_ and 14 letters or digits', detail = 'account_id';
  elsif exists (select 1 from public.payout_accounts x where x.provider = 'razorpay'
                  and x.account_id = p_account_id and x.musician_id <> v_musician) then
    raise exception using errcode = 'SC409', message = 'That linked account belongs to another musician',
      detail = 'account_id';
  end if;
  insert into public.payout_accounts (musician_id, provider, account_id, status, details_submitted,
                                      charges_enabled, payouts_enabled, status_at)
  values (v_musician, 'razorpay', p_account_id, 'enabled', true, false, true, now())
  on conflict (musician_id, provider) do update
     set account_id = excluded.account_id, status = 'enabled', details_submitted = true,
         payouts_enabled = true, status_at = now(), updated_at = now()
  returning * into a;
  return a;
end $$;

create or replace function public.register_razorpay_account(p_account_id text, p_musician_id uuid)
returns public.payout_accounts
language sql security invoker set search_path = '' as $$
  select * from private.register_razorpay_account(p_account_id, p_musician_id)
$$;

/*
 * private.save_stripe_account(p_musician_id uuid, p_account_id text) returns payout_accounts (service)
 * The Express account the app created for the musician, pending until onboarding is done. A
 * second call keeps the first account (the app creates one per musician, idempotently).
 */
create or replace function private.save_stripe_account(p_musician_id uuid, p_account_id text)
returns public.payout_accounts
language plpgsql security definer set search_path = '' as $$
declare
  a public.payout_accounts;
begin
  insert into public.payout_accounts (musician_id, provider, account_id)
  values (p_musician_id, 'stripe', p_account_id)
  on conflict (musician_id, provider) do nothing;
  select * into a from public.payout_accounts where musician_id = p_musician_id and provider = 'stripe';
  return a;
end $$;

/*
 * private.set_payout_status(p_provider, p_account_id, p_charges, p_payouts, p_details, p_at)
 *   returns text   (service: a verified `account.updated`)
 * enabled when payouts are on and details submitted; restricted when details are in but payouts
 * off; pending otherwise. 'applied', 'stale' (an older status than the one stored) or 'unknown'.
 */
create or replace function private.set_payout_status(
  p_provider text, p_account_id text, p_charges boolean, p_payouts boolean, p_details boolean,
  p_at timestamptz
) returns text
language plpgsql security definer set search_path = '' as $$
declare
  a public.payout_accounts;
begin
  select * into a from public.payout_accounts
   where provider = p_provider and account_id = p_account_id for update;
  if not found then
    return 'unknown';
  elsif a.status_at is not null and p_at < a.status_at then
    return 'stale';
  end if;
  update public.payout_accounts
     set charges_enabled = p_charges, payouts_enabled = p_payouts, details_submitted = p_details,
         status = case when p_payouts and p_details then 'enabled'
                       when p_details then 'restricted' else 'pending' end,
         status_at = p_at, updated_at = now()
   where id = a.id;
  return 'applied';
end $$;

/*
 * private.booking_payout_ready(p_booking_id uuid, p_provider text) returns boolean
 * Whether the booking's musician can be paid through the provider (the built-in one always).
 * For the booking's parties only: anyone else learns nothing (false).
 */
create or replace function private.booking_payout_ready(p_booking_id uuid, p_provider text)
returns boolean
language sql stable security definer set search_path = '' as $$
  select p_provider = 'builtin' and private.is_booking_party(p_booking_id)
      or exists (select 1 from public.bookings b
                   join public.payout_accounts a on a.musician_id = b.musician_id
                  where b.id = p_booking_id and a.provider = p_provider and a.status = 'enabled'
                    and (select auth.uid()) in (b.client_id, b.musician_id))
$$;

/*
 * private.payout_route(p_booking_id uuid, p_provider text) → (account_id, share_minor)  (service)
 * The musician's enabled account on the provider and their share: the booking's fee.
 */
create or replace function private.payout_route(p_booking_id uuid, p_provider text,
  out account_id text, out share_minor bigint)
language sql stable security definer set search_path = '' as $$
  select a.account_id, coalesce(p.fee_minor, b.fee_minor)::bigint
    from public.bookings b
    join public.payout_accounts a on a.musician_id = b.musician_id
    left join public.payments p on p.booking_id = b.id
   where b.id = p_booking_id and a.provider = p_provider and a.status = 'enabled'
$$;

-- grants ------------------------------------------------------------------------------------------------

revoke execute on function
  private.register_razorpay_account(text, uuid), public.register_razorpay_account(text, uuid),
  private.save_stripe_account(uuid, text),
  private.set_payout_status(text, text, boolean, boolean, boolean, timestamptz),
  private.booking_payout_ready(uuid, text), private.payout_route(uuid, text)
  from public, anon, authenticated;

grant execute on function
  private.register_razorpay_account(text, uuid), public.register_razorpay_account(text, uuid),
  private.booking_payout_ready(uuid, text)
  to authenticated;

grant execute on function
  private.save_stripe_account(uuid, text),
  private.set_payout_status(text, text, boolean, boolean, boolean, timestamptz),
  private.payout_route(uuid, text)
  to service_role;
