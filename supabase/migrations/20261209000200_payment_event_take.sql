-- A verified provider event is stored and applied by one SQL call: the webhook's transaction is one
-- round trip instead of six (find the payment, lock the booking, store, transition, mark applied,
-- look for events that came too early), the cost that bounds webhooks per second. The state
-- machine's transitions are unchanged; this only dispatches to them. One transition is new: a
-- payout the musician's bank refused (Stripe's `payout.failed`).

/*
 * private.fail_payout(p_payment_id uuid, p_ref text, p_error text) returns text   (service)
 * The musician's bank refused the payout of this transfer (Stripe's `payout.failed`; the money is
 * back in their account's balance): 'applied', or 'stale' when no payout of it is pending. Trying
 * again by itself would fail the same way until the musician fixes their bank details, so it is
 * given up at once: the musician is told (payments_work_gave_up_notify), admins see it on
 * /admin/payments, and their "Retry now" makes a new payout of the same transfer.
 */
create or replace function private.fail_payout(p_payment_id uuid, p_ref text, p_error text)
returns text
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
begin
  p := private.lock_payment_by_id(p_payment_id);
  if p.id is null or p.payout_state <> 'pending' or p.payout_ref is distinct from p_ref then
    return 'stale';
  end if;
  update public.payments
     set payout_state = 'failed', payout_ref = null,
         payout_error = left('The bank refused the payout: '
                             || rtrim(coalesce(nullif(btrim(p_error), ''), 'no reason given'), '.')
                             || '. Check the bank details of the payout account', 500),
         work_gave_up_at = now(), work_retry_at = null, updated_at = now()
   where id = p.id;
  return 'applied';
end $$;

/*
 * private.apply_payment_event(p_event uuid, p_kind text, p_payment_id uuid, p_amount_minor bigint,
 *   p_currency text, p_provider_ref text, p_failure text, p_release_days integer)
 *   returns text   (service)
 * Applies one stored event of a known kind to its payment, by the payment's state: 'applied',
 * 'stale' (the payment is past this point), 'pending' (too early: a dispute before the capture;
 * applied after the next event of its booking that applies) or 'flagged' (the amount or currency
 * differ from the checkout; nothing posted). Marks the event applied unless pending or flagged.
 */
create or replace function private.apply_payment_event(
  p_event uuid, p_kind text, p_payment_id uuid, p_amount_minor bigint, p_currency text,
  p_provider_ref text, p_failure text, p_release_days integer
) returns text
language plpgsql security definer set search_path = '' as $$
declare
  v_outcome text;
begin
  case p_kind
    when 'payment.succeeded' then
      v_outcome := private.mark_held(p_payment_id, p_amount_minor, p_currency, p_provider_ref,
                                     p_event, p_release_days);
      if v_outcome = 'mismatch' then
        update public.payment_events
           set flagged_reason = 'The amount or currency does not match the checkout'
         where id = p_event;
        return 'flagged';
      end if;
    when 'dispute.created' then
      v_outcome := private.provider_dispute(p_payment_id,
                                            'The card holder disputed the payment with their bank');
      if v_outcome = 'early' then
        return 'pending';
      end if;
    when 'card.saved' then
      v_outcome := private.record_card_saved(p_payment_id, p_provider_ref);
    when 'payout.paid' then
      v_outcome := private.settle_payout(p_payment_id, p_provider_ref);
    when 'payout.failed' then
      v_outcome := private.fail_payout(p_payment_id, p_provider_ref, p_failure);
    else
      -- A declined card changes nothing: the checkout stays open for another try.
      v_outcome := 'applied';
  end case;
  update public.payment_events set applied_at = now() where id = p_event;
  return case when v_outcome = 'applied' then 'applied' else 'stale' end;
end $$;

/*
 * private.take_payment_event(p_provider text, p_event_id text, p_stored_type text, p_kind text,
 *   p_payment_id uuid, p_provider_ref text, p_amount_minor bigint, p_currency text,
 *   p_payload jsonb, p_release_days integer) → (result text, event_id uuid, booking_id uuid)
 *   (service: the payments webhook, for an event whose signature it verified)
 * Stores the event once by (provider, event id) and applies it in the same transaction:
 * 'duplicate' (stored before: nothing happens), 'flagged' (no payment of this provider matches),
 * 'unknown' (stored; not a payment event: the caller applies account and plan events), or
 * apply_payment_event's answer. The payment is ours by the id in our metadata, else by the
 * provider's payment reference (a Stripe dispute carries only its PaymentIntent). The booking is
 * locked first, as every transition locks it: the event row's foreign key takes a share lock on
 * it, and two events of one booking each holding that would deadlock on upgrading.
 */
create or replace function private.take_payment_event(
  p_provider text, p_event_id text, p_stored_type text, p_kind text, p_payment_id uuid,
  p_provider_ref text, p_amount_minor bigint, p_currency text, p_payload jsonb,
  p_release_days integer, out result text, out event_id uuid, out booking_id uuid
)
language plpgsql security definer set search_path = '' as $$
declare
  v_payment uuid;
  v_payload jsonb := p_payload;
  r record;
begin
  if p_payment_id is not null then
    select x.id, x.booking_id into v_payment, booking_id
      from public.payments x where x.id = p_payment_id and x.provider = p_provider;
  elsif p_provider_ref is not null and p_kind <> 'unknown' then
    select x.id, x.booking_id into v_payment, booking_id
      from public.payments x where x.provider = p_provider and x.provider_payment_id = p_provider_ref;
    if found then
      v_payload := jsonb_set(v_payload, '{event,paymentId}', to_jsonb(v_payment::text));
    end if;
  end if;
  if booking_id is not null then
    perform 1 from public.bookings b where b.id = take_payment_event.booking_id for update;
  end if;
  insert into public.payment_events (provider, event_id, type, booking_id, payload)
  values (p_provider, p_event_id, p_stored_type, take_payment_event.booking_id, v_payload)
  on conflict on constraint payment_events_provider_event_id_key do nothing
  returning id into event_id;
  if event_id is null then
    result := 'duplicate';
    return;
  elsif p_kind = 'unknown' then
    result := 'unknown';
    return;
  elsif v_payment is null then
    update public.payment_events set flagged_reason = 'No payment of this provider matches the event'
     where id = take_payment_event.event_id;
    result := 'flagged';
    return;
  end if;
  result := private.apply_payment_event(event_id, p_kind, v_payment, p_amount_minor, p_currency,
    p_provider_ref, p_payload -> 'event' ->> 'failure', p_release_days);
  if result <> 'applied' then
    return;
  end if;
  -- The payment moved: events of its booking that came too early apply now, in arrival order.
  for r in
    select e.id, e.payload -> 'event' as ev from public.payment_events e
     where e.booking_id = take_payment_event.booking_id and e.applied_at is null
       and e.flagged_reason is null and e.id <> take_payment_event.event_id
       and e.payload -> 'event' ->> 'type' is distinct from 'unknown'
     order by e.received_at
       for update
  loop
    perform private.apply_payment_event(r.id, r.ev ->> 'type', (r.ev ->> 'paymentId')::uuid,
      (r.ev ->> 'amountMinor')::bigint, r.ev ->> 'currency', r.ev ->> 'providerRef',
      r.ev ->> 'failure', p_release_days);
  end loop;
end $$;

revoke execute on function
  private.fail_payout(uuid, text, text),
  private.apply_payment_event(uuid, text, uuid, bigint, text, text, text, integer),
  private.take_payment_event(text, text, text, text, uuid, text, bigint, text, jsonb, integer)
  from public, anon, authenticated;
grant execute on function
  private.fail_payout(uuid, text, text),
  private.apply_payment_event(uuid, text, uuid, bigint, text, text, text, integer),
  private.take_payment_event(text, text, text, text, uuid, text, bigint, text, jsonb, integer)
  to service_role;
