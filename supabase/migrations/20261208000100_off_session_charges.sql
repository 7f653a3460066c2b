-- Off-session charges (issue 13): a Stripe booking more than 6 days ahead saves the client's card
-- at checkout (Checkout in setup mode: provider_checkout_id is that session) instead of relying
-- on an authorisation that expires after 7 days. Two days before the gig the payments sweep
-- (lib/domains/payments/off_session.ts) charges the saved card off-session; the payment stays
-- checkout_open until that charge's webhook marks it held, as for any checkout. A declined or
-- authentication-requiring charge is recorded here and the client is asked to pay themselves.

-- columns -----------------------------------------------------------------------------------------------

alter table public.payments
  add column if not exists charge_state text not null default 'none',
  add column if not exists charge_error text;

comment on column public.payments.charge_state is
  'The off-session charge of a saved card: none (no card saved), saved (waiting for the charge date), charged (webhook pending or done), failed';
comment on column public.payments.charge_error is
  'Why the off-session charge failed (the provider''s code and message), shown to the client';

do $$
begin
  if not exists (select 1 from pg_constraint where conname = 'payments_charge_state_check') then
    alter table public.payments add constraint payments_charge_state_check
      check (charge_state in ('none', 'saved', 'charged', 'failed'));
  end if;
end $$;

-- functions ---------------------------------------------------------------------------------------------

/*
 * private.record_off_session_charge(p_payment_id uuid, p_ok boolean, p_error text) returns text
 *   (service: the payments sweep, after the provider answered)
 * Records the outcome of charging the saved card once: 'applied', or 'stale' when an outcome is
 * already recorded, or for a failure once the checkout is no longer open. A failure tells the client to pay on the
 * booking page; money states still move only with the provider's webhook (mark_held).
 */
create or replace function private.record_off_session_charge(
  p_payment_id uuid, p_ok boolean, p_error text
) returns text
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  v_client uuid;
begin
  p := private.lock_payment_by_id(p_payment_id);
  -- A success's webhook may have marked the funds held already; a failure after that is moot.
  if p.id is null or p.charge_state not in ('none', 'saved')
     or (not p_ok and p.state <> 'checkout_open') then
    return 'stale';
  end if;
  update public.payments
     set charge_state = case when p_ok then 'charged' else 'failed' end,
         charge_error = case when p_ok then null else left(coalesce(p_error, 'declined'), 500) end,
         updated_at = now()
   where id = p.id;
  if not p_ok then
    select client_id into v_client from public.bookings where id = p.booking_id;
    perform private.notify(v_client, 'payment_action_needed', 'Your saved card was not charged',
      'The card you saved for this booking could not be charged (' || left(coalesce(p_error, 'declined'), 200)
      || '). Pay ' || private.format_money(p.total_minor::integer, p.currency)
      || ' on the booking page to keep the booking.', '/bookings/' || p.booking_id);
  end if;
  return 'applied';
end $$;

/*
 * private.record_card_saved(p_payment_id uuid, p_session text) returns text
 *   (service: the webhook of a completed setup-mode Checkout session)
 * The client saved a card for this checkout: 'applied' (the booking page says when it will be
 * charged), or 'stale' when the session is not the payment's open checkout or a charge was tried.
 */
create or replace function private.record_card_saved(p_payment_id uuid, p_session text)
returns text
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
begin
  p := private.lock_payment_by_id(p_payment_id);
  if p.id is null or p.state <> 'checkout_open' or p.charge_state <> 'none'
     or p.provider_checkout_id is distinct from p_session then
    return 'stale';
  end if;
  update public.payments set charge_state = 'saved', updated_at = now() where id = p.id;
  return 'applied';
end $$;

-- grants ------------------------------------------------------------------------------------------------

revoke execute on function private.record_off_session_charge(uuid, boolean, text)
  from public, anon, authenticated;
grant execute on function private.record_off_session_charge(uuid, boolean, text) to service_role;
revoke execute on function private.record_card_saved(uuid, text) from public, anon, authenticated;
grant execute on function private.record_card_saved(uuid, text) to service_role;
