-- Plans for the song studio (issue 13, item 7): free and pro, each with its quotas and a monthly
-- price per currency, and users' subscriptions to pro through Stripe Billing or the built-in
-- provider. A subscription row mirrors the provider's object: it is written only by
-- private.apply_subscription (service role, from verified webhooks), by the provider's time of the
-- state, so an older event arriving late changes nothing. public.current_plan(user) is what the
-- studio reads for its quotas.

-- tables ------------------------------------------------------------------------------------------------

create table if not exists public.plans (
  id text not null,
  name text not null,
  -- Songs the studio generates per calendar month (UTC) on this plan.
  songs_per_month integer not null,
  -- What the plan includes, one line each, for the plan page.
  features text[] not null default '{}',
  sort_order integer not null default 0,
  constraint plans_pkey primary key (id),
  constraint plans_id_check check (id ~ '^[a-z][a-z0-9_]{1,31}$'),
  constraint plans_songs_per_month_check check (songs_per_month >= 0)
);

create table if not exists public.plan_prices (
  plan_id text not null,
  currency text not null,
  -- Per month, in integer minor units of `currency`.
  amount_minor bigint not null,
  constraint plan_prices_pkey primary key (plan_id, currency),
  constraint plan_prices_plan_id_fkey foreign key (plan_id) references public.plans (id)
    on delete cascade,
  constraint plan_prices_currency_check check (currency ~ '^[A-Z]{3}$'),
  constraint plan_prices_amount_minor_check check (amount_minor >= 0)
);

insert into public.plans (id, name, songs_per_month, features, sort_order) values
  ('free', 'Free', 3, array['3 songs a month in the song studio', 'Mastering and the hit meter'], 0),
  ('pro', 'Pro', 50, array['50 songs a month in the song studio', 'Mastering and the hit meter',
                           'Cancel any time: pro stays until the end of the paid month'], 1)
on conflict (id) do update
  set name = excluded.name, songs_per_month = excluded.songs_per_month,
      features = excluded.features, sort_order = excluded.sort_order;

insert into public.plan_prices (plan_id, currency, amount_minor) values
  ('free', 'EUR', 0), ('free', 'USD', 0), ('free', 'GBP', 0), ('free', 'INR', 0),
  ('pro', 'EUR', 900), ('pro', 'USD', 1000), ('pro', 'GBP', 800), ('pro', 'INR', 79900)
on conflict (plan_id, currency) do update set amount_minor = excluded.amount_minor;

create table if not exists public.subscriptions (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  plan_id text not null,
  provider text not null,
  -- Stripe `sub_…`; the built-in provider's `bi_sub_…`.
  provider_subscription_id text not null,
  -- Stripe `cus_…` (the customer portal needs it); null for the built-in provider.
  provider_customer_id text,
  -- active, trialing; past_due (a renewal failed, the provider retries: "update your card");
  -- unpaid (no payment: Stripe's incomplete, unpaid and paused); canceled.
  status text not null,
  currency text,
  amount_minor bigint,
  current_period_end timestamptz,
  cancel_at_period_end boolean not null default false,
  -- The built-in provider's test card (last four digits): whether its renewals succeed.
  card_last4 text,
  -- The provider's time of the state stored: an older event arriving late changes nothing.
  status_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint subscriptions_pkey primary key (id),
  constraint subscriptions_provider_subscription_id_key unique (provider, provider_subscription_id),
  constraint subscriptions_user_id_fkey foreign key (user_id) references public.profiles (id)
    on delete cascade,
  constraint subscriptions_plan_id_fkey foreign key (plan_id) references public.plans (id),
  constraint subscriptions_provider_check check (provider in ('builtin', 'stripe')),
  constraint subscriptions_provider_subscription_id_length
    check (char_length(provider_subscription_id) between 1 and 255),
  constraint subscriptions_status_check
    check (status in ('active', 'trialing', 'past_due', 'unpaid', 'canceled')),
  constraint subscriptions_currency_check check (currency ~ '^[A-Z]{3}$'),
  constraint subscriptions_amount_minor_check check (amount_minor >= 0),
  constraint subscriptions_card_last4_check check (card_last4 ~ '^[0-9]{4}$')
);
create index if not exists subscriptions_user_id_idx on public.subscriptions (user_id, status_at desc);
create index if not exists subscriptions_plan_id_idx on public.subscriptions (plan_id);
-- The built-in provider's renewals: its live subscriptions by period end.
create index if not exists subscriptions_builtin_renewal_idx on public.subscriptions (current_period_end)
  where provider = 'builtin' and status in ('active', 'trialing', 'past_due');

-- access ------------------------------------------------------------------------------------------------

alter table public.plans enable row level security;
alter table public.plan_prices enable row level security;
alter table public.subscriptions enable row level security;

revoke all on public.plans, public.plan_prices, public.subscriptions from anon, authenticated;
grant select on public.plans, public.plan_prices to anon, authenticated;
grant select on public.subscriptions to authenticated;
grant select, insert, update, delete on public.plans, public.plan_prices, public.subscriptions
  to service_role;

drop policy if exists "Anyone reads the plans" on public.plans;
create policy "Anyone reads the plans" on public.plans for select to anon, authenticated using (true);

drop policy if exists "Anyone reads the plans' prices" on public.plan_prices;
create policy "Anyone reads the plans' prices" on public.plan_prices
  for select to anon, authenticated using (true);

drop policy if exists "Users and admins read subscriptions" on public.subscriptions;
create policy "Users and admins read subscriptions" on public.subscriptions
  for select to authenticated
  using (user_id = (select auth.uid()) or (select private.is_admin()));

-- functions ---------------------------------------------------------------------------------------------

/*
 * private.subscription_rank(p_status text, p_cancel_at_period_end boolean) returns integer
 * Orders two states of one subscription stamped with the same provider time (Stripe's event
 * times are whole seconds): the later stage of a subscription's life wins the tie.
 */
create or replace function private.subscription_rank(p_status text, p_cancel_at_period_end boolean)
returns integer
language sql immutable set search_path = '' as $$
  select case p_status when 'trialing' then 0 when 'active' then 1 when 'past_due' then 3
                       when 'unpaid' then 4 when 'canceled' then 5 else 0 end
         + case when p_cancel_at_period_end and p_status in ('trialing', 'active') then 1 else 0 end
$$;

/*
 * private.apply_subscription(p_provider, p_subscription_id, p_customer_id, p_user_id, p_plan_id,
 *   p_status, p_currency, p_amount_minor, p_period_end, p_cancel_at_period_end, p_card_last4, p_at)
 *   returns text   (service: a verified subscription event)
 * Stores the provider's state of the subscription unless the row holds a later one (by p_at, then
 * by stage). The user and plan come from the first event (our metadata on the subscription); a
 * later event may leave them, and the amounts, null. 'applied', 'stale', or 'unknown' (a
 * subscription not seen before whose user or plan is missing or not ours).
 */
create or replace function private.apply_subscription(
  p_provider text, p_subscription_id text, p_customer_id text, p_user_id uuid, p_plan_id text,
  p_status text, p_currency text, p_amount_minor bigint, p_period_end timestamptz,
  p_cancel_at_period_end boolean, p_card_last4 text, p_at timestamptz
) returns text
language plpgsql security definer set search_path = '' as $$
declare
  s public.subscriptions;
begin
  select * into s from public.subscriptions
   where provider = p_provider and provider_subscription_id = p_subscription_id for update;
  if not found then
    if p_user_id is null or p_plan_id is null
       or not exists (select 1 from public.profiles p where p.id = p_user_id)
       or not exists (select 1 from public.plans p where p.id = p_plan_id) then
      return 'unknown';
    end if;
    insert into public.subscriptions (user_id, plan_id, provider, provider_subscription_id,
      provider_customer_id, status, currency, amount_minor, current_period_end,
      cancel_at_period_end, card_last4, status_at)
    values (p_user_id, p_plan_id, p_provider, p_subscription_id, p_customer_id, p_status,
      p_currency, p_amount_minor, p_period_end, coalesce(p_cancel_at_period_end, false),
      p_card_last4, p_at)
    on conflict (provider, provider_subscription_id) do nothing;
    if found then
      return 'applied';
    end if;
    -- Another event of the same new subscription committed first: compare with it.
    select * into s from public.subscriptions
     where provider = p_provider and provider_subscription_id = p_subscription_id for update;
  end if;
  if (p_at, private.subscription_rank(p_status, coalesce(p_cancel_at_period_end, false)))
     < (s.status_at, private.subscription_rank(s.status, s.cancel_at_period_end)) then
    return 'stale';
  end if;
  update public.subscriptions
     set status = p_status,
         provider_customer_id = coalesce(p_customer_id, s.provider_customer_id),
         plan_id = case when exists (select 1 from public.plans p where p.id = p_plan_id)
                        then p_plan_id else s.plan_id end,
         currency = coalesce(p_currency, s.currency),
         amount_minor = coalesce(p_amount_minor, s.amount_minor),
         current_period_end = coalesce(p_period_end, s.current_period_end),
         cancel_at_period_end = coalesce(p_cancel_at_period_end, s.cancel_at_period_end),
         card_last4 = coalesce(p_card_last4, s.card_last4),
         status_at = p_at, updated_at = now()
   where id = s.id;
  return 'applied';
end $$;

/*
 * private.current_plan(p_user_id uuid) returns public.plans
 * The plan in effect for a user: the best plan among their subscriptions that are active or
 * trialing, or past_due for up to 7 days after the period end (the provider is retrying the
 * card); free otherwise. The user themselves, an admin or the service role may ask; anyone else
 * gets an error, not a plan.
 */
create or replace function private.current_plan(p_user_id uuid) returns public.plans
language plpgsql stable security definer set search_path = '' as $$
declare
  v public.plans;
begin
  if p_user_id is distinct from (select auth.uid()) and not private.is_admin()
     and coalesce((select auth.role()), '') <> 'service_role' then
    raise exception using errcode = 'SC404', message = 'User not found', detail = 'user_id';
  end if;
  select p.* into v
    from public.subscriptions s join public.plans p on p.id = s.plan_id
   where s.user_id = p_user_id
     and (s.status in ('active', 'trialing')
          or s.status = 'past_due' and coalesce(s.current_period_end, s.status_at)
                                        > now() - interval '7 days')
   order by p.sort_order desc
   limit 1;
  if not found then
    select * into v from public.plans where id = 'free';
  end if;
  return v;
end $$;

/*
 * public.current_plan(p_user_id uuid default null) returns public.plans
 * The caller's plan (or, for admins and the service role, any user's): the studio's quotas.
 */
create or replace function public.current_plan(p_user_id uuid default null) returns public.plans
language sql stable security invoker set search_path = '' as $$
  select * from private.current_plan(coalesce(p_user_id, (select auth.uid())))
$$;

-- grants ------------------------------------------------------------------------------------------------

revoke execute on function
  private.subscription_rank(text, boolean),
  private.apply_subscription(text, text, text, uuid, text, text, text, bigint, timestamptz, boolean,
                             text, timestamptz),
  private.current_plan(uuid), public.current_plan(uuid)
  from public, anon, authenticated;

grant execute on function private.current_plan(uuid), public.current_plan(uuid)
  to authenticated, service_role;

grant execute on function
  private.subscription_rank(text, boolean),
  private.apply_subscription(text, text, text, uuid, text, text, text, bigint, timestamptz, boolean,
                             text, timestamptz)
  to service_role;
